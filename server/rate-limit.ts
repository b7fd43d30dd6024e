/**
 * A token bucket per API token, in this process's memory: a burst of `capacity` requests,
 * then `refillPerSecond`. Several server processes each keep their own buckets.
 */
export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

export const defaultRateLimit: RateLimitOptions = { capacity: 120, refillPerSecond: 20 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly options: RateLimitOptions = defaultRateLimit) {}

  /** Takes one request from the key's bucket; returns 0 when allowed, else seconds to wait. */
  take(key: string, now = Date.now()): number {
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond));
  }
}
