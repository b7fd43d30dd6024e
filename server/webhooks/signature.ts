import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing deliveries. Every delivery carries
 *
 *   x-tandem-timestamp: <unix seconds when it was sent>
 *   x-tandem-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *
 * keyed with the webhook's secret exactly as shown at creation (`whsec_...`, UTF-8). A
 * receiver recomputes the HMAC over the raw body bytes it received (before parsing any
 * JSON), compares in constant time, and refuses timestamps more than 5 minutes from its
 * clock, so a captured delivery cannot be replayed later. Retries are signed anew, with a new
 * timestamp; `x-tandem-delivery` stays the same, so a receiver can drop repeats.
 */

/** 32 random bytes, base64url, with a prefix that says what it is. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signatureOf(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  /** The `x-tandem-timestamp` header. */
  timestamp: string | null | undefined;
  /** The `x-tandem-signature` header. */
  signature: string | null | undefined;
}

/**
 * What a receiver does: true when the signature is the secret's over this timestamp and body,
 * and the timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhookSignature(
  secret: string,
  { body, timestamp, signature }: SignedRequest,
  { toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) }: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
