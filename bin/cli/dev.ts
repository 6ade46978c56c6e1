import { loadConfig } from '../../functions/config/config';
import { startLocalServer } from '../../functions/local/server';
import type { CliIo } from './io';

/** `shopguide dev` (what `npm start` runs): the whole product on one port with an embedded DynamoDB. */
export async function devCommand(_args: string[], io: CliIo): Promise<number> {
  // The terminal is for the URL and warnings; structured INFO logs are opt-in with LOG_LEVEL=INFO.
  const config = loadConfig({ LOG_LEVEL: 'WARN', ...process.env });
  const server = await startLocalServer({ config, onProgress: (m) => io.err(m) });
  const llm =
    config.llm.mode === 'openai'
      ? `LLM mode: openai (${config.llm.model}${config.llm.baseUrl ? ` at ${config.llm.baseUrl}` : ''})`
      : 'LLM mode: offline (built-in assistant; set OPENAI_API_KEY or OPENAI_BASE_URL to use a model)';
  io.out(`ShopGuide is running at ${server.url}`);
  io.out(`  Demo store chat:  ${server.url}/webchat/demo`);
  io.out(`  Health:           ${server.url}/health`);
  io.out(`  ${llm}`);
  io.out(
    `  Data:             ${config.dataDir} (embedded DynamoDB${server.runtime.ownsDatabase ? '' : ', shared'})`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.err('Shutting down...');
  await server.close();
  return 0;
}
