import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { UnauthorizedError } from '../../errors/errors';

export interface WebchatSession {
  storeId: string;
  sessionId: string;
  customerId?: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const sessionPayload = z.object({
  storeId: z.string(),
  sessionId: z.string().check(z.regex(/^wc_[A-Za-z0-9]{8,64}$/)),
  customerId: z.optional(z.string()),
  exp: z.number().check(z.int()),
});

/**
 * Web chat session tokens: `base64url(json).base64url(hmac)`. Stateless, so any function instance can
 * verify them, and bound to one store so a token for store A is useless on store B.
 */
export class SessionTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlHours: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (secret.length < 16) throw new Error('The web chat token secret must be at least 16 characters');
  }

  issue(storeId: string, customerId?: string): { token: string; session: WebchatSession } {
    const session: WebchatSession = {
      storeId,
      sessionId: `wc_${randomUUID().replace(/-/g, '')}`,
      customerId,
      exp: Math.floor(this.now().getTime() / 1000) + this.ttlHours * 3600,
    };
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, session };
  }

  verify(authorization: string | undefined, storeId: string): WebchatSession {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedError('Missing bearer token');
    const [payload, signature] = token.split('.');
    if (!payload || !signature) throw new UnauthorizedError('Malformed token');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new UnauthorizedError('Invalid token');
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new UnauthorizedError('Malformed token');
    }
    // Signed is not enough: a payload without a numeric expiry (or not an object at all) is refused.
    const parsed = sessionPayload.safeParse(decoded);
    if (!parsed.success) throw new UnauthorizedError('Malformed token');
    const session = parsed.data;
    if (session.storeId !== storeId) throw new UnauthorizedError('Token is for another store');
    if (session.exp * 1000 < this.now().getTime()) throw new UnauthorizedError('Session expired');
    return session;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** The longest a store's identity signature may be valid for: it vouches for a page load, not for good. */
export const MAX_IDENTITY_LIFETIME_SECONDS = 24 * 3600;

/**
 * A store's backend vouches for a signed-in shopper with hex HMAC-SHA256(identity secret, `${id}.${expiresAt}`),
 * `expiresAt` in epoch seconds. The identity secrets are the store's own (not the webhook secret) and
 * rotate: any listed secret verifies, so the old one keeps working until the store drops it.
 */
export function verifyCustomerIdentity(
  identitySecrets: readonly string[],
  customer: { id: string; expiresAt: number; signature: string },
  nowSeconds: number,
): boolean {
  if (customer.expiresAt < nowSeconds || customer.expiresAt > nowSeconds + MAX_IDENTITY_LIFETIME_SECONDS)
    return false;
  const given = Buffer.from(customer.signature);
  return identitySecrets.some((secret) => {
    const expected = Buffer.from(signCustomerIdentity(secret, customer.id, customer.expiresAt));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

export function signCustomerIdentity(secret: string, customerId: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`${customerId}.${expiresAt}`).digest('hex');
}
