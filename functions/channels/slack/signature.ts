import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../../errors/errors';

/** Slack's replay window: a request signed more than five minutes away from now, either way, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export interface SignedRequest {
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The raw bytes Slack signed; never a re-serialised or re-decoded copy. */
  body: Buffer;
}

/**
 * Verifies `X-Slack-Signature` over the raw bytes: HMAC-SHA256 of `v0:<timestamp>:<body>`, compared in
 * constant time. Throws UnauthorizedError (401 at the edge) on any mismatch, missing header or stale clock.
 */
export function verifySlackSignature(request: SignedRequest, signingSecret: string, nowMs: number): void {
  const timestamp = request.headers['x-slack-request-timestamp'];
  const signature = request.headers['x-slack-signature'];
  if (!timestamp || !signature) throw new UnauthorizedError('Missing Slack signature');
  if (!/^\d{1,12}$/.test(timestamp)) throw new UnauthorizedError('Invalid Slack signature');
  const skew = Math.abs(Math.floor(nowMs / 1000) - Number(timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS) throw new UnauthorizedError('Stale Slack request');
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, request.body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; the length itself is not secret (always 67 when valid).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedError('Invalid Slack signature');
  }
}

/** `v0=<hex>`: the value Slack puts in `X-Slack-Signature`. Also used by tests and the bench to sign. */
export function signSlackRequest(signingSecret: string, timestamp: string, body: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`, 'utf8');
  hmac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `v0=${hmac.digest('hex')}`;
}
