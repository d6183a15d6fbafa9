/**
 * `npm run chaos`: submissions under concurrency while the system is broken on purpose, then an
 * account of every one of them. Loopback only, bounded in time and count.
 *
 * The five subgraphs and the gateway run as separate processes (`node dist/app/main.js …`) on
 * free ports, with their own database (created on the PostgreSQL of DATABASE_URL, dropped after)
 * reached through a TCP proxy this script controls, and their own redis-server. Each round does
 * one thing to them while clients keep submitting (README example forms, repeated with the same
 * idempotency key until answered): SIGKILL a subgraph and start it again, SIGKILL the gateway and
 * start it again, pause Redis (SIGSTOP / SIGCONT), kill Redis and start an empty one, or make
 * PostgreSQL refuse connections for a while. Then everything is brought back, the recovery is
 * waited for, and each submission is accounted for (see chaos/accounting.ts). Prints the figures
 * and exits 1 on any loss, doubling, stuck item or unaudited answer (or if nothing was accepted).
 *
 * CHAOS_ROUNDS (default 10), CHAOS_ROUND_SECONDS (6), CHAOS_CONCURRENCY (4),
 * CHAOS_RECOVERY_SECONDS (90): the wait for every item to be final after the last round.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { envPrefix, loadConfig, SUBGRAPH_NAMES } from '../src/config.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { signDevelopmentToken } from '../gateway/auth/demo-tokens.js';
import { SUBMIT, cardApplication, unemploymentApplication } from '../test/support/forms.js';
import { freePort, OwnRedis } from '../test/support/redis-server.js';
import { TcpProxy } from '../test/support/tcp-proxy.js';
import { account, openItems, type ClientLedger } from './chaos/accounting.js';
import { ServiceProcess } from './chaos/processes.js';

const number = (name: string, fallback: number, max: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1 || value > max)
    throw new Error(`${name}: expected an integer from 1 to ${max}, got ${JSON.stringify(process.env[name])}`);
  return value;
};
const ROUNDS = number('CHAOS_ROUNDS', 10, 100);
const ROUND_MS = number('CHAOS_ROUND_SECONDS', 6, 120) * 1000;
const CONCURRENCY = number('CHAOS_CONCURRENCY', 4, 32);
const RECOVERY_MS = number('CHAOS_RECOVERY_SECONDS', 90, 600) * 1000;
/** A client repeats one submission (same key) at most this many times, 250 ms apart and more. */
const RETRIES = 60;
const CLIENT = { sub: 'chaos-clerk', region: '' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---- the stack -------------------------------------------------------------------------------
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `onething_chaos_${randomBytes(4).toString('hex')}`;
const direct = new URL(adminUrl);
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(direct.hostname))
  throw new Error(`chaos runs on loopback only: DATABASE_URL host is ${direct.hostname}`);
direct.pathname = `/${databaseName}`;
const logDir = await mkdtemp(join(tmpdir(), 'onething-chaos-'));

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${databaseName}`);
await admin.end();

const redis = await OwnRedis.start();
const proxy = await TcpProxy.start({
  host: direct.hostname === 'localhost' ? '127.0.0.1' : direct.hostname.replace(/^\[|\]$/g, ''),
  port: Number(direct.port || 5432),
});
const viaProxy = new URL(direct);
viaProxy.hostname = '127.0.0.1';
viaProxy.port = String(proxy.port);

const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const)));
const gatewayPort = await freePort();
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  LOG_LEVEL: 'warn',
  DATABASE_URL: viaProxy.toString(),
  REDIS_URL: redis.url,
  REDIS_KEY_PREFIX: 'chaos:',
  GATEWAY_PORT: String(gatewayPort),
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_PORT`, String(ports[name])])),
  // Fast recovery, so the run stays short: leases of 5 s, a recovery pass every second.
  DISPATCH_LEASE_SECONDS: '5',
  DISPATCH_RECOVERY_INTERVAL_MS: '1000',
  DISPATCH_BACKOFF_MS: '10',
  DISPATCH_MAX_TOTAL_ATTEMPTS: '1000',
  SUBGRAPH_TIMEOUT_MS: '2000',
  IDEMPOTENCY_WAIT_MS: '3000',
  REDIS_BREAKER_OPEN_MS: '1000',
  RATE_LIMITS: 'clerk=100000000',
};
const subgraphs = SUBGRAPH_NAMES.map((name) => new ServiceProcess(name, ['subgraph', name], ports[name]!, env, logDir));
const gateway = new ServiceProcess('gateway', ['gateway'], gatewayPort, env, logDir);

/** Starts a service, again and again while the database may be refusing (bounded). */
async function bringUp(service: ServiceProcess): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await service.start();
    } catch (error) {
      if (attempt >= 10) throw error;
      await sleep(500);
    }
  }
}

// ---- the clients -----------------------------------------------------------------------------
const ledger: ClientLedger = { answered: new Map(), answeredWithoutRedis: new Set(), unanswered: new Set(), refused: new Map() };
const token = await signDevelopmentToken(loadConfig({}), 'clerk', CLIENT);
const forms = [
  () => unemploymentApplication(DEMO_PEOPLE.chenJing, ['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']),
  () => unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_REGISTRATION', 'UNEMPLOYMENT_BENEFIT', 'JOB_INTRODUCTION']),
  () => cardApplication(DEMO_PEOPLE.liuYang, [{ code: 'CARD_APPLICATION', fields: { deliveryMethod: 'PICKUP' } }]),
];
/** Answers that say "not now": the same submission is sent again with its key. */
const RETRY_CODES = new Set(['IDEMPOTENCY_KEY_IN_PROGRESS', 'DOWNSTREAM_SERVICE_ERROR', 'INTERNAL_SERVER_ERROR', 'AUDIT_UNAVAILABLE']);
let redisDown = false;
let loadRunning = true;

async function submitOnce(input: { idempotencyKey: string }): Promise<void> {
  for (let attempt = 0; attempt < RETRIES; attempt += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SUBMIT, variables: { input } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { data?: { submitBundle?: { id: string } | null }; errors?: { extensions?: { code?: string } }[] };
      const id = body.data?.submitBundle?.id;
      if (id && !body.errors?.length) {
        ledger.answered.set(input.idempotencyKey, new Set([...(ledger.answered.get(input.idempotencyKey) ?? []), id]));
        // Answered while Redis was paused or down (not merely sent then).
        if (redisDown) ledger.answeredWithoutRedis.add(input.idempotencyKey);
        return;
      }
      const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
      if (!RETRY_CODES.has(code) && response.status < 500) {
        ledger.refused.set(input.idempotencyKey, code);
        return;
      }
    } catch {
      // The gateway is down or did not answer: send it again with the same key.
    }
    await sleep(250 + Math.min(attempt, 8) * 100);
  }
  ledger.unanswered.add(input.idempotencyKey);
}

async function client(index: number): Promise<void> {
  for (let n = 0; loadRunning && n < 10_000; n += 1) {
    await submitOnce(forms[(index + n) % forms.length]!());
  }
}

// ---- the faults ------------------------------------------------------------------------------
type Fault = { name: string; run(): Promise<void> };
const faults: Fault[] = [
  {
    name: 'SIGKILL a subgraph, start it again',
    async run() {
      const victim = subgraphs[Math.floor(Math.random() * subgraphs.length)]!;
      log(`  SIGKILL ${victim.name}`);
      await victim.kill();
      await sleep(ROUND_MS / 3);
      await bringUp(victim);
    },
  },
  {
    name: 'pause Redis (SIGSTOP), resume it',
    async run() {
      redisDown = true;
      redis.pause();
      await sleep(ROUND_MS / 2);
      redis.resume();
      redisDown = false;
    },
  },
  {
    name: 'SIGKILL the gateway, start it again',
    async run() {
      await gateway.kill();
      await sleep(ROUND_MS / 6);
      await bringUp(gateway);
    },
  },
  {
    name: 'kill Redis, start an empty one',
    async run() {
      redisDown = true;
      await redis.kill();
      await sleep(ROUND_MS / 2);
      await redis.restart();
      redisDown = false;
    },
  },
  {
    name: 'PostgreSQL refuses connections, then is back',
    async run() {
      await proxy.cutOff();
      await sleep(ROUND_MS / 3);
      await proxy.restore();
    },
  },
];

let exitCode = 1;
const started = Date.now();
try {
  log(`database ${databaseName} (through proxy :${proxy.port}), redis :${redis.port}, logs in ${logDir}`);
  await Promise.all(subgraphs.map(bringUp));
  await bringUp(gateway);
  log(`${ROUNDS} rounds of ${ROUND_MS / 1000} s, ${CONCURRENCY} clients`);
  const clients = Array.from({ length: CONCURRENCY }, (_, i) => client(i));
  for (let round = 0; round < ROUNDS; round += 1) {
    const fault = faults[round % faults.length]!;
    log(`round ${round + 1}: ${fault.name}`);
    const roundStart = Date.now();
    await fault.run();
    await sleep(Math.max(0, ROUND_MS - (Date.now() - roundStart)));
  }
  loadRunning = false;
  // Everything back up (a fault's restart may have failed), then the clients' last answers.
  await proxy.restore();
  redis.resume();
  await redis.restart();
  redisDown = false;
  for (const service of [...subgraphs, gateway]) await bringUp(service);
  await Promise.all(clients);

  log(`load stopped after ${((Date.now() - started) / 1000).toFixed(0)} s; waiting up to ${RECOVERY_MS / 1000} s for every item to be final`);
  const deadline = Date.now() + RECOVERY_MS;
  let open = await openItems(direct.toString());
  while (open > 0 && Date.now() < deadline) {
    await sleep(1000);
    open = await openItems(direct.toString());
  }

  const figures = await account(direct.toString(), ledger, `clerk:${CLIENT.sub}`);
  console.log(`
chaos: ${ROUNDS} rounds, ${CONCURRENCY} clients, ${((Date.now() - started) / 1000).toFixed(0)} s
  submissions sent            ${figures.sent}
  accepted                    ${figures.accepted}
  accepted while Redis down   ${figures.acceptedWithoutRedis}
  refused (final answer)      ${figures.refused}${figures.refused ? ` (${[...new Set(ledger.refused.values())].join(', ')})` : ''}
  unanswered after retries    ${figures.unanswered}
  items                       ${figures.items} (given up: ${figures.givenUp})
  lost                        ${figures.lost}
  doubled                     ${figures.doubled}
  stuck                       ${figures.stuck}
  unaudited                   ${figures.unaudited}`);
  for (const line of figures.details.slice(0, 20)) console.log(`  ! ${line}`);
  console.log(`CHAOS_RESULT ${JSON.stringify({ ...figures, details: figures.details.length })}`);
  const ok = figures.accepted > 0 && figures.lost === 0 && figures.doubled === 0 && figures.stuck === 0 && figures.unaudited === 0;
  exitCode = ok ? 0 : 1;
  log(ok ? 'every submission accounted for' : 'FAILED: see above');
} catch (error) {
  console.error(error);
} finally {
  loadRunning = false;
  for (const service of [gateway, ...subgraphs]) await service.stop().catch(() => undefined);
  await redis.stop();
  await proxy.stop();
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await cleanup.end();
}
process.exit(exitCode);
