import type { OutcomeEvent } from '../feedback/outcome-event';
import type { EventLog, EventSink } from '../ports/event-log';
import { keys } from './keys';
import type { Table } from './table';

type EventItem = OutcomeEvent & { pk: string; sk: string };

/** The stored form of an event that happens once, for batching with the write that caused it. */
export function eventItem(event: OutcomeEvent) {
  return { ...keys.event(event.storeId, event.receivedAt, event.eventId), entity: 'event', ...event };
}

export class EventRepository implements EventSink, EventLog {
  constructor(private readonly table: Table) {}

  /**
   * Records an event once per `eventId`. The id record is written first and remembers the event's sort key;
   * a retry after a crash between the two writes rewrites the same event item, so nothing is lost or doubled.
   * Returns false for a duplicate.
   */
  async record(event: OutcomeEvent): Promise<boolean> {
    const eventKey = keys.event(event.storeId, event.receivedAt, event.eventId);
    const idKey = keys.eventId(event.storeId, event.eventId);
    const first = await this.table.putIfAbsent({ ...idKey, entity: 'event-id', eventSk: eventKey.sk });
    if (first) {
      await this.table.put({ ...eventKey, entity: 'event', ...event });
      return true;
    }
    const existing = await this.table.get<{ pk: string; sk: string; eventSk: string }>(idKey);
    if (existing) {
      const stored = await this.table.get<EventItem>({ pk: eventKey.pk, sk: existing.eventSk });
      if (!stored) {
        const receivedAt = existing.eventSk.slice(0, existing.eventSk.length - event.eventId.length - 1);
        await this.table.put({
          pk: eventKey.pk,
          sk: existing.eventSk,
          entity: 'event',
          ...event,
          receivedAt,
        });
      }
    }
    return false;
  }

  /** Events received after the `afterSk` watermark up to `untilSk` inclusive, oldest first. */
  async listRange(storeId: string, afterSk: string, untilSk: string, limit?: number): Promise<EventItem[]> {
    // DynamoDB rejects an empty string in a key condition, so "from the beginning" is an upper bound only.
    const range = afterSk === '' ? { atMost: untilSk } : { between: [afterSk, untilSk] as [string, string] };
    const items = await this.table.query<EventItem>(keys.eventPartition(storeId), { ...range, limit });
    return items.filter((item) => item.sk > afterSk);
  }
}
