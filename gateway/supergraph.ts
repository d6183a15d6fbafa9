import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import type { Catalog } from '../src/catalog/index.js';

/**
 * @apollo/gateway refuses a supergraph whose `@requiresScopes` feature is marked `for: SECURITY`,
 * since it does not enforce it; this gateway does (requireScopesPlugin), so it loads the supergraph
 * with that one purpose mark removed. Any other unsupported SECURITY feature still fails start-up.
 */
export function withScopesEnforcedHere(supergraphSdl: string): string {
  return supergraphSdl.replace(/(@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v[\d.]+"), for: SECURITY\)/, '$1)');
}

/** Items whose mutation the supergraph has: the ones submitBundle can dispatch today. */
export function availableItemsOf(catalog: Catalog, supergraphSdl: string): ReadonlySet<string> {
  const mutation = parse(supergraphSdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
  );
  const fields = new Set(mutation?.fields?.map((f) => f.name.value) ?? []);
  return new Set([...catalog.items.values()].filter((item) => item.mutation && fields.has(item.mutation)).map((item) => item.code));
}
