import { describe, expect, it } from '@jest/globals';
import { startGateway } from '../app/services.js';
import { loadConfig } from '../src/config.js';
import { openKeyValueStore } from '../src/kv/key-value-store.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { captureLogs } from './support/logs.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

/**
 * Issue #14, browser-callable: a page on an allowed origin passes a real CORS preflight and reads
 * the answer (and its request id); any other origin gets no Access-Control-* header, and with no
 * CORS_ORIGINS at all none is allowed. A request's id is taken from the client or made, echoed,
 * passed to the subgraphs and on every log line the request causes.
 */
const PORTAL = 'https://portal.example.gov.cn';
const stack = useStack({ env: { CORS_ORIGINS: `${PORTAL}, http://127.0.0.1:5173`, CORS_CREDENTIALS: 'true' } });

const preflight = (origin: string, url = stack.gateway.url) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization,accept-language' },
  });

describe('CORS', () => {
  it('answers a preflight from an allowed origin with what a browser needs to send the operation', async () => {
    const response = await preflight(PORTAL);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers')!.split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'accept-language']));
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('lets the page read the answer and its request id', async () => {
    const token = await tokenFor(stack, 'clerk');
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { origin: PORTAL, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ person(idType: RESIDENT_ID_CARD, idNumber: "${DEMO_PEOPLE.zhangWei.idNumber}") { name } }` }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await response.json()) as { data: { person: { name: string } } }).data.person.name).toBe(DEMO_PEOPLE.zhangWei.name);
  });

  it('gives a foreign origin no Access-Control-* header, on the preflight and on the request', async () => {
    const denied = await preflight('https://evil.example.com');
    expect(denied.status).toBe(404);
    expect([...denied.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ bundles { code } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin at all by default', async () => {
    const config = loadConfig({ ...process.env, CORS_ORIGINS: '', ...portsOf(stack.config) });
    expect(config.cors).toEqual({ origins: [], credentials: false });
    const kv = await openKeyValueStore(undefined, 'cors-default:', config.redis);
    const gateway = await startGateway(config, { db: stack.databases.get('gateway')!, kv }, 0);
    try {
      const response = await preflight(PORTAL, gateway.url);
      expect(response.status).toBe(404);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    } finally {
      await gateway.close();
      await kv.close();
    }
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming it', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://ok.example.cn,portal.example.cn/path' })).toThrow(
      /CORS_ORIGINS: expected .*got "portal\.example\.cn\/path"/,
    );
  });
});

describe('x-request-id', () => {
  it("echoes the client's id, passes it to the subgraphs and puts it on every line the request logs", async () => {
    const apps = [stack.gateway.app, ...[...stack.subgraphs.values()].map((service) => service.app)];
    const lines = captureLogs(apps);
    const id = `portal-${Date.now()}`;
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id, authorization: `Bearer ${await tokenFor(stack, 'clerk')}` },
      body: JSON.stringify({ query: `{ person(idType: RESIDENT_ID_CARD, idNumber: "${DEMO_PEOPLE.zhangWei.idNumber}") { name insuredSchemes { scheme } } }` }),
    });
    expect(response.headers.get('x-request-id')).toBe(id);
    await response.json();
    for (const app of apps) (app.log as unknown as { level: string }).level = 'silent';
    const parsed = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
    expect(parsed.length).toBeGreaterThan(2);
    // The gateway's lines and the subgraphs' (insurance answered a part): all under the one id.
    expect(parsed.filter((line) => line.reqId !== id)).toEqual([]);
    expect(lines.filter((line) => line.includes('"incoming request"')).length).toBeGreaterThanOrEqual(3);
  });

  it('makes one when the client sends none or one that is not plain', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'a b\u00e9' },
      body: JSON.stringify({ query: '{ bundles { code } }' }),
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

function portsOf(config: ReturnType<typeof loadConfig>): Record<string, string> {
  return {
    EMPLOYMENT_URL: config.subgraphs.employment.url,
    INSURANCE_URL: config.subgraphs.insurance.url,
    CARD_URL: config.subgraphs.card.url,
    ARCHIVE_URL: config.subgraphs.archive.url,
    CIVIL_SERVICE_URL: config.subgraphs['civil-service'].url,
    PERSON_KEY_SECRET: config.personKeySecret,
    LOG_LEVEL: 'silent',
  };
}
