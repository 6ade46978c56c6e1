import { ShopGuideError } from '../errors/errors';
import type { JobConsumer, WorkJob } from '../ports/work-queue';

/** A job whose kind no consumer handles; retrying cannot help, so it goes to the dead letters. */
export class UnknownJobKindError extends ShopGuideError {
  override name = 'UnknownJobKindError';
}

/** A queue message that is not a WorkJob. */
export class MalformedJobError extends ShopGuideError {
  override name = 'MalformedJobError';
}

/** Dispatches each job to the consumer registered for its `kind`. Channels contribute their consumers. */
export function createJobRouter(consumers: Record<string, JobConsumer>): JobConsumer {
  return async (job) => {
    const consumer = Object.prototype.hasOwnProperty.call(consumers, job.kind)
      ? consumers[job.kind]
      : undefined;
    if (!consumer) throw new UnknownJobKindError(`No consumer for job kind ${job.kind}`);
    await consumer(job);
  };
}

/** Encodes a job as a queue message body (SQS, or the local queue's copy). */
export function encodeJob(job: WorkJob): string {
  return JSON.stringify({ kind: job.kind, id: job.id, payload: job.payload });
}

/** Parses a queue message body back into a job. */
export function decodeJob(body: string): WorkJob {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new MalformedJobError('Queue message is not JSON', { cause: error });
  }
  const job = value as Partial<WorkJob> | null;
  if (!job || typeof job.kind !== 'string' || typeof job.id !== 'string') {
    throw new MalformedJobError('Queue message is not a job');
  }
  return { kind: job.kind, id: job.id, payload: job.payload };
}
