import type { BenchRow } from './bench-row';

type Section = { name: string; run: () => Promise<BenchRow[]> };

/** Every bench section; `npm run bench -- --only search,turns` runs a subset. */
const SECTIONS: Section[] = [
  { name: 'search', run: async () => (await import('./search-bench')).benchSearch() },
  { name: 'turns', run: async () => (await import('./turn-bench')).benchTurns() },
  { name: 'faq', run: async () => (await import('./faq-bench')).benchFaq() },
  { name: 'aggregate', run: async () => (await import('./aggregate-bench')).benchAggregation() },
  { name: 'slack', run: async () => (await import('./slack-ack-bench')).benchSlackAck() },
  { name: 'catalog-load', run: async () => (await import('./catalog-load-bench')).benchCatalogLoad() },
  { name: 'bundles', run: async () => (await import('./bundle-bench')).benchBundles() },
];

/** The section names `--only` accepts. */
export const BENCH_SECTION_NAMES: readonly string[] = SECTIONS.map((s) => s.name);

export async function runBench(options: { json: boolean; only?: string[]; log: (line: string) => void }) {
  const rows: BenchRow[] = [];
  for (const section of SECTIONS) {
    if (options.only && !options.only.includes(section.name)) continue;
    options.log(`bench: ${section.name}...`);
    rows.push(...(await section.run()));
  }
  return rows;
}

export function formatBenchTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.area,
    r.metric,
    `${r.value} ${r.unit}`,
    r.bar ?? '',
    r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['area', 'metric', 'value', 'bar', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
