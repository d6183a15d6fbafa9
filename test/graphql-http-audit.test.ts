import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditServer, type AuditResult } from 'graphql-http';
import { TestStack } from './support/stack.js';

/**
 * The GraphQL-over-HTTP conformance audit of the `graphql-http` package against the gateway:
 * no MUST may fail, and no audit request may get an HTTP 5xx (the audit's "document validation
 * failure" case, `{ 8f31403dfe404bccbb0e835f2629c6a7 }`, was an HTTP 500).
 */
let stack: TestStack;
let results: AuditResult[];
const statuses: number[] = [];

beforeAll(async () => {
  stack = await TestStack.start();
  results = await auditServer({
    url: stack.gateway.url,
    fetchFn: async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('graphql-http auditServer against the gateway', () => {
  it('fails no MUST', async () => {
    const failures = results.flatMap((r) => (r.status === 'error' ? [`${r.name}: ${r.reason}`] : []));
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });

  it('never answers an audit request with an HTTP 5xx', () => {
    expect(statuses.length).toBeGreaterThanOrEqual(results.length);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});
