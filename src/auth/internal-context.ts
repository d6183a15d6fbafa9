import { jwtVerify, SignJWT } from 'jose';
import { withinRegionPrefix } from './row-access.js';

/**
 * The signed internal context: every gateway → subgraph request carries who the gateway acts
 * for, as a short-lived HS256 token for that subgraph alone. A subgraph reached directly, without
 * a valid one, refuses (so nobody bypasses the gateway's checks by calling a subgraph).
 */
export const INTERNAL_CONTEXT_HEADER = 'x-internal-context';
/** The response extension in which a subgraph names the person keys it reached, for the gateway's audit trail. */
export const PERSONS_REACHED_EXTENSION = 'personsReached';
const ISSUER = 'onething-gateway';
const LIFETIME_SECONDS = 60;
/** The gateway reuses a signed context this long (half its lifetime), so it never arrives expired. */
export const INTERNAL_CONTEXT_REUSE_MS = (LIFETIME_SECONDS / 2) * 1000;

export interface InternalContext {
  /** The caller the gateway acts for, or `gateway` for its own calls. */
  readonly subject: string;
  readonly role: string;
  readonly scopes: readonly string[];
  readonly requestId: string;
  /**
   * The region (行政区划 prefix) a clerk or agent is bound to; absent for the gateway's own calls
   * and for roles without one. Subgraphs apply it to every person they reach for the caller.
   */
  readonly region?: string;
  /** A citizen's or proxy's own opaque person key. */
  readonly personKey?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signInternalContext(secret: string, audience: string, context: InternalContext): Promise<string> {
  return new SignJWT({
    role: context.role,
    scopes: context.scopes,
    rid: context.requestId,
    ...(context.region !== undefined ? { region: context.region } : {}),
    ...(context.personKey !== undefined ? { pk: context.personKey } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(context.subject)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key(secret));
}

/** Tokens verified before, by subgraph and token: known good (for that secret) until they expire. */
const verified = new Map<string, { context: InternalContext; secret: string; expiresAt: number }>();

/**
 * May the caller reach a person of `region` (行政区划 code, null when the document has none)?
 * The gateway's own calls (dispatching a submission it authorized) may; a caller bound to a
 * region only within it; a caller acting for themselves only their own key; anybody else not.
 */
export function callerMayReach(caller: InternalContext, person: { key: string; region: string | null }): boolean {
  if (caller.role === 'gateway') return true;
  if (caller.region !== undefined) return withinRegionPrefix(caller.region, person.region);
  return caller.personKey !== undefined && caller.personKey === person.key;
}

/** Null when the token is missing, forged, expired or meant for another subgraph. */
export async function verifyInternalContext(secret: string, audience: string, token: string | undefined): Promise<InternalContext | null> {
  if (!token) return null;
  const cacheKey = `${audience}|${token}`;
  const known = verified.get(cacheKey);
  if (known && known.secret === secret && known.expiresAt > Date.now()) return known.context;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience, algorithms: ['HS256'] });
    const context: InternalContext = {
      subject: String(payload.sub),
      role: String(payload.role),
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
      requestId: typeof payload.rid === 'string' ? payload.rid : '',
      ...(typeof payload.region === 'string' ? { region: payload.region } : {}),
      ...(typeof payload.pk === 'string' ? { personKey: payload.pk } : {}),
    };
    if (verified.size > 10_000) verified.clear();
    verified.set(cacheKey, { context, secret, expiresAt: (payload.exp ?? 0) * 1000 });
    return context;
  } catch {
    return null;
  }
}
