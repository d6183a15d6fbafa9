/**
 * `npm run bench`: throughput and latency of the gateway against a baseline measured in the
 * same run, on loopback only. Uses PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set
 * (a throwaway database is created and dropped), otherwise the embedded default.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { TestStack } from '../test/support/stack.js';
import { PERSON_ACROSS_SUBGRAPHS } from '../test/support/queries.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Figures {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function measure(name: string, url: string, query: string, variables: Record<string, unknown>): Promise<Figures> {
  const body = JSON.stringify({ query, variables });
  // Warm up (query plans, JIT, connection pools) before the measured run.
  await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: 1 });
  const result = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: DURATION_SECONDS });
  return { name, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const row = (f: Figures) => `${f.name.padEnd(44)} ${f.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors}`;

const embedded = process.env.DATABASE_URL ? undefined : { dataDir: await mkdtemp(join(tmpdir(), 'onething-bench-')) };
const stack = await TestStack.start({ ...(embedded ? { embedded } : {}) });
try {
  console.log(`bench: ${DURATION_SECONDS}s per case, ${CONNECTIONS} connections, ${embedded ? 'embedded PGlite + in-process cache' : 'PostgreSQL + Redis'}\n`);
  const employerQuery = 'query Employer($c: String!) { employer(creditCode: $c) { name kind regionCode insuredSince } }';
  const employer = { c: DEMO_EMPLOYERS.software.creditCode };
  const direct = await measure('employer (insurance), straight to subgraph', stack.subgraphs.get('insurance')!.url, employerQuery, employer);
  const viaGateway = await measure('employer (insurance), through gateway', stack.gateway.url, employerQuery, employer);
  const person = await measure('person across 5 subgraphs, through gateway', stack.gateway.url, PERSON_ACROSS_SUBGRAPHS, {
    idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.zhangWei.idNumber,
  });
  for (const figures of [direct, viaGateway, person]) console.log(row(figures));
  console.log(`\nratio gateway ÷ direct (one-subgraph query): throughput ${(viaGateway.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}, p50 latency ${(viaGateway.p50 / Math.max(direct.p50, 1)).toFixed(2)}, p99 latency ${(viaGateway.p99 / Math.max(direct.p99, 1)).toFixed(2)}`);
  console.log(`ratio person (5 subgraphs) ÷ direct one-subgraph: throughput ${(person.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}, p50 latency ${(person.p50 / Math.max(direct.p50, 1)).toFixed(2)}`);
} finally {
  await stack.stop();
  if (embedded) await rm(embedded.dataDir, { recursive: true, force: true });
}
