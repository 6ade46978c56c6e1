import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleEntry, type BuiltBundle } from '../../bench/bundle-bench';
import { SHOPPER_ASSISTANT_FILE } from '../../functions/app/assistant-modules';
import { bundlingHooks } from '../../lib/constructs/api-function';
import { PROJECT_ROOT } from '../../lib/function-specs';
import { startTestEnv, type TestEnv } from '../support/test-env';

const run = promisify(execFile);

/**
 * The web chat function as Lambda runs it: the esbuild bundle plus the files the bundling hook ships beside it,
 * in a directory of their own, in a fresh Node process, against a real DynamoDB (dynalite). In tests everything
 * else imports the assistant from source; only here does a shopper turn go through the copy beside the bundle,
 * so this is where a missing file or an error that loses its type across the two copies would show.
 */
const DRIVER = `
const { handler } = require('./index.js');
const context = { awsRequestId: 'r', functionName: 'shopguide-webchat', getRemainingTimeInMillis: () => 10000 };
const event = (method, rawPath, body, token) => ({
  version: '2.0', routeKey: '$default', rawPath, rawQueryString: '',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
  requestContext: { http: { method, path: rawPath, sourceIp: '198.51.100.9' } },
  body: body === undefined ? undefined : JSON.stringify(body), isBase64Encoded: false,
});
(async () => {
  const [storeId, ...texts] = JSON.parse(process.argv[2]);
  const session = await handler(event('POST', '/webchat/' + storeId + '/sessions', {}), context);
  const { token } = JSON.parse(session.body);
  const replies = [];
  for (const text of texts) {
    const reply = await handler(event('POST', '/webchat/' + storeId + '/messages', { text }, token), context);
    replies.push({ status: reply.statusCode, headers: reply.headers, body: JSON.parse(reply.body) });
  }
  process.stdout.write(JSON.stringify({ session: session.statusCode, replies }));
  process.exit(0);
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

jest.setTimeout(180_000);

describe('the bundled web chat function', () => {
  let env: TestEnv;
  let dir: string;
  let bundle: BuiltBundle;

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-bundled-webchat-'));
    bundle = await bundleEntry({ entry: 'functions/webchat.ts' }, path.join(dir, 'index.js'));
    for (const command of bundlingHooks({
      widget: false,
      teamsAdapter: false,
      assistants: true,
    }).afterBundling(PROJECT_ROOT, dir)) {
      await run('sh', ['-c', command], { timeout: 120_000 });
    }
    await writeFile(path.join(dir, 'driver.js'), DRIVER);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await env.close();
  });

  async function converse(texts: string[], extraEnv: Record<string, string> = {}) {
    const { stdout } = await run(process.execPath, ['driver.js', JSON.stringify(['demo', ...texts])], {
      cwd: dir,
      timeout: 120_000,
      env: {
        PATH: process.env.PATH ?? '',
        SHOPGUIDE_RUNTIME: 'lambda',
        LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        TABLE_NAME: env.config.storage.tableName,
        DYNAMODB_ENDPOINT: env.dynamo.endpoint,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        WEBCHAT_TOKEN_SECRET: 'webchat-token-secret-for-bundle-tests',
        ...extraEnv,
      },
    });
    return JSON.parse(stdout) as {
      session: number;
      replies: { status: number; headers: Record<string, string>; body: Record<string, unknown> }[];
    };
  }

  it('answers a shopper turn through the assistant shipped beside the bundle', async () => {
    const product = (await env.services.products.list('demo'))[0];
    if (!product) throw new Error('the demo catalog is empty');
    const { session, replies } = await converse([product.title]);
    expect(session).toBe(201);
    expect(replies[0]?.status).toBe(200);
    const products = replies[0]?.body.products as { id: string }[];
    expect(products.map((p) => p.id)).toContain(product.id);
    // The bundle itself does not hold the assistant: it loaded the file beside it.
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).not.toContain('functions/assistant/shopper-assistant.ts');
    expect(inputs).not.toContain('functions/assistant/conversation/refine.ts');
    expect(await readFile(path.join(dir, 'index.js'), 'utf8')).toContain(SHOPPER_ASSISTANT_FILE);
  });

  it('keeps the type of an error thrown in the copy beside the bundle: a rate limit is a 429 with Retry-After', async () => {
    const { replies } = await converse(['hello', 'hello again', 'and again'], {
      WEBCHAT_RATE_LIMIT_PER_MINUTE: '2',
    });
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(Number(replies[2]?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
