/**
 * Slow work (LLM turns for Slack and Teams, relays, digests) leaves the front doors through this port.
 * Contract: at-least-once delivery; consumers must be idempotent. SQS in AWS, in-process locally.
 */
export interface WorkJob {
  /** Routes the job to its consumer, e.g. `slack.event`, `teams.turn`. */
  kind: string;
  /** Unique per logical job; consumers dedupe on it. */
  id: string;
  payload: unknown;
}

export interface WorkQueue {
  enqueue(job: WorkJob): Promise<void>;
}

export type JobConsumer = (job: WorkJob) => Promise<void>;

/** A job that failed every attempt of the local queue (SQS has its own DLQ in AWS). */
export interface DeadLetter {
  job: WorkJob;
  error: string;
  attempts: number;
  failedAt: string;
}

/** Where the local queue keeps its dead letters. */
export interface DeadLetterStore {
  record(letter: DeadLetter): Promise<void>;
  /** Dead letters of one job kind, oldest first. */
  list(kind: string): Promise<DeadLetter[]>;
}
