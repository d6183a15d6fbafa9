import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { dispatchFor } from './support/items.js';
import { captureLogs } from './support/logs.js';
import { SUBMIT, unemploymentApplication } from './support/forms.js';
import { TestStack } from './support/stack.js';
import { tokenFor } from './support/tokens.js';

/**
 * Issue #8, finding 7: client input must never reach an internal error or a database's words.
 * Each case is a client error with a stable code (and the field), HTTP 4xx where
 * GraphQL-over-HTTP says so; nothing is stored, no subgraph is called for what the gateway can
 * tell is wrong, and no log line holds the document or an input value. The stack runs as in
 * production (NODE_ENV=production: no schema suggestions).
 */
interface Reply {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[] };
}

/** An ID number that must never be logged: every hostile document and variable carries it. */
const SECRET = DEMO_PEOPLE.zhangWei.idNumber;
const ENGINE_WORDS =
  /date\/time field value|out of range|invalid input syntax|Unicode escape|Maximum call stack|SQLSTATE|relation "|syntax error at|Unexpected token|is not a function|Cannot read propert|Did you mean/i;

let stack: TestStack;
let clerk: string;
let admin: string;
let logs: string[];
const consoleCalls: string[] = [];

beforeAll(async () => {
  stack = await TestStack.start({
    env: { NODE_ENV: 'production', JWT_SECRET: `jwt-${randomUUID()}-${randomUUID()}`, INTERNAL_CONTEXT_SECRET: `internal-${randomUUID()}-${randomUUID()}` },
  });
  clerk = await tokenFor(stack, 'clerk');
  admin = await tokenFor(stack, 'admin');
  logs = captureLogs([stack.gateway.app, ...[...stack.subgraphs.values()].map((s) => s.app)]);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args.map(String).join(' ')));
  }
}, 120_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await stack?.stop();
});
afterEach(() => {
  // Whatever a case sent, no log line and no console output holds the ID number it carried.
  expect(logs.filter((line) => line.includes(SECRET))).toEqual([]);
  expect(consoleCalls).toEqual([]);
});

async function post(body: unknown, token: string | null = clerk): Promise<Reply> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  expect(text).not.toMatch(ENGINE_WORDS);
  return { status: response.status, body: JSON.parse(text) as Reply['body'] };
}

const fetches = () => stack.metric('gateway_subgraph_fetches_total');
const count = async (table: string) => Number((await stack.databases.get('gateway')!.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
const only = (reply: Reply) => {
  expect(reply.body.errors).toHaveLength(1);
  return reply.body.errors![0]!;
};

describe('broken documents and request parameters: HTTP 400 with a stable code, before anything runs', () => {
  it.each([
    ['a number glued to a name', '{ 8f31403dfe404bccbb0e835f2629c6a7 }'],
    ['an unterminated string holding an ID number', `{ person(idType: RESIDENT_ID_CARD, idNumber: "${SECRET}) { name } }`],
    ['an unterminated block string', `{ bundle(code: """${SECRET}) { name } }`],
    ['a stray character', `{ person(idType: RESIDENT_ID_CARD, idNumber: ${SECRET}§) { name } }`],
  ])('%s: GRAPHQL_PARSE_FAILED', async (_, query) => {
    const before = await fetches();
    const reply = await post({ query });
    expect(reply.status).toBe(400);
    expect(only(reply).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(await fetches()).toBe(before);
  });

  it('an operation name of 200,000 characters: BAD_REQUEST on operationName', async () => {
    const reply = await post({ query: '{ bundles { code } }', operationName: `Q${SECRET}`.repeat(10_000) });
    expect(reply.status).toBe(400);
    expect(only(reply)).toEqual({
      message: 'operationName: expected a GraphQL name of at most 128 characters',
      extensions: { code: 'BAD_REQUEST', field: 'operationName' },
    });
  });

  it('an operation name the document does not have, or several operations and none named: OPERATION_RESOLUTION_FAILURE', async () => {
    const unknown = await post({ query: 'query Bundles { bundles { code } }', operationName: 'Items' });
    expect(unknown.status).toBe(400);
    expect(only(unknown)).toEqual({
      message: 'operationName: the document has no operation of this name',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE', field: 'operationName' },
    });
    const unnamed = await post({ query: 'query A { bundles { code } } query B { items { code } }' });
    expect(unnamed.status).toBe(400);
    expect(only(unnamed).extensions).toEqual({ code: 'OPERATION_RESOLUTION_FAILURE', field: 'operationName' });
  });

  it.each([
    ['version 2, a number as hash', { version: 2, sha256Hash: 1 }, 'extensions.persistedQuery.version'],
    ['a number as hash', { version: 1, sha256Hash: 1 }, 'extensions.persistedQuery.sha256Hash'],
    ['a hash that is not hexadecimal', { version: 1, sha256Hash: SECRET }, 'extensions.persistedQuery.sha256Hash'],
    ['not an object', 'yes', 'extensions.persistedQuery'],
  ])('extensions.persistedQuery with %s: BAD_REQUEST naming the field', async (_, persistedQuery, field) => {
    for (const query of [undefined, '{ bundles { code } }']) {
      const reply = await post({ query, extensions: { persistedQuery } });
      expect(reply.status).toBe(400);
      expect(only(reply).extensions).toEqual({ code: 'BAD_REQUEST', field });
    }
  });

  it('a persisted-query hash that is not the hash of the query sent with it: BAD_REQUEST', async () => {
    const reply = await post({ query: '{ bundles { code } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(reply.status).toBe(400);
    expect(only(reply)).toEqual({
      message: 'extensions.persistedQuery.sha256Hash: not the SHA-256 of the query sent with it',
      extensions: { code: 'BAD_REQUEST', field: 'extensions.persistedQuery.sha256Hash' },
    });
  });
});

describe('dates that are not in the calendar', () => {
  const REGISTER = 'mutation ($d: ItemDispatchInput!) { registerUnemployment(dispatch: $d) { status } }';

  it('applicant.birthDate "2025-02-30" in an item mutation: BAD_USER_INPUT on the variable path, no subgraph called', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_REGISTRATION');
    const before = await fetches();
    const reply = await post({ query: REGISTER, variables: { d: { ...dispatch, applicant: { ...dispatch.applicant, birthDate: '2025-02-30' } } } });
    expect(reply.status).toBe(400);
    expect(only(reply).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'd.applicant.birthDate' });
    expect(only(reply).message).toMatch(/Date: expected a calendar date as YYYY-MM-DD, got "2025-02-30"$/);
    expect(await fetches()).toBe(before);
  });

  it('the same date as a literal: GRAPHQL_VALIDATION_FAILED, no subgraph called', async () => {
    const before = await fetches();
    const reply = await post({
      query: `mutation { registerUnemployment(dispatch: { idempotencyKey: "k-1", itemCode: "UNEMPLOYMENT_REGISTRATION", channel: ONLINE,
      applicant: { personId: "p", name: "张伟", gender: MALE, birthDate: "2025-02-30", idType: RESIDENT_ID_CARD, idNumber: "${SECRET}" } }) { status } }`,
    });
    expect(reply.status).toBe(400);
    expect(only(reply)).toEqual({
      message: 'Date: expected a calendar date as YYYY-MM-DD, got "2025-02-30"',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(await fetches()).toBe(before);
  });

  const cursor = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    [
      'submissions createdFrom',
      'query ($v: String) { submissions(filter: { createdFrom: $v }) { edges { cursor } } }',
      '2025-02-30',
      'filter.createdFrom',
      () => clerk,
    ],
    [
      'submissions createdTo',
      'query ($v: String) { submissions(filter: { createdTo: $v }) { edges { cursor } } }',
      '2025-04-31T08:00:00+08:00',
      'filter.createdTo',
      () => clerk,
    ],
    [
      'a submissions cursor holding it',
      'query ($v: String) { submissions(after: $v) { edges { cursor } } }',
      cursor({ createdAt: '2025-02-30', id: 'sub_1' }),
      'after',
      () => clerk,
    ],
    [
      'a submissions cursor holding a NUL',
      'query ($v: String) { submissions(after: $v) { edges { cursor } } }',
      cursor({ createdAt: '2025-02-28', id: 'a\u0000' }),
      'after',
      () => clerk,
    ],
    ['auditEvents from', 'query ($v: String) { auditEvents(filter: { from: $v }) { edges { cursor } } }', '2025-02-30', 'filter.from', () => admin],
    [
      'an audit cursor past bigint',
      'query ($v: String) { auditEvents(after: $v) { edges { cursor } } }',
      cursor({ id: '9999999999999999999' }),
      'after',
      () => admin,
    ],
    ['statistics from', 'query ($v: String) { statistics(filter: { from: $v }) { submissions } }', '2025-02-29', 'filter.from', () => admin],
  ])('%s: BAD_USER_INPUT naming the field, never the database’s words', async (_, query, value, field, token) => {
    const reply = await post({ query, variables: { v: value } }, token());
    expect(only(reply).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('what PostgreSQL cannot store, and values nested too deep', () => {
  const validate = 'query ($i: ValidateBundleInput!) { validateBundle(input: $i) { valid } }';

  it.each([
    ['a NUL byte in a form field', { name: `张伟\u0000${SECRET}` }, 'i.sharedFields.name'],
    ['a lone surrogate in a form field', { name: `\ud800${SECRET}` }, 'i.sharedFields.name'],
    ['a NUL byte in a key', { [`a\u0000${SECRET}`]: 'x' }, 'i.sharedFields'],
  ])('submitBundle with %s: BAD_USER_INPUT on the field, nothing stored', async (_, extra, field) => {
    const input = unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_REGISTRATION']);
    Object.assign(input.sharedFields, extra);
    const before = await count('gateway.submission');
    const reply = await post({ query: SUBMIT, variables: { input } });
    expect(reply.status).toBe(400);
    expect(only(reply).extensions).toEqual({ code: 'BAD_USER_INPUT', field: field.replace(/^i\./, 'input.') });
    expect(await count('gateway.submission')).toBe(before);
  });

  it('a NUL byte in a string literal: BAD_USER_INPUT naming the argument', async () => {
    const reply = await post({ query: '{ submissions(filter: { bundleCode: "national\\u0000" }) { edges { cursor } } }' });
    expect(reply.status).toBe(400);
    expect(only(reply).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.bundleCode' });
  });

  it('sharedFields nested 5,000 levels: BAD_USER_INPUT, no stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5_000)}"${SECRET}"${'}'.repeat(5_000)}`;
    const reply = await post(
      `{"query":${JSON.stringify(validate)},"variables":{"i":{"bundleCode":"national-unemployment","items":[],"sharedFields":${deep}}}}`,
    );
    expect(reply.status).toBe(400);
    expect(only(reply)).toMatchObject({ message: expect.stringMatching(/nests deeper than 32 levels$/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('sharedFields nested 20 levels (within the variables, beyond a JSON value): BAD_USER_INPUT from the JSON scalar', async () => {
    let value: unknown = SECRET;
    for (let level = 0; level < 20; level += 1) value = { a: value };
    const reply = await post({ query: validate, variables: { i: { bundleCode: 'national-unemployment', items: [], sharedFields: value } } });
    expect(reply.status).toBe(400);
    expect(only(reply)).toMatchObject({
      message: expect.stringMatching(/JSON: the value nests deeper than 16 levels$/),
      extensions: { code: 'BAD_USER_INPUT', field: 'i.sharedFields' },
    });
  });
});

describe('in production, no schema suggestion in any message', () => {
  it('a misspelt enum value in a variable: BAD_USER_INPUT without "Did you mean"', async () => {
    const reply = await post({ query: 'query ($c: Channel) { submissions(filter: { channel: $c }) { edges { cursor } } }', variables: { c: 'ONLIN' } });
    expect(reply.status).toBe(400);
    expect(only(reply)).toEqual({
      message: 'Variable "$c" got invalid value "ONLIN"; Value "ONLIN" does not exist in "Channel" enum.',
      locations: [{ line: 1, column: 8 }],
      extensions: { code: 'BAD_USER_INPUT', field: 'c' },
    });
  });

  it('a misspelt field: GRAPHQL_VALIDATION_FAILED without "Did you mean"', async () => {
    const reply = await post({ query: '{ bundles { cod } }' });
    expect(reply.status).toBe(400);
    expect(only(reply).message).toBe('Cannot query field "cod" on type "Bundle".');
  });
});
