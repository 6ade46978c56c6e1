import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../functions/config/config';
import { startLocalServer } from '../functions/local/server';
import type { BenchRow } from './bench-row';
import { runHttpLoad } from './http-load';
import { maxPromptTokens } from './prompt-tokens';
import { percentile, round } from './stats';

const QUESTIONS = [
  'I need a cheap smartphone under $300',
  '推荐一款300美元以内的手机',
  'best rated perfume',
  'laptops under $1500',
  '有货的手表',
  'show me sunglasses',
  'what is your return policy?',
  'kitchen accessories under $20',
  '便宜的耳机',
  'Apple products in stock',
];

/**
 * Offline shopper turns through the local HTTP server and the embedded DynamoDB: latency of sequential
 * turns, then throughput with concurrent sessions. Also the prompt size over a 20-turn LLM conversation.
 */
export async function benchTurns(): Promise<BenchRow[]> {
  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    PORT: '0',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-bench-')),
    WEBCHAT_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const server = await startLocalServer({ config });
  const sessions: string[] = [];
  for (let i = 0; i < 16; i++) {
    const response = await fetch(`${server.url}/webchat/demo/sessions`, { method: 'POST', body: '{}' });
    sessions.push(((await response.json()) as { token: string }).token);
  }
  const turn = (token: string, i: number) => ({
    path: '/webchat/demo/messages',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length] }),
  });
  // Warm-up, then one turn at a time for latency, then 16 sessions at once for throughput.
  await runHttpLoad(
    server.url,
    Array.from({ length: 20 }, (_v, i) => turn(sessions[0], i)),
    1,
  );
  const { latencies } = await runHttpLoad(
    server.url,
    Array.from({ length: 200 }, (_v, i) => turn(sessions[i % 4], i)),
    1,
  );
  const total = 600;
  const concurrency = 16;
  const load = await runHttpLoad(
    server.url,
    Array.from({ length: total }, (_v, i) => turn(sessions[i % concurrency], i)),
    concurrency,
  );
  const throughput = total / (load.elapsedMs / 1000);
  await server.close();

  const maxPrompt = await benchPromptTokens();
  const p95 = percentile(latencies, 95);
  return [
    {
      area: 'shopper turn (offline, HTTP + dynalite)',
      metric: 'p50',
      value: round(percentile(latencies, 50)),
      unit: 'ms',
    },
    {
      area: 'shopper turn (offline, HTTP + dynalite)',
      metric: 'p95',
      value: round(p95),
      unit: 'ms',
      bar: '≤ 50 ms',
      pass: p95 <= 50,
    },
    {
      area: 'shopper turn (offline, HTTP + dynalite)',
      metric: `throughput (${concurrency} sessions)`,
      value: round(throughput, 1),
      unit: 'msg/s',
      bar: '≥ 100 msg/s',
      pass: throughput >= 100,
    },
    {
      area: 'tokens (20-turn LLM conversation)',
      metric: 'max prompt per call',
      value: maxPrompt,
      unit: 'tokens (est.)',
      bar: '≤ 3,000',
      pass: maxPrompt <= 3000,
    },
  ];
}

/** The largest prompt sent to a (loopback) model over a 20-turn conversation with a search each turn. */
function benchPromptTokens(): Promise<number> {
  return maxPromptTokens('bench-tokens', 20, (turn) => ({
    text: `${QUESTIONS[turn % QUESTIONS.length]} — ${'details '.repeat(20)}`,
    model: [
      {
        kind: 'reply',
        toolCalls: [
          { name: 'search_products', arguments: { query: QUESTIONS[turn % QUESTIONS.length], limit: 5 } },
        ],
      },
      {
        kind: 'reply',
        content:
          'Here are a few options that match what you asked for. Which one would you like to know more about?',
      },
    ],
  }));
}
