import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger } from 'fastify';
import { OperationTypeNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import type { GatewayContext } from '../context.js';
import { AuditStore, type AuditEvent } from '../audit/audit-store.js';
import { OperationWalk } from '../audit/operation-walk.js';

/** Codes of a refusal: a denied attempt is recorded even when it touched no person. */
const DENIALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
/** Reads recorded although they name no person: reading the audit trail itself. */
const AUDITED_READS = new Set(['Query.auditEvents']);

/**
 * The audit trail (`gateway.audit_event`, append-only): when a response is sent, one event per
 * person whose data the request read or changed (`contextValue.audit.persons`, filled by the
 * resolvers), one event for every mutation even when it touched no person, and one for every
 * refused operation (and every read of the audit trail itself). Events carry opaque person keys and field coordinates, never values.
 *
 * A failed write is never silent: it is logged at error level, and the response is replaced by
 * AUDIT_UNAVAILABLE (HTTP 503) with no data — personal data is not handed out unaccounted for.
 * A mutation's change is kept (it happened before the response); repeating it with the same
 * idempotency key returns the same submission, and that repeat is audited.
 *
 * Operations run inside the gateway (`executeOperation` without HTTP: the applicant's shared
 * record for submitBundle) are part of the request that caused them, which is audited itself.
 */
export function auditPlugin(store: AuditStore, logger?: FastifyBaseLogger): ApolloServerPlugin<GatewayContext> {
  // The fields an operation selects depend on it and the schema only: walked once per parsed operation.
  const selected = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; fields: readonly string[] }>();
  const fieldsOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => {
    let entry = selected.get(operation);
    if (entry?.schema !== schema) {
      entry = { schema, fields: new OperationWalk(schema, document, operation).selectedCoordinates() };
      selected.set(operation, entry);
    }
    return entry.fields;
  };
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, schema, document, operation, operationName, contextValue, logger: apolloLogger }) {
          if (!request.http) return;
          const type = operation?.operation;
          if (!type || !document || !operation) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const codes = [
            ...new Set(
              (body.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR)),
            ),
          ];
          const audit = contextValue.audit;
          const persons = [...(audit?.persons ?? [])];
          const denied = codes.some((code) => DENIALS.has(code));
          const fields = fieldsOf(schema, document, operation);
          if (persons.length === 0 && type !== OperationTypeNode.MUTATION && !denied && !fields.some((f) => AUDITED_READS.has(f))) return;

          const principal = contextValue.principal;
          const actor =
            principal?.kind === 'authenticated'
              ? {
                  actorSubject: principal.subject,
                  actorRole: principal.role,
                  terminal: principal.terminal?.id ?? null,
                  channel: principal.terminal?.channel ?? null,
                }
              : { actorSubject: principal?.clientId ?? 'anonymous', actorRole: 'anonymous', terminal: null, channel: null };
          const common = {
            ...actor,
            operationName: operationName ?? null,
            operationType: type,
            fields,
            outcome: codes.length ? codes.join(',') : 'ok',
            requestId: contextValue.requestId,
            submissionId: audit?.submissionId ?? null,
            delegationId: audit?.delegation?.id ?? null,
            principalPersonKey: audit?.delegation?.principalPersonKey ?? null,
            applicantRole: audit?.roles?.applicantRole ?? null,
            applicantPersonKey: audit?.roles?.applicantPersonKey ?? null,
            subjectCreditCode: audit?.roles?.subjectCreditCode ?? null,
          } satisfies Omit<AuditEvent, 'personKey'>;
          const events: AuditEvent[] = persons.length ? persons.map((personKey) => ({ ...common, personKey })) : [{ ...common, personKey: null }];
          try {
            await store.append(events);
          } catch (error) {
            // Keys and coordinates only: the event holds no personal values, so it may be logged whole.
            const detail = { err: error, requestId: contextValue.requestId, events: events.length, operationType: type, operationName: operationName ?? null };
            const message = 'AUDIT WRITE FAILED: the response is withheld (AUDIT_UNAVAILABLE)';
            if (logger) logger.error(detail, message);
            else apolloLogger.error(`${message}: ${error instanceof Error ? error.message : String(error)} (request ${contextValue.requestId})`);
            response.http.status = 503;
            response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [
                  { message: 'The audit trail cannot be written: the answer is withheld. Retry shortly.', extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } },
                ],
              },
            };
          }
        },
      };
    },
  };
}
