import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { encodeJob } from './job-router';
import type { WorkJob, WorkQueue } from '../ports/work-queue';

/**
 * The work queue in AWS: a standard SQS queue (at-least-once) with a redrive policy to a DLQ, wired by CDK.
 * Build one per process at module scope and inject it.
 */
export class SqsWorkQueue implements WorkQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: Pick<SQSClient, 'send'> = new SQSClient({}),
  ) {}

  async enqueue(job: WorkJob): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: encodeJob(job),
        MessageAttributes: { kind: { DataType: 'String', StringValue: job.kind } },
      }),
    );
  }
}
