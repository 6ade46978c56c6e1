import { randomUUID } from 'node:crypto';
import { toCard } from '../catalog/product';
import { newConversationState, type ConversationState, type Message } from '../conversations/conversation';
import { NotFoundError, RateLimitedError, ValidationError } from '../errors/errors';
import type { CatalogService } from '../catalog/catalog-service';
import type { FeedbackService } from '../feedback/feedback-service';
import type { ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import type { ProductMetrics } from '../observability/metrics';
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
import { HISTORY_MESSAGES, updatePreferences, updateSummary } from './memory';
import { understand, type Understanding } from './query-understanding';
import { TEXT } from './reply-templates';
import type { ToolContext } from './tools';
import type { DraftReply } from './offline-assistant';
import type { TurnLedger } from './turn-ledger';
import { draftTurnReply } from './turn-draft';
import { turnSignals } from './turn-signals';
import { UNANSWERED_HANDOFF_REASON } from '../handoff/handoff-types';
import type { FaqService } from '../faq/faq-service';
import { HANDOFF_TEXT } from '../handoff/texts';
import { MAX_MESSAGE_CHARS, messageTextProblem } from '../conversations/message-text';
import type { ShopperReply, ShopperTurnInput } from './types';
import {
  awaitReply,
  nextShown,
  replayOf,
  replyIdFor,
  searchOf,
  silentReply,
  storeHandoffReply,
} from './turn-outcomes';

const DEFAULT_WAIT_MINUTES = 5;
/** Rate-limit counters of shopper conversations (one fixed window per minute). */
export const RATE_SCOPE = 'conversation';
const STATE_WRITE_ATTEMPTS = 5;

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

/** A stored shopper message the bot is to answer. */
interface AdmittedTurn {
  text: string;
  store: Store;
  log: Logger;
  messageId: string;
  replyId: string;
  history: Message[];
  state: ConversationState;
}

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

  /**
   * Answers one shopper message: admits it (limits, stored first), drafts the answer, then stores the reply and
   * the conversation's new state together with the signals the reply raises.
   */
  async handleMessage(input: ShopperTurnInput): Promise<ShopperReply> {
    const admitted = await this.admit(input);
    return 'reply' in admitted ? admitted.reply : this.answer(input, admitted);
  }

  /**
   * Validates and stores the message, then decides whether the bot answers it: a retried message gets its
   * earlier reply, the handoff flow may answer instead, and a conversation a person owns gets no bot reply.
   */
  private async admit(input: ShopperTurnInput): Promise<AdmittedTurn | { reply: ShopperReply }> {
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
    // While a person answers, the original's reply was silence, never stored: nothing to wait for.
    const nothingToAwait = isNew || recent.state?.mode === 'claimed';
    const previous =
      history.find((m) => m.replyId === replyId && m.role === 'assistant') ??
      (nothingToAwait
        ? undefined
        : await awaitReply(services.conversations, store.id, input.conversationId, replyId));
    if (previous) return { reply: replayOf(previous, replyId) };

    let state =
      recent.state ??
      newConversationState(store.id, input.conversationId, input.channel, services.now().toISOString());
    if (this.hooks.beforeTurn) {
      const before = await this.hooks.beforeTurn(state, store, shopperMessage);
      state = before.state;
      if (before.reply !== undefined)
        return {
          reply: await storeHandoffReply(services.conversations, {
            storeId: store.id,
            input,
            replyId,
            text: before.reply,
            state,
          }),
        };
    }
    if (state.mode === 'claimed') {
      await this.hooks.onShopperMessageWhileClaimed?.(state, shopperMessage);
      return { reply: silentReply(replyId, state) };
    }
    return { text, store, log, messageId, replyId, history, state };
  }

  /** The bot's answer to an admitted message. */
  private async answer(input: ShopperTurnInput, turn: AdmittedTurn): Promise<ShopperReply> {
    const { services } = this;
    const { text, store, log, messageId, replyId, history, state } = turn;
    const plan = await this.planFor(store.id, state);
    const [index, faq] = await Promise.all([
      services.catalog.getIndex(store.id),
      services.faq.index(store.id),
    ]);
    const understanding = understand(text, index);
    const language = understanding.language;
    const context = this.toolContext({ store, input, state, index, faq, plan });
    const drafted = await draftTurnReply({
      chatModel: services.chatModel,
      text,
      understanding,
      state,
      history: history.filter((m) => m.id !== messageId),
      context,
      log,
    });
    const { source, fallbackReason, ledger: usedLedger } = drafted;
    let { draft } = drafted;
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
    const signals = turnSignals(services.feedback, {
      storeId: store.id,
      input,
      replyId,
      variantId: plan.variant.id,
      draft,
      ledger: usedLedger,
      text,
    });
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

    const saved = await this.saveState(input, state, {
      plan,
      understanding,
      text,
      draft,
      search,
      ledger: usedLedger,
      streakHandoff,
    });

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

  private toolContext(turn: {
    store: Store;
    input: ShopperTurnInput;
    state: ConversationState;
    index: ToolContext['index'];
    faq: ToolContext['faq'];
    plan: GuidancePlan;
  }): ToolContext {
    const { store, state } = turn;
    return {
      store,
      customerId: turn.input.customerId ?? state.customerId,
      index: turn.index,
      orders: this.services.orders,
      boughtTogether: this.boughtTogether,
      plan: turn.plan,
      preferences: state.preferences,
      lastProductIds: state.lastProductIds,
      constraints: state.constraints,
      shownIds: state.shownIds,
      focusProductId: state.focusProductId,
      expectedWaitMinutes: store.handoff?.unclaimedMinutes ?? DEFAULT_WAIT_MINUTES,
      faq: turn.faq,
    };
  }

  /** The conversation after this turn: memory, shown products, the unanswered streak and a handoff request. */
  private saveState(
    input: ShopperTurnInput,
    state: ConversationState,
    turn: {
      plan: GuidancePlan;
      understanding: Understanding;
      text: string;
      draft: DraftReply;
      search: DraftReply['search'];
      ledger: TurnLedger;
      streakHandoff: boolean;
    },
  ): Promise<ConversationState> {
    const { services } = this;
    const { ledger, streakHandoff, draft, text } = turn;
    return services.conversations.updateState(
      state.storeId,
      input.conversationId,
      () => state,
      (current) => {
        current.turns += 1;
        current.variantId = current.variantId ?? turn.plan.variant.id;
        current.customerId = current.customerId ?? input.customerId;
        current.preferences = updatePreferences(current.preferences, turn.understanding, text);
        current.summary = updateSummary(current.summary, text, draft.products, turn.understanding.language);
        Object.assign(current, nextShown(current, draft, turn.search));
        current.unansweredStreak = ledger.unanswered ? current.unansweredStreak + 1 : 0;
        if ((ledger.handoffRequested || streakHandoff) && current.mode === 'bot') {
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
}

/** Deterministic, so a retried message maps to the reply it already got. */
