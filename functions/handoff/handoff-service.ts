import { createHash } from 'node:crypto';
import type { HandoffHooks } from '../assistant/shopper-assistant';
import {
  newConversationState,
  type Channel,
  type ConversationState,
  type HandoffInfo,
  type HandoffTrigger,
  type Message,
  type MessageRole,
} from '../conversations/conversation';
import type { HandoffTransition } from '../feedback/outcome-event';
import type { FeedbackService } from '../feedback/feedback-service';
import type { Logger } from '../observability/logger';
import type { ConversationStore } from '../ports/conversation-store';
import type { HandoffStore } from '../ports/handoff-store';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { WorkQueue } from '../ports/work-queue';
import type { Store } from '../stores/store';
import { deliverHandoff, type DeliveryDeps } from './delivery';
import {
  AlreadyClaimedError,
  DEFAULT_HANDOFF_TIMING,
  HANDOFF_DELIVERY_JOB,
  NotInHandoffError,
  UNANSWERED_HANDOFF_REASON,
  type HandoffActor,
  type HandoffDelivery,
  type HandoffNotifier,
} from './handoff-types';
import { findEmail, HANDOFF_TEXT, languageOf } from './texts';

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

export interface TimerRun {
  open: number;
  released: number;
  noticed: number;
}

/**
 * The handoff state machine, `bot` → `handoff_requested` → `claimed(by)` → `bot`, and everything that hangs
 * off its transitions: events the feedback loop counts, notes the shopper reads, and deliveries to the
 * merchant's Slack or Teams thread. Transitions are conditional writes on the conversation state (a refused
 * transition throws inside the write and changes nothing), so two concurrent claims yield exactly one owner.
 * Messages are stored before anything is relayed; relays leave through the work queue and are retried there.
 */
export class HandoffService {
  private readonly repository: HandoffStore;
  private readonly logger: Logger;

  constructor(
    private readonly deps: HandoffDeps,
    private readonly options: HandoffServiceOptions = {},
  ) {
    this.repository = deps.handoffs;
    this.logger = deps.logger.child({ module: 'handoff' });
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
    return store?.handoff ?? DEFAULT_HANDOFF_TIMING;
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
    let saved: ConversationState;
    try {
      saved = await this.transition(state.storeId, state.conversationId, (current) => {
        if (current.mode !== 'handoff_requested') throw new NotInHandoffError('The request was closed');
        if (current.handoff?.requestId === requestId) return current;
        current.handoff = { requestId, trigger, reason, requestedAt, lastActivityAt: now };
        return current;
      });
    } catch (error) {
      if (error instanceof NotInHandoffError) return;
      throw error;
    }
    await this.record(saved, 'handoff_requested', trigger);
    this.log(saved).info('Handoff requested', { trigger });
    await this.dispatch({ op: 'card', storeId: store.id, conversationId: saved.conversationId, requestId });
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
        await this.note(saved, `handoff-downvotes-${requestId}`, 'assistant', () =>
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
    let alreadyYours = false;
    let saved: ConversationState;
    try {
      saved = await this.transition(storeId, conversationId, (current) => {
        alreadyYours = false;
        if (current.mode === 'claimed') {
          if (current.claimedBy !== actor.id) {
            throw new AlreadyClaimedError(current.handoff?.claimedByName ?? 'Someone', current.claimedBy);
          }
          alreadyYours = true;
          return current;
        }
        if (current.mode !== 'handoff_requested') throw new NotInHandoffError('Nothing to claim');
        current.mode = 'claimed';
        current.claimedBy = actor.id;
        current.handoff = {
          ...(current.handoff ?? fallbackInfo(current, now)),
          claimedByName: actor.name,
          claimedAt: now,
          lastActivityAt: now,
        };
        return current;
      });
    } catch (error) {
      if (error instanceof AlreadyClaimedError) return { status: 'already_claimed', owner: error.owner };
      if (error instanceof NotInHandoffError) return { status: 'not_open' };
      throw error;
    }
    if (!alreadyYours) {
      const info = saved.handoff as HandoffInfo;
      await this.record(saved, 'handoff_claimed', 'claimed');
      this.log(saved).info('Handoff claimed');
      const language = saved.preferences.language ?? 'en';
      await this.note(saved, `handoff-claimed-${info.requestId}`, 'system', () =>
        HANDOFF_TEXT.claimed[language](actor.name),
      );
      await this.dispatchUpdate(saved);
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
    let saved: ConversationState;
    try {
      saved = await this.transition(storeId, conversationId, (current) => {
        if (current.mode === 'bot') throw new NotInHandoffError('Already with the bot');
        // A message since the caller looked keeps the person on it.
        if (by.reason === 'idle' && !isIdle(current, by.now, by.idleMinutes)) {
          throw new NotInHandoffError('No longer idle');
        }
        current.mode = 'bot';
        current.claimedBy = undefined;
        current.unansweredStreak = 0;
        current.downvoteStreak = 0;
        current.handoff = {
          ...(current.handoff ?? fallbackInfo(current, now)),
          releasedAt: now,
          releaseReason: by.reason,
        };
        return current;
      });
    } catch (error) {
      if (error instanceof NotInHandoffError) return { status: 'not_open' };
      throw error;
    }
    const info = saved.handoff as HandoffInfo;
    await this.repository.markClosed(storeId, conversationId);
    await this.record(saved, 'handoff_released', by.reason);
    this.log(saved).info('Handoff returned to the bot', { reason: by.reason });
    const language = saved.preferences.language ?? 'en';
    await this.note(saved, `handoff-released-${info.requestId}`, 'system', () =>
      by.reason === 'idle'
        ? HANDOFF_TEXT.releasedIdle[language]
        : HANDOFF_TEXT.releasedByMerchant[language](by.actor.name),
    );
    await this.dispatchUpdate(saved);
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
    await this.relayShopperMessage(state, message);
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

  /**
   * The scheduled pass over every store's open requests: idle conversations return to the bot, and shoppers
   * whose request nobody claimed in time are told (once) and offered to leave an email.
   */
  async runTimers(now: Date): Promise<TimerRun> {
    const run: TimerRun = { open: 0, released: 0, noticed: 0 };
    for (const store of await this.deps.stores.list()) {
      const timing = HandoffService.timing(store);
      for (const conversationId of await this.repository.listOpen(store.id)) {
        const state = await this.deps.conversations.getState(store.id, conversationId);
        if (!state || state.mode === 'bot') {
          await this.repository.markClosed(store.id, conversationId);
          continue;
        }
        run.open += 1;
        try {
          if (state.mode === 'claimed' && isIdle(state, now, timing.idleMinutes)) {
            const released = await this.release(store.id, conversationId, {
              reason: 'idle',
              now,
              idleMinutes: timing.idleMinutes,
            });
            if (released.status === 'released') run.released += 1;
          } else if (isUnclaimedTooLong(state, now, timing.unclaimedMinutes)) {
            if (await this.noticeUnclaimed(state, timing.unclaimedMinutes, true)) run.noticed += 1;
          }
        } catch (error) {
          // One conversation's failure must not stop the pass; the next run tries it again.
          this.log(state).error('Handoff timer failed', {
            error: error instanceof Error ? error.name : 'unknown',
          });
        }
      }
    }
    return run;
  }

  private async shopperMessageWhileClaimed(state: ConversationState, message: Message) {
    await this.relayShopperMessage(state, message);
    await this.touch(state.storeId, state.conversationId);
  }

  private async relayShopperMessage(state: ConversationState, message: Message) {
    const requestId = state.handoff?.requestId;
    if (!requestId) return;
    await this.dispatch({
      op: 'message',
      storeId: state.storeId,
      conversationId: state.conversationId,
      requestId,
      message: { id: message.id, role: 'shopper', text: message.text, author: message.author },
    });
  }

  private async captureEmail(state: ConversationState, email: string): Promise<ConversationState> {
    let saved: ConversationState;
    try {
      saved = await this.transition(state.storeId, state.conversationId, (current) => {
        if (current.mode === 'bot' || !current.handoff)
          throw new NotInHandoffError('Not waiting for a person');
        current.handoff = { ...current.handoff, email, lastActivityAt: this.deps.now().toISOString() };
        return current;
      });
    } catch (error) {
      if (error instanceof NotInHandoffError) return state;
      throw error;
    }
    await this.record(saved, 'handoff_email', 'email');
    this.log(saved).info('Shopper left an email for the handoff');
    await this.dispatchUpdate(saved);
    return saved;
  }

  /** Tells the shopper (once per request) that nobody has claimed it yet; false when someone beat us to it. */
  private async noticeUnclaimed(
    state: ConversationState,
    minutes: number,
    fromTimer: boolean,
  ): Promise<ConversationState | undefined> {
    const now = this.deps.now().toISOString();
    let saved: ConversationState;
    try {
      saved = await this.transition(state.storeId, state.conversationId, (current) => {
        if (current.mode !== 'handoff_requested' || !current.handoff || current.handoff.unclaimedNoticeAt) {
          throw new NotInHandoffError('Already noticed, claimed or closed');
        }
        current.handoff = { ...current.handoff, unclaimedNoticeAt: now };
        return current;
      });
    } catch (error) {
      if (error instanceof NotInHandoffError) return undefined;
      throw error;
    }
    const info = saved.handoff as HandoffInfo;
    await this.record(saved, 'handoff_unclaimed', `${minutes}m`);
    if (fromTimer) {
      const language = saved.preferences.language ?? 'en';
      await this.note(
        saved,
        `handoff-unclaimed-${info.requestId}`,
        'assistant',
        () => HANDOFF_TEXT.unclaimed[language],
      );
    }
    await this.dispatch({
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
    const now = this.deps.now().toISOString();
    try {
      await this.transition(storeId, conversationId, (current) => {
        if (current.mode === 'bot' || !current.handoff) throw new NotInHandoffError('Not in a handoff');
        current.handoff = { ...current.handoff, lastActivityAt: now };
        return current;
      });
    } catch (error) {
      if (!(error instanceof NotInHandoffError)) throw error;
    }
  }

  /** A conditional read-modify-write; `change` throws a HandoffError to refuse. */
  private transition(
    storeId: string,
    conversationId: string,
    change: (state: ConversationState) => ConversationState,
  ): Promise<ConversationState> {
    return this.deps.conversations.updateState(
      storeId,
      conversationId,
      () => {
        throw new NotInHandoffError('Unknown conversation');
      },
      change,
      10,
    );
  }

  /** A status message in the shopper's conversation; its id makes a retried transition write it once. */
  private async note(state: ConversationState, id: string, role: MessageRole, text: () => string) {
    await this.deps.conversations.appendMessage({
      id,
      storeId: state.storeId,
      conversationId: state.conversationId,
      role,
      text: text(),
    });
  }

  private async record(state: ConversationState, type: HandoffTransition, reason: string) {
    const requestId = state.handoff?.requestId ?? 'none';
    await this.deps.feedback.recordSystemEvent(
      {
        storeId: state.storeId,
        conversationId: state.conversationId,
        channel: state.channel,
        variantId: state.variantId,
      },
      type,
      requestId,
      { reason },
    );
  }

  private async dispatchUpdate(state: ConversationState) {
    const requestId = state.handoff?.requestId;
    if (!requestId) return;
    await this.dispatch({
      op: 'update',
      storeId: state.storeId,
      conversationId: state.conversationId,
      requestId,
      version: state.version,
    });
  }

  /** Through the work queue (retried there); inline with the given notifiers where there is no queue. */
  private async dispatch(delivery: HandoffDelivery) {
    const queue = this.deps.queue;
    const id = deliveryJobId(delivery);
    try {
      if (queue) {
        await queue.enqueue({ kind: HANDOFF_DELIVERY_JOB, id, payload: delivery });
      } else if (this.options.notifiers) {
        await deliverHandoff(this.deps, this.options.notifiers, delivery);
      } else {
        this.logger.warn('Handoff delivery skipped: no work queue configured', { op: delivery.op });
      }
    } catch (error) {
      // The message is stored and the shopper is answered either way; the merchant side is best effort here.
      this.logger.error('Handoff delivery failed', {
        op: delivery.op,
        storeId: delivery.storeId,
        conversationId: delivery.conversationId,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  private log(state: ConversationState) {
    return this.logger.child({
      storeId: state.storeId,
      conversationId: state.conversationId,
      channel: state.channel,
    });
  }
}

/** Runs the timers every `intervalMs` in a long-lived process (the local server); returns a stop function. */
export function startHandoffTimer(
  handoff: HandoffService,
  deps: { logger: Logger; now: Clock },
  intervalMs = 30_000,
): () => void {
  if (intervalMs <= 0) return () => undefined;
  const timer = setInterval(() => {
    handoff.runTimers(deps.now()).catch((error: unknown) =>
      deps.logger.error('Handoff timers failed', {
        error: error instanceof Error ? error.name : 'unknown',
      }),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Deterministic per conversation and request time, so a retried request maps to the same card. */
export function requestIdFor(storeId: string, conversationId: string, requestedAt: string): string {
  return `h${createHash('sha256').update(`${storeId}|${conversationId}|${requestedAt}`).digest('base64url').slice(0, 16)}`;
}

function deliveryJobId(delivery: HandoffDelivery): string {
  const base = `${delivery.storeId}|${delivery.conversationId}|${delivery.requestId}|${delivery.op}`;
  const detail =
    delivery.op === 'message'
      ? delivery.message.id
      : delivery.op === 'update'
        ? String(delivery.version)
        : '';
  return createHash('sha256').update(`${base}|${detail}`).digest('base64url').slice(0, 32);
}

function fallbackInfo(state: ConversationState, now: string): HandoffInfo {
  const requestedAt = state.handoffRequestedAt ?? now;
  return {
    requestId: requestIdFor(state.storeId, state.conversationId, requestedAt),
    trigger: 'explicit',
    requestedAt,
    lastActivityAt: now,
  };
}

function minutesSince(iso: string | undefined, now: Date): number {
  if (!iso) return 0;
  return (now.getTime() - Date.parse(iso)) / 60_000;
}

function isIdle(state: ConversationState, now: Date, idleMinutes: number): boolean {
  return state.mode === 'claimed' && minutesSince(state.handoff?.lastActivityAt, now) >= idleMinutes;
}

function isUnclaimedTooLong(state: ConversationState, now: Date, unclaimedMinutes: number): boolean {
  return (
    state.mode === 'handoff_requested' &&
    !!state.handoff &&
    !state.handoff.unclaimedNoticeAt &&
    minutesSince(state.handoff.requestedAt, now) >= unclaimedMinutes
  );
}
