import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the stub. */
export type StubStep = (
  | { kind: 'reply'; content?: string; toolCalls?: { name: string; arguments: unknown }[] }
  | { kind: 'status'; status: number; retryAfter?: string }
) & {
  /** A slow model: the answer is held until this settles (e.g. a `Gate` the test opens), never for a time. */
  heldUntil?: Promise<unknown>;
};

/** A promise a test settles when it chooses: `open()` lets through whatever waits on `opened`. */
export class Gate {
  open: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
}

export interface RecordedRequest {
  path: string;
  body: {
    model: string;
    messages: { role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { function: { name: string } }[];
  };
}

/**
 * A loopback OpenAI-compatible Chat Completions server that answers from a script: tool calls, plain
 * replies, HTTP errors (429 with Retry-After, 500) and held (slow) responses. Requests are recorded for assertions.
 */
export class OpenAiStub {
  readonly requests: RecordedRequest[] = [];
  private script: StubStep[] = [];
  private fallback: StubStep = { kind: 'status', status: 500 };
  private server?: Server;
  private counter = 0;

  /** Base URL to give the SDK (`OPENAI_BASE_URL`). */
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(body);
        },
        () => res.destroy(),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  /** Answers the next requests in order; once used up, every request gets `fallback`. */
  enqueue(...steps: StubStep[]): this {
    this.script.push(...steps);
    return this;
  }

  setFallback(step: StubStep): this {
    this.fallback = step;
    return this;
  }

  reset(): void {
    this.script = [];
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'];
    this.requests.push({ path: req.url ?? '', body });
    const step = this.script.shift() ?? this.fallback;
    if (step.heldUntil) await step.heldUntil;
    if (step.kind === 'status') {
      return {
        status: step.status,
        headers: step.retryAfter ? { 'retry-after': step.retryAfter } : {},
        body: JSON.stringify({ error: { message: `scripted ${step.status}`, type: 'server_error' } }),
      };
    }
    const id = ++this.counter;
    const toolCalls = step.toolCalls?.map((call, i) => ({
      id: `call_${id}_${i}`,
      type: 'function',
      function: {
        name: call.name,
        arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
      },
    }));
    return {
      status: 200,
      headers: {},
      body: JSON.stringify({
        id: `chatcmpl-${id}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          {
            index: 0,
            finish_reason: toolCalls?.length ? 'tool_calls' : 'stop',
            message: { role: 'assistant', content: step.content ?? null, tool_calls: toolCalls },
          },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      }),
    };
  }
}
