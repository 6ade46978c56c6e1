import { createHash } from 'node:crypto';
import type { ConversationState, HandoffInfo, HandoffTrigger } from '../conversations/conversation';
import type { Store } from '../stores/store';
import { DEFAULT_HANDOFF_TIMING, type HandoffActor } from './handoff-types';

/** What can happen to a conversation's handoff; `now` is an ISO timestamp. */
export type HandoffCommand =
  | {
      kind: 'open';
      requestId: string;
      trigger: HandoffTrigger;
      reason?: string;
      requestedAt: string;
      now: string;
    }
  | { kind: 'claim'; actor: HandoffActor; now: string }
  | { kind: 'release'; reason: 'merchant'; now: string }
  /** Only if still idle as of `asOf`: a message since the caller looked keeps the person on it. */
  | { kind: 'release'; reason: 'idle'; now: string; asOf: Date; idleMinutes: number }
  | { kind: 'leave_email'; email: string; now: string }
  | { kind: 'notice_unclaimed'; now: string }
  | { kind: 'touch'; now: string };

/** Why a command does not apply to the state as it is now. */
export type HandoffRefusal =
  | { refused: 'not_in_handoff'; reason: string }
  | { refused: 'already_claimed'; owner: string; ownerId?: string };

/** The next state, or a refusal. `changed: false` means the command had already been applied. */
export type HandoffStep = { next: ConversationState; changed: boolean } | HandoffRefusal;

export const isRefusal = (step: HandoffStep): step is HandoffRefusal => 'refused' in step;

const notInHandoff = (reason: string): HandoffRefusal => ({ refused: 'not_in_handoff', reason });

/**
 * The handoff state machine, `bot` → `handoff_requested` → `claimed(by)` → `bot`, as a pure function: the
 * state a command leads to, or why it is refused. The caller writes the result conditionally on the version
 * it read, so two concurrent commands on one conversation cannot both apply.
 */
export function nextHandoffState(state: ConversationState, command: HandoffCommand): HandoffStep {
  const next = structuredClone(state);
  switch (command.kind) {
    case 'open': {
      if (state.mode !== 'handoff_requested') return notInHandoff('The request was closed');
      if (state.handoff?.requestId === command.requestId) return { next, changed: false };
      const { requestId, trigger, reason, requestedAt, now } = command;
      next.handoff = { requestId, trigger, reason, requestedAt, lastActivityAt: now };
      return { next, changed: true };
    }
    case 'claim': {
      if (state.mode === 'claimed') {
        if (state.claimedBy === command.actor.id) return { next, changed: false };
        return {
          refused: 'already_claimed',
          owner: state.handoff?.claimedByName ?? 'Someone',
          ownerId: state.claimedBy,
        };
      }
      if (state.mode !== 'handoff_requested') return notInHandoff('Nothing to claim');
      next.mode = 'claimed';
      next.claimedBy = command.actor.id;
      next.handoff = {
        ...(state.handoff ?? fallbackInfo(state, command.now)),
        claimedByName: command.actor.name,
        claimedAt: command.now,
        lastActivityAt: command.now,
      };
      return { next, changed: true };
    }
    case 'release': {
      if (state.mode === 'bot') return notInHandoff('Already with the bot');
      // A message since the caller looked keeps the person on it.
      if (command.reason === 'idle' && !isIdle(state, command.asOf, command.idleMinutes)) {
        return notInHandoff('No longer idle');
      }
      next.mode = 'bot';
      next.claimedBy = undefined;
      next.unansweredStreak = 0;
      next.downvoteStreak = 0;
      next.handoff = {
        ...(state.handoff ?? fallbackInfo(state, command.now)),
        releasedAt: command.now,
        releaseReason: command.reason,
      };
      return { next, changed: true };
    }
    case 'leave_email': {
      if (state.mode === 'bot' || !next.handoff) return notInHandoff('Not waiting for a person');
      next.handoff = { ...next.handoff, email: command.email, lastActivityAt: command.now };
      return { next, changed: true };
    }
    case 'notice_unclaimed': {
      if (state.mode !== 'handoff_requested' || !next.handoff || next.handoff.unclaimedNoticeAt) {
        return notInHandoff('Already noticed, claimed or closed');
      }
      next.handoff = { ...next.handoff, unclaimedNoticeAt: command.now };
      return { next, changed: true };
    }
    case 'touch': {
      if (state.mode === 'bot' || !next.handoff) return notInHandoff('Not in a handoff');
      next.handoff = { ...next.handoff, lastActivityAt: command.now };
      return { next, changed: true };
    }
  }
}

/** Deterministic per conversation and request time, so a retried request maps to the same card. */
export function requestIdFor(storeId: string, conversationId: string, requestedAt: string): string {
  return `h${createHash('sha256').update(`${storeId}|${conversationId}|${requestedAt}`).digest('base64url').slice(0, 16)}`;
}

/** The request of a conversation that asked for a person without one on record. */
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

/** Claimed, and nobody wrote for `idleMinutes`. */
export function isIdle(state: ConversationState, now: Date, idleMinutes: number): boolean {
  return state.mode === 'claimed' && minutesSince(state.handoff?.lastActivityAt, now) >= idleMinutes;
}

/** Requested, not yet noticed, and unclaimed for `unclaimedMinutes`. */
export function isUnclaimedTooLong(state: ConversationState, now: Date, unclaimedMinutes: number): boolean {
  return (
    state.mode === 'handoff_requested' &&
    !!state.handoff &&
    !state.handoff.unclaimedNoticeAt &&
    minutesSince(state.handoff.requestedAt, now) >= unclaimedMinutes
  );
}

/** A store's handoff minutes, or the defaults. */
export function handoffTiming(store: Pick<Store, 'handoff'> | undefined) {
  return store?.handoff ?? DEFAULT_HANDOFF_TIMING;
}
