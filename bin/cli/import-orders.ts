import { readFileSync } from 'node:fs';
import type { Services } from '../../functions/app/services';
import { NotFoundError, ValidationError } from '../../functions/errors/errors';
import { parseOrderFile, storeOrders } from '../../functions/orders/import';
import { parse, progress, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide import orders <file.json|file.csv> --store <storeId> [--json]';

/** `shopguide import orders <file> --store <id>`: JSON or CSV, with progress and per-row errors. Re-runs are safe. */
export async function importOrdersCommand(args: string[], io: CliIo, services: Services): Promise<number> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const file = positionals[0];
  if (!file || !values.store) throw new UsageError(USAGE);
  const store = await services.stores.get(values.store);
  if (!store) throw new NotFoundError(`Unknown store ${values.store}`);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new ValidationError(`Cannot read ${file}`);
  }
  const format = /\.csv$/i.test(file) ? 'csv' : 'json';
  const { orders, errors } = parseOrderFile(content, format, store.id, store.currency);
  for (const e of errors.slice(0, 20)) io.err(`row ${e.row}: ${e.message}`);
  if (errors.length > 20) io.err(`... and ${errors.length - 20} more row errors`);
  if (orders.length === 0) throw new ValidationError(`No valid orders in ${file}`);
  const bar = progress(io, 'Importing orders');
  const { stored, duplicates } = await storeOrders(services, orders, (done, total) =>
    bar.update(done, total),
  );
  bar.done();
  if (values.json) {
    io.out(JSON.stringify({ store: store.id, stored, duplicates, rejected: errors.length }));
  } else {
    io.out(
      `Imported ${stored} orders into ${store.id}; ${duplicates} already present, ${errors.length} rows rejected.`,
    );
  }
  return 0;
}
