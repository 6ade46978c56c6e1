import { randomUUID } from 'node:crypto';
import { toCard } from '../catalog/product';
import { newConversationState, type ConversationState, type Message } from '../conversations/conversation';
import { NotFoundError, RateLimitedError, ValidationError } from '../errors/errors';
import type { CatalogService } from '../catalog/catalog-service';
import type { FeedbackService } from '../feedback/feedback-service';
import type { OutcomeEvent } from '../feedback/outcome-event';
import type { ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import type { ProductMetrics } from '../observability/metrics';
import { redactString } from '../observability/redact';
import type { OrderHistory } from '../ports/commerce';
import type { RateLimiter } from '../ports/claim-store';
import type { ConversationStore } from '../ports/conversation-store';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { Store } from '../stores/store';
import type { GuidancePlan, StrategyProvider } from '../strategy/strategy';
import { OrderBoughtTogether, type BoughtTogether } from './bought-together';
import { parseFollowUp } from './conversation/follow-up';
import { reasonsFor } from './conversation/reasons';
import { planSearch } from './conversation/refine';
import { checkGrounding } from './grounding';
import { answerWithLlm } from './llm-assistant';
import { HISTORY_MESSAGES, updatePreferences, updateSummary } from './memory';
import { answerOffline, type DraftReply } from './offline-assistant';
import { understand } from './query-understanding';
import { TEXT } from './reply-templates';
import type { ToolContext } from './tools';
import { TurnLedger } from './turn-ledger';
import { UNANSWERED_HANDOFF_REASON } from '../handoff/handoff-types';
import { answerFromFaq, storeAnswerFor } from '../faq/faq-reply';
import type { FaqService } from '../faq/faq-service';
import { HANDOFF_TEXT, languageOf } from '../handoff/texts';
import { MAX_MESSAGE_CHARS, messageTextProblem } from '../conversations/message-text';
import type { ShopperReply, ShopperTurnInput } from './types';
import { nextShown, replayOf, replyIdFor, searchOf, silentReply } from './turn-outcomes';

const DEFAULT_WAIT_MINUTES = 5;
/** Rate-limit counters of shopper conversations (one fixed window per minute). */
export const RATE_SCOPE = 'conversation';
const STATE_WRITE_ATTEMPTS = 5;
/** How long a duplicate message waits for the original's reply: longer than an LLM turn with retries. */
const DUPLICATE_WAIT_MS = 20_000;

/** Hooks the handoff flow plugs into; the assistant itself only records the request. */
export interface HandoffHooks {
  /** A shopper asked for a person this turn (state is already `handoff_requested`). */
  onHandoffRequested?(state: ConversationState, store: Store, reason: string | undefined): Promise<void>;
  /** A shopper wrote while a person owns the conversation: relay it, the bot stays silent. */
  onShopperMessageWhileClaimed?(state: ConversationState, message: Message): Promise<void>;
  /**
   * Runs once the shopper's message is stored, before anyone answers it: handoff timers and email capture.
   * Returns the state to go on with, and a `reply` when the handoff flow answers instead of the bot.
   */
  beforeTurn?(
    state: ConversationState,
    store: Store,
    message: Message,
  ): Promise<{ state: ConversationState; reply?: string }>;
}

/** The ports and services a shopper turn uses. */
export interface ShopperAssistantDeps {
  stores: Pick<StoreDirectory, 'get'>;
  conversations: ConversationStore;
  orders: OrderHistory;
  catalog: Pick<CatalogService, 'getIndex'>;
  /** The store FAQ: the merchant's own answers, checked for every question about the store. */
  faq: Pick<FaqService, 'index'>;
  strategies: StrategyProvider;
  feedback: Pick<FeedbackService, 'systemEvent'>;
  /** Per-conversation message limits (`rateLimitPerMinute`). */
  claims: RateLimiter;
  /** Present in LLM mode; the offline assistant answers without it. */
  chatModel?: ChatModel;
  metrics: ProductMetrics;
  logger: Logger;
  now: Clock;
}

/** Unanswered questions in a row after which the assistant asks for a person (when handoff is wired). */
export const UNANSWERED_FOR_HANDOFF = 2;

/**
 * The shopper assistant: stores the message, answers it (LLM with tools, or the offline assistant), checks
 * the answer is grounded, stores the reply and updates the conversation. Channel adapters call only this.
 */
export class ShopperAssistant {
  private readonly boughtTogether: BoughtTogether;

  constructor(
    private readonly services: ShopperAssistantDeps,
    private readonly hooks: HandoffHooks = {},
  ) {
    this.boughtTogether = new OrderBoughtTogether(services.orders, services.now);
  }

  async handleMessage(input: ShopperTurnInput): Promise<ShopperReply> {
    const text = input.text.trim();
    const problem = messageTextProblem(text);
    if (problem === 'empty') throw new ValidationError('Message text is empty');
    if (problem === 'too_long')
      throw new ValidationError(`Message is longer than ${MAX_MESSAGE_CHARS} characters`);
    const { services } = this;
    const store = await services.stores.get(input.storeId);
    if (!store) throw new NotFoundError('Unknown store');
    // Taken atomically before any work or write: parallel requests cannot multiply model calls or storage.
    await this.takeRate(store.id, input.conversationId, input.rateLimitPerMinute);
    const log = services.logger.child({
      storeId: store.id,
      channel: input.channel,
      conversationId: input.conversationId,
    });

    // Stored before anything else can fail: a shopper message is never lost.
    const messageId = input.messageId ?? randomUUID();
    const { message: shopperMessage, isNew } = await services.conversations.appendMessageOnce(
      {
        id: messageId,
        storeId: store.id,
        conversationId: input.conversationId,
        role: 'shopper',
        text,
        author: input.shopperName,
      },
      // Only an id the client chose can come back; a generated one needs no retry marker.
      { retryable: input.messageId !== undefined },
    );
    const replyId = replyIdFor(store.id, input.conversationId, messageId);
    const recent = await services.conversations.recent(store.id, input.conversationId, HISTORY_MESSAGES + 4);
    const history = recent.messages;
    const previous =
      history.find((m) => m.replyId === replyId && m.role === 'assistant') ??
      (isNew ? undefined : await this.awaitReply(store.id, input.conversationId, replyId));
    if (previous) return replayOf(previous, replyId);

    let state =
      recent.state ??
      newConversationState(store.id, input.conversationId, input.channel, services.now().toISOString());
    if (this.hooks.beforeTurn) {
      const before = await this.hooks.beforeTurn(state, store, shopperMessage);
      state = before.state;
      if (before.reply !== undefined) return this.handoffReply(store.id, input, replyId, before.reply, state);
    }
    if (state.mode === 'claimed') {
      await this.hooks.onShopperMessageWhileClaimed?.(state, shopperMessage);
      return silentReply(replyId, state);
    }

    const plan = await this.planFor(store.id, state);
    const [index, faq] = await Promise.all([
      services.catalog.getIndex(store.id),
      services.faq.index(store.id),
    ]);
    const understanding = understand(text, index);
    const language = understanding.language;
    const ledger = new TurnLedger();
    const context: ToolContext = {
      store,
      customerId: input.customerId ?? state.customerId,
      index,
      orders: services.orders,
      boughtTogether: this.boughtTogether,
      plan,
      preferences: state.preferences,
      lastProductIds: state.lastProductIds,
      constraints: state.constraints,
      shownIds: state.shownIds,
      focusProductId: state.focusProductId,
      expectedWaitMinutes: store.handoff?.unclaimedMinutes ?? DEFAULT_WAIT_MINUTES,
      faq,
    };

    let draft: DraftReply | undefined;
    let source: ShopperReply['source'] = 'offline';
    let fallbackReason: string | undefined;
    if (services.chatModel && state.mode === 'bot') {
      const outcome = await answerWithLlm({
        model: services.chatModel,
        text,
        language,
        state,
        history: history.filter((m) => m.id !== messageId),
        context,
        ledger,
        catalogTitles: () => index.titles(),
        storeAnswer: storeAnswerFor(text, understanding, context),
      });
      if (outcome.status === 'answered') {
        draft = outcome.draft;
        source = 'llm';
      } else {
        fallbackReason = outcome.reason;
        log.warn('LLM answer replaced by the offline assistant', { reason: outcome.reason });
      }
    }
    const offlineLedger = draft ? ledger : new TurnLedger();
    if (!draft) {
      if (state.mode === 'handoff_requested' && understanding.intent === 'human') {
        draft = { text: TEXT.handoffPending[language], products: [], suggestions: [], language };
      } else {
        draft =
          answerFromFaq(text, understanding, context, offlineLedger) ??
          (await answerOffline(text, understanding, context, offlineLedger));
      }
      const grounding = checkGrounding({
        reply: draft.text,
        ledger: offlineLedger,
        catalogTitles: index.titles(),
        catalogBrands: index.brands(),
        shopperText: text,
      });
      if (!grounding.ok)
        log.error('Offline reply failed the grounding check', { problems: grounding.problems });
    }
    const usedLedger = source === 'llm' ? ledger : offlineLedger;
    // The second unanswered question in a row asks for a person, where someone can be asked.
    const streakHandoff =
      !!this.hooks.onHandoffRequested &&
      state.mode === 'bot' &&
      usedLedger.unanswered &&
      !usedLedger.handoffRequested &&
      state.unansweredStreak + 1 >= UNANSWERED_FOR_HANDOFF;
    if (streakHandoff) {
      draft = {
        ...draft,
        text: `${HANDOFF_TEXT.unansweredLead[language]}\n${TEXT.handoff[language](context.expectedWaitMinutes)}`,
        products: [],
        suggestions: [],
      };
    }
    const handoff = usedLedger.handoffRequested || streakHandoff || state.mode === 'handoff_requested';

    // The reply and the signals it raises are written together, once: a retried message finds this reply
    // through the history check above, and a racing duplicate waits for it.
    const reasons = draft.reasons ?? reasonsFor(draft.products, { language, constraints: state.constraints });
    const actions = draft.actions ?? [];
    const search =
      draft.search ??
      (source === 'llm' && understanding.intent === 'search'
        ? searchOf(planSearch(understanding, parseFollowUp(text, index), context))
        : undefined);
    const signals = this.signalsOf(store.id, input, replyId, plan, draft, usedLedger, text);
    const replyMessage = await services.conversations.appendReply(
      {
        id: replyId,
        storeId: store.id,
        conversationId: input.conversationId,
        role: 'assistant',
        text: draft.text,
        products: draft.products.map((p) => ({ ...toCard(p), reason: reasons[p.id] ?? '' })),
        replyId,
        variantId: plan.variant.id,
        ...(actions.length ? { actions } : {}),
        ...(draft.comparison ? { comparison: draft.comparison } : {}),
      },
      signals,
    );

    const saved = await services.conversations.updateState(
      store.id,
      input.conversationId,
      () => state,
      (current) => {
        current.turns += 1;
        current.variantId = current.variantId ?? plan.variant.id;
        current.customerId = current.customerId ?? input.customerId;
        current.preferences = updatePreferences(current.preferences, understanding, text);
        current.summary = updateSummary(current.summary, text, draft.products, language);
        Object.assign(current, nextShown(current, draft, search));
        current.unansweredStreak = usedLedger.unanswered ? current.unansweredStreak + 1 : 0;
        if ((usedLedger.handoffRequested || streakHandoff) && current.mode === 'bot') {
          current.mode = 'handoff_requested';
          current.handoffRequestedAt = services.now().toISOString();
          if (streakHandoff) current.unansweredStreak = 0;
        }
        return current;
      },
      // Every accepted turn of the minute may race this write; the limit bounds them, so enough retries exist.
      STATE_WRITE_ATTEMPTS + (input.rateLimitPerMinute ?? 0),
      state,
    );

    if ((usedLedger.handoffRequested || streakHandoff) && saved.mode === 'handoff_requested') {
      const reason = streakHandoff ? UNANSWERED_HANDOFF_REASON : usedLedger.handoffReason;
      await this.hooks.onHandoffRequested?.(saved, store, reason);
    }
    services.metrics.count('ShopperReplies', { channel: input.channel, source });
    if (fallbackReason) services.metrics.count('LlmFallbacks', { reason: fallbackReason });
    if (usedLedger.handoffRequested) services.metrics.count('Handoffs', { channel: input.channel });
    log.info('Shopper turn answered', {
      source,
      products: draft.products.length,
      handoff,
      variant: plan.variant.id,
    });
    return {
      replyId,
      text: replyMessage.text,
      products: replyMessage.products ?? [],
      actions,
      ...(draft.comparison ? { comparison: draft.comparison } : {}),
      handoff,
      suggestions: draft.suggestions,
      language,
      mode: saved.mode,
      variantId: plan.variant.id,
      source,
      fallbackReason,
      faqEntryId: usedLedger.faqEntryIds[0],
    };
  }

  /** A reply written by the handoff flow (unclaimed notice, email received), stored like any reply. */
  private async handoffReply(
    storeId: string,
    input: ShopperTurnInput,
    replyId: string,
    text: string,
    state: ConversationState,
  ): Promise<ShopperReply> {
    const stored = await this.services.conversations.appendMessage({
      id: replyId,
      storeId,
      conversationId: input.conversationId,
      role: 'assistant',
      text,
      replyId,
    });
    await this.services.conversations.recordReply(storeId, input.conversationId, {
      replyId,
      productIds: [],
      variantId: state.variantId,
      at: stored.at,
    });
    return {
      replyId,
      text: stored.text,
      products: [],
      actions: [],
      handoff: state.mode !== 'bot',
      suggestions: [],
      language: languageOf(text, state.preferences.language),
      mode: state.mode,
      variantId: state.variantId ?? 'none',
      source: 'offline',
    };
  }

  /**
   * A duplicate of a message that is still being answered (a client retry racing the original) waits for
   * that answer instead of producing a second one. If it never comes (the first attempt died), this one
   * answers: at least once, and exactly once whenever the first attempt succeeds.
   */
  private async awaitReply(storeId: string, conversationId: string, replyId: string) {
    for (
      let waited = 0, delay = 100;
      waited < DUPLICATE_WAIT_MS;
      waited += delay, delay = Math.min(delay * 2, 1000)
    ) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const recent = await this.services.conversations.lastMessages(
        storeId,
        conversationId,
        HISTORY_MESSAGES + 4,
      );
      const reply = recent.find((m) => m.replyId === replyId && m.role === 'assistant');
      if (reply) return reply;
    }
    return undefined;
  }

  /** The per-conversation limit: a conditional counter, so 30 parallel messages with a limit of 20 answer 20. */
  private async takeRate(storeId: string, conversationId: string, perMinute: number | undefined) {
    if (perMinute === undefined) return;
    const { services } = this;
    const rate = await services.claims.hit(
      RATE_SCOPE,
      `${storeId}|${conversationId}`,
      perMinute,
      60,
      services.now().getTime(),
    );
    if (!rate.allowed)
      throw new RateLimitedError('Too many messages, please slow down', rate.retryAfterSeconds);
  }

  /** The variant sticks to the conversation once chosen, even if the store's split changes later. */
  private async planFor(storeId: string, state: ConversationState): Promise<GuidancePlan> {
    const plan = await this.services.strategies.planFor(storeId, state.conversationId);
    if (!state.variantId || state.variantId === plan.variant.id) return plan;
    const sticky = await this.services.strategies.variantById?.(storeId, state.variantId);
    return sticky ? { ...plan, variant: sticky } : plan;
  }

  /** Signals a reply raises for the feedback loop: what it showed, what it could not answer, a handoff. */
  private signalsOf(
    storeId: string,
    input: ShopperTurnInput,
    replyId: string,
    plan: GuidancePlan,
    draft: DraftReply,
    ledger: TurnLedger,
    text: string,
  ): OutcomeEvent[] {
    const context = {
      storeId,
      conversationId: input.conversationId,
      channel: input.channel,
      variantId: plan.variant.id,
    };
    const feedback = this.services.feedback;
    const events: OutcomeEvent[] = [];
    if (draft.products.length) {
      events.push(
        feedback.systemEvent(context, 'shown', replyId, {
          replyId,
          productIds: draft.products.map((p) => p.id),
        }),
      );
    }
    // The cart action is an outcome of this reply, for a product this reply shows.
    for (const action of draft.actions ?? []) {
      events.push(
        feedback.systemEvent(context, 'add_to_cart', `${replyId}|${action.productId}`, {
          replyId,
          productId: action.productId,
        }),
      );
    }
    if (ledger.unanswered) {
      events.push(
        // Kept for latent demand: the question, never the shopper's e-mail address or phone number.
        feedback.systemEvent(context, 'unanswered', replyId, {
          replyId,
          query: redactString(text).slice(0, 200),
        }),
      );
    }
    if (ledger.handoffRequested) events.push(feedback.systemEvent(context, 'handoff', replyId, { replyId }));
    if (ledger.faqEntryIds.length > 0) {
      events.push(
        feedback.systemEvent(context, 'faq_answered', replyId, { replyId, entryId: ledger.faqEntryIds[0] }),
      );
    }
    return events;
  }
}

/** Deterministic, so a retried message maps to the reply it already got. */
