import { readFileSync } from 'node:fs';
import type { Composition } from '../../functions/app/compose';
import { detectFormat, parseProducts } from '../../functions/catalog/import';
import { NotFoundError, ValidationError } from '../../functions/errors/errors';
import type { Store } from '../../functions/stores/store';
import { parse, progress, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide import products|orders <file> --store <storeId> [--json]';

export interface ImportInput {
  store: Store;
  file: string;
  content: string;
  format: 'json' | 'csv';
  json: boolean;
}

/** What every `import` command starts with: `<file> --store <id> [--json]`, the store, the file's text. */
export async function readImportInput(
  args: string[],
  services: Composition,
  usage: string,
): Promise<ImportInput> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const file = positionals[0];
  if (!file || !values.store) throw new UsageError(usage);
  const store = await services.stores.get(values.store);
  if (!store) throw new NotFoundError(`Unknown store ${values.store}`);
  try {
    return {
      store,
      file,
      content: readFileSync(file, 'utf8'),
      format: detectFormat(file),
      json: values.json,
    };
  } catch {
    throw new ValidationError(`Cannot read ${file}`);
  }
}

/** Prints the first row errors of an import, one line each, to stderr. */
export function reportRowErrors(errors: { row: number; message: string }[], io: CliIo): void {
  for (const e of errors.slice(0, 20)) io.err(`row ${e.row}: ${e.message}`);
  if (errors.length > 20) io.err(`... and ${errors.length - 20} more row errors`);
}

/** `shopguide import products <file> --store <id>`: JSON or CSV, with progress and per-row errors. */
export async function importProductsCommand(
  args: string[],
  io: CliIo,
  services: Composition,
): Promise<number> {
  const { store, file, content, format, json: asJson } = await readImportInput(args, services, USAGE);
  const { products, errors } = parseProducts(content, format, store.currency);
  reportRowErrors(errors, io);
  if (products.length === 0) throw new ValidationError(`No valid products in ${file}`);
  const bar = progress(io, 'Importing products');
  await services.products.putMany(store.id, products, (written) => bar.update(written, products.length));
  bar.done();
  const version = await services.stores.bumpCatalogVersion(store.id);
  if (asJson) {
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
