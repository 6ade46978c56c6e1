import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { NotFoundError, ValidationError } from '../errors/errors';
import type { Channel } from '../conversations/conversation';
import type { ProductMetrics } from '../observability/metrics';
import type { EventSink } from '../ports/event-log';
import type { Clock } from '../ports/stores';
import type { OutcomeEvent, OutcomeType } from './outcome-event';
import type { CustomerSignals, ReplyRecords } from '../ports/signal-records';

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
  /** The verified customer of the conversation, whose clicks may later attribute a purchase. */
  customerId?: string;
}

export interface SignalOptions {
  /**
   * Accept only replies recorded in this conversation (web chat, where the client names the reply). Slack and
   * Teams buttons are tied to their conversation by the platform and may rate replies without a record.
   */
  requireReply?: boolean;
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
    private readonly replies?: ReplyRecords,
    private readonly signals?: CustomerSignals,
  ) {}

  /**
   * One rating per reply, the last one wins: each change is an event that names the rating it replaces, so
   * the aggregation and insights can take the old one back. Repeating the current rating records nothing.
   */
  async recordFeedback(
    context: SignalContext,
    input: unknown,
    options: SignalOptions = {},
  ): Promise<{ recorded: boolean; event: OutcomeEvent }> {
    const parsed = feedbackInputSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('Expected {replyId, rating: "up"|"down", comment?}');
    const { replyId, rating, comment } = parsed.data;
    const rated = await this.replies?.rate(context.storeId, context.conversationId, replyId, rating);
    if (!rated && options.requireReply) throw new NotFoundError('No such reply in this conversation');
    if (rated && rated.previous === rating) {
      return { recorded: false, event: this.build(context, 'feedback', `feedback|${replyId}|${rating}`, {}) };
    }
    const identity = rated ? `feedback|${replyId}|${rated.count}` : `feedback|${replyId}|${rating}`;
    const event = this.build(context, 'feedback', identity, {
      replyId,
      rating,
      replaces: rated?.previous,
      comment,
    });
    const recorded = await this.events.record(event);
    if (recorded) this.metrics?.count('Feedback', { rating, channel: context.channel });
    return { recorded, event };
  }

  /**
   * A click, add-to-cart or purchase report, only for a product shown in this conversation (in `replyId`
   * when given, else in its latest reply that showed it). A purchase sent by a browser proves nothing: it is
   * kept as `purchase_unverified`, outside reward and conversion; purchases that count come from
   * `attributeOrder` and the signed order webhook.
   */
  async recordOutcome(
    context: SignalContext,
    input: unknown,
    options: SignalOptions = {},
  ): Promise<{ recorded: boolean; event: OutcomeEvent }> {
    const parsed = outcomeInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError('Expected {type: "click"|"add_to_cart"|"purchase", productId, replyId?}');
    }
    const { type, productId } = parsed.data;
    let { replyId } = parsed.data;
    let variantId = context.variantId;
    if (this.replies && options.requireReply) {
      const shownIn = await this.replyShowing(context, productId, replyId);
      replyId = shownIn.replyId;
      variantId = shownIn.variantId ?? variantId;
    }
    const storedType: OutcomeType = type === 'purchase' ? 'purchase_unverified' : type;
    const event = this.build(
      { ...context, variantId },
      storedType,
      `${type}|${replyId ?? '-'}|${productId}`,
      { productId, replyId },
    );
    const recorded = await this.events.record(event);
    if (recorded && context.customerId && replyId && (type === 'click' || type === 'add_to_cart')) {
      await this.signals?.record(context.storeId, context.customerId, {
        eventId: event.eventId,
        type,
        productId,
        conversationId: context.conversationId,
        replyId,
        variantId,
        at: event.occurredAt,
      });
    }
    return { recorded, event };
  }

  private async replyShowing(context: SignalContext, productId: string, replyId: string | undefined) {
    const { storeId, conversationId } = context;
    const replies = this.replies as ReplyRecords;
    if (replyId) {
      const reply = await replies.get(storeId, conversationId, replyId);
      if (!reply) throw new NotFoundError('No such reply in this conversation');
      if (!reply.productIds.includes(productId))
        throw new ValidationError('That reply did not show this product');
      return reply;
    }
    const shown = (await replies.list(storeId, conversationId)).filter((r) =>
      r.productIds.includes(productId),
    );
    const latest = shown[shown.length - 1];
    if (!latest) throw new ValidationError('This conversation did not show this product');
    return latest;
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
