import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../src/errors.js';
import type { GatewayContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { OperationWalk, type EnclosingObject } from '../audit/operation-walk.js';
import { PERSONAL_FIELDS, maskValue, type PersonalDataKind } from '../audit/personal-fields.js';

/** The scope that lets a caller see personal values in full: counter staff (`clerk`) handling the case. */
export const FULL_VALUES_SCOPE = 'person:read:full';

export const seesFullValues = (principal: Principal | undefined): boolean => principal?.kind === 'authenticated' && principal.scopes.has(FULL_VALUES_SCOPE);

/** The result type of `Query.prefill`: values of one person's record, as a `Person`'s are. */
const PREFILL_TYPE = 'BundlePrefill';

/**
 * What even the owner sees masked when reading their own record: a bank account number, as the
 * bank's own statements show it (the subgraphs already return `****1234` to everyone but counter
 * staff); a full account number on a screen is what phishing asks for, and no service of this
 * platform needs the owner to read it back.
 */
export const OWNER_SEES_MASKED: ReadonlySet<PersonalDataKind> = new Set<PersonalDataKind>(['BANK_ACCOUNT']);

/**
 * Whether a leaf lies in the caller's own `Person`: a citizen reaches no other person (the
 * `person` rule, applied by the resolvers before anything is read: `Query.person`,
 * `Submission.person`, `SubmissionItem.record`), and where the object's `id` was selected it is
 * checked to be the citizen's own key as well; so is a `BundlePrefill` (`Query.prefill`). A proxy
 * reads someone else's record: masked.
 */
function inOwnPerson(principal: Principal | undefined, enclosing: readonly EnclosingObject[]): boolean {
  if (principal?.kind !== 'authenticated' || principal.role !== 'citizen' || !principal.personKey) return false;
  // `Query.prefill` holds the values of one person's record, under the same rule (the resolver
  // refuses a citizen anyone else's): a citizen's prefill is their own.
  if (enclosing.some((e) => e.types.has(PREFILL_TYPE))) return true;
  const person = enclosing.findLast((e) => e.types.has('Person'));
  if (!person) return false;
  const id = person.object.id;
  return id === undefined || id === principal.personKey;
}

/**
 * Masks personal values (ID numbers, phones, bank accounts, card numbers, addresses, names; the
 * table is `gateway/audit/personal-fields.ts`) in every response to a caller without
 * `person:read:full` — but a citizen's own record (below). The operation is walked with the schema alongside the result, so a value
 * is found by its field coordinate whatever its alias or fragment. Operations run inside the
 * gateway (`executeOperation` without HTTP, e.g. the applicant's shared record for submitBundle)
 * reach no client and are left whole.
 */
export function maskingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, schema, document, operation, contextValue }) {
          if (!request.http || seesFullValues(contextValue.principal)) return;
          // Incremental delivery (@defer) needs graphql-js 17's executor, which this gateway does not
          // run; should it ever answer so, nothing unmasked goes out.
          if (response.body.kind !== 'single') {
            response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [{ message: 'Incremental delivery is not supported', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
              },
            };
            return;
          }
          const { data } = response.body.singleResult;
          if (!data || !document || !operation) return;
          const principal = contextValue.principal;
          new OperationWalk(schema, document, operation).mapLeaves(data, (coordinates, value, enclosing) => {
            if (typeof value !== 'string') return value;
            for (const coordinate of coordinates) {
              const kind = PERSONAL_FIELDS[coordinate];
              if (!kind) continue;
              if (!OWNER_SEES_MASKED.has(kind) && inOwnPerson(principal, enclosing)) return value;
              return maskValue(coordinate, value);
            }
            return value;
          });
        },
      };
    },
  };
}
