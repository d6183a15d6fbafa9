import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../src/errors.js';
import type { GatewayContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { OperationWalk } from '../audit/operation-walk.js';
import { PERSONAL_FIELDS, maskValue } from '../audit/personal-fields.js';

/** The scope that lets a caller see personal values in full: counter staff (`clerk`) handling the case. */
export const FULL_VALUES_SCOPE = 'person:read:full';

export const seesFullValues = (principal: Principal | undefined): boolean => principal?.kind === 'authenticated' && principal.scopes.has(FULL_VALUES_SCOPE);

/**
 * Masks personal values (ID numbers, phones, bank accounts, card numbers, addresses, names; the
 * table is `gateway/audit/personal-fields.ts`) in every response to a caller without
 * `person:read:full`. The operation is walked with the schema alongside the result, so a value
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
          new OperationWalk(schema, document, operation).mapLeaves(data, (coordinates, value) => {
            if (typeof value !== 'string') return value;
            for (const coordinate of coordinates) if (PERSONAL_FIELDS[coordinate]) return maskValue(coordinate, value);
            return value;
          });
        },
      };
    },
  };
}
