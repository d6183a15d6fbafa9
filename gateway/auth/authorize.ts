import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { withinRegionPrefix } from '../../src/auth/row-access.js';
import type { DelegationRow, DelegationStore } from './delegation-store.js';
import type { AuthenticatedPrincipal, Principal } from './principal.js';

export const forbidden = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, field, http: { status: 403 } } });

export { regionOfDocument } from '../../src/auth/row-access.js';

/** 行政区划 code of an employer, from its unified social credit code (characters 3–8). */
export function regionOfCreditCode(creditCode: string): string | null {
  return /^.{2}\d{6}/.test(creditCode) ? creditCode.slice(2, 8) : null;
}

export function authenticated(principal: Principal, field: string): AuthenticatedPrincipal {
  if (principal.kind === 'anonymous') throw new GraphQLError(`${field} needs a bearer token`, { extensions: { code: ErrorCode.UNAUTHENTICATED, field } });
  return principal;
}

/** A clerk or agent acts only within their region (an empty prefix is province- or nation-wide staff). */
export function withinRegion(principal: AuthenticatedPrincipal, region: string | null): boolean {
  return withinRegionPrefix(principal.regionPrefix ?? '', region);
}

/** The delegation in force from `personKey` to this proxy covering `items` (all of them), if any. */
export async function delegationFor(
  delegations: DelegationStore,
  principal: AuthenticatedPrincipal,
  personKey: string,
  items: readonly string[],
  delegationId?: string | null,
): Promise<DelegationRow | undefined> {
  const inForce = await delegations.inForce(personKey, principal.subject, todayInChina());
  return inForce.find((d) => (!delegationId || d.id === delegationId) && items.every((item) => d.items.includes(item)));
}

/**
 * May this caller read this person's data? citizens: themselves; proxies: a principal who
 * delegated to them; clerks: people of their region; nobody else (agents read nothing directly,
 * analysts and admins never read a person).
 */
export async function assertMayReadPerson(
  principal: AuthenticatedPrincipal,
  person: { key: string; region: string | null },
  delegations: DelegationStore,
  field = 'idNumber',
): Promise<void> {
  switch (principal.role) {
    case 'citizen':
      if (principal.personKey === person.key) return;
      throw forbidden('a citizen may read only their own data', field);
    case 'proxy':
      if (await delegationFor(delegations, principal, person.key, [])) return;
      throw forbidden('no delegation in force from this person to the proxy', field);
    case 'clerk':
      if (withinRegion(principal, person.region)) return;
      throw forbidden(`the person is outside the clerk's region ${principal.regionPrefix}`, field);
    case 'agent':
    case 'analyst':
    case 'admin':
      throw forbidden(`the role ${principal.role} may not read a person's data`, field === 'idNumber' ? 'person' : field);
  }
}
