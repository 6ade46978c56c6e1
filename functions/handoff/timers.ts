import type { Logger } from '../observability/logger';
import type { ConversationStore } from '../ports/conversation-store';
import type { HandoffStore } from '../ports/handoff-store';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { HandoffService } from './handoff-service';
import { handoffTiming, isIdle, isUnclaimedTooLong } from './transitions';

export interface TimerRun {
  open: number;
  released: number;
  noticed: number;
}

/**
 * The scheduled pass over every store's open requests: idle conversations return to the bot, and shoppers
 * whose request nobody claimed in time are told (once) and offered to leave an email.
 */
export async function runHandoffTimers(
  handoff: Pick<HandoffService, 'release' | 'noticeUnclaimed'>,
  deps: {
    stores: Pick<StoreDirectory, 'list'>;
    handoffs: Pick<HandoffStore, 'listOpen' | 'markClosed'>;
    conversations: Pick<ConversationStore, 'getState'>;
    logger: Logger;
  },
  now: Date,
): Promise<TimerRun> {
  const run: TimerRun = { open: 0, released: 0, noticed: 0 };
  for (const store of await deps.stores.list()) {
    const timing = handoffTiming(store);
    for (const conversationId of await deps.handoffs.listOpen(store.id)) {
      const state = await deps.conversations.getState(store.id, conversationId);
      if (!state || state.mode === 'bot') {
        await deps.handoffs.markClosed(store.id, conversationId);
        continue;
      }
      run.open += 1;
      try {
        if (state.mode === 'claimed' && isIdle(state, now, timing.idleMinutes)) {
          const released = await handoff.release(store.id, conversationId, {
            reason: 'idle',
            now,
            idleMinutes: timing.idleMinutes,
          });
          if (released.status === 'released') run.released += 1;
        } else if (isUnclaimedTooLong(state, now, timing.unclaimedMinutes)) {
          if (await handoff.noticeUnclaimed(state, timing.unclaimedMinutes, true)) run.noticed += 1;
        }
      } catch (error) {
        // One conversation's failure must not stop the pass; the next run tries it again.
        deps.logger.error('Handoff timer failed', {
          module: 'handoff',
          storeId: store.id,
          conversationId,
          channel: state.channel,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
  }
  return run;
}

/** Runs the timers every `intervalMs` in a long-lived process (the local server); returns a stop function. */
export function startHandoffTimer(
  handoff: Pick<HandoffService, 'runTimers'>,
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
