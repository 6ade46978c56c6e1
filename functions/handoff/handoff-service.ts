import type { HandoffHooks } from '../assistant/shopper-assistant';
import {
  newConversationState,
  type Channel,
  type ConversationState,
  type HandoffInfo,
  type HandoffTrigger,
  type Message,
} from '../conversations/conversation';
import type { FeedbackService } from '../feedback/feedback-service';
import type { Logger } from '../observability/logger';
import type { ConversationStore } from '../ports/conversation-store';
import type { HandoffStore } from '../ports/handoff-store';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { WorkQueue } from '../ports/work-queue';
import type { Store } from '../stores/store';
import type { DeliveryDeps } from './delivery';
import { HandoffDispatcher } from './dispatcher';
import { UNANSWERED_HANDOFF_REASON, type HandoffActor, type HandoffNotifier } from './handoff-types';
import { findEmail, HANDOFF_TEXT, languageOf } from './texts';
import { handoffTiming, isIdle, isRefusal, isUnclaimedTooLong, requestIdFor } from './transitions';
import { runHandoffTimers, type TimerRun } from './timers';
import { HandoffTransitionWriter } from './transition-writer';

/** Thumbs-down in a row that ask for a person. */
export const DOWNVOTES_FOR_HANDOFF = 2;

export type ClaimOutcome =
  | { status: 'claimed'; state: ConversationState; alreadyYours: boolean }
  | { status: 'already_claimed'; owner: string }
  | { status: 'not_open' };

export type ReleaseOutcome = { status: 'released'; state: ConversationState } | { status: 'not_open' };

/** The ports the handoff flow uses. */
export interface HandoffDeps extends DeliveryDeps {
  conversations: ConversationStore;
  stores: StoreDirectory;
  handoffs: HandoffStore;
  feedback: Pick<FeedbackService, 'recordSystemEvent'>;
  logger: Logger;
  now: Clock;
  /** Deliveries leave through the work queue and are retried there. */
  queue?: WorkQueue;
}

export interface HandoffServiceOptions {
  /** Deliver inline through these when there is no work queue (tests, single-process tools). */
  notifiers?: HandoffNotifier[];
}

/**
 * The handoff state machine, `bot` → `handoff_requested` → `claimed(by)` → `bot`, and everything that hangs
 * off its transitions: events the feedback loop counts, notes the shopper reads, and deliveries to the
 * merchant's Slack or Teams thread. The transitions themselves are the pure `nextHandoffState` (transitions.ts);
 * each is written conditionally on the state version it was decided on, and a refusal writes nothing, so two
 * concurrent claims yield exactly one owner.
 * Messages are stored before anything is relayed; relays leave through the work queue and are retried there.
 */
export class HandoffService {
  private readonly repository: HandoffStore;
  private readonly logger: Logger;
  private readonly dispatcher: HandoffDispatcher;
  private readonly writer: HandoffTransitionWriter;

  constructor(
    private readonly deps: HandoffDeps,
    private readonly options: HandoffServiceOptions = {},
  ) {
    this.repository = deps.handoffs;
    this.logger = deps.logger.child({ module: 'handoff' });
    this.dispatcher = new HandoffDispatcher({ ...deps, logger: this.logger }, options.notifiers);
    this.writer = new HandoffTransitionWriter(deps, this.logger);
  }

  /** The hooks the shopper assistant calls; pass them to `new ShopperAssistant(deps, hooks)`. */
  hooks(): HandoffHooks {
    return {
      onHandoffRequested: (state, store, reason) =>
        this.opened(state, store, reason === UNANSWERED_HANDOFF_REASON ? 'unanswered' : 'explicit', reason),
      onShopperMessageWhileClaimed: (state, message) => this.shopperMessageWhileClaimed(state, message),
      beforeTurn: (state, store, message) => this.beforeTurn(state, store, message),
    };
  }

  /** Expected wait the shopper is told, from the store's settings. */
  static timing(store: Store | undefined) {
    return handoffTiming(store);
  }

  /** The scheduled pass over every store's open requests (idle returns, unclaimed notices). */
  runTimers(now: Date): Promise<TimerRun> {
    return runHandoffTimers(this, this.deps, now);
  }

  /**
   * Completes a request whose state is already `handoff_requested` (set by the assistant's turn or a rating):
   * records the request, indexes it for the timers and posts the card.
   */
  async opened(state: ConversationState, store: Store, trigger: HandoffTrigger, reason?: string) {
    const now = this.deps.now().toISOString();
    const requestedAt = state.handoffRequestedAt ?? now;
    const requestId = requestIdFor(state.storeId, state.conversationId, requestedAt);
    await this.repository.markOpen(state.storeId, state.conversationId, requestId);
    const step = await this.writer.apply(state.storeId, state.conversationId, {
      kind: 'open',
      requestId,
      trigger,
      reason,
      requestedAt,
      now,
    });
    if (isRefusal(step)) return;
    const saved = step.next;
    await this.writer.record(saved, 'handoff_requested', trigger);
    this.writer.log(saved).info('Handoff requested', { trigger });
    await this.dispatcher.dispatch({
      op: 'card',
      storeId: store.id,
      conversationId: saved.conversationId,
      requestId,
    });
  }

  /**
   * Counts a shopper's rating towards the thumbs-down streak; the second thumbs-down in a row asks for a
   * person. Returns the mode the conversation is in afterwards.
   */
  async recordRating(
    context: { storeId: string; conversationId: string; channel: Channel },
    rating: 'up' | 'down',
  ): Promise<{ handoff: boolean; mode: ConversationState['mode'] }> {
    const { storeId, conversationId } = context;
    const now = this.deps.now().toISOString();
    let started = false;
    const saved = await this.deps.conversations.updateState(
      storeId,
      conversationId,
      () => newConversationState(storeId, conversationId, context.channel, now),
      (current) => {
        started = false;
        current.downvoteStreak = rating === 'down' ? current.downvoteStreak + 1 : 0;
        if (current.mode === 'bot' && current.downvoteStreak >= DOWNVOTES_FOR_HANDOFF) {
          current.mode = 'handoff_requested';
          current.handoffRequestedAt = now;
          current.claimedBy = undefined;
          current.downvoteStreak = 0;
          started = true;
        }
        return current;
      },
    );
    if (started) {
      const store = await this.deps.stores.get(storeId);
      if (store) {
        const language = saved.preferences.language ?? 'en';
        const requestId = requestIdFor(storeId, conversationId, now);
        await this.writer.note(saved, `handoff-downvotes-${requestId}`, 'assistant', () =>
          HANDOFF_TEXT.downvoted[language](HandoffService.timing(store).unclaimedMinutes),
        );
        await this.opened(saved, store, 'downvotes', 'two thumbs-down in a row');
      }
    }
    return { handoff: saved.mode !== 'bot', mode: saved.mode };
  }

  /** One person takes the conversation. A second claimer gets `already_claimed` with the owner's name. */
  async claim(storeId: string, conversationId: string, actor: HandoffActor): Promise<ClaimOutcome> {
    const now = this.deps.now().toISOString();
    const step = await this.writer.apply(storeId, conversationId, { kind: 'claim', actor, now });
    if (isRefusal(step)) {
      return step.refused === 'already_claimed'
        ? { status: 'already_claimed', owner: step.owner }
        : { status: 'not_open' };
    }
    const saved = step.next;
    const alreadyYours = !step.changed;
    if (!alreadyYours) {
      const info = saved.handoff as HandoffInfo;
      await this.writer.record(saved, 'handoff_claimed', 'claimed');
      this.writer.log(saved).info('Handoff claimed');
      const language = saved.preferences.language ?? 'en';
      await this.writer.note(saved, `handoff-claimed-${info.requestId}`, 'system', () =>
        HANDOFF_TEXT.claimed[language](actor.name),
      );
      await this.dispatcher.update(saved);
    }
    return { status: 'claimed', state: saved, alreadyYours };
  }

  /**
   * Back to the bot: by a person (`Return to bot`, before or after a claim) or by the idle timer, which only
   * fires if the conversation is still claimed and still idle when the write happens.
   */
  async release(
    storeId: string,
    conversationId: string,
    by: { actor: HandoffActor; reason: 'merchant' } | { reason: 'idle'; now: Date; idleMinutes: number },
  ): Promise<ReleaseOutcome> {
    const now = this.deps.now().toISOString();
    const step = await this.writer.apply(
      storeId,
      conversationId,
      by.reason === 'idle'
        ? { kind: 'release', reason: 'idle', now, asOf: by.now, idleMinutes: by.idleMinutes }
        : { kind: 'release', reason: 'merchant', now },
    );
    if (isRefusal(step)) return { status: 'not_open' };
    const saved = step.next;
    const info = saved.handoff as HandoffInfo;
    await this.repository.markClosed(storeId, conversationId);
    await this.writer.record(saved, 'handoff_released', by.reason);
    this.writer.log(saved).info('Handoff returned to the bot', { reason: by.reason });
    const language = saved.preferences.language ?? 'en';
    await this.writer.note(saved, `handoff-released-${info.requestId}`, 'system', () =>
      by.reason === 'idle'
        ? HANDOFF_TEXT.releasedIdle[language]
        : HANDOFF_TEXT.releasedByMerchant[language](by.actor.name),
    );
    await this.dispatcher.update(saved);
    return { status: 'released', state: saved };
  }

  /**
   * A person wrote in the merchant thread (the message is already stored): an unclaimed request becomes
   * theirs, a claimed one stays awake. Returns the mode afterwards, or undefined for an unknown conversation.
   */
  async merchantReplied(
    storeId: string,
    conversationId: string,
    actor: HandoffActor,
  ): Promise<ConversationState['mode'] | undefined> {
    const state = await this.deps.conversations.getState(storeId, conversationId);
    if (!state) return undefined;
    if (state.mode === 'handoff_requested') {
      const outcome = await this.claim(storeId, conversationId, actor);
      if (outcome.status === 'claimed') return 'claimed';
    } else if (state.mode === 'claimed') {
      await this.touch(storeId, conversationId);
    }
    return (await this.deps.conversations.getState(storeId, conversationId))?.mode;
  }

  /** A person's display name for a platform identity, when they claimed this conversation. */
  async claimerName(storeId: string, conversationId: string, actorId: string): Promise<string | undefined> {
    const state = await this.deps.conversations.getState(storeId, conversationId);
    return state?.claimedBy === actorId ? state.handoff?.claimedByName : undefined;
  }

  /**
   * Lazy timers and the email capture, run by the assistant before it answers (the shopper's message is
   * stored). A conversation idle past the limit returns to the bot, which then answers; an unclaimed request
   * past its limit tells the shopper once; an email left while waiting is kept on the conversation.
   */
  async beforeTurn(
    state: ConversationState,
    store: Store,
    message: Message,
  ): Promise<{ state: ConversationState; reply?: string }> {
    if (state.mode === 'bot') return { state };
    const now = this.deps.now();
    const timing = HandoffService.timing(store);
    const language = languageOf(message.text, state.preferences.language);
    if (state.mode === 'claimed') {
      if (!isIdle(state, now, timing.idleMinutes)) return { state };
      const released = await this.release(store.id, state.conversationId, {
        reason: 'idle',
        now,
        idleMinutes: timing.idleMinutes,
      });
      return { state: released.status === 'released' ? released.state : state };
    }
    await this.dispatcher.relayShopperMessage(state, message);
    const email = findEmail(message.text);
    if (email) {
      const saved = await this.captureEmail(state, email);
      return { state: saved, reply: HANDOFF_TEXT.emailCaptured[language](email) };
    }
    if (isUnclaimedTooLong(state, now, timing.unclaimedMinutes)) {
      const noticed = await this.noticeUnclaimed(state, timing.unclaimedMinutes, false);
      if (noticed) return { state: noticed, reply: HANDOFF_TEXT.unclaimed[language] };
    }
    return { state };
  }

  private async shopperMessageWhileClaimed(state: ConversationState, message: Message) {
    await this.dispatcher.relayShopperMessage(state, message);
    await this.touch(state.storeId, state.conversationId);
  }

  private async captureEmail(state: ConversationState, email: string): Promise<ConversationState> {
    const now = this.deps.now().toISOString();
    const step = await this.writer.apply(state.storeId, state.conversationId, {
      kind: 'leave_email',
      email,
      now,
    });
    if (isRefusal(step)) return state;
    const saved = step.next;
    await this.writer.record(saved, 'handoff_email', 'email');
    this.writer.log(saved).info('Shopper left an email for the handoff');
    await this.dispatcher.update(saved);
    return saved;
  }

  /** Tells the shopper (once per request) that nobody has claimed it yet; undefined when someone beat us to it. */
  async noticeUnclaimed(
    state: ConversationState,
    minutes: number,
    fromTimer: boolean,
  ): Promise<ConversationState | undefined> {
    const now = this.deps.now().toISOString();
    const step = await this.writer.apply(state.storeId, state.conversationId, {
      kind: 'notice_unclaimed',
      now,
    });
    if (isRefusal(step)) return undefined;
    const saved = step.next;
    const info = saved.handoff as HandoffInfo;
    await this.writer.record(saved, 'handoff_unclaimed', `${minutes}m`);
    if (fromTimer) {
      const language = saved.preferences.language ?? 'en';
      await this.writer.note(
        saved,
        `handoff-unclaimed-${info.requestId}`,
        'assistant',
        () => HANDOFF_TEXT.unclaimed[language],
      );
    }
    await this.dispatcher.dispatch({
      op: 'message',
      storeId: saved.storeId,
      conversationId: saved.conversationId,
      requestId: info.requestId,
      message: {
        id: `unclaimed-${info.requestId}`,
        role: 'system',
        text: `Nobody has claimed this for ${minutes} minutes. The shopper was told and offered to leave an email; the request stays open.`,
      },
    });
    return saved;
  }

  private async touch(storeId: string, conversationId: string) {
    await this.writer.apply(storeId, conversationId, { kind: 'touch', now: this.deps.now().toISOString() });
  }
}
