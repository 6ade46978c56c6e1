import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ShopperAssistant } from '../functions/assistant/shopper-assistant';
import { estimateTokens } from '../functions/assistant/memory';
import { loadConfig } from '../functions/config/config';
import { loadChatModel } from '../functions/llm/load-chat-model';
import { startLocalServer } from '../functions/local/server';
import { silentLogger } from '../functions/observability/logger';
import { OpenAiStub } from '../tests/support/openai-stub';
import type { BenchRow } from './bench-row';
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
  const send = async (token: string, text: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/webchat/demo/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`turn failed with ${response.status}`);
    return performance.now() - started;
  };

  for (let i = 0; i < 20; i++) await send(sessions[0] as string, QUESTIONS[i % QUESTIONS.length] as string); // warm-up
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++)
    latencies.push(await send(sessions[i % 4] as string, QUESTIONS[i % QUESTIONS.length] as string));

  const total = 600;
  const concurrency = 16;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_v, worker) => {
      while (next < total) {
        const i = next++;
        await send(sessions[worker] as string, QUESTIONS[i % QUESTIONS.length] as string);
      }
    }),
  );
  const throughput = total / ((performance.now() - started) / 1000);
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

/** The largest prompt sent to a (loopback) model over a 20-turn conversation with tool calls. */
async function benchPromptTokens(): Promise<number> {
  const { startTestEnv } = await import('../tests/support/test-env');
  const stub = await new OpenAiStub().start();
  const env = await startTestEnv({
    seedDemo: true,
    env: { OPENAI_BASE_URL: stub.url, OPENAI_MAX_RETRIES: '0' },
  });
  const assistant = new ShopperAssistant({
    ...env.services,
    chatModel: await loadChatModel(env.config, silentLogger),
  });
  for (let turn = 0; turn < 20; turn++) {
    stub.enqueue(
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
    );
    await assistant.handleMessage({
      storeId: 'demo',
      conversationId: 'bench-tokens',
      channel: 'webchat',
      text: `${QUESTIONS[turn % QUESTIONS.length]} — ${'details '.repeat(20)}`,
    });
  }
  const max = Math.max(
    ...stub.requests.map((r) =>
      estimateTokens(JSON.stringify(r.body.messages) + JSON.stringify(r.body.tools ?? [])),
    ),
  );
  await env.close();
  await stub.stop();
  return max;
}
