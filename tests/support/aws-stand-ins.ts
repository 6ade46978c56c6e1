import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback stand-ins for the AWS APIs the CLI calls on a deployed stack, reached through the SDK's standard
 * endpoint overrides (AWS_ENDPOINT_URL_CLOUDFORMATION, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_DYNAMODB).
 * They speak the real wire protocols (CloudFormation's query/XML, Lambda's REST Invoke), so the real SDK
 * clients run unmodified. Used by tests and by docs/deploy.md's "try it against the stand-ins".
 */

export interface StandIn {
  endpoint: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface StackDefinition {
  region: string;
  outputs: Record<string, string>;
}

/** CloudFormation `DescribeStacks` (AWS query protocol, XML answers) over a fixed set of stacks. */
export async function startCloudFormationStandIn(
  stacks: Record<string, StackDefinition>,
): Promise<StandIn & { requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const form = new URLSearchParams(body.toString('utf8'));
      const action = form.get('Action') ?? '';
      const name = form.get('StackName') ?? '';
      requests.push(`${action} ${name}`);
      res.setHeader('content-type', 'text/xml');
      const stack = stacks[name];
      if (action !== 'DescribeStacks' || !stack) {
        res.statusCode = 400;
        res.end(
          `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>` +
            `<Code>ValidationError</Code><Message>Stack with id ${xmlEscape(name)} does not exist</Message>` +
            `</Error><RequestId>stand-in</RequestId></ErrorResponse>`,
        );
        return;
      }
      const outputs = Object.entries(stack.outputs)
        .map(
          ([key, value]) =>
            `<member><OutputKey>${xmlEscape(key)}</OutputKey><OutputValue>${xmlEscape(value)}</OutputValue></member>`,
        )
        .join('');
      res.end(
        `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult>` +
          `<Stacks><member><StackName>${xmlEscape(name)}</StackName>` +
          `<StackId>arn:aws:cloudformation:${stack.region}:123456789012:stack/${xmlEscape(name)}/00000000-0000-0000-0000-000000000000</StackId>` +
          `<StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime>` +
          `<Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult>` +
          `<ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      );
    });
  });
  const endpoint = await listen(server);
  return { endpoint, requests, close: closer(server) };
}

export type FunctionStandIn = (payload: unknown) => Promise<unknown>;

/** Lambda `Invoke` (REST: POST /2015-03-31/functions/{name}/invocations) running the given handlers. */
export async function startLambdaStandIn(
  functions: Record<string, FunctionStandIn>,
): Promise<StandIn & { invocations: { name: string; payload: unknown }[] }> {
  const invocations: { name: string; payload: unknown }[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
      const name = decodeURIComponent(match?.[1] ?? '');
      const fn = functions[name];
      res.setHeader('content-type', 'application/json');
      if (!match || !fn) {
        res.statusCode = 404;
        res.setHeader('x-amzn-errortype', 'ResourceNotFoundException');
        res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
        return;
      }
      const payload: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
      invocations.push({ name, payload });
      res.setHeader('x-amz-executed-version', '$LATEST');
      try {
        res.end(JSON.stringify((await fn(payload)) ?? null));
      } catch (error) {
        res.setHeader('x-amz-function-error', 'Unhandled');
        res.end(JSON.stringify({ errorType: 'Error', errorMessage: String((error as Error).message) }));
      }
    });
  });
  const endpoint = await listen(server);
  return { endpoint, invocations, close: closer(server) };
}

/** dynalite in a separate Node process, as a deployed table is a separate service. */
export async function startDynaliteProcess(options: { path?: string } = {}): Promise<StandIn> {
  const source = `
    const dynalite = require(${JSON.stringify(require.resolve('dynalite'))});
    const server = dynalite({ path: process.env.DYNALITE_PATH || undefined, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', source], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DYNALITE_PATH: options.path ?? '' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`dynalite process exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** S3 `PutObject`/`GetObject`, path-style (S3_FORCE_PATH_STYLE=true), objects kept in memory. */
export async function startS3StandIn(): Promise<StandIn & { objects: Map<string, Buffer> }> {
  const objects = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.setHeader('etag', `"${body.length}"`);
        res.end();
        return;
      }
      const object = objects.get(key);
      if (req.method === 'GET' && object) {
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-length', String(object.length));
        res.end(object);
        return;
      }
      res.statusCode = 404;
      res.setHeader('content-type', 'application/xml');
      res.end(`<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`);
    });
  });
  const endpoint = await listen(server);
  return { endpoint, objects, close: closer(server) };
}
