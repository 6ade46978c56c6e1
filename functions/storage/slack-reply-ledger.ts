import { slackKeys } from './keys';
import { isConditionalCheckFailed, type Table } from './table';

/** Longer than one worker run (the Lambda timeout), shorter than the queue's visibility timeout. */
export const REPLY_LEASE_SECONDS = 120;
const DONE_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * The worker's side of "exactly one reply". The front door stops Slack's retries; this stops the queue's
 * redeliveries. A job takes a lease before it answers and marks it done after; a failed run gives the lease
 * back so the queue's retry can answer. A lease left by a crashed run expires before the retry arrives.
 */
export class ReplyLedger {
  constructor(
    private readonly table: Table,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when this run may answer the job; false when it was answered or another run is answering it. */
  async begin(jobId: string): Promise<boolean> {
    const nowSeconds = Math.floor(this.now() / 1000);
    try {
      await this.table.put(
        {
          ...slackKeys.reply(jobId),
          entity: 'slack-reply',
          leaseState: 'leased',
          expiresAt: nowSeconds + REPLY_LEASE_SECONDS,
        },
        {
          // Expired leases are taken over here: TTL deletion is lazy in AWS and absent in dynalite.
          condition: 'attribute_not_exists(pk) OR (leaseState = :leased AND expiresAt < :now)',
          values: { ':leased': 'leased', ':now': nowSeconds },
        },
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async complete(jobId: string): Promise<void> {
    const nowSeconds = Math.floor(this.now() / 1000);
    await this.table.put({
      ...slackKeys.reply(jobId),
      entity: 'slack-reply',
      leaseState: 'done',
      expiresAt: nowSeconds + DONE_TTL_SECONDS,
    });
  }

  async release(jobId: string): Promise<void> {
    await this.table.delete(slackKeys.reply(jobId));
  }
}
