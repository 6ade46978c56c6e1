import { teamsKeys } from './keys';
import { expiresInDays, type Table } from './table';
import type { ConversationRef, HandoffThread, TeamsReferenceStore } from '../ports/teams-references';

type RefItem = { pk: string; sk: string; entity: string; reference: ConversationRef; updatedAt: string };

// A conversation not heard from in this long is not worth a proactive message any more.
const REFERENCE_TTL_DAYS = 180;

/**
 * Conversation references in DynamoDB, so proactive messages (late LLM answers, digests, handoff relays) can
 * reach a Teams conversation from any process.
 */
export class TeamsReferenceRepository implements TeamsReferenceStore {
  constructor(private readonly table: Table) {}

  async save(storeId: string, conversationId: string, reference: ConversationRef, now = new Date()) {
    await this.table.put({
      ...teamsKeys.conversationReference(storeId, conversationId),
      entity: 'teams-reference',
      reference,
      updatedAt: now.toISOString(),
      expiresAt: expiresInDays(REFERENCE_TTL_DAYS, now.getTime()),
    });
  }

  async get(storeId: string, conversationId: string): Promise<ConversationRef | undefined> {
    return (await this.table.get<RefItem>(teamsKeys.conversationReference(storeId, conversationId)))
      ?.reference;
  }

  /** Makes `reference` the conversation the store's digests and handoff requests go to. */
  async setNotifyTarget(storeId: string, reference: ConversationRef, now = new Date()) {
    await this.table.put({
      ...teamsKeys.notifyTarget(storeId),
      entity: 'teams-notify',
      reference,
      updatedAt: now.toISOString(),
    });
  }

  async getNotifyTarget(storeId: string): Promise<ConversationRef | undefined> {
    return (await this.table.get<RefItem>(teamsKeys.notifyTarget(storeId)))?.reference;
  }

  async saveHandoffThread(rootActivityId: string, thread: HandoffThread) {
    await this.table.put({
      ...teamsKeys.handoffThread(thread.storeId, rootActivityId),
      entity: 'teams-handoff-thread',
      ...thread,
      expiresAt: expiresInDays(30),
    });
  }

  async getHandoffThread(storeId: string, rootActivityId: string): Promise<HandoffThread | undefined> {
    const item = await this.table.get<HandoffThread & { pk: string }>(
      teamsKeys.handoffThread(storeId, rootActivityId),
    );
    return item
      ? { storeId: item.storeId, conversationId: item.conversationId, postedAt: item.postedAt }
      : undefined;
  }
}
