import { readFileSync } from 'node:fs';
import type { Services } from '../../functions/app/services';
import { detectFormat, parseProducts } from '../../functions/catalog/import';
import { NotFoundError, ValidationError } from '../../functions/errors/errors';
import { parse, progress, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide import products|orders <file> --store <storeId> [--json]';

/** `shopguide import products <file> --store <id>`: JSON or CSV, with progress and per-row errors. */
export async function importProductsCommand(args: string[], io: CliIo, services: Services): Promise<number> {
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
  const { products, errors } = parseProducts(content, detectFormat(file), store.currency);
  for (const e of errors.slice(0, 20)) io.err(`row ${e.row}: ${e.message}`);
  if (errors.length > 20) io.err(`... and ${errors.length - 20} more row errors`);
  if (products.length === 0) throw new ValidationError(`No valid products in ${file}`);
  const bar = progress(io, 'Importing products');
  await services.products.putMany(store.id, products, (written) => bar.update(written, products.length));
  bar.done();
  const version = await services.stores.bumpCatalogVersion(store.id);
  if (values.json) {
    io.out(
      JSON.stringify({
        store: store.id,
        imported: products.length,
        rejected: errors.length,
        catalogVersion: version,
      }),
    );
  } else {
    io.out(
      `Imported ${products.length} products into ${store.id} (${errors.length} rows rejected). Catalog version ${version}.`,
    );
  }
  return errors.length > 0 && products.length === 0 ? 1 : 0;
}
