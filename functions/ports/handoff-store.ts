import type { HandoffThreadRef } from '../handoff/handoff-types';

export interface SlackHandoffTarget {
  teamId: string;
  channel: string;
  setBy?: string;
  setAt: string;
}

export type RelayStatus = 'done' | 'leased' | undefined;

/**
 * Handoff records: the open-request index the timers walk, the posted cards (threads) and their reverse
 * lookup, the store's Slack handoff channel, and the relay ledger that makes each delivery happen once.
 */
export interface HandoffStore {
  markOpen(storeId: string, conversationId: string, requestId: string): Promise<void>;
  markClosed(storeId: string, conversationId: string): Promise<void>;
  listOpen(storeId: string): Promise<string[]>;
  saveThread(storeId: string, conversationId: string, thread: HandoffThreadRef): Promise<void>;
  getThread(storeId: string, conversationId: string, platform: string): Promise<HandoffThreadRef | undefined>;
  findSlackThread(
    teamId: string,
    channel: string,
    threadTs: string,
  ): Promise<{ storeId: string; conversationId: string } | undefined>;
  setSlackTarget(storeId: string, target: SlackHandoffTarget): Promise<void>;
  getSlackTarget(storeId: string): Promise<SlackHandoffTarget | undefined>;
  /** Takes the lease on one delivery; false when it is done or another run holds a live lease. */
  beginRelay(storeId: string, conversationId: string, platform: string, deliveryId: string): Promise<boolean>;
  completeRelay(storeId: string, conversationId: string, platform: string, deliveryId: string): Promise<void>;
  releaseRelay(storeId: string, conversationId: string, platform: string, deliveryId: string): Promise<void>;
  relayStatus(
    storeId: string,
    conversationId: string,
    platform: string,
    deliveryId: string,
  ): Promise<RelayStatus>;
}
