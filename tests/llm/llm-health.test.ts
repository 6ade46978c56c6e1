import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { askCommand } from '../../bin/cli/ask';
import { loadConfig } from '../../functions/config/config';
import type { ChatModel, ChatResult } from '../../functions/llm/chat-model';
import { LLM_WARN_INTERVAL_MS, MonitoredChatModel } from '../../functions/llm/llm-health';
import { startLocalServer, type LocalServer } from '../../functions/local/server';
import type { Logger } from '../../functions/observability/logger';

function recordingLogger() {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => warnings.push({ message, fields }),
    error: () => undefined,
    child: () => logger,
  };
  return { logger, warnings };
}

/** A loopback port with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a configured LLM that does not answer is never silent', () => {
  test('one WARN with the reason, at most once a minute, and a degraded status until it answers', async () => {
    let clock = new Date('2026-05-04T10:00:00Z');
    let next: ChatResult = { status: 'timeout', detail: 'timed out' };
    const model: ChatModel = { name: 'stub', complete: async () => next };
    const { logger, warnings } = recordingLogger();
    const monitored = new MonitoredChatModel(model, logger, () => clock);

    for (let i = 0; i < 5; i++) await monitored.complete({ messages: [] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ reason: 'timeout: timed out' });
    expect(monitored.status()).toEqual({
      state: 'degraded',
      reason: 'timeout: timed out',
      since: '2026-05-04T10:00:00.000Z',
    });

    clock = new Date(clock.getTime() + LLM_WARN_INTERVAL_MS);
    next = { status: 'server_error', detail: '502' };
    await monitored.complete({ messages: [] });
    expect(warnings).toHaveLength(2);
    expect(monitored.status()).toMatchObject({
      reason: 'server_error: 502',
      since: '2026-05-04T10:00:00.000Z',
    });

    next = { status: 'success', content: 'hi', toolCalls: [] };
    await monitored.complete({ messages: [] });
    expect(monitored.status()).toEqual({ state: 'ok' });
  });

  describe('local server with an unreachable model', () => {
    let server: LocalServer;
    beforeAll(async () => {
      const config = loadConfig({
        SHOPGUIDE_RUNTIME: 'test',
        LOG_LEVEL: 'SILENT',
        PORT: '0',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sg-llm-down-')),
        OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
        OPENAI_API_KEY: 'sk-test-unreachable',
        OPENAI_MAX_RETRIES: '0',
      });
      server = await startLocalServer({ config });
    });
    afterAll(async () => server?.close());

    test('/health reports the degraded mode after a failed call, and ask notes it on stderr in one line', async () => {
      const healthy = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
      expect(healthy).toMatchObject({ ok: true, llm: 'openai', llmStatus: { state: 'ok' } });

      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
      expect(await askCommand(['--store', 'demo', 'cheap phone'], io, server.services)).toBe(0);
      expect(out.join('\n').length).toBeGreaterThan(0);
      const notes = err.filter((line) => line.startsWith('note:'));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(
        /^note: the LLM is configured but did not answer \(error: .+\); this reply is from the offline assistant\.$/,
      );

      const health = (await (await fetch(`${server.url}/health`)).json()) as {
        llmStatus: { state: string; reason: string };
      };
      expect(health.llmStatus.state).toBe('degraded');
      expect(health.llmStatus.reason).toMatch(/^error: /);
    });
  });
});
