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
