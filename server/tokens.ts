import { createHash, randomBytes } from 'node:crypto';

/** A new token: 256 random bits, `tdm_` + base64url. Shown once; only its hash is stored. */
export function newToken(): string {
  return `tdm_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
