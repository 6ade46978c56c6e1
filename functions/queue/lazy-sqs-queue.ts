import type { WorkJob, WorkQueue } from '../ports/work-queue';
import type { SqsWorkQueue } from './sqs-queue';

/**
 * The SQS queue, with the SQS client loaded on the first job. A front door that usually answers inline (web
 * chat, Teams) does not pay for the client at cold start; one client is then reused by the process.
 */
export class LazySqsWorkQueue implements WorkQueue {
  private queue?: Promise<SqsWorkQueue>;

  constructor(private readonly queueUrl: string) {}

  async enqueue(job: WorkJob): Promise<void> {
    this.queue ??= import('./sqs-queue').then((m) => new m.SqsWorkQueue(this.queueUrl));
    await (await this.queue).enqueue(job);
  }
}
