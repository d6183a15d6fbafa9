/**
 * Who is calling, as established from a verified bearer token (see authenticate.ts). Every
 * authorization decision reads this; nothing else about the caller is trusted.
 */
export const ROLES = ['citizen', 'clerk', 'agent', 'proxy', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Principal =
  /** No (valid) token: the public catalog only. */
  { readonly kind: 'anonymous'; readonly clientId: string } | AuthenticatedPrincipal;

export interface AuthenticatedPrincipal {
  readonly kind: 'authenticated';
  /** The token's `sub`: a citizen's account, a clerk's staff id, a terminal's id… */
  readonly subject: string;
  readonly role: Role;
  /** Scopes granted by the role (and narrowed by the token's `scope` claim, if any). */
  readonly scopes: ReadonlySet<string>;
  /** 行政区划 code prefix the caller may act in (clerk, agent), e.g. "3201". */
  readonly regionPrefix?: string;
  /** citizen / proxy: the caller's own opaque person key. */
  readonly personKey?: string;
  /** agent: the terminal (bank branch, post office, village service point) and its channel. */
  readonly terminal?: { readonly id: string; readonly channel: 'BANK_AGENT' | 'POST_AGENT' | 'SELF_SERVICE_TERMINAL' };
  /** agent: the item codes its agreement (委托协议) allows. */
  readonly agreementItems?: ReadonlySet<string>;
  /** Rate limits and logs key on this: the subject, or the terminal. */
  readonly clientId: string;
}

/** Scopes by role: least privilege, declared once. Field-level needs are `@requiresScopes` in schema/. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly string[]>> = {
  citizen: ['person:read:self', 'submission:write:self', 'submission:read:self', 'delegation:write', 'catalog:validate', 'feedback:write'],
  proxy: ['person:read:delegated', 'submission:write:delegated', 'submission:read:own', 'catalog:validate', 'feedback:write'],
  clerk: [
    'person:read',
    'person:read:full',
    'submission:write',
    'submission:read',
    'submission:decide',
    'delegation:write',
    'item:dispatch',
    'employer:read',
    'catalog:validate',
    // 免申即办: start a policy's run in the clerk's region, and follow it.
    'proactive:run',
    'feedback:write',
  ],
  agent: ['submission:write:agent', 'submission:read:own', 'catalog:validate', 'feedback:write'],
  analyst: ['statistics:read'],
  admin: ['audit:read', 'statistics:read'],
};
