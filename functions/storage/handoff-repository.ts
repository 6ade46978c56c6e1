import type { HandoffThreadRef } from '../handoff/handoff-types';
import type { HandoffStore, RelayStatus, SlackHandoffTarget } from '../ports/handoff-store';
import { handoffKeys } from './keys';
import { expiresInDays, isConditionalCheckFailed, type Table } from './table';

/** A delivery that started and did not finish in this long is taken over by the next attempt. */
export const RELAY_LEASE_SECONDS = 60;
const THREAD_TTL_DAYS = 30;

/**
 * Handoff records: the open-request index the timers walk, the posted cards (threads) of each conversation
 * and their reverse lookup, the store's Slack handoff channel, and the relay ledger that makes every
 * delivery happen once even though the queue delivers at least once.
 */
export class HandoffRepository implements HandoffStore {
  constructor(
    private readonly table: Table,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async markOpen(storeId: string, conversationId: string, requestId: string): Promise<void> {
    await this.table.put({
      ...handoffKeys.open(storeId, conversationId),
      entity: 'handoff-open',
      conversationId,
      requestId,
      expiresAt: expiresInDays(THREAD_TTL_DAYS, this.now().getTime()),
    });
  }

  async markClosed(storeId: string, conversationId: string): Promise<void> {
    await this.table.delete(handoffKeys.open(storeId, conversationId));
  }

  async listOpen(storeId: string): Promise<string[]> {
    const items = await this.table.query<{ conversationId: string }>(handoffKeys.openPartition(storeId));
    return items.map((i) => i.conversationId);
  }

  async saveThread(storeId: string, conversationId: string, thread: HandoffThreadRef): Promise<void> {
    const expiresAt = expiresInDays(THREAD_TTL_DAYS, this.now().getTime());
    await this.table.put({
      ...handoffKeys.thread(storeId, conversationId, thread.platform),
      entity: 'handoff-thread',
      ...thread,
      expiresAt,
    });
    const { teamId, channel, ts } = thread.address;
    if (thread.platform === 'slack' && teamId && channel && ts) {
      await this.table.put({
        ...handoffKeys.slackThread(teamId, channel, ts),
        entity: 'handoff-slack-thread',
        storeId,
        conversationId,
        expiresAt,
      });
    }
  }

  async getThread(
    storeId: string,
    conversationId: string,
    platform: string,
  ): Promise<HandoffThreadRef | undefined> {
    const item = await this.table.get<HandoffThreadRef & { pk: string }>(
      handoffKeys.thread(storeId, conversationId, platform),
    );
    if (!item) return undefined;
    const thread: HandoffThreadRef = {
      platform: item.platform,
      requestId: item.requestId,
      address: item.address,
    };
    return item.summary ? { ...thread, summary: item.summary } : thread;
  }

  async findSlackThread(teamId: string, channel: string, threadTs: string) {
    const item = await this.table.get<{ pk: string; storeId: string; conversationId: string }>(
      handoffKeys.slackThread(teamId, channel, threadTs),
    );
    return item ? { storeId: item.storeId, conversationId: item.conversationId } : undefined;
  }

  async setSlackTarget(storeId: string, target: SlackHandoffTarget): Promise<void> {
    await this.table.put({ ...handoffKeys.slackTarget(storeId), entity: 'handoff-target', ...target });
  }

  async getSlackTarget(storeId: string): Promise<SlackHandoffTarget | undefined> {
    const item = await this.table.get<SlackHandoffTarget & { pk: string }>(handoffKeys.slackTarget(storeId));
    return item
      ? { teamId: item.teamId, channel: item.channel, setBy: item.setBy, setAt: item.setAt }
      : undefined;
  }

  /** Takes the delivery lease; false when it was delivered already or another run is delivering it. */
  async beginRelay(storeId: string, conversationId: string, platform: string, deliveryId: string) {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    try {
      await this.table.put(
        {
          ...handoffKeys.relay(storeId, conversationId, platform, deliveryId),
          entity: 'handoff-relay',
          relayState: 'leased',
          expiresAt: nowSeconds + RELAY_LEASE_SECONDS,
        },
        {
          condition: 'attribute_not_exists(pk) OR (relayState = :leased AND expiresAt < :now)',
          values: { ':leased': 'leased', ':now': nowSeconds },
        },
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async completeRelay(storeId: string, conversationId: string, platform: string, deliveryId: string) {
    await this.table.put({
      ...handoffKeys.relay(storeId, conversationId, platform, deliveryId),
      entity: 'handoff-relay',
      relayState: 'done',
      expiresAt: expiresInDays(THREAD_TTL_DAYS, this.now().getTime()),
    });
  }

  async releaseRelay(storeId: string, conversationId: string, platform: string, deliveryId: string) {
    await this.table.delete(handoffKeys.relay(storeId, conversationId, platform, deliveryId));
  }

  async relayStatus(
    storeId: string,
    conversationId: string,
    platform: string,
    deliveryId: string,
  ): Promise<RelayStatus> {
    // The TTL attribute doubles as the lease deadline, so read it raw: an expired lease is "not started".
    const item = await this.table.get<{ pk: string; relayState: 'done' | 'leased' }>(
      handoffKeys.relay(storeId, conversationId, platform, deliveryId),
    );
    return item?.relayState;
  }
}
