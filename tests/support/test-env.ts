import { randomUUID } from 'node:crypto';
import { compose, type ComposeOptions, type Composition } from '../../functions/app/compose';
import { loadConfig, type Config } from '../../functions/config/config';
import { loadChatModel } from '../../functions/llm/load-chat-model';
import { silentLogger } from '../../functions/observability/logger';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../functions/local/embedded-dynamodb';
import { seedDemoStore } from '../../functions/local/seed-demo';
import { createDocumentClient } from '../../functions/storage/dynamo-client';
import { ensureTable } from '../../functions/storage/ensure-table';

export interface TestEnv {
  config: Config;
  services: Composition;
  dynamo: EmbeddedDynamo;
  close(): Promise<void>;
}

/**
 * A real DynamoDB (dynalite, in memory) with a fresh table, and the services over it. Pass `endpoint` to
 * run against another engine (DynamoDB Local) instead.
 */
export async function startTestEnv(
  options: {
    env?: Record<string, string>;
    overrides?: ComposeOptions;
    seedDemo?: boolean;
    endpoint?: string;
    /** Builds the chat model the environment's LLM settings ask for (offline: none). */
    withChatModel?: boolean;
  } = {},
): Promise<TestEnv> {
  const dynamo = options.endpoint
    ? { endpoint: options.endpoint, close: async () => {} }
    : await startEmbeddedDynamo();
  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: `test-${randomUUID().slice(0, 8)}`,
    ...options.env,
  });
  const documentClient = createDocumentClient({ region: config.storage.region, endpoint: dynamo.endpoint });
  await ensureTable(documentClient, config.storage.tableName);
  const chatModel = options.withChatModel ? await loadChatModel(config, silentLogger) : undefined;
  const services = compose(config, { documentClient, chatModel, ...options.overrides });
  if (options.seedDemo) await seedDemoStore(services);
  return {
    config,
    services,
    dynamo,
    async close() {
      documentClient.destroy();
      await dynamo.close();
    },
  };
}
