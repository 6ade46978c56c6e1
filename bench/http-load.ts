import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `requests` with `concurrency` in flight from a worker thread, as real clients are other processes:
 * the server thread then spends its CPU on serving only. Returns each request's latency in ms; any non-2xx
 * fails the run.
 */
export async function runHttpLoad(baseUrl: string, requests: LoadRequest[], concurrency: number) {
  const worker = new Worker(LOAD_SCRIPT, { eval: true, workerData: { baseUrl, requests, concurrency } });
  try {
    return await new Promise<{ latencies: number[]; elapsedMs: number }>((resolve, reject) => {
      worker.once('message', (message: { latencies: number[]; elapsedMs: number } | { error: string }) =>
        'error' in message ? reject(new Error(message.error)) : resolve(message),
      );
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

const LOAD_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { baseUrl, requests, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send(request) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(baseUrl + request.path, { method: 'POST', agent,
      headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) } }, (res) => {
      res.resume();
      res.on('end', () => res.statusCode < 300 ? resolve(performance.now() - started) : reject(new Error('status ' + res.statusCode)));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}
(async () => {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests.length) { const request = requests[next++]; latencies.push(await send(request)); }
  }));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ latencies, elapsedMs });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;
