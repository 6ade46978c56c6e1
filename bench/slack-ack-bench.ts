import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { compose } from '../functions/app/compose';
import { createSlackRoutes } from '../functions/channels/slack/routes';
import { loadConfig } from '../functions/config/config';
import { fromNodeRequest, writeNodeResponse } from '../functions/http/node-adapter';
import { Router } from '../functions/http/router';
import { startEmbeddedDynamo } from '../functions/local/embedded-dynamodb';
import { silentLogger } from '../functions/observability/logger';
import type { WorkQueue } from '../functions/ports/work-queue';
import { createDocumentClient } from '../functions/storage/dynamo-client';
import { ensureTable } from '../functions/storage/ensure-table';
import type { BenchRow } from './bench-row';
import { percentile, round } from './stats';

const CONCURRENCY = 20;
const REQUESTS = 400;
const SECRET = 'bench-signing-secret';

/**
 * Slack front-door acknowledgement latency: signed app_mention events with unique ids, 20 in flight at a time,
 * against a local HTTP server running the Slack routes over dynalite. Each ack includes the signature check,
 * the conditional claim write and the enqueue. Bundle size and import time are in the `bundles` section.
 */
export async function benchSlackAck(): Promise<BenchRow[]> {
  const dynamo = await startEmbeddedDynamo();
  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: `bench-slack-${randomUUID().slice(0, 8)}`,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_USER_ID: 'UBOT',
  });
  const documentClient = createDocumentClient({ region: config.storage.region, endpoint: dynamo.endpoint });
  await ensureTable(documentClient, config.storage.tableName);
  let enqueued = 0;
  // The ack path ends at enqueue; the worker is not part of what Slack waits for.
  const queue: WorkQueue = { enqueue: async () => void (enqueued += 1) };
  const services = compose(config, { documentClient, logger: silentLogger, queue });
  const router = new Router(createSlackRoutes(services), silentLogger);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const request = await fromNodeRequest(req, router.maxBodyBytes);
      if (request === 'too_large') return writeNodeResponse(res, { status: 413 });
      writeNodeResponse(res, await router.handle(request));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  try {
    // The load runs in its own thread, as Slack is its own client: the server thread measures only the ack.
    await runLoad(url, 200, 20); // warm up at the measured concurrency: JIT, connections, dynalite
    // One at a time first: the service time of a single ack, which bounds what 20 in flight can reach.
    const sequential = await runLoad(url, 100, 1);
    const latencies = await runLoad(url, REQUESTS, CONCURRENCY);
    const p99 = round(percentile(latencies, 99));
    return [
      {
        area: 'slack front door',
        metric: 'ack p50 (sequential)',
        value: round(percentile(sequential, 50)),
        unit: 'ms',
      },
      {
        area: 'slack front door',
        metric: `ack p50 (${CONCURRENCY} concurrent)`,
        value: round(percentile(latencies, 50)),
        unit: 'ms',
      },
      {
        area: 'slack front door',
        metric: `ack p99 (${CONCURRENCY} concurrent)`,
        value: p99,
        unit: 'ms',
        bar: '≤ 100 ms',
        pass: p99 <= 100,
      },
      { area: 'slack front door', metric: 'requests enqueued', value: enqueued, unit: 'jobs' },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    documentClient.destroy();
    await dynamo.close();
  }
}

/** Signed app_mention events with unique ids, `concurrency` in flight, from a worker thread; latencies in ms. */
async function runLoad(url: string, requests: number, concurrency: number): Promise<number[]> {
  const worker = new Worker(LOAD_SCRIPT, {
    eval: true,
    workerData: { url, requests, concurrency, secret: SECRET },
  });
  try {
    return await new Promise<number[]>((resolve, reject) => {
      worker.once('message', (message: number[] | { error: string }) =>
        Array.isArray(message) ? resolve(message) : reject(new Error(message.error)),
      );
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

const LOAD_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac, randomUUID } = require('node:crypto');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { url, requests, concurrency, secret } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let n = 0;
function send() {
  n += 1;
  const body = JSON.stringify({
    type: 'event_callback', team_id: 'T111', event_id: 'EvBench' + randomUUID(),
    event: { type: 'app_mention', channel: 'C111', user: 'U222', text: '<@UBOT> hi', ts: '1700000000.' + randomUUID() },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + timestamp + ':' + body).digest('hex');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } }, (res) => {
      res.resume();
      res.on('end', () => res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error('status ' + res.statusCode)));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const latencies = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) { next += 1; latencies.push(await send()); }
  }));
  agent.destroy();
  parentPort.postMessage(latencies);
})().catch((e) => parentPort.postMessage({ error: String(e && e.message || e) }));
`;
