import { personKey } from '../../src/identity/person-key.js';
import { assertMayReadPerson, authenticated, regionOfDocument } from '../auth/authorize.js';
import type { GatewayContext } from '../context.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';

/**
 * `person(idType, idNumber)`: check the document, check the caller may read this person (before
 * anything is fetched), key it, resolve the shared identity once.
 */
export const personResolvers = {
  Query: {
    person: async (_: unknown, args: { idType: IdDocumentType; idNumber: string }, context: GatewayContext) => {
      const { idNumber } = checkIdDocument(args.idType, args.idNumber);
      const key = personKey(context.personKeySecret, args.idType, idNumber);
      await assertMayReadPerson(
        authenticated(context.principal, 'person'),
        { key, region: regionOfDocument(args.idType, idNumber) },
        context.submissions.delegations,
      );
      const identity = await context.identities.load(key);
      if (identity) context.audit.touch(identity.id);
      // Federation fills every other field from the subgraphs by this key.
      return identity ? { id: identity.id } : null;
    },
  },
};
