import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServiceName } from '../src/config.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { TEST_DATABASE_URL } from './support/environment.js';
import { captureLogs } from './support/logs.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { useStack } from './support/use-stack.js';

// The gateway reaches PostgreSQL through a proxy the last test cuts; the subgraphs directly.
const databaseHosts: Partial<Record<ServiceName, string>> = {};
let proxy: TcpProxy | undefined;
beforeAll(async () => {
  const database = new URL(TEST_DATABASE_URL);
  proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port || 5432) });
  databaseHosts.gateway = proxy.host;
});
afterAll(async () => {
  await proxy?.restore();
  await proxy?.stop();
});
const stack = useStack({ env: { SUBGRAPH_TIMEOUT_MS: '1000' }, databaseHosts });

const readyz = async () => {
  const response = await fetch(`${stack.gatewayOrigin}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
};

describe('every service has /metrics, and names itself in its logs', () => {
  it('a subgraph counts and times its GraphQL requests and the errors it answered', async () => {
    const origin = stack.subgraphs.get('card')!.url.replace(/\/graphql$/, '');
    await stack.graphql('query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { name } }', { n: DEMO_PEOPLE.zhangWei.idNumber });
    await stack.graphql('{ nonsense }', {}, stack.subgraphs.get('card')!.url);
    const response = await fetch(`${origin}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^subgraph_graphql_request_seconds_count\{outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^subgraph_graphql_request_seconds_count\{outcome="client_error"\} 1$/m);
    expect(text).toMatch(/^subgraph_graphql_errors_total\{code="\w+"\} 1$/m);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('the gateway times operations and subgraph fetches', async () => {
    expect(await stack.metric('gateway_operation_seconds_count', { type: 'query', outcome: 'ok' })).toBeGreaterThan(0);
    expect(await stack.metric('gateway_subgraph_fetch_seconds_count', { subgraph: 'card' })).toBeGreaterThan(0);
    expect(await stack.metric('gateway_subgraph_up', { subgraph: 'card' })).toBe(1);
  });

  it('each log line names its service', async () => {
    const apps = [stack.gateway.app, stack.subgraphs.get('card')!.app];
    const lines = captureLogs(apps);
    await stack.graphql('query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { name } }', { n: DEMO_PEOPLE.liNa.idNumber });
    for (const app of apps) (app.log as unknown as { level: string }).level = 'silent';
    const services = new Set(lines.map((line) => (JSON.parse(line) as { service?: string }).service));
    expect(services).toEqual(new Set(['gateway', 'card']));
    for (const line of lines) expect(line).not.toContain(DEMO_PEOPLE.liNa.idNumber);
  });
});

describe('when a subgraph is down', () => {
  it('the gateway stays ready (degraded, naming the subgraph), only its fields fail with DOWNSTREAM_SERVICE_ERROR, and metrics show it down', async () => {
    await stack.stopSubgraph('archive');
    const { status, body } = await readyz();
    // One subgraph's outage must not take every gateway replica out of the load balancer.
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks.archive).toBe('archive: unreachable');
    expect(body.checks.card).toBe('ok');
    expect(body.checks.database).toBe('ok');

    const { data, errors } = await stack.graphql<{ person: { name: string; personnelArchive: unknown } }>(
      'query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { name personnelArchive { holder } } }',
      { n: DEMO_PEOPLE.zhangWei.idNumber },
    );
    // The rest of the answer still comes back; the failing part is null with its origin named.
    expect(data!.person.name).toBe('张伟');
    expect(data!.person.personnelArchive).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'archive' });
    expect(await stack.metric('gateway_subgraph_fetches_total', { subgraph: 'archive', outcome: 'network_error' })).toBeGreaterThan(0);
    expect(await stack.metric('gateway_subgraph_up', { subgraph: 'archive' })).toBe(0);
    expect(await stack.metric('gateway_subgraph_up', { subgraph: 'card' })).toBe(1);

    await stack.restartSubgraph('archive');
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(await stack.metric('gateway_subgraph_up', { subgraph: 'archive' })).toBe(1);
  });

  it('the gateway is unavailable (503) only when its own database does not answer', async () => {
    // PostgreSQL gone for the gateway alone.
    await proxy!.cutOff();
    try {
      const { status, body } = await readyz();
      expect(status).toBe(503);
      expect(body.status).toBe('unavailable');
      expect(body.checks.database).not.toBe('ok');
      expect(body.checks.card).toBe('ok');
    } finally {
      await proxy!.restore();
    }
    expect((await readyz()).status).toBe(200);
  });
});
