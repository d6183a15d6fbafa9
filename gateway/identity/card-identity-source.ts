import type { SubgraphFetcher } from '../subgraph-fetcher.js';
import type { IdentitySource, SharedIdentity } from './shared-identity.js';

const ENTITIES = `query SharedIdentity($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { id gender birthDate } }
}`;

/** Shared identity comes from the card subgraph, owner of the base identity, in one `_entities` call. */
export function cardIdentitySource(fetcher: SubgraphFetcher, cardUrl: string): IdentitySource {
  return {
    async fetch(personKeys) {
      const data = await fetcher.graphql<{ _entities: (SharedIdentity | null)[] }>('card', cardUrl, ENTITIES, {
        representations: personKeys.map((id) => ({ __typename: 'Person', id })),
      });
      return data._entities;
    },
  };
}
