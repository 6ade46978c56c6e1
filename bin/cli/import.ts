import { readFileSync } from 'node:fs';
import type { Composition } from '../../functions/app/compose';
import { detectFormat, parseProducts } from '../../functions/catalog/import';
import { NotFoundError, ValidationError } from '../../functions/errors/errors';
import { plural } from '../../functions/language/plural';
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
  // The extension first: a .txt that exists is the wrong kind of file, not an unreadable one.
  const format = detectFormat(file);
  return { store, file, content: readTextFile(file), format, json: values.json };
}

/** The file's text, or an error that says why it cannot be read. */
function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT') throw new ValidationError(`No such file: ${file}`);
    if (code === 'EISDIR') throw new ValidationError(`${file} is a folder, not a file`);
    if (code === 'EACCES' || code === 'EPERM') throw new ValidationError(`No permission to read ${file}`);
    throw new ValidationError(`Cannot read ${file}${code ? ` (${code})` : ''}`);
  }
}

/** Prints the first row errors of an import, one line each, to stderr. */
export function reportRowErrors(errors: { row: number; message: string }[], io: CliIo): void {
  for (const e of errors.slice(0, 20)) io.err(`row ${e.row}: ${e.message}`);
  if (errors.length > 20) io.err(`... and ${plural(errors.length - 20, 'more row error')}`);
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
      `Imported ${plural(products.length, 'product')} into ${store.id} (${plural(errors.length, 'row')} rejected). Catalog version ${version}.`,
    );
  }
  return errors.length > 0 && products.length === 0 ? 1 : 0;
}
