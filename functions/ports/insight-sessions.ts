import type { InsightContext } from '../insights/follow-up';

/** Where follow-ups find what their thread (Slack thread, Teams reply chain, CLI session) asked before. */
export interface InsightSessionStore {
  get(storeId: string, sessionId: string): Promise<InsightContext | undefined>;
  save(storeId: string, sessionId: string, context: InsightContext): Promise<void>;
}
