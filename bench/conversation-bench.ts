import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../functions/config/config';
import type { DialogFile } from '../functions/evaluation/dialog-file';
import { startLocalServer } from '../functions/local/server';
import type { BenchRow } from './bench-row';
import { maxPromptTokens } from './prompt-tokens';
import { percentile, round } from './stats';

const DIALOGS = path.join(__dirname, '..', 'data', 'demo-store', 'dialogs.json');

/**
 * Shopper conversations: the shipped dialogs (follow-ups, references, comparisons, advice, cart) turn by
 * turn through the web chat HTTP API and the embedded DynamoDB, one turn at a time; and the prompt size
 * of a 20-turn LLM conversation made of the same follow-ups, with compare_products and add_to_cart calls.
 */
export async function benchConversation(): Promise<BenchRow[]> {
  const file = JSON.parse(readFileSync(DIALOGS, 'utf8')) as DialogFile;
  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    PORT: '0',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-bench-conv-')),
    WEBCHAT_RATE_LIMIT_PER_MINUTE: '100000',
    WEBCHAT_SESSIONS_PER_MINUTE: '100000',
  });
  const server = await startLocalServer({ config });
  const post = async (route: string, body: unknown, token?: string) => {
    const response = await fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { token: string };
  };
  const latencies: number[] = [];
  // Twice through: the first pass warms the process up and is not measured.
  for (const measured of [false, true]) {
    for (const dialog of file.dialogs) {
      const { token } = await post('/webchat/demo/sessions', {});
      for (const turn of dialog.turns) {
        const started = performance.now();
        await post('/webchat/demo/messages', { text: turn.say }, token);
        if (measured) latencies.push(performance.now() - started);
      }
    }
  }
  await server.close();
  const p95 = percentile(latencies, 95);
  const maxPrompt = await promptTokensWithFollowUps(file);
  const area = 'conversation turns (offline, HTTP + dynalite)';
  return [
    {
      area,
      metric: `p50 (${latencies.length} sequential turns)`,
      value: round(percentile(latencies, 50)),
      unit: 'ms',
    },
    {
      area,
      metric: 'p95, follow-ups and comparisons',
      value: round(p95),
      unit: 'ms',
      bar: '≤ 50 ms',
      pass: p95 <= 50,
    },
    {
      area: 'tokens (20-turn LLM conversation, follow-ups)',
      metric: 'max prompt per call',
      value: maxPrompt,
      unit: 'tokens (est.)',
      bar: '≤ 3,000',
      pass: maxPrompt <= 3000,
    },
  ];
}

/** The largest prompt of a 20-turn follow-up conversation: search, compare and cart tool rounds each turn. */
function promptTokensWithFollowUps(file: DialogFile): Promise<number> {
  const texts = file.dialogs.flatMap((d) => d.turns.slice(1).map((t) => t.say));
  let shown: string[] = [];
  return maxPromptTokens('bench-follow-ups', 20, (turn, previous) => {
    if (previous && previous.products.length >= 2) shown = previous.products.map((p) => p.id);
    const pair = shown.length >= 2 ? shown.slice(0, 2) : ['130', '127'];
    return {
      text: texts[turn % texts.length] ?? 'cheaper ones',
      model: [
        {
          kind: 'reply',
          toolCalls: [{ name: 'search_products', arguments: { category: 'smartphones', limit: 8 } }],
        },
        { kind: 'reply', toolCalls: [{ name: 'compare_products', arguments: { product_ids: pair } }] },
        { kind: 'reply', toolCalls: [{ name: 'add_to_cart', arguments: { product_id: pair[0] } }] },
        {
          kind: 'reply',
          content: 'Here is what I found, with the comparison and your cart updated. Anything else?',
        },
      ],
    };
  });
}
