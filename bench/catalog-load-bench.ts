import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CatalogSnapshots } from '../functions/catalog/catalog-snapshot';
import type { Product } from '../functions/catalog/product';
import { SearchIndex } from '../functions/catalog/search-index';
import { startEmbeddedDynamo } from '../functions/local/embedded-dynamodb';
import { createLogger } from '../functions/observability/logger';
import { createDocumentClient } from '../functions/storage/dynamo-client';
import { ensureTable } from '../functions/storage/ensure-table';
import { FileSnapshotStore } from '../functions/storage/file-snapshot-store';
import { ProductRepository } from '../functions/storage/product-repository';
import { Table } from '../functions/storage/table';
import type { BenchRow } from './bench-row';
import { generateCatalog } from './search-bench';
import { round } from './stats';

/**
 * Cold catalog load (docs/catalog-sync.md): what a cold process does before its first search, from the
 * compressed snapshot and from the table, at 10,000 and 100,000 products. Heap is the growth of the V8 heap
 * while the loaded catalog is held (after a full GC). Locally the snapshot is a
 * file and the table is dynalite; in AWS the snapshot is one S3 GET and the table read is paged Query calls,
 * so the gap is wider there.
 */
const SIZES = [10_000, 100_000];
const SNAPSHOT_BAR_MS = 1000;
const INDEX_BUILD_BAR_MS = 1000;
const STORE = 'bench';

/** A full GC before each heap reading, so the figure is what the loaded catalog keeps alive. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

async function measure(
  load: () => Promise<Product[]>,
): Promise<{ ms: number; cpuMs: number; mib: number; count: number }> {
  const before = heapUsed();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const products = await load();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time of this process: the same on a busy machine, where wall time also counts waiting for a core.
  const cpuMs = (used.user + used.system) / 1000;
  const mib = (heapUsed() - before) / 2 ** 20;
  // Held until after the heap reading.
  return { ms, cpuMs, mib, count: products.length };
}

export async function benchCatalogLoad(sizes: readonly number[] = SIZES): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-catalog-load-'));
  const dynamo = await startEmbeddedDynamo();
  const client = createDocumentClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
  const logger = createLogger('bench', 'SILENT');
  try {
    for (const size of sizes) {
      const tableName = `bench-catalog-${size}`;
      await ensureTable(client, tableName);
      const products = new ProductRepository(new Table(client, tableName));
      const catalog = generateCatalog(size);
      await products.putMany(STORE, catalog);
      await new CatalogSnapshots(new FileSnapshotStore(dir), logger).save(STORE, size, catalog);
      const label = `${size.toLocaleString('en-US')} products`;

      // A fresh reader each time, as in a cold process.
      const snapshot = await measure(
        async () => (await new CatalogSnapshots(new FileSnapshotStore(dir), logger).load(STORE, size)) ?? [],
      );
      const table = await measure(() => products.list(STORE));
      if (snapshot.count !== size || table.count !== size) throw new Error('catalog load bench: wrong count');
      const started = performance.now();
      SearchIndex.build(catalog);
      const buildMs = performance.now() - started;

      rows.push(
        {
          area: 'catalog cold load',
          metric: `${label} from snapshot`,
          value: round(snapshot.ms, 0),
          unit: 'ms',
          ...(size >= 100_000
            ? { bar: `≤ ${SNAPSHOT_BAR_MS} ms`, pass: snapshot.ms <= SNAPSHOT_BAR_MS }
            : {}),
        },
        {
          area: 'catalog cold load',
          metric: `${label} from snapshot, CPU`,
          value: round(snapshot.cpuMs, 0),
          unit: 'ms',
        },
        {
          area: 'catalog cold load',
          metric: `${label} from snapshot, heap`,
          value: round(snapshot.mib, 0),
          unit: 'MiB',
        },
        { area: 'catalog cold load', metric: `${label} from table`, value: round(table.ms, 0), unit: 'ms' },
        {
          area: 'catalog cold load',
          metric: `${label} from table, heap`,
          value: round(table.mib, 0),
          unit: 'MiB',
        },
        {
          area: 'catalog cold load',
          metric: `${label} index build`,
          value: round(buildMs, 0),
          unit: 'ms',
          ...(size <= 10_000
            ? { bar: `≤ ${INDEX_BUILD_BAR_MS} ms`, pass: buildMs <= INDEX_BUILD_BAR_MS }
            : {}),
        },
      );
    }
  } finally {
    client.destroy();
    await dynamo.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
