import type { Logger } from '../observability/logger';
import type { DeadLetterStore, JobConsumer, WorkJob, WorkQueue } from '../ports/work-queue';
import { decodeJob, encodeJob } from './job-router';

export interface InProcessQueueOptions {
  logger: Logger;
  /** Where exhausted jobs are recorded; without it they are only logged. */
  deadLetters?: DeadLetterStore;
  /** Deliveries per job, first one included (SQS's maxReceiveCount). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The local twin of the SQS queue: the same at-least-once contract. Delivery starts after `enqueue` returns,
 * a failing consumer is retried with exponential backoff, and a job that fails every attempt is written as a
 * dead-letter record in DynamoDB. Jobs are serialised on the way in, as SQS would, so consumers never share
 * objects with producers.
 */
export class InProcessQueue implements WorkQueue {
  private consumer?: JobConsumer;
  private readonly waiting: WorkJob[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: InProcessQueueOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
  }

  /** Attaches the consumer (usually a job router). Jobs enqueued before this wait for it. */
  consume(consumer: JobConsumer): void {
    this.consumer = consumer;
    for (const job of this.waiting.splice(0)) this.schedule(job);
  }

  async enqueue(job: WorkJob): Promise<void> {
    const copy = decodeJob(encodeJob(job));
    if (this.consumer) this.schedule(copy);
    else this.waiting.push(copy);
  }

  /** Resolves once every job enqueued so far, retries included, has been delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(job: WorkJob): void {
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.deliver(job))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  private async deliver(job: WorkJob): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    const log = this.options.logger.child({ jobKind: job.kind, jobId: job.id });
    let lastError = 'unknown error';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        await consumer(job);
        return;
      } catch (error) {
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
        log.warn('Job failed', { attempt, maxAttempts: this.maxAttempts, error: lastError });
        if (attempt < this.maxAttempts)
          await sleep(Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
    await this.deadLetter(job, lastError, log);
  }

  private async deadLetter(job: WorkJob, error: string, log: Logger): Promise<void> {
    log.error('Job dead-lettered', { attempts: this.maxAttempts, error });
    if (!this.options.deadLetters) return;
    try {
      await this.options.deadLetters.record({
        job,
        error,
        attempts: this.maxAttempts,
        failedAt: new Date().toISOString(),
      });
    } catch (cause) {
      log.error('Dead letter not recorded', { error: cause instanceof Error ? cause.message : 'unknown' });
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
