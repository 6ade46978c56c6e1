/** What was done: a merchant question, or a change to who can reach the store's data. */
export type AuditAction = 'question' | 'link_code' | 'unlink' | 'digest';

export interface AuditEntry {
  storeId: string;
  action: AuditAction;
  at: string;
  platform: string;
  userId: string;
  displayName?: string;
  /** The question asked, or a short description of the partner change. */
  detail: string;
  /** For questions: the report that answered and whether the LLM or the offline assistant did. */
  intent?: string;
  mode?: 'llm' | 'offline';
}

/** The per-store record of merchant questions and partner changes. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  list(storeId: string, limit?: number): Promise<AuditEntry[]>;
}
