import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compose, type ComposeOptions, type Composition } from '../app/compose';
import type { Config } from '../config/config';
import { loadChatModel } from '../llm/load-chat-model';
import { createLogger } from '../observability/logger';
import { createDocumentClient } from '../storage/dynamo-client';
import { ensureTable } from '../storage/ensure-table';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './embedded-dynamodb';
import { seedDemoStore } from './seed-demo';

export interface LocalRuntime {
  services: Composition;
  endpoint: string;
  /** True when this process owns the embedded database (and must close it). */
  ownsDatabase: boolean;
  close(): Promise<void>;
}

const ENDPOINT_FILE = 'dynamodb-endpoint.json';

/**
 * Opens the local data store the same way for `npm start` and every CLI command: reuse the embedded
 * DynamoDB of a running `npm start` on the same DATA_DIR, or start one in this process. Seeds the demo
 * store when the data is fresh.
 */
export async function openLocalRuntime(
  config: Config,
  options: { seed?: boolean; overrides?: ComposeOptions; onProgress?: (message: string) => void } = {},
): Promise<LocalRuntime> {
  const logger = options.overrides?.logger ?? createLogger('shopguide', config.logLevel);
  let embedded: EmbeddedDynamo | undefined;
  let endpoint = config.storage.endpoint;
  if (!endpoint) {
    endpoint = await runningEndpoint(config.dataDir);
  }
  if (!endpoint) {
    const inMemory = config.runtime === 'test';
    const dbPath = path.join(config.dataDir, 'dynamodb');
    if (!inMemory) mkdirSync(dbPath, { recursive: true });
    embedded = await startEmbeddedDynamo({ path: inMemory ? undefined : dbPath });
    endpoint = embedded.endpoint;
    if (!inMemory) {
      writeFileSync(path.join(config.dataDir, ENDPOINT_FILE), JSON.stringify({ endpoint, pid: process.pid }));
    }
  }
  const localConfig: Config = { ...config, storage: { ...config.storage, endpoint } };
  const documentClient = createDocumentClient({ region: config.storage.region, endpoint });
  await ensureTable(documentClient, config.storage.tableName);
  const chatModel = options.overrides?.chatModel ?? (await loadChatModel(localConfig, logger));
  const services = compose(localConfig, { documentClient, logger, ...options.overrides, chatModel });
  if (options.seed !== false) await seedDemoStore(services, options.onProgress);
  return {
    services,
    endpoint,
    ownsDatabase: !!embedded,
    async close() {
      services.documentClient.destroy();
      if (embedded) {
        await embedded.close();
        if (config.runtime !== 'test') rmSync(path.join(config.dataDir, ENDPOINT_FILE), { force: true });
      }
    },
  };
}

/** The endpoint of a live `npm start` on this DATA_DIR, if there is one. */
async function runningEndpoint(dataDir: string): Promise<string | undefined> {
  const file = path.join(dataDir, ENDPOINT_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const { endpoint, pid } = JSON.parse(readFileSync(file, 'utf8')) as { endpoint: string; pid: number };
    process.kill(pid, 0);
    const response = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(500) }).catch(
      () => undefined,
    );
    if (response) return endpoint;
  } catch {
    // The recorded process is gone: the file is stale.
  }
  rmSync(file, { force: true });
  return undefined;
}
