import type { Composition } from '../../functions/app/compose';
import type { OutcomeEvent } from '../../functions/feedback/outcome-event';
import { keys } from '../../functions/storage/keys';
import { createPrng } from '../../functions/strategy/bandit';

export const HOUR = 3600_000;
export const SIM_START = Date.parse('2026-03-02T00:00:00.000Z');

/** Builds an event as FeedbackService would, with a deterministic id. */
export function event(
  fields: Partial<OutcomeEvent> & Pick<OutcomeEvent, 'type' | 'receivedAt'>,
  id: string,
): OutcomeEvent {
  return {
    eventId: id,
    storeId: 'demo',
    channel: 'webchat',
    occurredAt: fields.receivedAt,
    ...fields,
  };
}

/** Writes events straight into the event partition, 25 per batch write (the fast path for simulations). */
export async function writeEvents(services: Composition, events: OutcomeEvent[]) {
  await services.table.putMany(
    events.map((e) => ({ ...keys.event(e.storeId, e.receivedAt, e.eventId), entity: 'event', ...e })),
  );
}

/**
 * One simulated hour of shoppers: each conversation gets its variant from the live strategy provider (as the
 * assistant would), sees one reply with products, and buys with its variant's true conversion rate.
 */
export async function simulateHour(
  services: Composition,
  hour: number,
  conversion: Record<string, number>,
  options: { conversations?: number; seed?: string; storeId?: string } = {},
) {
  const storeId = options.storeId ?? 'demo';
  const random = createPrng(`${options.seed ?? 'sim'}|${hour}`);
  const conversations = options.conversations ?? 400;
  const events: OutcomeEvent[] = [];
  const assigned: Record<string, number> = {};
  for (let i = 0; i < conversations; i++) {
    const conversationId = `sim-${hour}-${i}`;
    const plan = await services.strategies.planFor(storeId, conversationId);
    const variantId = plan.variant.id;
    assigned[variantId] = (assigned[variantId] ?? 0) + 1;
    const at = new Date(
      SIM_START + hour * HOUR + Math.floor((i / conversations) * (HOUR - 60_000)),
    ).toISOString();
    const replyId = `r-${hour}-${i}`;
    const base = { storeId, conversationId, variantId, replyId };
    events.push(
      event({ ...base, type: 'shown', receivedAt: at, productIds: ['121', '122'] }, `s${hour}x${i}`),
    );
    if (random() < (conversion[variantId] ?? 0)) {
      const later = new Date(Date.parse(at) + 30_000).toISOString();
      events.push(event({ ...base, type: 'purchase', receivedAt: later, productId: '121' }, `p${hour}x${i}`));
    }
  }
  await writeEvents(services, events);
  return { events: events.length, assigned };
}

/** The aggregation time right after a simulated hour (past the safety lag). */
export const endOfHour = (hour: number) => new Date(SIM_START + (hour + 1) * HOUR + 5 * 60_000);

/** Counts items returned by DynamoDB reads (GetItem, Query, Scan, BatchGet) through the document client. */
export function countItemsRead(services: Composition) {
  const counter = { items: 0, requests: 0 };
  services.documentClient.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const output = out.output as {
        Items?: unknown[];
        Item?: unknown;
        Responses?: Record<string, unknown[]>;
      };
      if (Array.isArray(output.Items)) {
        counter.items += output.Items.length;
        counter.requests++;
      } else if ('Item' in output) {
        counter.items += output.Item ? 1 : 0;
        counter.requests++;
      } else if (output.Responses) {
        for (const items of Object.values(output.Responses)) counter.items += items.length;
        counter.requests++;
      }
      return out;
    },
    { step: 'initialize', name: `countItemsRead${Math.random()}` },
  );
  return counter;
}
