import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../functions/config/config';
import type { FaqEntry } from '../functions/faq/faq-entry';
import { FaqIndex } from '../functions/faq/faq-index';
import { startLocalServer } from '../functions/local/server';
import { faqKeys } from '../functions/storage/keys';
import type { BenchRow } from './bench-row';
import { runHttpLoad } from './http-load';
import { loadDemoProducts } from './search-bench';
import { percentile, round } from './stats';

const ENTRIES = 10_000;

/** Question templates a store FAQ holds: about products, places, payment, services, in English and Chinese. */
const TEMPLATES = [
  (t: string) => `Is the ${t} covered by an extended warranty?`,
  (t: string) => `Can I get the ${t} gift wrapped?`,
  (t: string) => `Do you ship the ${t} to Canada?`,
  (t: string) => `How long does the ${t} take to arrive?`,
  (t: string) => `Can I return the ${t} after 30 days?`,
  (t: string) => `Is there a student discount on the ${t}?`,
  (t: string) => `Can I pick up the ${t} in store?`,
  (t: string) => `${t} 可以分期付款吗`,
  (t: string) => `${t} 有保修吗`,
  (t: string) => `${t} 能寄到香港吗`,
];
const PLACES = ['Canada', 'Australia', 'Germany', 'Japan', 'Hong Kong', 'Singapore', 'Mexico', 'France'];

/** 10,000 entries built from the demo catalog's titles, so their words overlap the way a real FAQ's do. */
export function syntheticFaq(storeId: string, count = ENTRIES): FaqEntry[] {
  const titles = loadDemoProducts().map((p) => p.title);
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_v, i) => {
    const title = titles[i % titles.length] as string;
    const template = TEMPLATES[Math.floor(i / titles.length) % TEMPLATES.length] as (t: string) => string;
    const place = PLACES[i % PLACES.length] as string;
    return {
      storeId,
      entryId: `f-bench${String(i).padStart(6, '0')}`,
      questions: [`${template(title)} (${place} #${i})`],
      answer: `Answer ${i}: yes, for ${title}.`,
      version: 1,
      author: 'bench',
      createdAt: at,
      updatedAt: at,
      source: 'import' as const,
    };
  });
}

const QUESTIONS = [
  'can I pay with PayPal?',
  'do you ship to Canada?',
  'I need a cheap smartphone under $300',
  '能寄到加拿大吗',
  'is the iPhone 9 covered by an extended warranty?',
  '推荐一款300美元以内的手机',
  'can I get the Apple Airpods gift wrapped?',
  'show me sunglasses',
  'what is your return policy?',
  '便宜的耳机',
];

/**
 * Offline shopper turns with a 10,000-entry store FAQ, through the local HTTP server and dynalite, one at a
 * time (what each Lambda sees): every turn reads the FAQ version and searches the index. Also the index
 * build and a retrieval on its own.
 */
export async function benchFaq(): Promise<BenchRow[]> {
  const entries = syntheticFaq('demo');
  const buildStart = performance.now();
  const index = FaqIndex.build(entries);
  const buildMs = performance.now() - buildStart;
  const retrieval: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const started = performance.now();
    index.match(QUESTIONS[i % QUESTIONS.length] as string);
    retrieval.push(performance.now() - started);
  }

  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    PORT: '0',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-bench-faq-')),
    WEBCHAT_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const server = await startLocalServer({ config });
  const { services } = server;
  await services.table.putMany(
    entries.map((e) => ({ ...faqKeys.entry('demo', e.entryId), entity: 'faq-entry', ...e })),
  );
  // One write through the service bumps the FAQ version, as any merchant edit does.
  await services.faq.add(
    'demo',
    { questions: ['Can I pay with PayPal?'], answer: 'Yes, PayPal works.' },
    { id: 'bench' },
    'cli',
  );
  const session = await fetch(`${server.url}/webchat/demo/sessions`, { method: 'POST', body: '{}' });
  const { token } = (await session.json()) as { token: string };
  const turn = (i: number) => ({
    path: '/webchat/demo/messages',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length] }),
  });
  await runHttpLoad(
    server.url,
    Array.from({ length: 20 }, (_v, i) => turn(i)),
    1,
  );
  const { latencies } = await runHttpLoad(
    server.url,
    Array.from({ length: 200 }, (_v, i) => turn(i)),
    1,
  );
  await server.close();

  const p95 = percentile(latencies, 95);
  const area = 'shopper turn, 10,000-entry FAQ (offline, HTTP + dynalite)';
  return [
    { area, metric: 'p50', value: round(percentile(latencies, 50)), unit: 'ms' },
    { area, metric: 'p95', value: round(p95), unit: 'ms', bar: '≤ 50 ms', pass: p95 <= 50 },
    { area: 'FAQ index (10,000 entries)', metric: 'build', value: round(buildMs), unit: 'ms' },
    {
      area: 'FAQ index (10,000 entries)',
      metric: 'retrieval p95',
      value: round(percentile(retrieval, 95), 3),
      unit: 'ms',
    },
  ];
}
