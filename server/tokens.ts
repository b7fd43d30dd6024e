import { createHash, randomBytes } from 'node:crypto';

/** A new token: 256 random bits, `tdm_` + base64url. Shown once; only its hash is stored. */
export function newToken(): string {
  return `tdm_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What `newToken` makes, and nothing else: `tdm_` and 43 base64url characters (32 bytes). */
const tokenShape = /^tdm_[A-Za-z0-9_-]{43}$/;

/** The longest `Authorization` header a Tandem token can come in (with room for spacing). */
export const maxAuthorizationLength = 200;

/**
 * The token of an `Authorization: Bearer <token>` header, if it has the shape of a Tandem
 * token; undefined otherwise. It looks at no more than a short header, so a long or strange
 * one costs nothing: no database lookup, no rate-limit bucket.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > maxAuthorizationLength) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const token = match?.[1];
  return token && tokenShape.test(token) ? token : undefined;
}
