import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { isIsoDateTime } from '../../src/graphql/scalars.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayContext } from '../context.js';
import type { AuditStore, StoredAuditEvent } from '../audit/audit-store.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';

/** The context the audit trail needs: the gateway's, with its audit store (gateway/server.ts). */
type Context = GatewayContext & { readonly auditTrail?: AuditStore };

interface AuditEventFilterInput {
  personIdType?: IdDocumentType | null;
  personIdNumber?: string | null;
  actorSubject?: string | null;
  operation?: string | null;
  from?: string | null;
  to?: string | null;
}

const badInput = (field: string, message: string) => new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
const encodeCursor = (event: StoredAuditEvent) => Buffer.from(JSON.stringify({ id: event.id })).toString('base64url');
function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
    // An event id: a positive bigint (up to 2^63 - 1, PostgreSQL's bigint).
    if (typeof parsed.id === 'string' && /^\d{1,19}$/.test(parsed.id) && BigInt(parsed.id) <= 9223372036854775807n) return parsed.id;
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'not a cursor this API returned');
}

/** `auditEvents`: the audit trail for administrators (`audit:read`), newest first. */
export const auditResolvers = {
  Query: {
    auditEvents: async (_: unknown, args: { filter?: AuditEventFilterInput | null; first: number; after?: string | null }, context: Context) => {
      const principal = context.principal;
      if (principal?.kind !== 'authenticated' || !principal.scopes.has('audit:read')) {
        throw new GraphQLError('auditEvents: needs the audit:read scope', { extensions: { code: ErrorCode.FORBIDDEN, field: 'auditEvents' } });
      }
      if (!context.auditTrail) throw new Error('auditEvents: no AuditStore in the GraphQL context (gateway/server.ts createContext)');
      if (args.first < 1 || args.first > 100) throw badInput('first', `expected 1 to 100, got ${args.first}`);
      const filter = args.filter ?? {};
      if (Boolean(filter.personIdType) !== Boolean(filter.personIdNumber)) {
        throw badInput(filter.personIdType ? 'filter.personIdNumber' : 'filter.personIdType', 'personIdType and personIdNumber go together');
      }
      for (const field of ['from', 'to'] as const) {
        if (filter[field] && !isIsoDateTime(filter[field]))
          throw badInput(`filter.${field}`, `expected an ISO 8601 date or time, got ${JSON.stringify(filter[field])}`);
      }
      const person =
        filter.personIdType && filter.personIdNumber
          ? personKey(
              context.personKeySecret,
              filter.personIdType,
              checkIdDocument(filter.personIdType, filter.personIdNumber, 'filter.personIdNumber').idNumber,
            )
          : undefined;
      const rows = await context.auditTrail.list({
        ...(person ? { personKey: person } : {}),
        ...(filter.actorSubject ? { actorSubject: filter.actorSubject } : {}),
        ...(filter.operation ? { operationName: filter.operation } : {}),
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        ...(args.after ? { afterId: decodeCursor(args.after) } : {}),
        first: args.first,
      });
      const page = rows.slice(0, args.first);
      return {
        edges: page.map((event) => ({ cursor: encodeCursor(event), node: { ...event, at: event.at.toISOString() } })),
        pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.length ? encodeCursor(page[page.length - 1]!) : null },
      };
    },
  },
};
