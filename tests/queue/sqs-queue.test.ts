import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSRecord } from 'aws-lambda';
import { createJobRouter, decodeJob } from '../../functions/queue/job-router';
import { SqsWorkQueue } from '../../functions/queue/sqs-queue';

describe('SqsWorkQueue', () => {
  it('sends the job as the message body with its kind as an attribute', async () => {
    const sent: SendMessageCommand[] = [];
    const client = {
      send: async (command: SendMessageCommand) => void sent.push(command),
    } as unknown as SQSClient;
    await new SqsWorkQueue('https://sqs.local/q', client).enqueue({
      kind: 'slack.request',
      id: 'j1',
      payload: { a: 1 },
    });
    expect(sent[0]).toBeInstanceOf(SendMessageCommand);
    expect(sent[0]?.input).toMatchObject({
      QueueUrl: 'https://sqs.local/q',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'slack.request' } },
    });
    expect(decodeJob(sent[0]?.input.MessageBody ?? '')).toEqual({
      kind: 'slack.request',
      id: 'j1',
      payload: { a: 1 },
    });
  });
});

describe('worker batch handling (as functions/worker.ts composes it)', () => {
  it('reports only the failed records, so SQS retries just those', async () => {
    const dispatch = createJobRouter({
      ok: async () => undefined,
      broken: async () => {
        throw new Error('nope');
      },
    });
    const record = (messageId: string, kind: string) =>
      ({
        messageId,
        body: JSON.stringify({ kind, id: messageId, payload: null }),
        eventSource: 'aws:sqs',
      }) as SQSRecord;
    const event = {
      Records: [record('m1', 'ok'), record('m2', 'broken'), record('m3', 'unknown')],
    };
    const result = await processPartialResponse(
      event,
      async (r: SQSRecord) => dispatch(decodeJob(r.body)),
      new BatchProcessor(EventType.SQS),
      { context: {} as Context },
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }]);
  });
});
