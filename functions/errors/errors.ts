/**
 * Marks the product's errors by a registered symbol rather than by class identity: code that ships beside a
 * Lambda bundle (the shopper and merchant assistants, see `runtime/beside-bundle.ts`) carries its own copy of
 * these classes, and its errors must still reach the edge as typed errors.
 */
const SHOPGUIDE_ERROR = Symbol.for('shopguide.error');

/**
 * Typed errors of the product. Core code throws these; only the HTTP edge (`http/respond.ts`) maps them to
 * status codes, and only their short `publicMessage` ever reaches a user.
 */
export class ShopGuideError extends Error {
  override name = 'ShopGuideError';
  readonly [SHOPGUIDE_ERROR] = true;
  /** A choice of the operator's rather than a fault (see `NotConfiguredError`): the edge logs it at INFO. */
  readonly expected: boolean = false;
  /** HTTP status the edge should use. */
  readonly status: number = 500;
  constructor(
    readonly publicMessage: string,
    options?: { cause?: unknown },
  ) {
    super(publicMessage, options);
  }
}

export class ValidationError extends ShopGuideError {
  override name = 'ValidationError';
  override readonly status = 400;
}

export class UnauthorizedError extends ShopGuideError {
  override name = 'UnauthorizedError';
  override readonly status = 401;
}

export class ForbiddenError extends ShopGuideError {
  override name = 'ForbiddenError';
  override readonly status = 403;
}

export class NotFoundError extends ShopGuideError {
  override name = 'NotFoundError';
  override readonly status = 404;
}

export class ConflictError extends ShopGuideError {
  override name = 'ConflictError';
  override readonly status = 409;
}

export class PayloadTooLargeError extends ShopGuideError {
  override name = 'PayloadTooLargeError';
  override readonly status = 413;
}

export class RateLimitedError extends ShopGuideError {
  override name = 'RateLimitedError';
  override readonly status = 429;
  constructor(
    publicMessage: string,
    readonly retryAfterSeconds: number,
  ) {
    super(publicMessage);
  }
}

/**
 * A feature the operator has not set up (Slack without its secrets, say). Callers get a 503; it is a choice,
 * not a fault, so the edge logs it at INFO instead of ERROR.
 */
export class NotConfiguredError extends ShopGuideError {
  override name = 'NotConfiguredError';
  override readonly status: number = 503;
  override readonly expected = true;
}

export function isShopGuideError(error: unknown): error is ShopGuideError {
  return typeof error === 'object' && error !== null && SHOPGUIDE_ERROR in error;
}

/** A typed error that tells the caller when to retry (`RateLimitedError`, from whichever copy of this module). */
export function retryAfterSecondsOf(error: ShopGuideError): number | undefined {
  const seconds = (error as Partial<RateLimitedError>).retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}
