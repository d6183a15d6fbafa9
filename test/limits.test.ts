import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_OPERATION_LIMITS, limitsFor } from '../gateway/plugins/limits.js';
import { PersistedOperations } from '../gateway/plugins/persisted-operations.js';
import { DEFAULT_RATE_LIMITS, DEFAULT_RATE_LIMIT_WINDOW_SECONDS, rateLimitKey, rateLimitPlugin } from '../gateway/plugins/rate-limit.js';
import { openKeyValueStore, type KeyValueStore } from '../src/kv/key-value-store.js';
import { startGateway, type RunningService } from '../app/services.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { cardApplication } from './support/forms.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

interface Reply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const ZHANG_WEI = 'idType: RESIDENT_ID_CARD, idNumber: "320102198507150016"';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('abuse limits', () => {
  const stack = useStack({}, 120_000);
  let clerk: string;
  let agent: string;
  const registry = PersistedOperations.load();
  const registered = (name: string) => {
    const found = [...registry.entries()].find(([, document]) => new RegExp(`^(query|mutation) ${name}\\b`).test(document));
    if (!found) throw new Error(`no registered operation ${name}`);
    return { hash: found[0], document: found[1] };
  };

  /** Posts a raw GraphQL-over-HTTP body; keeps the HTTP status, which stack.graphql does not. */
  const post = async (body: unknown, token: string | null, url = stack.gateway.url): Promise<Reply> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : { errors: [{ message: text }] } };
  };
  const fetches = () => stack.metric('gateway_subgraph_fetches_total');
  const codes = (reply: Reply) => reply.body.errors?.map((e) => e.extensions?.code) ?? [];

  beforeAll(async () => {
    clerk = await tokenFor(stack, 'clerk');
    agent = await tokenFor(stack, 'agent');
  });

  describe('operation size (graphql-armor), refused before any subgraph is called', () => {
    it('lets the README person query through, within every limit', async () => {
      const reply = await post(
        { query: `{ person(${ZHANG_WEI}) { name socialSecurityCard { status bankAccount { bankName } } employmentRegistrations { employer { name } } } }` },
        clerk,
      );
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data?.person).toMatchObject({ name: '张伟' });
    });

    it('refuses a query nested deeper than maxDepth', async () => {
      let selection = 'name';
      for (let level = 0; level < 5; level += 1) selection = `cardReplacements { person { ${selection} } }`;
      const before = await fetches();
      const reply = await post({ query: `{ person(${ZHANG_WEI}) { ${selection} } }` }, clerk);
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([
        {
          message: `operation too large: depth 12, at most ${DEFAULT_OPERATION_LIMITS.maxDepth} (maxDepth)`,
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth', max: DEFAULT_OPERATION_LIMITS.maxDepth, found: 12 },
        },
      ]);
      expect(await fetches()).toBe(before);
    });

    it('refuses an alias bomb', async () => {
      const aliases = Array.from({ length: 50 }, (_, i) => `p${i}: person(${ZHANG_WEI}) { name }`).join(' ');
      const before = await fetches();
      const reply = await post({ query: `{ ${aliases} }` }, clerk);
      expect(reply.status).toBe(400);
      expect(reply.body.errors?.[0]?.extensions).toEqual({
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit: 'aliases',
        max: DEFAULT_OPERATION_LIMITS.maxAliases,
        found: 50,
      });
      expect(await fetches()).toBe(before);
    });

    it('refuses a query whose cost is over maxCost (here: a wide page of submissions)', async () => {
      const item =
        'itemCode itemName status reference acceptedAt dueDate finishedAt metDueDate skipReason attempts owner selection rejection { code message field }';
      const node = `id bundleCode bundleName status channel createdAt updatedAt finishedAt timeLimitWorkingDays timeLimitSummary items { ${item} } history { at itemCode from to detail } person { name gender birthDate socialSecurityCard { status } }`;
      const before = await fetches();
      const reply = await post({ query: `{ submissions(first: 100) { edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } } }` }, clerk);
      expect(reply.status).toBe(400);
      const extensions = reply.body.errors?.[0]?.extensions;
      expect(extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost', max: DEFAULT_OPERATION_LIMITS.maxCost });
      expect(extensions?.found).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
      expect(await fetches()).toBe(before);
    });

    it('refuses a document of too many tokens before parsing it', async () => {
      const before = await fetches();
      const reply = await post({ query: `{ ${'__typename '.repeat(DEFAULT_OPERATION_LIMITS.maxTokens + 1)}}` }, clerk);
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([
        {
          message: `operation too large: tokens over ${DEFAULT_OPERATION_LIMITS.maxTokens}, at most ${DEFAULT_OPERATION_LIMITS.maxTokens} (maxTokens)`,
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', max: DEFAULT_OPERATION_LIMITS.maxTokens },
        },
      ]);
      expect(await fetches()).toBe(before);
    });

    it('refuses too many directives', async () => {
      const fields = Array.from({ length: DEFAULT_OPERATION_LIMITS.maxDirectives + 1 }, (_, i) => `t${i}: __typename @include(if: true)`);
      const reply = await post({ query: `{ ${fields.join(' ')} }` }, clerk);
      expect(reply.status).toBe(400);
      expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'directives' });
    });

    it('answers a body over 1 MB with HTTP 413, before GraphQL sees it', async () => {
      const reply = await post(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(2 * 1024 * 1024) } }), clerk);
      expect(reply.status).toBe(413);
    });

    it('checks its options once, listing every fault', () => {
      expect(() => limitsFor({ maxDepth: 0, maxCost: 1.5 })).toThrow(
        'invalid operation limits:\nmaxDepth: expected a positive integer, got 0\nmaxCost: expected a positive integer, got 1.5',
      );
    });
  });

  describe('rate limits per client, in Redis', () => {
    let kv: KeyValueStore;
    let second: RunningService;

    beforeAll(async () => {
      // A second replica on the same subgraphs, database and Redis prefix: what a deployment runs.
      kv = await openKeyValueStore(stack.config.redisUrl, stack.config.redisKeyPrefix);
      second = await startGateway(stack.config, { db: stack.databases.get('gateway')!, kv }, 0);
    }, 60_000);
    afterAll(async () => {
      await second?.close();
      await kv?.close();
    });

    it('counts one client across two gateway replicas and refuses it over its limit with RATE_LIMITED (HTTP 429)', async () => {
      const limit = DEFAULT_RATE_LIMITS.analyst;
      const windowMs = DEFAULT_RATE_LIMIT_WINDOW_SECONDS * 1000;
      // The windows are fixed: start where this one has time left, so every count lands in it.
      const left = windowMs - (Date.now() % windowMs);
      if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
      const token = await tokenFor(stack, 'analyst', { sub: `rate-limit-${Date.now()}` });
      const replicas = [stack.gateway.url, second.url];
      for (let sent = 0; sent < limit; sent += 10) {
        const batch = await Promise.all(Array.from({ length: 10 }, (_, i) => post({ query: '{ __typename }' }, token, replicas[(sent + i) % 2])));
        expect(batch.map((reply) => reply.status)).toEqual(Array(10).fill(200));
      }
      // Each replica saw only half the limit: the next operation is refused on either because they share the count.
      for (const url of replicas) {
        const reply = await post({ query: '{ __typename }' }, token, url);
        expect(reply.status).toBe(429);
        const [error] = reply.body.errors ?? [];
        expect(error?.extensions?.code).toBe('RATE_LIMITED');
        const retryAfter = error?.extensions?.retryAfterSeconds as number;
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(DEFAULT_RATE_LIMIT_WINDOW_SECONDS);
        expect(reply.headers.get('retry-after')).toBe(String(retryAfter));
        expect(error?.message).toBe(
          `rate limit exceeded: at most ${limit} operations per ${DEFAULT_RATE_LIMIT_WINDOW_SECONDS} s for this client; retry in ${retryAfter} s`,
        );
      }
      // Another client is not affected.
      expect((await post({ query: '{ __typename }' }, await tokenFor(stack, 'analyst', { sub: 'someone-else' }), second.url)).status).toBe(200);
    }, 90_000);

    it('refuses an over-limit client before any subgraph is called', async () => {
      const sub = `rate-limit-clerk-${Date.now()}`;
      const token = await tokenFor(stack, 'clerk', { sub });
      const before = await fetches();
      // Use up the clerk's window in the shared store, as its operations on other replicas would.
      // The window might turn over between filling and asking: then once more.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const key = rateLimitKey(`clerk:${sub}`, DEFAULT_RATE_LIMIT_WINDOW_SECONDS);
        for (let i = 0; i < DEFAULT_RATE_LIMITS.clerk; i += 1) await kv.incr(key, DEFAULT_RATE_LIMIT_WINDOW_SECONDS + 1);
        const reply = await post({ query: `{ person(${ZHANG_WEI}) { name employmentRegistrations { startedOn } } }` }, token);
        if (reply.status !== 429) continue;
        expect(codes(reply)).toEqual(['RATE_LIMITED']);
        expect(await fetches()).toBe(before);
        return;
      }
      throw new Error('the clerk was never rate limited');
    }, 60_000);

    it('checks its options once', () => {
      expect(() => rateLimitPlugin({ kv: undefined as never, windowSeconds: 0, perWindow: { agent: -1, robot: 5 } as never })).toThrow(
        'invalid rate limits:\nwindowSeconds: expected a positive integer, got 0\nperWindow.agent: expected a positive integer, got -1\nperWindow.robot: expected one of anonymous, citizen, clerk, agent, proxy, analyst, admin, got an unknown role',
      );
    });
  });

  describe('agent terminals run registered operations only, by hash', () => {
    const byHash = (hash: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

    it('runs a registered operation sent by its hash', async () => {
      const { hash } = registered('AgentCardBundles');
      const reply = await post(byHash(hash), agent);
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
      const bundles = reply.body.data?.bundles as { code: string }[];
      expect(bundles.map((b) => b.code)).toContain('national-social-security-card');
    });

    it('runs the registered form query with its variables', async () => {
      const reply = await post(byHash(registered('AgentBundleForm').hash, { bundleCode: 'national-social-security-card', items: ['CARD_APPLICATION'] }), agent);
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data?.form).toMatchObject({ bundleCode: 'national-social-security-card', items: [{ code: 'CARD_APPLICATION' }] });
    });

    it('submits a bundle and reads the submission back, by hash', async () => {
      const terminal = await tokenFor(stack, 'agent', { sub: 'bank-branch-xuanwu', terminal: 'bank-branch-xuanwu', items: ['CARD_PIN_RESET'] });
      const input = {
        ...cardApplication(DEMO_PEOPLE.zhangWei, [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }]),
        channel: 'BANK_AGENT',
        presence: { verifiedBy: 'ID_CARD_READER' },
      };
      const submitted = await post(byHash(registered('AgentSubmitBundle').hash, { input }), terminal);
      expect(submitted.body.errors).toBeUndefined();
      const submission = submitted.body.data?.submitBundle as { id: string; channel: string; items: { itemCode: string; status: string }[] };
      expect(submission).toMatchObject({ channel: 'BANK_AGENT', items: [{ itemCode: 'CARD_PIN_RESET' }] });
      const read = await post(byHash(registered('AgentSubmission').hash, { id: submission.id }), terminal);
      expect(read.body.errors).toBeUndefined();
      expect(read.body.data?.submission).toMatchObject({
        id: submission.id,
        bundleCode: 'national-social-security-card',
        items: [{ itemCode: 'CARD_PIN_RESET', status: submission.items[0]!.status }],
      });
    });

    it('refuses query text from an agent with PERSISTED_QUERY_REQUIRED, before any subgraph is called', async () => {
      const before = await fetches();
      const plain = await post({ query: '{ bundles(filter: { subgraph: "card" }) { code } }' }, agent);
      expect(plain.status).toBe(400);
      expect(plain.body).toEqual({
        errors: [
          {
            message: 'role agent: only registered operations may be run, sent by hash (extensions.persistedQuery.sha256Hash) without query text',
            extensions: { code: 'PERSISTED_QUERY_REQUIRED' },
          },
        ],
      });
      // Even the text of a registered operation, with its hash: terminals send the hash alone.
      const { hash, document } = registered('AgentSubmission');
      const withText = await post({ query: document, ...byHash(hash, { id: '00000000-0000-0000-0000-000000000000' }) }, agent);
      expect(codes(withText)).toEqual(['PERSISTED_QUERY_REQUIRED']);
      expect(await fetches()).toBe(before);
    });

    it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
      const reply = await post(byHash(sha256('{ person(idType: RESIDENT_ID_CARD, idNumber: "320102198507150016") { name } }')), agent);
      expect(codes(reply)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(reply.body.data).toBeUndefined();
    });

    it('cannot be tricked by a hash another client made Apollo remember', async () => {
      // A clerk sends text with its hash (automatic persisted queries); an agent then asks by that hash.
      const query = '{ bundles(filter: { subgraph: "insurance" }) { code } }';
      expect((await post({ query, ...byHash(sha256(query)) }, clerk)).body.errors).toBeUndefined();
      expect(codes(await post(byHash(sha256(query)), agent))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });

    it('leaves other roles sending query text, and lets them use the registered hashes', async () => {
      expect((await post({ query: '{ bundles(filter: { subgraph: "card" }) { code } }' }, clerk)).body.errors).toBeUndefined();
      expect((await post(byHash(registered('AgentCardBundles').hash), clerk)).body.errors).toBeUndefined();
    });

    it('registers documents that still validate against the supergraph and fit the limits', async () => {
      for (const [hash, document] of registry.entries()) {
        // Without variables: required ones fail at execution (BAD_USER_INPUT), after validation passed.
        const reply = await post(byHash(hash), agent);
        expect({ document, codes: codes(reply).filter((code) => code !== 'BAD_USER_INPUT' && code !== 'FORBIDDEN') }).toEqual({ document, codes: [] });
      }
    });

    it('offers Apollo a read-only APQ cache of the registry (keys prefixed apq:), which ignores writes', async () => {
      const cache = registry.readOnlyCache();
      const { hash, document } = registered('AgentSubmission');
      expect(await cache.get(`apq:${hash}`)).toBe(document);
      const other = '{ __typename }';
      await cache.set(`apq:${sha256(other)}`, other);
      expect(await cache.get(`apq:${sha256(other)}`)).toBeUndefined();
    });

    it('refuses to load a registry whose key is not its document hash', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'persisted-'));
      try {
        const file = join(dir, 'ops.json');
        const document = 'query A { __typename }';
        await writeFile(file, JSON.stringify({ [sha256(document)]: document, ['0'.repeat(64)]: 'query B { __typename }' }));
        expect(() => PersistedOperations.load(file)).toThrow(
          `${file}: invalid persisted operations:\n${'0'.repeat(64)}: expected the sha256 of its document, got the document of ${sha256('query B { __typename }')}`,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
