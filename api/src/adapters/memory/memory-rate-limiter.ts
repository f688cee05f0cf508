import type { RateLimiter } from '../../ports/rate-limiter.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets in process memory. Enough for one server; on Lambda each instance keeps its own
 * buckets and API Gateway's usage plan caps the key across instances.
 */
export function createMemoryRateLimiter({ maxBuckets = 10_000 } = {}): RateLimiter {
  const buckets = new Map<string, Bucket>();

  return {
    take(name, limit, now) {
      const t = now.getTime();
      let bucket = buckets.get(name);
      if (!bucket) {
        // Bounded memory: drop the oldest bucket (Map keeps insertion order) when full.
        if (buckets.size >= maxBuckets) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: limit.burst, updatedAt: t };
        buckets.set(name, bucket);
      }
      const elapsed = Math.max(0, t - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond);
      bucket.updatedAt = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
      }
      const wait = (1 - bucket.tokens) / limit.perSecond;
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    },
  };
}
