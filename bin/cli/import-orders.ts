import type { Composition } from '../../functions/app/compose';
import { ValidationError } from '../../functions/errors/errors';
import { plural } from '../../functions/language/plural';
import { parseOrderFile, storeOrders } from '../../functions/orders/import';
import { readImportInput, reportRowErrors } from './import';
import { progress, type CliIo } from './io';

const USAGE = 'usage: shopguide import orders <file.json|file.csv> --store <storeId> [--dry-run] [--json]';

/** `shopguide import orders <file> --store <id>`: JSON or CSV, with progress and per-row errors. Re-runs are safe. */
export async function importOrdersCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const input = await readImportInput(args, services, USAGE);
  const { store, file, content, format, json: asJson } = input;
  const { orders, errors } = parseOrderFile(content, format, store.id, store.currency);
  reportRowErrors(errors, io);
  if (orders.length === 0) throw new ValidationError(`No valid orders in ${file}`);
  if (input.dryRun) {
    const present = await Promise.all(orders.map((o) => services.orders.get(store.id, o.id)));
    const existing = present.filter(Boolean).length;
    const summary = {
      store: store.id,
      dryRun: true,
      new: orders.length - existing,
      existing,
      rejected: errors.length,
    };
    io.out(
      asJson
        ? JSON.stringify(summary)
        : `Dry run for ${store.id}: ${summary.new} new orders, ${existing} already present, ${errors.length} rows rejected. Nothing written.`,
    );
    return 0;
  }
  const bar = progress(io, 'Importing orders');
  const { stored, duplicates } = await storeOrders(services, orders, (done, total) =>
    bar.update(done, total),
  );
  bar.done();
  if (asJson) {
    io.out(JSON.stringify({ store: store.id, stored, duplicates, rejected: errors.length }));
  } else {
    io.out(
      `Imported ${plural(stored, 'order')} into ${store.id}; ${duplicates} already present, ${plural(errors.length, 'row')} rejected.`,
    );
  }
  return 0;
}
