import type { DeadLetter, DeadLetterStore } from '../ports/work-queue';
import { decodeJob, encodeJob } from '../queue/job-router';
import { queueKeys } from './keys';
import { expiresInDays, type Table } from './table';

const DEAD_LETTER_TTL_DAYS = 14;

/** Dead letters of the local in-process queue, kept two weeks for the CLI and tests to read. */
export class DeadLetterRepository implements DeadLetterStore {
  constructor(private readonly table: Table) {}

  async record(letter: DeadLetter): Promise<void> {
    await this.table.put({
      ...queueKeys.deadLetter(letter.job.kind, letter.failedAt, letter.job.id),
      entity: 'dead-letter',
      job: encodeJob(letter.job),
      error: letter.error,
      attempts: letter.attempts,
      failedAt: letter.failedAt,
      expiresAt: expiresInDays(DEAD_LETTER_TTL_DAYS),
    });
  }

  async list(kind: string): Promise<DeadLetter[]> {
    const items = await this.table.query<{ job: string; error: string; attempts: number; failedAt: string }>(
      queueKeys.deadLetterPartition(kind),
    );
    return items.map((item) => ({
      job: decodeJob(item.job),
      error: item.error,
      attempts: item.attempts,
      failedAt: item.failedAt,
    }));
  }
}
