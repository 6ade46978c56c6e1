import path from 'node:path';
import { buildBesideFile, loadBeside } from '../runtime/beside-bundle';
import { encodeJob } from './job-router';
import type { WorkJob, WorkQueue } from '../ports/work-queue';
import type * as Sqs from './sqs-sdk';

/** The file the CDK bundling step writes next to the bundles of the functions that enqueue. */
export const PREBUILT_SQS_FILE = 'sqs-sdk.js';

type SqsSender = Pick<Sqs.SQSClient, 'send'>;

/**
 * The work queue in AWS: a standard SQS queue (at-least-once) with a redrive policy to a DLQ, wired by CDK.
 * The SQS client loads with the first job (from beside the bundle in Lambda): a front door that usually answers
 * inline (web chat, Teams) does not pay for parsing it at cold start; one client is then reused by the process.
 */
export class SqsWorkQueue implements WorkQueue {
  private sdk?: Promise<{ client: SqsSender; SendMessageCommand: typeof Sqs.SendMessageCommand }>;

  constructor(
    private readonly queueUrl: string,
    private readonly client?: SqsSender,
  ) {}

  async enqueue(job: WorkJob): Promise<void> {
    const { client, SendMessageCommand } = await this.loadSdk();
    await client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: encodeJob(job),
        MessageAttributes: { kind: { DataType: 'String', StringValue: job.kind } },
      }),
    );
  }

  private loadSdk() {
    this.sdk ??= loadBeside<typeof Sqs>(__dirname, PREBUILT_SQS_FILE, 'sqs-sdk', 'SQSClient').then((sdk) => ({
      SendMessageCommand: sdk.SendMessageCommand,
      client: this.client ?? new sdk.SQSClient({}),
    }));
    return this.sdk;
  }
}

/** Bundles the SQS client parts into `outFile` (the CDK bundling hook of the functions that enqueue). */
export function buildSqsFile(outFile: string): Promise<void> {
  return buildBesideFile(path.join(__dirname, 'sqs-sdk.ts'), outFile);
}
