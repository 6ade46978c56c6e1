import type { InsightContext } from '../insights/follow-up';
import type { InsightSessionStore } from '../ports/insight-sessions';
import { insightSessionKeys } from './keys';
import { expiresInDays, type Table } from './table';

/** A thread's context outlives a conversation but not a reporting cycle. */
const SESSION_RETENTION_DAYS = 30;

/** Thread context in the table, one item per store and thread, overwritten by each answer. */
export class InsightSessionRepository implements InsightSessionStore {
  constructor(private readonly table: Table) {}

  async get(storeId: string, sessionId: string): Promise<InsightContext | undefined> {
    const item = await this.table.get<{ pk: string; sk: string; context?: InsightContext }>(
      insightSessionKeys.session(storeId, sessionId),
    );
    return item?.context;
  }

  async save(storeId: string, sessionId: string, context: InsightContext): Promise<void> {
    await this.table.put({
      ...insightSessionKeys.session(storeId, sessionId),
      entity: 'insight_session',
      expiresAt: expiresInDays(SESSION_RETENTION_DAYS),
      context,
    });
  }
}
