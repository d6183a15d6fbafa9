/**
 * Apollo Client's cache policies for this gateway's schema: give them to `new InMemoryCache({
 * typePolicies })` (README § Front-ends). Plain data typed by @apollo/client (a type import only:
 * the gateway does not run it); test/apollo-client.test.ts runs them with the real client against the stack.
 *
 * - Entities with an `id` (Bundle, ServiceItem, Employer, Person, Submission, Delegation,
 *   AuditEvent) are normalized by Apollo's default `__typename:id`; nothing to declare.
 * - Materials carry the id of the material, not of what the object says about it: the same
 *   material has its own `condition` in each item and its own `requiredBy` in each form, so they
 *   stay inside their parent (`keyFields: false`) instead of overwriting one another.
 * - Objects without identity that only describe their parent are merged into the one cached
 *   before (`merge: true`), so reading more of their fields later keeps the earlier ones.
 * - `bundle(code)`, `item(code)` and `employer(creditCode)` read what a list already brought.
 */
import type { FieldPolicy, TypePolicies } from '@apollo/client';

const byId = (typename: string, argument: string): FieldPolicy => ({
  read(existing: unknown, { args, toReference }) {
    const id: unknown = args?.[argument];
    return existing ?? (typeof id === 'string' ? toReference({ __typename: typename, id }) : undefined);
  },
});

export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      bundle: byId('Bundle', 'code'),
      item: byId('ServiceItem', 'code'),
      employer: byId('Employer', 'creditCode'),
    },
  },
  ItemMaterial: { keyFields: false },
  BundleFormMaterial: { keyFields: false },
  ServiceGuideMaterial: { keyFields: false },
  BundleSource: { merge: true },
  ItemOwner: { merge: true },
  ItemHandling: { merge: true },
  BundleTimeLimit: { merge: true },
  ItemTimeLimit: { merge: true },
};
