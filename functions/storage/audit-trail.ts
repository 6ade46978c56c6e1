import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../ports/audit-log';
import { auditKeys } from './keys';
import { expiresInDays, type Table } from './table';

/** Audit entries are kept for a year; the table's TTL removes them after that. */
const AUDIT_RETENTION_DAYS = 365;

/** The per-store audit trail of who asked which merchant question, and who changed partner links, and when. */
export class AuditTrail implements AuditLog {
  constructor(private readonly table: Table) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.table.put({
      ...auditKeys.entry(entry.storeId, entry.at, randomUUID()),
      entity: 'audit',
      expiresAt: expiresInDays(AUDIT_RETENTION_DAYS, Date.parse(entry.at)),
      ...entry,
    });
  }

  /** The newest entries first. */
  async list(storeId: string, limit = 50): Promise<AuditEntry[]> {
    const items = await this.table.query<
      AuditEntry & { pk: string; sk: string; entity?: string; expiresAt?: number }
    >(auditKeys.partition(storeId), { descending: true, limit });
    return items.map(({ pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...entry }) => entry);
  }
}
