import { jwtVerify, SignJWT } from 'jose';

/**
 * The signed internal context: every gateway → subgraph request carries who the gateway acts
 * for, as a short-lived HS256 token for that subgraph alone. A subgraph reached directly, without
 * a valid one, refuses (so nobody bypasses the gateway's checks by calling a subgraph).
 */
export const INTERNAL_CONTEXT_HEADER = 'x-internal-context';
const ISSUER = 'onething-gateway';
const LIFETIME_SECONDS = 60;

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

/** Null when the token is missing, forged, expired or meant for another subgraph. */
export async function verifyInternalContext(secret: string, audience: string, token: string | undefined): Promise<InternalContext | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience, algorithms: ['HS256'] });
    return {
      subject: String(payload.sub),
      role: String(payload.role),
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
      requestId: String(payload.rid ?? ''),
    };
  } catch {
    return null;
  }
}
