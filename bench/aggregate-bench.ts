import { performance } from 'node:perf_hooks';
import { compose, type Composition } from '../functions/app/compose';
import { loadConfig } from '../functions/config/config';
import type { OutcomeEvent } from '../functions/feedback/outcome-event';
import { startEmbeddedDynamo } from '../functions/local/embedded-dynamodb';
import { silentLogger } from '../functions/observability/logger';
import { createDocumentClient } from '../functions/storage/dynamo-client';
import { ensureTable } from '../functions/storage/ensure-table';
import { keys } from '../functions/storage/keys';
import { runAggregation } from '../functions/feedback-loop/run-aggregation';
import type { BenchRow } from './bench-row';

const EVENTS = 100_000;
const STORE = 'bench';
const START = Date.parse('2026-03-02T00:00:00.000Z');
const WRITERS = 8;

/**
 * The feedback loop's cost: aggregating 100,000 events, then a re-run with nothing new, on in-memory dynalite.
 * Items read are counted by a middleware on the document client.
 */
export async function benchAggregation(): Promise<BenchRow[]> {
  const dynamo = await startEmbeddedDynamo();
  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: 'bench-aggregate',
  });
  const documentClient = createDocumentClient({ region: config.storage.region, endpoint: dynamo.endpoint });
  try {
    await ensureTable(documentClient, config.storage.tableName);
    const services = compose(config, { documentClient, logger: silentLogger });
    await services.stores.create({
      id: STORE,
      name: 'Bench store',
      currency: 'USD',
      locale: 'en-US',
      timezone: 'UTC',
      policies: { shipping: '-', returns: '-', warranty: '-' },
      secret: 'bench-secret-bench-secret',
      catalogVersion: 0,
      createdAt: new Date(START).toISOString(),
    });
    await writeSyntheticEvents(services);
    const counter = countItemsRead(services);
    const now = new Date(START + 30 * 86400_000);

    let started = performance.now();
    const [full] = await runAggregation(services.feedbackLoopDeps, { storeId: STORE, now });
    const fullMs = performance.now() - started;
    const fullItems = counter.items;

    counter.items = 0;
    started = performance.now();
    await runAggregation(services.feedbackLoopDeps, { storeId: STORE, now });
    const noopMs = performance.now() - started;
    const noopItems = counter.items;

    const area = 'aggregation';
    return [
      { area, metric: `${full?.events ?? 0} events: time`, value: Math.round(fullMs), unit: 'ms' },
      { area, metric: `${full?.events ?? 0} events: items read`, value: fullItems, unit: 'items' },
      { area, metric: 'no-op re-run: time', value: Math.round(noopMs), unit: 'ms' },
      {
        area,
        metric: 'no-op re-run: items read',
        value: noopItems,
        unit: 'items',
        bar: 'a run with nothing new reads almost nothing (≤ 5)',
        pass: noopItems <= 5,
      },
    ];
  } finally {
    documentClient.destroy();
    await dynamo.close();
  }
}

/** Realistic mix over 30 days: shown replies, clicks, carts, purchases, thumbs, handoffs, unanswered questions. */
async function writeSyntheticEvents(services: Composition) {
  const items: (OutcomeEvent & { pk: string; sk: string; entity: string })[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const at = new Date(START + Math.floor((i / EVENTS) * 29 * 86400_000)).toISOString();
    const variantId = i % 2 === 0 ? 'concise' : 'consultative';
    const roll = i % 20;
    const type: OutcomeEvent['type'] =
      roll < 12
        ? 'shown'
        : roll < 15
          ? 'click'
          : roll < 16
            ? 'add_to_cart'
            : roll < 17
              ? 'purchase'
              : roll < 18
                ? 'feedback'
                : roll < 19
                  ? 'unanswered'
                  : 'handoff';
    const product = String(1 + (i % 190));
    const event: OutcomeEvent = {
      eventId: `e${i}`,
      storeId: STORE,
      conversationId: `c${Math.floor(i / 4)}`,
      replyId: `r${Math.floor(i / 4)}`,
      variantId,
      type,
      channel: 'webchat',
      occurredAt: at,
      receivedAt: at,
      productIds: type === 'shown' ? [product, String(1 + ((i + 7) % 190))] : undefined,
      productId: type === 'click' || type === 'add_to_cart' || type === 'purchase' ? product : undefined,
      rating: type === 'feedback' ? (i % 3 === 0 ? 'down' : 'up') : undefined,
      query: type === 'unanswered' ? `do you sell item ${i % 37}?` : undefined,
    };
    items.push({ ...keys.event(STORE, at, event.eventId), entity: 'event', ...stripUndefined(event) });
  }
  // Batch writes from a few concurrent writers keep dynalite busy without tripping its limits.
  const chunk = Math.ceil(items.length / WRITERS);
  await Promise.all(
    Array.from({ length: WRITERS }, (_v, w) =>
      services.table.putMany(items.slice(w * chunk, (w + 1) * chunk)),
    ),
  );
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function countItemsRead(services: Composition) {
  const counter = { items: 0 };
  services.documentClient.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const output = out.output as { Items?: unknown[]; Item?: unknown };
      counter.items += Array.isArray(output.Items) ? output.Items.length : output.Item ? 1 : 0;
      return out;
    },
    { step: 'initialize', name: 'benchCountItemsRead' },
  );
  return counter;
}
