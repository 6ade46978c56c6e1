/** One-shot claims: true for the first caller only, until the claim expires. */
export interface ClaimStore {
  claim(
    scope: string,
    id: string,
    ttlSeconds: number,
    attributes?: Record<string, unknown>,
  ): Promise<boolean>;
  release(scope: string, id: string): Promise<void>;
}

/** Fixed-window counters, taken atomically: every hit counts, so parallel callers cannot overrun a limit. */
export interface RateLimiter {
  hit(
    scope: string,
    id: string,
    limit: number,
    windowSeconds: number,
    now?: number,
  ): Promise<{ allowed: boolean; hits: number; retryAfterSeconds: number }>;
}
