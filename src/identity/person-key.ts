import { createHmac } from 'node:crypto';

/**
 * The opaque key of a person across every subgraph, cache and log: a keyed hash (HMAC-SHA-256)
 * of the ID document, so the plain number never travels as a key. The same document always gives
 * the same key; without the secret the key reveals nothing. Rotating the secret re-keys everyone,
 * so it is set once per deployment.
 */
export function personKey(secret: string, idType: string, idNumber: string): string {
  const digest = createHmac('sha256', secret).update(`person:${idType}:${idNumber.toUpperCase()}`).digest('base64url');
  return `p_${digest.slice(0, 27)}`;
}

/** Opaque keys look like `p_` + 27 base64url characters. */
export const PERSON_KEY_PATTERN = /^p_[A-Za-z0-9_-]{27}$/;
