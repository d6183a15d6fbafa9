/**
 * Item handlers by item code: the typed map each subgraph gives its generated
 * `<name>ItemResolvers` (subgraphs/<name>/generated/items.ts), turned into the mutations of its
 * generated schema. The handler holds the item's rules; checking the caller and the dispatch,
 * and running once per idempotency key in the ledger's transaction, come from `itemMutation`.
 */
import type { Queryable } from '../db/database.js';
import type { ItemDispatch, ItemOutcome } from '../contract/item-contract.js';
import { itemMutation, type LedgerContext } from './item-ledger.js';

/** The input of an item with no fields of its own (its mutation takes no `input`). */
export type NoInput = Readonly<Record<string, never>>;

/** One item's rules: write through `tx` (the ledger's transaction) and say what came of it. */
export type ItemHandler<Input> = (tx: Queryable, input: Input, dispatch: ItemDispatch) => Promise<ItemOutcome>;

export interface ItemResolverOptions {
  /** Runs first in every item's transaction (e.g. serialise one person's items). */
  readonly before?: (tx: Queryable, dispatch: ItemDispatch) => Promise<void>;
}

/** The Mutation resolvers of a subgraph's items: each handler under its item's mutation name. */
export function itemResolvers<Code extends string>(
  mutations: Readonly<Record<Code, string>>,
  handlers: { readonly [C in Code]: ItemHandler<never> },
  options: ItemResolverOptions = {},
): Record<string, ReturnType<typeof itemMutation<object, LedgerContext>>> {
  const resolvers: Record<string, ReturnType<typeof itemMutation<object, LedgerContext>>> = {};
  for (const code of Object.keys(mutations) as Code[]) {
    const handle = handlers[code] as ItemHandler<object>;
    resolvers[mutations[code]] = itemMutation<object, LedgerContext>(code, async (tx, input, dispatch) => {
      await options.before?.(tx, dispatch);
      return handle(tx, input, dispatch);
    });
  }
  return resolvers;
}
