import type { DelegationStore } from './delegation-store.js';
import { authenticated, delegationFor, forbidden, withinRegion } from './authorize.js';
import type { Principal } from './principal.js';

export interface SubmissionActor {
  readonly subject: string;
  readonly role: string;
  readonly terminalId: string | null;
  readonly delegationId: string | null;
  /** The channel recorded: an agent terminal's own, whatever the input says. */
  readonly channel: string;
}

export interface SubmissionRequest {
  readonly personKey: string;
  /** The form field naming the person (its refusals point there): sharedFields.idNumber unless the roles say otherwise. */
  readonly documentField?: string;
  /** A family member applying for the subject (a person who died): their own person key. */
  readonly familyMemberKey?: string | null;
  /** 行政区划 code of the person (PERSON bundles) or the employer (EMPLOYER bundles). */
  readonly region: string | null;
  readonly channel: string;
  readonly presence?: { readonly verifiedBy: string } | null;
  readonly delegationId?: string | null;
}

/**
 * Who may submit for whom, checked before anything is read or stored: a citizen for themselves;
 * a proxy under a delegation in force from the person; a clerk in their region; an agent terminal
 * in its region, through its own channel, with the person present (ID card reader, social security
 * card) or under a delegation. The items are checked against the delegation or the agreement by
 * `authorizeItems`, once the rules have added theirs.
 */
export async function authorizeSubmitter(principalIn: Principal, request: SubmissionRequest, delegations: DelegationStore): Promise<SubmissionActor> {
  const principal = authenticated(principalIn, 'submitBundle');
  // 免申即办 submissions are made by the gateway's own proactive runs (gateway/proactive/), never sent by a client.
  if (request.channel === 'PROACTIVE') throw forbidden('PROACTIVE submissions are made by 免申即办 runs (startProactiveRun), not submitted', 'channel');
  const base = { subject: principal.subject, role: principal.role, terminalId: null, delegationId: null, channel: request.channel };
  switch (principal.role) {
    case 'citizen':
      // A family member applies in their own name for the one who died (去世, 工亡 …).
      if (principal.personKey !== request.personKey && (!request.familyMemberKey || principal.personKey !== request.familyMemberKey))
        throw forbidden(
          'a citizen may apply only for themselves, or for a family member who died (or a proxy under a delegation)',
          request.documentField ?? 'sharedFields.idNumber',
        );
      return base;
    case 'proxy': {
      if (!request.delegationId) throw forbidden('a proxy applies under a delegation: give delegationId', 'delegationId');
      const delegation = await delegationFor(delegations, principal, request.personKey, [], request.delegationId);
      if (!delegation) throw forbidden('no delegation in force with this id from this person to the proxy', 'delegationId');
      return { ...base, delegationId: delegation.id };
    }
    case 'clerk':
      if (!withinRegion(principal, request.region))
        throw forbidden(`the applicant is outside the clerk's region ${principal.regionPrefix}`, request.documentField ?? 'sharedFields.idNumber');
      return base;
    case 'agent': {
      const terminal = principal.terminal!;
      if (request.channel !== terminal.channel) throw forbidden(`this terminal takes applications only as ${terminal.channel}`, 'channel');
      if (!withinRegion(principal, request.region))
        throw forbidden(`the applicant is outside the terminal's region ${principal.regionPrefix}`, request.documentField ?? 'sharedFields.idNumber');
      if (!request.presence) throw forbidden('an agent terminal needs the person present (ID card or social security card read) or a delegation', 'presence');
      let delegationId: string | null = null;
      if (request.presence.verifiedBy === 'DELEGATION') {
        // The same rule as a proxy's: in force today (Beijing), not revoked, from this person, and
        // issued to this terminal (its `proxySubject` is the terminal token's `sub`). The items are
        // checked against it by authorizeItems.
        if (!request.delegationId) throw forbidden('presence DELEGATION needs delegationId', 'delegationId');
        const delegation = await delegationFor(delegations, principal, request.personKey, [], request.delegationId);
        if (!delegation) throw forbidden('no delegation in force with this id from this person to this terminal', 'delegationId');
        delegationId = delegation.id;
      }
      return { ...base, terminalId: terminal.id, delegationId };
    }
    case 'analyst':
    case 'admin':
      throw forbidden(`the role ${principal.role} may not submit applications`, 'submitBundle');
  }
}

/** The items of a submission against the proxy's delegation or the agent's agreement. */
export async function authorizeItems(principalIn: Principal, actor: SubmissionActor, items: readonly string[], delegations: DelegationStore): Promise<void> {
  const principal = authenticated(principalIn, 'submitBundle');
  if (principal.role === 'agent') {
    const outside = items.find((item) => !principal.agreementItems?.has(item));
    if (outside) throw forbidden(`the terminal's agreement does not cover ${outside}`, `items.${outside}`);
  }
  if (actor.delegationId) {
    const delegation = await delegations.byId(actor.delegationId);
    if (!delegation) throw forbidden('no such delegation', 'delegationId');
    const outside = items.find((item) => !delegation.items.includes(item));
    if (outside) throw forbidden(`the delegation does not cover ${outside}`, `items.${outside}`);
  }
}
