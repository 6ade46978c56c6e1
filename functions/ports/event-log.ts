import type { OutcomeEvent } from '../feedback/outcome-event';

/** Where outcome events are recorded, once per `eventId`. */
export interface EventSink {
  /** False for a duplicate. */
  record(event: OutcomeEvent): Promise<boolean>;
}

/** An event as stored, with its sort key (`receivedAt#eventId`), which orders the feedback loop's batches. */
export type StoredEvent = OutcomeEvent & { sk: string };

/** Reads a store's events in the order they were received. */
export interface EventLog {
  /** Events after the `afterSk` watermark up to `untilSk` inclusive, oldest first. */
  listRange(storeId: string, afterSk: string, untilSk: string, limit?: number): Promise<StoredEvent[]>;
}
