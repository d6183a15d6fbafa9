import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import type { Config } from '../../src/config.js';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import { ROLE_SCOPES, ROLES, type Principal, type Role } from './principal.js';

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

const TERMINAL_CHANNELS = new Set(['BANK_AGENT', 'POST_AGENT', 'SELF_SERVICE_TERMINAL']);

/** The claims a token carries beyond the registered ones (documented in the README). */
interface Claims extends JWTPayload {
  role?: unknown;
  scope?: unknown;
  region?: unknown;
  person_key?: unknown;
  id_type?: unknown;
  id_number?: unknown;
  terminal?: unknown;
  channel?: unknown;
  items?: unknown;
}

/**
 * Verifies bearer tokens (issuer, audience, expiry, signature) with the configured key: a shared
 * secret in development, a JWKS file or URL in production. No token: anonymous (the public
 * catalog only). A token that does not verify: UNAUTHENTICATED, never silently anonymous.
 */
export function createAuthenticator(config: Config) {
  const { auth } = config;
  const key: Uint8Array | JWTVerifyGetKey = auth.jwksFile
    ? createLocalJWKSet(JSON.parse(readFileSync(auth.jwksFile, 'utf8')) as JSONWebKeySet)
    : auth.jwksUrl
      ? createRemoteJWKSet(new URL(auth.jwksUrl))
      : new TextEncoder().encode(auth.jwtSecret);

  // A token verified once is good until it expires: a client sends the same one many times.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();

  return async function authenticate(authorization: string | undefined, ip: string): Promise<Principal> {
    if (!authorization) return { kind: 'anonymous', clientId: `ip:${ip}` };
    const known = verified.get(authorization);
    if (known && known.expiresAt > Date.now()) return known.principal;
    const entry = await verify(authorization);
    if (verified.size > 10_000) verified.clear();
    verified.set(authorization, entry);
    return entry.principal;
  };

  async function verify(authorization: string): Promise<{ principal: Principal; expiresAt: number }> {
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization);
    if (!match) throw unauthenticated('Authorization: expected "Bearer <JWT>"');
    let claims: Claims;
    try {
      ({ payload: claims } = await jwtVerify(match[1]!, key as never, { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      throw unauthenticated(`the bearer token is not valid: ${(error as { code?: string }).code ?? 'ERR_JWT_INVALID'}`);
    }
    // Every act is recorded against its actor: a token that names nobody is no token.
    if (typeof claims.sub !== 'string' || claims.sub.trim() === '') throw unauthenticated('the bearer token names no subject ("sub")');
    const role = claims.role as Role;
    if (!ROLES.includes(role)) throw unauthenticated(`the bearer token has no known role (expected one of ${ROLES.join(', ')})`);
    // A token may narrow its role's scopes (`scope` claim), never widen them.
    const granted = ROLE_SCOPES[role];
    const asked = typeof claims.scope === 'string' ? new Set(claims.scope.split(' ')) : null;
    const scopes = new Set(asked ? granted.filter((s) => asked.has(s)) : granted);
    const region = typeof claims.region === 'string' && /^\d{0,6}$/.test(claims.region) ? claims.region : undefined;
    if ((role === 'clerk' || role === 'agent') && region === undefined) throw unauthenticated(`a ${role} token needs a "region" claim (行政区划 code prefix)`);
    // The citizen's own key: given opaque by the platform, or made here from its verified ID document.
    const ownKey =
      typeof claims.person_key === 'string'
        ? claims.person_key
        : typeof claims.id_number === 'string'
          ? personKey(config.personKeySecret, typeof claims.id_type === 'string' ? claims.id_type : 'RESIDENT_ID_CARD', claims.id_number.toUpperCase())
          : undefined;
    if ((role === 'citizen' || role === 'proxy') && !ownKey) throw unauthenticated(`a ${role} token needs a "person_key" or "id_number" claim`);
    let terminal: { id: string; channel: 'BANK_AGENT' | 'POST_AGENT' | 'SELF_SERVICE_TERMINAL' } | undefined;
    let agreementItems: Set<string> | undefined;
    if (role === 'agent') {
      if (typeof claims.terminal !== 'string' || !TERMINAL_CHANNELS.has(String(claims.channel))) {
        throw unauthenticated('an agent token needs "terminal" and "channel" (BANK_AGENT, POST_AGENT or SELF_SERVICE_TERMINAL) claims');
      }
      terminal = { id: claims.terminal, channel: claims.channel as 'BANK_AGENT' };
      agreementItems = new Set(Array.isArray(claims.items) ? claims.items.map(String) : []);
    }
    const principal: Principal = {
      kind: 'authenticated',
      subject: claims.sub,
      role,
      scopes,
      ...(region !== undefined ? { regionPrefix: region } : {}),
      ...(ownKey ? { personKey: ownKey } : {}),
      ...(terminal ? { terminal } : {}),
      ...(agreementItems ? { agreementItems } : {}),
      clientId: terminal ? `terminal:${terminal.id}` : `${role}:${claims.sub}`,
    };
    return { principal, expiresAt: claims.exp! * 1000 };
  }
}
export type Authenticate = ReturnType<typeof createAuthenticator>;
