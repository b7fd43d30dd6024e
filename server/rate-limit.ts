/**
 * Token buckets in this process's memory: a burst of `capacity`, then `refillPerSecond`.
 * Several server processes each keep their own buckets.
 *
 * The server keeps two sets: one per valid token (keyed by the token's SHA-256, never the
 * token itself), and one per client address that counts only failed authentications. Each
 * holds at most `maxBuckets`; beyond that the least recently used bucket is dropped (its key
 * starts again with a full bucket), so no flood of keys can grow the server's memory.
 */
export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
  /** The most buckets kept at once (default 10,000). */
  maxBuckets?: number;
}

export const defaultMaxBuckets = 10_000;

/** Requests per valid token. */
export const defaultRateLimit: RateLimitOptions = { capacity: 120, refillPerSecond: 20, maxBuckets: defaultMaxBuckets };

/**
 * Failed authentications per client address: enough for the installs of a whole office
 * whose tokens were revoked to be told so, far too few to try tokens by the thousand.
 */
export const defaultAuthFailureLimit: RateLimitOptions = { capacity: 50, refillPerSecond: 1, maxBuckets: defaultMaxBuckets };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxBuckets: number;

  constructor(private readonly options: RateLimitOptions = defaultRateLimit) {
    this.maxBuckets = Math.max(1, Math.floor(options.maxBuckets ?? defaultMaxBuckets));
  }

  /** How many buckets are held now (never more than `maxBuckets`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one from the key's bucket; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.wait(bucket);
  }

  /** Drops the key's bucket, e.g. a token that turned out not to be valid. */
  forget(key: string): void {
    this.buckets.delete(key);
  }

  private refilled(key: string, now: number): Bucket {
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
    bucket.at = now;
    // Re-inserting keeps the map in order of last use, so the first key is the one to drop.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  private wait(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.refillPerSecond));
  }
}

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by
 * its /64 (one household or office gets a whole /64, so counting single addresses would let
 * one client use millions of them).
 */
export function addressKey(address: string): string {
  const plain = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (!plain.includes(':')) return plain.slice(0, 64);
  const [head = '', tail] = plain.split('::', 2) as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length < 4 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g) && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(g))) return plain.slice(0, 64);
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
