import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { openKeyValueStore } from '../src/kv/key-value-store.js';
import { startGateway } from '../app/services.js';
import { SUBMIT, unemploymentApplication, type Submitted } from './support/forms.js';
import { PERSON_ACROSS_SUBGRAPHS } from './support/queries.js';
import { OwnRedis } from './support/redis-server.js';
import { TestStack } from './support/stack.js';
import { tokenFor } from './support/tokens.js';

// Redis is a fast path, PostgreSQL the truth: with Redis paused or gone the gateway keeps serving.
const ANALYST_LIMIT = 40;
const BREAKER_OPEN_MS = 1000;

let redis: OwnRedis;
let stack: TestStack;
beforeAll(async () => {
  redis = await OwnRedis.start();
  stack = await TestStack.start({
    env: {
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '200',
      RATE_LIMITS: `analyst=${ANALYST_LIMIT}`,
      REDIS_BREAKER_OPEN_MS: String(BREAKER_OPEN_MS),
      DISPATCH_BACKOFF_MS: '20',
    },
  });
}, 60_000);
afterAll(async () => {
  redis?.resume();
  await stack?.stop();
  await redis?.stop();
});

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};
const submit = (input: unknown) => stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
const readyz = async () => {
  const response = await fetch(`${stack.gatewayOrigin}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string>; keyValueStore: { breaker: string } } };
};
const redisEntry = async (key: string) => {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return await client.get(`${stack.config.redisKeyPrefix}${key}`);
  } finally {
    await client.close();
  }
};

/** Everything a client does must still work, each within `boundMs`. */
async function servesWithoutRedis(boundMs: number): Promise<void> {
  // /readyz answers at once, degraded (not unavailable): the gateway serves from PostgreSQL.
  const ready = await timed(readyz);
  expect(ready.ms).toBeLessThan(1000);
  expect(ready.value.status).toBe(200);
  expect(ready.value.body.status).toBe('degraded');
  expect(ready.value.body.checks.database).toBe('ok');
  expect(ready.value.body.checks.card).toBe('ok');
  expect(ready.value.body.checks.keyValueStore).not.toBe('ok');

  // A submission is accepted: idempotency through PostgreSQL's unique key.
  const input = unemploymentApplication(DEMO_PEOPLE.chenJing, ['JOB_INTRODUCTION']);
  const first = await timed(() => submit(input));
  expect(first.value.errors).toBeUndefined();
  // Dispatched: the subgraph decided (a repeated job introduction may be refused by its rule).
  expect(first.value.data!.submitBundle.items.map((i) => i.status)).toEqual([expect.stringMatching(/^(ACCEPTED|REJECTED)$/)]);
  expect(first.ms).toBeLessThan(boundMs);
  // The same key again: the same submission; with another input: refused. One submission stored.
  const again = await timed(() => submit(input));
  expect(again.value.data!.submitBundle.id).toBe(first.value.data!.submitBundle.id);
  expect(again.ms).toBeLessThan(boundMs);
  const changed = await submit({ ...input, channel: 'MOBILE' });
  expect(changed.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  const rows = await stack.databases.get('gateway')!.query('SELECT 1 FROM gateway.submission WHERE idempotency_key LIKE $1', [`%|${input.idempotencyKey}`]);
  expect(rows).toHaveLength(1);

  // Person reads: the identity cache misses, the subgraphs answer.
  const person = await timed(() =>
    stack.graphql<{ person: { name: string } }>(PERSON_ACROSS_SUBGRAPHS, { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.zhangWei.idNumber }),
  );
  expect(person.value.errors).toBeUndefined();
  expect(person.value.data!.person.name).toBe('张伟');
  expect(person.ms).toBeLessThan(boundMs);
  // The public catalog, without a token.
  const catalog = await timed(() => stack.graphql<{ bundles: { code: string }[] }>('{ bundles { code } }', {}, undefined, { token: null }));
  expect(catalog.value.data!.bundles.length).toBeGreaterThan(0);
  expect(catalog.ms).toBeLessThan(boundMs);

  // Rate limits still apply, counted in this replica.
  const token = await tokenFor(stack, 'analyst', { sub: `outage-${Date.now()}` });
  const post = () =>
    fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
  const statuses: number[] = [];
  // The fixed window may turn over once while counting: then more than the limit pass, never all.
  for (let i = 0; i < ANALYST_LIMIT * 2 + 2; i += 1) statuses.push((await post()).status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.slice(0, ANALYST_LIMIT)).toEqual(Array(ANALYST_LIMIT).fill(200));

  // The breaker is on /metrics.
  expect(await stack.metric('gateway_kv_breaker_opened_total')).toBeGreaterThan(0);
  expect(await stack.metric('gateway_kv_breaker_state', { state: 'closed' })).toBe(0);
}

/** Polls /readyz until `ready`: on a loaded machine one probe may miss the 200 ms command timeout. */
async function untilReady(): Promise<Awaited<ReturnType<typeof readyz>>> {
  const deadline = Date.now() + 10_000;
  let ready = await readyz();
  while (ready.body.status !== 'ready' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    ready = await readyz();
  }
  return ready;
}

async function recovers(): Promise<void> {
  // Past the breaker's pause, a probe finds Redis again.
  const ready = await untilReady();
  expect(ready.body).toMatchObject({ status: 'ready', keyValueStore: { breaker: 'closed' } });
  expect(await stack.metric('gateway_kv_breaker_state', { state: 'closed' })).toBe(1);
  // The fast path is used again: a finished submission's key is in Redis.
  const input = unemploymentApplication(DEMO_PEOPLE.chenJing, ['JOB_INTRODUCTION']);
  const { data } = await submit(input);
  const entry = await redisEntry(`idempotency:v1:clerk:clerk-test|${input.idempotencyKey}`);
  expect(JSON.parse(entry!)).toMatchObject({ submissionId: data!.submitBundle.id });
}

describe('Redis that stops answering (SIGSTOP)', () => {
  it('costs no request more than a short timeout, and the gateway recovers when it answers again', async () => {
    expect((await untilReady()).body.status).toBe('ready');
    redis.pause();
    try {
      await servesWithoutRedis(3000);
    } finally {
      redis.resume();
    }
    await recovers();
  }, 60_000);
});

describe('Redis that is down', () => {
  it('refuses nothing, reports degraded, and is used again once it is back', async () => {
    await redis.kill();
    await servesWithoutRedis(3000);
    // A gateway (re)started meanwhile starts too, degraded, instead of failing to connect.
    const kv = await openKeyValueStore(redis.url, stack.config.redisKeyPrefix, stack.config.redis);
    const second = await startGateway(stack.config, { db: stack.databases.get('gateway')!, kv }, 0);
    try {
      const response = await fetch(second.url.replace(/\/graphql$/, '/readyz'));
      expect(((await response.json()) as { status: string }).status).toBe('degraded');
    } finally {
      await second.close();
      await kv.close();
    }
    await redis.restart();
    await recovers();
  }, 60_000);
});
