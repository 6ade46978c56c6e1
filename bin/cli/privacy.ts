import { writeFileSync } from 'node:fs';
import type { Composition } from '../../functions/app/compose';
import { ValidationError } from '../../functions/errors/errors';
import { STORE_ID_PATTERN } from '../../functions/stores/store';
import { parse, UsageError, type CliIo } from './io';

const USAGE = [
  'usage: shopguide privacy export --store <id> --customer <id> [--out file.json]',
  '       shopguide privacy erase --store <id> --customer <id> [--json]',
].join('\n');

/**
 * `shopguide privacy`: everything held about a verified customer (orders, conversations, events, clicks) as
 * JSON, or erased, leaving an audit record without personal data. See docs/privacy.md.
 */
export async function privacyCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export' && sub !== 'erase') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    store: { type: 'string' },
    customer: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const { store: storeId, customer } = values;
  if (!storeId || !customer) throw new UsageError(USAGE);
  if (!STORE_ID_PATTERN.test(storeId) || !(await services.stores.get(storeId))) {
    throw new ValidationError(`Unknown store ${storeId}`);
  }
  if (!/^[^#]{1,64}$/.test(customer))
    throw new ValidationError('Customer ids are 1-64 characters, without #');

  if (sub === 'export') {
    const data = JSON.stringify(await services.privacy.exportCustomer(storeId, customer), null, 2);
    if (values.out) {
      writeFileSync(values.out, `${data}\n`);
      io.err(`Wrote everything held about customer ${customer} of ${storeId} to ${values.out}`);
    } else io.out(data);
    return 0;
  }
  const result = await services.privacy.eraseCustomer(storeId, customer, 'cli');
  if (values.json) io.out(JSON.stringify({ erased: true, ...result }));
  else
    io.out(
      `Erased customer ${customer} of ${storeId}: ${result.conversations} conversations, ${result.orders} orders anonymised, ${result.items} items. An audit record (without personal data) was kept.`,
    );
  return 0;
}
