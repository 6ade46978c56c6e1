import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../../errors/errors';

export interface WebchatSession {
  storeId: string;
  sessionId: string;
  customerId?: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

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
    let session: WebchatSession;
    try {
      session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as WebchatSession;
    } catch {
      throw new UnauthorizedError('Malformed token');
    }
    if (session.storeId !== storeId) throw new UnauthorizedError('Token is for another store');
    if (session.exp * 1000 < this.now().getTime()) throw new UnauthorizedError('Session expired');
    return session;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** A store's backend vouches for a signed-in shopper with HMAC-SHA256(store secret, customer id), hex. */
export function verifyCustomerSignature(storeSecret: string, customerId: string, signature: string): boolean {
  const expected = Buffer.from(createHmac('sha256', storeSecret).update(customerId).digest('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
