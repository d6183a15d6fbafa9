import { describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { useStack } from './support/use-stack.js';

const stack = useStack({ env: { SUBGRAPH_TIMEOUT_MS: '1000' } });

describe('when a subgraph is down', () => {
  it('the gateway is not ready, names the subgraph, and queries report DOWNSTREAM_SERVICE_ERROR from it', async () => {
    await stack.subgraphs.get('archive')!.close();
    const response = await fetch(`${stack.gatewayOrigin}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('unavailable');
    expect(body.checks.archive).toBe('archive: unreachable');
    expect(body.checks.card).toBe('ok');

    const { data, errors } = await stack.graphql<{ person: { name: string; personnelArchive: unknown } }>(
      'query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { name personnelArchive { holder } } }',
      { n: DEMO_PEOPLE.zhangWei.idNumber },
    );
    // The rest of the answer still comes back; the failing part is null with its origin named.
    expect(data!.person.name).toBe('张伟');
    expect(data!.person.personnelArchive).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'archive' });
    expect(await stack.metric('gateway_subgraph_fetches_total', { subgraph: 'archive', outcome: 'network_error' })).toBeGreaterThan(0);
  });
});
