import type { ClaimStore } from '../ports/claim-store';
import { keys } from './keys';
import type { Table } from './table';

/** One-shot claims for deduplication, and fixed-window counters for rate limits. */
export class ClaimRepository implements ClaimStore {
  constructor(private readonly table: Table) {}

  /** True for the first caller only, until the claim expires. */
  async claim(scope: string, id: string, ttlSeconds: number, attributes: Record<string, unknown> = {}) {
    return this.table.putIfAbsent({
      ...keys.claim(scope, id),
      entity: 'claim',
      expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds,
      ...attributes,
    });
  }

  async release(scope: string, id: string): Promise<void> {
    await this.table.delete(keys.claim(scope, id));
  }

  /**
   * Counts a hit in the current window. Returns `allowed: false` with the seconds to wait once `limit`
   * hits have been counted in this window.
   */
  async hit(scope: string, id: string, limit: number, windowSeconds: number, now = Date.now()) {
    const window = Math.floor(now / 1000 / windowSeconds);
    const out = await this.table.update({
      Key: keys.rateWindow(scope, id, window),
      UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :exp)',
      ExpressionAttributeValues: { ':one': 1, ':exp': (window + 2) * windowSeconds },
    });
    const hits = Number(out?.hits ?? 1);
    const retryAfterSeconds = (window + 1) * windowSeconds - Math.floor(now / 1000);
    return { allowed: hits <= limit, hits, retryAfterSeconds };
  }
}
