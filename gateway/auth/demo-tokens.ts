import { SignJWT } from 'jose';
import type { Config } from '../../src/config.js';
import type { Role } from './principal.js';

/** Signs a token with the development secret (npm start's demo tokens, and the tests). */
export async function signDevelopmentToken(config: Config, role: Role, claims: Record<string, unknown> = {}, lifetime = '2h'): Promise<string> {
  if (!config.auth.jwtSecret) throw new Error('development tokens need JWT_SECRET (a JWKS is configured)');
  const { sub = `${role}-demo`, exp, ...rest } = claims;
  return new SignJWT({ role, ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(sub))
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(typeof exp === 'number' ? exp : lifetime)
    .sign(new TextEncoder().encode(config.auth.jwtSecret));
}
