import { Worker } from 'node:worker_threads';

export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The worker's code: plain JavaScript, so it runs the same under tsx, jest and plain Node. It starts dynalite
 * on a loopback port, reports the port, and closes it (flushing LevelDB) when asked.
 */
const WORKER_SOURCE = `
const CLOSE_GRACE_MS = 250;
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalitePath);
const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (error) => parentPort.postMessage({ error: String(error && error.message || error) }));
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close(() => parentPort.postMessage({ closed: true }));
  // close() waits for keep-alive sockets: drop the idle ones now, and any still busy after a short grace.
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
});
`;

/**
 * Starts dynalite (a DynamoDB implementation in pure JS) on loopback, in its own worker thread: the database
 * gets a core of its own instead of competing with the HTTP server for one event loop. With `path` it
 * persists to LevelDB there; without, it lives in memory (tests).
 */
export async function startEmbeddedDynamo(
  options: { path?: string; port?: number } = {},
): Promise<EmbeddedDynamo> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { dynalitePath: require.resolve('dynalite'), path: options.path, port: options.port ?? 0 },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port?: number; error?: string }) =>
      message.port ? resolve(message.port) : reject(new Error(`dynalite did not start: ${message.error}`)),
    );
    worker.once('error', reject);
  });
  // The database must not keep a CLI command alive once its work is done.
  worker.unref();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (message: { closed?: boolean }) => message.closed && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('close');
      // A wedged worker must not hold up the process: stop waiting after a while (the timer is always cleared).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
