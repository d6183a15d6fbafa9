import { jwtVerify, SignJWT } from 'jose';

/**
 * The signed internal context: every gateway → subgraph request carries who the gateway acts
 * for, as a short-lived HS256 token for that subgraph alone. A subgraph reached directly, without
 * a valid one, refuses (so nobody bypasses the gateway's checks by calling a subgraph).
 */
export const INTERNAL_CONTEXT_HEADER = 'x-internal-context';
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
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signInternalContext(secret: string, audience: string, context: InternalContext): Promise<string> {
  return new SignJWT({ role: context.role, scopes: context.scopes, rid: context.requestId })
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
      requestId: String(payload.rid ?? ''),
    };
    if (verified.size > 10_000) verified.clear();
    verified.set(cacheKey, { context, secret, expiresAt: (payload.exp ?? 0) * 1000 });
    return context;
  } catch {
    return null;
  }
}
