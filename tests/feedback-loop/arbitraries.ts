import fc from 'fast-check';
import type { OutcomeEvent, OutcomeType } from '../../functions/feedback/outcome-event';
import { event } from '../strategy/simulation-support';

/** The start of the generated timelines: a Monday, midnight UTC. */
export const T0 = Date.parse('2026-03-02T00:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

const PRODUCTS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const VARIANTS = ['concise', 'consultative', undefined];
const TYPES: OutcomeType[] = [
  'shown',
  'unanswered',
  'handoff',
  'feedback',
  'click',
  'add_to_cart',
  'purchase',
  'purchase_unverified',
  'faq_answered',
  'handoff_requested',
];

/** One outcome event at `minute` minutes after T0, with the fields its type carries. */
const eventArbitrary = fc
  .record({
    type: fc.constantFrom(...TYPES),
    minute: fc.integer({ min: 0, max: 60 * 24 * 40 }),
    variantId: fc.constantFrom(...VARIANTS),
    productId: fc.constantFrom(...PRODUCTS),
    productIds: fc.subarray(PRODUCTS, { minLength: 1, maxLength: 4 }),
    rating: fc.constantFrom('up' as const, 'down' as const),
    replaces: fc.constantFrom('up' as const, 'down' as const, undefined),
  })
  .map(({ type, minute, variantId, productId, productIds, rating, replaces }) => ({
    type,
    receivedAt: iso(T0 + minute * MINUTE),
    variantId,
    ...(type === 'shown' ? { productIds } : {}),
    ...(['click', 'add_to_cart', 'purchase', 'purchase_unverified'].includes(type) ? { productId } : {}),
    ...(type === 'feedback' ? { rating, ...(replaces && replaces !== rating ? { replaces } : {}) } : {}),
  }));

/** The sort key the event log orders by and a batch ends on. */
export const skOf = (e: OutcomeEvent) => `${e.receivedAt}#${e.eventId}`;

/** A batch as the event log returns it: in sort-key order, with unique ids. */
export const batchArbitrary = (maxLength = 60) =>
  fc
    .array(eventArbitrary, { maxLength })
    .map((fields) =>
      fields
        .map((f, i) => event(f, `e${String(i).padStart(4, '0')}`))
        .sort((a, b) => skOf(a).localeCompare(skOf(b))),
    );

/** A sorted batch and a place to split it into two consecutive batches. */
export const splitBatchArbitrary = batchArbitrary().chain((batch) =>
  fc.record({ batch: fc.constant(batch), cut: fc.integer({ min: 0, max: batch.length }) }),
);

/** A sorted batch and the same events in another order. */
export const shuffledBatchArbitrary = batchArbitrary().chain((batch) =>
  fc.tuple(fc.constant(batch), fc.shuffledSubarray(batch, { minLength: batch.length })),
);
