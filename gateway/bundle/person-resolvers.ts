import { personKey } from '../../src/identity/person-key.js';
import type { GatewayContext } from '../context.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';

/** `person(idType, idNumber)`: check the document, key it, resolve the shared identity once. */
export const personResolvers = {
  Query: {
    person: async (_: unknown, args: { idType: IdDocumentType; idNumber: string }, context: GatewayContext) => {
      const { idNumber } = checkIdDocument(args.idType, args.idNumber);
      const identity = await context.identities.load(personKey(context.personKeySecret, args.idType, idNumber));
      // Federation fills every other field from the subgraphs by this key.
      return identity ? { id: identity.id } : null;
    },
  },
};
