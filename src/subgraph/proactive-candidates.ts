/**
 * 免申即办 candidate queries (人社厅发〔2022〕59号 (十一)): each subgraph lists, from its own records,
 * whom a policy is for; the gateway's proactive runs page through them. These queries are
 * internal (`@inaccessible` in the supergraph): the gateway calls them with the signed internal
 * context of the staff member running the policy, who must hold `proactive:run`, and a caller
 * bound to a region gets only the candidates of that region.
 */
import { GraphQLError } from 'graphql';
import type { InternalContext } from '../auth/internal-context.js';
import { ErrorCode } from '../errors.js';

export const PROACTIVE_SCOPE = 'proactive:run';
/** The largest page a candidate query answers. */
export const MAX_CANDIDATE_PAGE = 1000;

/** Refuses a caller without the scope, and a page size out of range; returns the region prefix to filter by (null: all). */
export function proactiveCaller(caller: InternalContext, first: number): string | null {
  if (!caller.scopes.includes(PROACTIVE_SCOPE)) {
    throw new GraphQLError(`candidate lists need the ${PROACTIVE_SCOPE} scope`, { extensions: { code: ErrorCode.FORBIDDEN, field: 'proactive' } });
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_CANDIDATE_PAGE) {
    throw new GraphQLError(`first: expected 1 to ${MAX_CANDIDATE_PAGE}, got ${first}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'first' } });
  }
  return caller.region === undefined || caller.region === '' ? null : caller.region;
}

/** A month as YYYY-MM, checked; its first day. */
export function monthStart(month: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match)
    throw new GraphQLError(`month: expected YYYY-MM, got ${JSON.stringify(month)}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'month' } });
  return `${month}-01`;
}
