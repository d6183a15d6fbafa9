import { describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const keys = () => Object.values(DEMO_PEOPLE).map((p) => personKey(stack.config.personKeySecret, p.idType, p.idNumber));
const representations = () => keys().map((id) => ({ __typename: 'Person', id }));

describe('__resolveReference is batched per request', () => {
  it.each([
    ['card', '... on Person { id name }', 1],
    ['card', '... on Person { id name socialSecurityCard { status } }', 2],
    ['employment', '... on Person { id employmentRegistrations { startedOn } unemploymentStatus { registered } }', 2],
    ['insurance', '... on Person { id insuredSchemes { scheme } handlingAgency { name } benefits { kind } }', 2],
    ['archive', '... on Person { id personnelArchive { holder } partyMembership { category } }', 2],
    ['civil-service', '... on Person { id appointments { post } }', 1],
  ] as const)('%s: one _entities call for five people runs one SQL statement per table (%s)', async (subgraph, selection, statements) => {
    const db = stack.databases.get(subgraph)!;
    const before = db.statements.length;
    const { data, errors } = await stack.graphql<{ _entities: unknown[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
      { r: representations() },
      stack.subgraphs.get(subgraph)!.url,
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toHaveLength(5);
    expect(db.statements.length - before).toBe(statements);
  });

  it('counts business dates in Beijing time (record numbers, current_date)', async () => {
    const [row] = await stack.databases.get('card')!.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz");
    expect(row!.tz).toBe('Asia/Shanghai');
  });

  it('a person the card subgraph does not know resolves to null, not an error', async () => {
    const { data } = await stack.graphql<{ _entities: unknown[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } } }',
      { r: [{ __typename: 'Person', id: 'p_unknownunknownunknownunknow' }] },
      stack.subgraphs.get('card')!.url,
    );
    expect(data!._entities).toEqual([null]);
  });
});
