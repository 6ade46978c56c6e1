import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { ValidationError } from '../errors/errors';
import type { Channel } from '../conversations/conversation';
import type { ProductMetrics } from '../observability/metrics';
import type { EventSink } from '../ports/event-log';
import type { Clock } from '../ports/stores';
import type { OutcomeEvent, OutcomeType } from './outcome-event';

export const feedbackInputSchema = z.object({
  replyId: z.string().check(z.minLength(1), z.maxLength(100)),
  rating: z.enum(['up', 'down']),
  comment: z.optional(z.string().check(z.maxLength(1000))),
});

export const outcomeInputSchema = z.object({
  type: z.enum(['click', 'add_to_cart', 'purchase']),
  productId: z.string().check(z.minLength(1), z.maxLength(64)),
  replyId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export interface SignalContext {
  storeId: string;
  conversationId: string;
  channel: Channel;
  /** The variant that produced the reply; looked up by the caller from the stored reply. */
  variantId?: string;
}

/**
 * Records shopper signals against the reply (and strategy variant) that caused them. Event ids are derived
 * from what the signal is, so a client retrying the same thumbs-up or click stores it once.
 */
export class FeedbackService {
  constructor(
    private readonly events: EventSink,
    private readonly now: Clock = () => new Date(),
    private readonly metrics?: ProductMetrics,
  ) {}

  async recordFeedback(
    context: SignalContext,
    input: unknown,
  ): Promise<{ recorded: boolean; event: OutcomeEvent }> {
    const parsed = feedbackInputSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('Expected {replyId, rating: "up"|"down", comment?}');
    const { replyId, rating, comment } = parsed.data;
    // One rating per reply and rating value: changing one's mind is a new signal, repeating it is not.
    const event = this.build(context, 'feedback', `feedback|${replyId}|${rating}`, {
      replyId,
      rating,
      comment,
    });
    const recorded = await this.events.record(event);
    if (recorded) this.metrics?.count('Feedback', { rating, channel: context.channel });
    return { recorded, event };
  }

  async recordOutcome(
    context: SignalContext,
    input: unknown,
  ): Promise<{ recorded: boolean; event: OutcomeEvent }> {
    const parsed = outcomeInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError('Expected {type: "click"|"add_to_cart"|"purchase", productId, replyId?}');
    }
    const { type, productId, replyId } = parsed.data;
    const event = this.build(context, type, `${type}|${replyId ?? '-'}|${productId}`, { productId, replyId });
    return { recorded: await this.events.record(event), event };
  }

  /** Signals raised by the system itself (handoff transitions); the event id makes a retry count once. */
  async recordSystemEvent(
    context: SignalContext,
    type: OutcomeType,
    uniqueKey: string,
    fields: Partial<OutcomeEvent> = {},
  ): Promise<boolean> {
    return this.events.record(this.systemEvent(context, type, uniqueKey, fields));
  }

  /** A system signal, not yet stored: for callers that batch it with the write that caused it. */
  systemEvent(
    context: SignalContext,
    type: OutcomeType,
    uniqueKey: string,
    fields: Partial<OutcomeEvent> = {},
  ): OutcomeEvent {
    return this.build(context, type, `${type}|${uniqueKey}`, fields);
  }

  private build(context: SignalContext, type: OutcomeType, identity: string, fields: Partial<OutcomeEvent>) {
    const now = this.now().toISOString();
    const eventId = createHash('sha256')
      .update(`${context.storeId}|${context.conversationId}|${identity}`)
      .digest('base64url')
      .slice(0, 22);
    const event: OutcomeEvent = {
      eventId,
      storeId: context.storeId,
      conversationId: context.conversationId,
      channel: context.channel,
      variantId: context.variantId,
      type,
      occurredAt: now,
      receivedAt: now,
      ...fields,
    };
    return event;
  }
}
