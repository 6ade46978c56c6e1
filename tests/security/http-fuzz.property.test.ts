import fc from 'fast-check';
import { startLocalStack, type LocalStack } from '../support/local-stack';

/** Bounded: enough to walk every route with hostile input, short enough for a loaded CI machine. */
const RUNS = 250;
const TIME_LIMIT_MS = 90_000;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
const ROUTE_TEMPLATES = [
  '/',
  '/health',
  '/webchat/widget.js',
  '/webchat/{store}',
  '/webchat/{store}/sessions',
  '/webchat/{store}/messages',
  '/webchat/{store}/messages?after={x}',
  '/webchat/{store}/feedback',
  '/webchat/{store}/events',
  '/webchat/{store}/session',
  '/webchat/{store}/{x}',
  '/stores/{store}/orders',
  '/slack/events',
  '/slack/install',
  '/slack/oauth_redirect?code={x}&state={x}',
  '/api/messages',
  '/{x}',
  '/{x}/{x}/{x}',
];

/** Path segments that broke routers before: bad escapes, dot segments, NUL, long and non-Latin ids. */
const segment = fc.oneof(
  fc.constantFrom(
    'demo',
    'other',
    'DEMO',
    '..',
    '.',
    '%',
    '%E0%A4%A',
    '%00',
    '%2F',
    '%25',
    '%uD800',
    '~',
    '',
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  fc.nat({ max: 3000 }).map((n) => 'a'.repeat(n)),
);

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .record({
      text: fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.constantFrom('😀'.repeat(1001), '\u200b'.repeat(50)),
      ),
      clientMessageId: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    })
    .map((b) => JSON.stringify(b)),
  fc
    .record({
      replyId: fc.oneof(fc.string({ maxLength: 120 }), fc.constant('r_x')),
      rating: fc.constantFrom('up', 'down', 'meh', ''),
      comment: fc.option(fc.string({ maxLength: 1200 }), { nil: undefined }),
    })
    .map((b) => JSON.stringify(b)),
  fc
    .record({
      type: fc.constantFrom('click', 'add_to_cart', 'purchase', 'refund', ''),
      productId: fc.oneof(fc.constantFrom('121', '1', ''), fc.string({ maxLength: 80 })),
      replyId: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
    })
    .map((b) => JSON.stringify(b)),
  fc
    .record({
      customer: fc.record({
        id: fc.string({ maxLength: 80 }),
        expiresAt: fc.integer(),
        signature: fc.string({ maxLength: 140 }),
      }),
    })
    .map((b) => JSON.stringify(b)),
  fc
    .record({
      type: fc.constantFrom('message', 'invoke', 'conversationUpdate'),
      channelId: fc.string({ maxLength: 12 }),
      text: fc.string(),
    })
    .map((b) => JSON.stringify(b)),
);
const body = fc.oneof(
  fc.constant(undefined),
  jsonBody,
  fc.string({ maxLength: 500 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
);

describe('HTTP fuzzing: random paths, methods, headers and bodies never get a 5xx', () => {
  let stack: LocalStack;
  let server: LocalStack['server'];
  const tokens: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({
      name: 'fuzz',
      env: {
        SLACK_SIGNING_SECRET: 'fuzz-signing-secret-0123456789',
        SLACK_BOT_TOKEN: 'xoxb-fuzz',
        SLACK_BOT_USER_ID: 'UFUZZ',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        // Every integration configured, as deployed: unconfigured ones answer 503 by design.
        SLACK_CLIENT_ID: '111.222',
        SLACK_CLIENT_SECRET: 'fuzz-client-secret',
        SLACK_STATE_SECRET: 'fuzz-state-secret-0123456789',
      },
    });
    server = stack.server;
    for (let i = 0; i < 2; i++) tokens.push((await stack.webchat.startSession()).token);
  });
  afterAll(async () => stack?.close());

  it('answers every request below 500, then still serves /health and a normal turn', async () => {
    const request = fc.record({
      method: fc.constantFrom(...METHODS),
      template: fc.constantFrom(...ROUTE_TEMPLATES),
      segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
      authorization: fc.oneof(
        fc.constant(undefined),
        fc.nat({ max: 1 }).map((i) => `Bearer ${tokens[i] ?? ''}`),
        fc.string({ maxLength: 200 }).map((s) => `Bearer ${s}`),
        fc.string({ maxLength: 100 }),
      ),
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/json; charset=latin1',
      ),
      extraHeaders: fc.dictionary(
        fc.constantFrom(
          'x-slack-signature',
          'x-slack-request-timestamp',
          'x-slack-retry-num',
          'x-shopguide-signature',
          'x-shopguide-timestamp',
          'origin',
          'x-forwarded-for',
        ),
        fc.string({ maxLength: 80 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
      ),
      body,
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let i = 0;
        const route = r.template.replace(/\{(store|x)\}/g, (_m, kind: string) =>
          kind === 'store' && i % 2 === 0 ? (i++, 'demo') : (r.segments[i++ % 3] ?? ''),
        );
        const headers: Record<string, string> = { ...r.extraHeaders };
        if (r.authorization !== undefined && /^[\x20-\x7e]*$/.test(r.authorization))
          headers.authorization = r.authorization;
        if (r.contentType) headers['content-type'] = r.contentType;
        const withBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
        const response = await fetch(`${server.url}${route}`, {
          method: r.method,
          headers,
          body: withBody ? r.body : undefined,
          // The OAuth install redirects to slack.com: never follow a redirect off loopback.
          redirect: 'manual',
        });
        await response.arrayBuffer();
        if (response.status >= 500) throw new Error(`${r.method} ${route} → ${response.status}`);
      }),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
      },
    );

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const { token } = await stack.webchat.startSession();
    const turn = await stack.webchat.send(token, 'a cheap smartphone please');
    expect(turn.products.length).toBeGreaterThan(0);
  }, 150_000);
});
