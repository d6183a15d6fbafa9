import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { ZH_MESSAGES } from '../src/messages/index.js';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { readFileSync } from 'node:fs';
import { AGENT_TERMINAL_MANIFEST_FILE, PersistedOperations, type PersistedQueryManifest } from '../gateway/plugins/persisted-operations.js';
import { typePolicies } from '../src/client/type-policies.js';
import { DEMO_EMPLOYERS } from '../src/demo/demo-data.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

/**
 * Issue #14, client caching: Apollo Client itself, with the shipped type policies, against the
 * running stack: catalog types and employers are normalized by their `id`, a single read finds
 * what a list brought, and what the cache gives back is what the gateway answered (materials,
 * which share a material's id across items, do not overwrite one another). Apollo warns (console)
 * when it would lose data: no warning is allowed.
 */
const stack = useStack();
let warnings: string[];
beforeEach(() => {
  warnings = [];
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
});
afterEach(() => {
  jest.restoreAllMocks();
  expect(warnings).toEqual([]);
});

async function client(token?: string): Promise<ApolloClient> {
  token ??= await tokenFor(stack, 'clerk');
  return new ApolloClient({
    link: new HttpLink({ uri: stack.gateway.url, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache({ typePolicies }),
  });
}

const CATALOG = gql`
  query Catalog {
    bundles {
      id
      code
      name
      source {
        document
        number
      }
      entries {
        selection
        item {
          id
          code
          name
          owner {
            kind
            name
          }
          materials {
            id
            name
            condition
          }
        }
      }
    }
  }
`;

describe('Apollo Client with the shipped type policies', () => {
  it('normalizes bundles and items by id, and gives back from the cache exactly what the gateway answered', async () => {
    const apollo = await client();
    const { data } = await apollo.query({ query: CATALOG, fetchPolicy: 'network-only' });
    const answered = JSON.parse(JSON.stringify(data)) as {
      bundles: { id: string; code: string; entries: { item: { id: string; code: string; materials: { id: string; condition: string | null }[] } }[] }[];
    };
    expect(answered.bundles.length).toBeGreaterThan(20);
    for (const bundle of answered.bundles) {
      expect(bundle.id).toBe(bundle.code);
      for (const entry of bundle.entries) expect(entry.item.id).toBe(entry.item.code);
    }
    const cached = apollo.cache.extract() as Record<string, unknown>;
    expect(cached['Bundle:national-unemployment']).toMatchObject({ code: 'national-unemployment' });
    expect(cached['ServiceItem:UNEMPLOYMENT_BENEFIT']).toMatchObject({ code: 'UNEMPLOYMENT_BENEFIT' });
    // One material, several conditions across items: the case a normalized material would break.
    const conditions = new Map<string, Set<string | null>>();
    for (const bundle of answered.bundles)
      for (const entry of bundle.entries) for (const m of entry.item.materials) conditions.set(m.id, (conditions.get(m.id) ?? new Set()).add(m.condition));
    expect([...conditions.values()].some((set) => set.size > 1)).toBe(true);
    expect(apollo.cache.readQuery({ query: CATALOG })).toEqual(answered);
  });

  it('reads one bundle, item and employer from what a list or an earlier read brought, without asking again', async () => {
    const apollo = await client();
    await apollo.query({ query: CATALOG });
    const operations = await stack.metric('gateway_operations_total');
    const bundle = await apollo.query({
      query: gql`
        query B {
          bundle(code: "national-unemployment") {
            id
            name
          }
          item(code: "UNEMPLOYMENT_BENEFIT") {
            id
            name
          }
        }
      `,
    });
    expect(bundle.data).toMatchObject({ bundle: { id: 'national-unemployment' }, item: { id: 'UNEMPLOYMENT_BENEFIT' } });
    // cache-first (the default) found both: the gateway was not asked.
    expect(await stack.metric('gateway_operations_total')).toBe(operations);

    const creditCode = Object.values(DEMO_EMPLOYERS)[0]!.creditCode;
    const EMPLOYER = gql`
      query E($creditCode: String!) {
        employer(creditCode: $creditCode) {
          id
          creditCode
          name
        }
      }
    `;
    const first = await apollo.query({ query: EMPLOYER, variables: { creditCode } });
    expect(first.data).toMatchObject({ employer: { id: creditCode, creditCode } });
    expect((apollo.cache.extract() as Record<string, unknown>)[`Employer:${creditCode}`]).toMatchObject({ creditCode });
    const again = await apollo.query({ query: EMPLOYER, variables: { creditCode } });
    expect(again.data).toEqual(first.data);
  });

  it('surfaces a whole-operation refusal (HTTP 401) to the UI as GraphQL errors with the code and the Chinese message', async () => {
    const apollo = await client('not-a-token');
    const { data, error } = await apollo.query({ query: CATALOG, errorPolicy: 'all', fetchPolicy: 'network-only' });
    expect(data).toBeUndefined();
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    const [first] = (error as CombinedGraphQLErrors).errors;
    expect(first).toMatchObject({ message: ZH_MESSAGES.UNAUTHENTICATED, extensions: { code: 'UNAUTHENTICATED' } });
  });

  it("runs an agent terminal's registered operations through Apollo's persisted-query link with the shipped manifest", async () => {
    const manifest = JSON.parse(readFileSync(AGENT_TERMINAL_MANIFEST_FILE, 'utf8')) as PersistedQueryManifest;
    // The file is what `npm run compose` makes of the registry: in step with it.
    expect(manifest).toEqual(PersistedOperations.load().manifest());
    const token = await tokenFor(stack, 'agent');
    const apollo = new ApolloClient({
      link: new PersistedQueryLink(
        generatePersistedQueryIdsFromManifest({ loadManifest: () => Promise.resolve({ operations: [...manifest.operations] }) }),
      ).concat(new HttpLink({ uri: stack.gateway.url, headers: { authorization: `Bearer ${token}` } })),
      cache: new InMemoryCache({ typePolicies }),
    });
    const operation = manifest.operations.find((o) => o.name === 'AgentCardBundles')!;
    // The registered documents select no __typename: read past the cache (see the report / README).
    const { data, error } = await apollo.query({ query: gql(operation.body), fetchPolicy: 'no-cache' });
    expect(error).toBeUndefined();
    expect((data as { bundles: unknown[] }).bundles.length).toBeGreaterThan(0);

    // The same document without the manifest: Apollo hashes its own printing, and the gateway refuses it.
    const hashing = new ApolloClient({
      link: new PersistedQueryLink({ sha256: async (text: string) => (await import('node:crypto')).createHash('sha256').update(text).digest('hex') }).concat(
        new HttpLink({ uri: stack.gateway.url, headers: { authorization: `Bearer ${token}` } }),
      ),
      cache: new InMemoryCache(),
    });
    const refused = await hashing.query({ query: gql(operation.body), fetchPolicy: 'no-cache', errorPolicy: 'all' });
    expect(CombinedGraphQLErrors.is(refused.error)).toBe(true);
    expect((refused.error as CombinedGraphQLErrors).errors[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
  });
});
