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
import { tokenFor } from '../test/support/tokens.js';
import { INTERNAL_CONTEXT_HEADER, signInternalContext } from '../src/auth/internal-context.js';
import { PERSON_ACROSS_SUBGRAPHS } from '../test/support/queries.js';
import { SUBMIT, unemploymentApplication } from '../test/support/forms.js';
import { loadCatalog } from '../src/catalog/index.js';
import { personKey } from '../src/identity/person-key.js';
import { randomUUID } from 'node:crypto';
import { benchProactiveRun, benchStatistics } from './bench-proactive.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WIDE_CONNECTIONS = Number(process.env.BENCH_WIDE_CONNECTIONS ?? 50);
/** `reads` skips the submitBundle part (for profiling the read path). */
const ONLY = process.env.BENCH_ONLY;

interface Figures {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** CPU time of this whole process (gateway, subgraphs and the load generator) per request: steadier than req/s on a shared machine. */
  readonly cpuMsPerRequest: number;
}

async function measure(
  name: string,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  auth: Record<string, string>,
  connections = CONNECTIONS,
): Promise<Figures> {
  const body = JSON.stringify({ query, variables });
  const headers = { 'content-type': 'application/json', ...auth };
  // Warm up (query plans, JIT, connection pools) before the measured run.
  await autocannon({ url, method: 'POST', headers, body, connections, duration: 1 });
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ url, method: 'POST', headers, body, connections, duration: DURATION_SECONDS });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(result.requests.total, 1),
  };
}

const row = (f: Figures) =>
  `${f.name.padEnd(48)} ${f.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   CPU ${f.cpuMsPerRequest.toFixed(2).padStart(6)} ms/req   errors ${f.errors}`;

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 30);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/**
 * The national 失业 bundle with all its items: (a) one submitBundle, (b) the same item mutations
 * sent one by one by a client through the gateway. Sequential runs, so latencies compare work.
 */
async function benchSubmitBundle(): Promise<void> {
  const catalog = loadCatalog();
  const bundle = catalog.bundles.get('national-unemployment')!;
  const chosen = bundle.items.filter((e) => e.selection !== 'AUTOMATIC').map((e) => e.code);
  const person = DEMO_PEOPLE.zhangWei;
  const post = async (query: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...clerk },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
    return performance.now() - started;
  };
  const identityBefore = await stack.metric('gateway_identity_resolutions_total');
  const fetchesBefore = await stack.metric('gateway_subgraph_fetches_total');
  const bundled: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i += 1) bundled.push(await post(SUBMIT, { input: unemploymentApplication(person, chosen) }));
  const identityPer = ((await stack.metric('gateway_identity_resolutions_total')) - identityBefore) / SUBMISSIONS;
  const fetchesPer = ((await stack.metric('gateway_subgraph_fetches_total')) - fetchesBefore) / SUBMISSIONS;

  // (b) what a client without submitBundle does: each item's mutation in turn, itself building the dispatch.
  const form = unemploymentApplication(person, chosen);
  const applicant = {
    personId: personKey(stack.config.personKeySecret, person.idType, person.idNumber),
    name: person.name,
    gender: person.gender,
    birthDate: person.birthDate,
    idType: person.idType,
    idNumber: person.idNumber,
    phone: person.phone,
  };
  const oneByOne: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i += 1) {
    let total = 0;
    for (const entry of form.items) {
      const item = catalog.items.get(entry.code)!;
      const dispatch = { idempotencyKey: randomUUID(), itemCode: item.code, channel: 'COUNTER', applicant, sharedFields: form.sharedFields };
      const outcome = 'itemCode status reference';
      total +=
        item.fields.length > 0
          ? await post(
              `mutation ($input: ${item.inputTypeName}!, $dispatch: ItemDispatchInput!) { ${item.mutation}(input: $input, dispatch: $dispatch) { ${outcome} } }`,
              { input: entry.fields, dispatch },
            )
          : await post(`mutation ($dispatch: ItemDispatchInput!) { ${item.mutation}(dispatch: $dispatch) { ${outcome} } }`, { dispatch });
    }
    oneByOne.push(total);
  }
  const line = (name: string, values: number[]) =>
    `${name.padEnd(58)} p50 ${percentile(values, 0.5).toFixed(1).padStart(7)} ms   p99 ${percentile(values, 0.99).toFixed(1).padStart(7)} ms`;
  console.log(`
失业 bundle, ${chosen.length} items chosen, ${SUBMISSIONS} sequential runs each`);
  console.log(line('(a) one submitBundle', bundled));
  console.log(line(`(b) ${form.items.length} item mutations one by one through the gateway`, oneByOne));
  console.log(`ratio (a) ÷ (b): p50 ${(percentile(bundled, 0.5) / percentile(oneByOne, 0.5)).toFixed(2)}`);
  console.log(`per submission: ${identityPer.toFixed(2)} identity resolutions, ${fetchesPer.toFixed(1)} subgraph fetches`);
}

const embedded = process.env.DATABASE_URL ? undefined : { dataDir: await mkdtemp(join(tmpdir(), 'onething-bench-')) };
// The bench measures cost, not the abuse limits: its one client may send as much as it can.
const stack = await TestStack.start({ ...(embedded ? { embedded } : {}), env: { RATE_LIMITS: 'clerk=100000000' } });
// A nationwide clerk: the role that may run every case measured here.
const clerk = { authorization: `Bearer ${await tokenFor(stack, 'clerk')}` };
try {
  console.log(`bench: ${DURATION_SECONDS}s per case, ${CONNECTIONS} connections, ${embedded ? 'embedded PGlite + in-process cache' : 'PostgreSQL + Redis'}\n`);
  const employerQuery = 'query Employer($c: String!) { employer(creditCode: $c) { name kind regionCode insuredSince } }';
  const employer = { c: DEMO_EMPLOYERS.software.creditCode };
  // The subgraph straight: with the gateway's signed internal context (valid 60 s, enough for a case).
  const internal = {
    [INTERNAL_CONTEXT_HEADER]: await signInternalContext(stack.config.auth.internalContextSecret, 'insurance', {
      subject: 'bench',
      role: 'clerk',
      scopes: ['employer:read'],
      requestId: 'bench',
    }),
  };
  const direct = await measure('employer (insurance), straight to subgraph', stack.subgraphs.get('insurance')!.url, employerQuery, employer, internal);
  const viaGateway = await measure('employer (insurance), through gateway', stack.gateway.url, employerQuery, employer, clerk);
  const personVariables = { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.zhangWei.idNumber };
  const person = await measure(`person across 5 subgraphs, through gateway`, stack.gateway.url, PERSON_ACROSS_SUBGRAPHS, personVariables, clerk);
  // Does throughput keep growing with more clients?
  const personWide = await measure(
    `person across 5 subgraphs, ${WIDE_CONNECTIONS} connections`,
    stack.gateway.url,
    PERSON_ACROSS_SUBGRAPHS,
    personVariables,
    clerk,
    WIDE_CONNECTIONS,
  );
  for (const figures of [direct, viaGateway, person, personWide]) console.log(row(figures));
  console.log(
    `\nratio gateway ÷ direct (one-subgraph query): throughput ${(viaGateway.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}, p50 latency ${(viaGateway.p50 / Math.max(direct.p50, 1)).toFixed(2)}, p99 latency ${(viaGateway.p99 / Math.max(direct.p99, 1)).toFixed(2)}`,
  );
  console.log(
    `person ${WIDE_CONNECTIONS} ÷ ${CONNECTIONS} connections: throughput ${(personWide.requestsPerSecond / person.requestsPerSecond).toFixed(2)}, p50 latency ${(personWide.p50 / Math.max(person.p50, 1)).toFixed(2)}`,
  );
  console.log(
    `ratio person (5 subgraphs) ÷ direct one-subgraph: throughput ${(person.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}, p50 latency ${(person.p50 / Math.max(direct.p50, 1)).toFixed(2)}`,
  );

  if (ONLY !== 'reads') {
    await benchSubmitBundle();
    await benchProactiveRun(stack);
    await benchStatistics(stack);
  }
} finally {
  await stack.stop();
  if (embedded) await rm(embedded.dataDir, { recursive: true, force: true });
}
