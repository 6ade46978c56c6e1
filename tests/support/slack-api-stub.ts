import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for';

/** One request the stub received. `params` are the decoded form or JSON fields; JSON-valued fields are parsed. */
export interface StubCall {
  method: string;
  params: Record<string, unknown>;
  token?: string;
  at: number;
  status: number;
}

/** A message that exists in the stub's "workspace" after a successful post or stream. */
export interface StubMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  via: 'chat.postMessage' | 'chat.startStream';
  streamed: string[];
  stopped?: boolean;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/**
 * A loopback Slack Web API for tests: records every call, keeps the messages it "posted", serves OAuth,
 * streaming, views, file uploads and response_url posts, and plays scripted failures (a 429 with Retry-After,
 * a 500, an `ok:false` error) before answering normally.
 */
export class SlackApiStub {
  readonly calls: StubCall[] = [];
  readonly messages: StubMessage[] = [];
  /** Bodies posted to response_url endpoints (`respond()` in Bolt). */
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** Files uploaded to the external upload URL; `file` is the uploaded file's bytes (multipart unwrapped). */
  readonly uploads: { path: string; bytes: number; file: Buffer }[] = [];
  /** Methods that answer `unknown_method`, e.g. streaming on a workspace without it. */
  readonly unsupported = new Set<string>();
  oauthCode = 'good-code';
  oauthTeam = { id: 'T0AUTH', name: 'OAuth Team' };
  private readonly scripts = new Map<string, ScriptedResponse[]>();
  private server?: Server;
  private origin = '';
  private tsCounter = 0;

  /** Base URL to pass as `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A response_url that posts back to this stub. */
  responseUrl(id = 'cmd'): string {
    return `${this.origin}/respond/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Forgets the calls and messages so far (scripts and uploads stay), for a test that counts from zero. */
  clearRecorded(): void {
    this.calls.length = 0;
    this.messages.length = 0;
  }

  /** The next calls of `method` get these responses, in order, before normal answers resume. */
  script(method: string, ...responses: ScriptedResponse[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...responses]);
  }

  callsTo(method: string): StubCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls that succeeded (2xx and ok:true). */
  succeeded(method: string): StubCall[] {
    return this.callsTo(method).filter((c) => c.status === 200);
  }

  /** Resolves once `predicate` holds over what the stub received; see `waitFor` for the deadline. */
  async waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void> {
    await waitFor(predicate, 'the Slack stub to receive the expected calls', {
      timeoutMs,
      observed: () => this.calls.map((c) => `${c.method} ${c.status}`),
    });
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.origin);

    if (url.pathname.startsWith('/respond/')) {
      this.responses.push({ path: url.pathname, body: JSON.parse(raw.toString('utf8') || '{}') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      this.uploads.push({
        path: url.pathname,
        bytes: raw.length,
        file: uploadedFile(raw, req.headers['content-type'] ?? ''),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = decodeParams(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);
    const call: StubCall = { method, params, token, at: Date.now(), status: 200 };
    this.calls.push(call);

    const scripted = this.scripts.get(method)?.shift();
    if (scripted) {
      call.status = scripted.status ?? 200;
      const body =
        scripted.body ??
        (call.status === 429 ? { ok: false, error: 'ratelimited' } : { ok: false, error: 'internal_error' });
      if (body.ok === false && call.status === 200) call.status = 599; // not a success, for `succeeded()`
      res.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers });
      res.end(JSON.stringify(body));
      return;
    }
    const body = this.answer(method, params, token);
    if (body.ok === false) call.status = 599;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private answer(method: string, p: Record<string, unknown>, token?: string): Record<string, unknown> {
    if (this.unsupported.has(method)) return { ok: false, error: 'unknown_method' };
    const channel = textOf(p.channel ?? p.channel_id);
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T111', url: 'https://stub.slack/' };
      case 'chat.postMessage': {
        if (!token) return { ok: false, error: 'not_authed' };
        const ts = this.nextTs();
        this.messages.push({
          channel,
          ts,
          threadTs: p.thread_ts as string | undefined,
          text: textOf(p.text),
          blocks: p.blocks as unknown[] | undefined,
          via: 'chat.postMessage',
          streamed: [],
        });
        return { ok: true, channel, ts, message: { text: p.text, ts } };
      }
      case 'chat.update': {
        const message = this.messages.find((m) => m.channel === channel && m.ts === p.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = textOf(p.text, message.text);
        message.blocks = (p.blocks as unknown[] | undefined) ?? message.blocks;
        return { ok: true, channel, ts: p.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.startStream': {
        const ts = this.nextTs();
        this.messages.push({
          channel,
          ts,
          threadTs: p.thread_ts as string,
          text: '',
          via: 'chat.startStream',
          streamed: [],
        });
        return { ok: true, channel, ts };
      }
      case 'chat.appendStream':
      case 'chat.stopStream': {
        const message = this.messages.find((m) => m.channel === channel && m.ts === p.ts);
        if (!message || message.stopped) return { ok: false, error: 'message_not_in_streaming_state' };
        const chunks = (p.chunks as { type: string; text?: string }[] | undefined) ?? [];
        for (const c of chunks) if (c.type === 'markdown_text' && c.text) message.streamed.push(c.text);
        if (typeof p.markdown_text === 'string') message.streamed.push(p.markdown_text);
        message.text = message.streamed.join('');
        if (method === 'chat.stopStream') {
          message.stopped = true;
          message.blocks = p.blocks as unknown[] | undefined;
        }
        return { ok: true, channel, ts: p.ts };
      }
      case 'views.publish':
        return { ok: true, view: p.view };
      case 'views.open':
        // A modal needs a fresh trigger_id from a click; the stub only checks that one was passed.
        if (!p.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
        return { ok: true, view: { ...(p.view as Record<string, unknown>), id: `V${this.nextTs()}` } };
      case 'conversations.replies':
        return {
          ok: true,
          messages: this.messages.filter((m) => m.channel === channel && (m.threadTs ?? m.ts) === p.ts),
        };
      case 'oauth.v2.access':
        if (p.code !== this.oauthCode) return { ok: false, error: 'invalid_code' };
        return {
          ok: true,
          app_id: 'A111',
          authed_user: { id: 'UINSTALLER' },
          scope: 'app_mentions:read,chat:write,commands',
          token_type: 'bot',
          access_token: 'xoxb-installed-token',
          bot_user_id: 'UBOTOAUTH',
          team: this.oauthTeam,
          enterprise: null,
          is_enterprise_install: false,
        };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.origin}/upload/F111`, file_id: 'F111' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F111', title: 'Chart' }] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function decodeParams(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json'))
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    params[name] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The first part of a multipart/form-data body (how the Web API client uploads), or the body itself. */
function uploadedFile(raw: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return raw;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf(delimiter);
  const headersEnd = raw.indexOf('\r\n\r\n', start);
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
  return start < 0 || headersEnd < 0 || end < 0 ? raw : raw.subarray(headersEnd + 4, end);
}

/** A string parameter of a Slack API call, or the fallback when it is missing or not a string. */
function textOf(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}
