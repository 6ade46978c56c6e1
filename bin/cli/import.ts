import { readFileSync } from 'node:fs';
import type { Composition } from '../../functions/app/compose';
import { detectFormat, parseProducts } from '../../functions/catalog/import';
import { sameProduct } from '../../functions/catalog-sync/catalog-changes';
import { commitCatalogChange } from '../../functions/catalog-sync/catalog-writer';
import { NotFoundError, ValidationError } from '../../functions/errors/errors';
import type { Product } from '../../functions/catalog/product';
import { plural } from '../../functions/language/plural';
import type { Store } from '../../functions/stores/store';
import { parse, progress, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide import products|orders <file> --store <storeId> [--dry-run] [--json]';

export interface ImportInput {
  store: Store;
  file: string;
  content: string;
  format: 'json' | 'csv';
  json: boolean;
  /** Report what the import would change, and write nothing. */
  dryRun: boolean;
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
    'dry-run': { type: 'boolean', default: false },
  });
  const file = positionals[0];
  if (!file || !values.store) throw new UsageError(usage);
  const store = await services.stores.get(values.store);
  if (!store) throw new NotFoundError(`Unknown store ${values.store}`);
  // The extension first: a .txt that exists is the wrong kind of file, not an unreadable one.
  const format = detectFormat(file);
  return { store, file, content: readTextFile(file), format, json: values.json, dryRun: values['dry-run'] };
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
  const input = await readImportInput(args, services, USAGE);
  const { store, file, content, format, json: asJson } = input;
  const { products, errors } = parseProducts(content, format, store.currency);
  reportRowErrors(errors, io);
  if (products.length === 0) throw new ValidationError(`No valid products in ${file}`);
  if (input.dryRun) return dryRunProducts(io, services, store, products, errors.length, asJson);
  const bar = progress(io, 'Importing products');
  await services.products.putMany(store.id, products, (written) => bar.update(written, products.length));
  bar.done();
  const version = await commitCatalogChange(services, store.id);
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

/** `--dry-run`: how many products the import would add, change or leave as they are; nothing is written. */
async function dryRunProducts(
  io: CliIo,
  services: Composition,
  store: Store,
  products: Product[],
  rejected: number,
  asJson: boolean,
): Promise<number> {
  const current = await services.products.getMany(
    store.id,
    products.map((p) => p.id),
  );
  const added = products.filter((p) => !current.has(p.id));
  const changed = products.filter((p) => current.has(p.id) && !sameProduct(current.get(p.id), p));
  const unchanged = products.length - added.length - changed.length;
  if (asJson) {
    io.out(
      JSON.stringify({
        store: store.id,
        dryRun: true,
        added: added.length,
        changed: changed.length,
        unchanged,
        rejected,
        changedIds: changed.slice(0, 50).map((p) => p.id),
      }),
    );
  } else {
    io.out(
      `Dry run for ${store.id}: ${added.length} new, ${changed.length} changed, ${unchanged} unchanged, ${rejected} rows rejected. Nothing written.`,
    );
    for (const p of changed.slice(0, 20)) io.out(`  changed ${p.id}: ${p.title}`);
  }
  return 0;
}
