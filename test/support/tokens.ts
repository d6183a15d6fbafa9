import { signDevelopmentToken } from '../../gateway/auth/demo-tokens.js';
import type { Role } from '../../gateway/auth/principal.js';
import type { Config } from '../../src/config.js';

/**
 * A bearer token the stack accepts (signed with its development secret), for `role` with extra
 * claims: `region` (clerk, agent), `person_key` or `id_number` (citizen, proxy), `terminal`,
 * `channel` and `items` (agent), `sub`, `scope`. Defaults make a valid token of each role.
 */
export function tokenFor(stack: { readonly config: Config }, role: Role, claims: Record<string, unknown> = {}): Promise<string> {
  const defaults: Record<Role, Record<string, unknown>> = {
    citizen: {},
    proxy: {},
    clerk: { region: '' },
    agent: { region: '32', terminal: 'bank-branch-demo', channel: 'BANK_AGENT', items: [] },
    analyst: {},
    admin: {},
  };
  return signDevelopmentToken(stack.config, role, { sub: `${role}-test`, ...defaults[role], ...claims });
}
