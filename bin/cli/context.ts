import { loadConfig, type Config } from '../../functions/config/config';
import { openLocalRuntime, type LocalRuntime } from '../../functions/local/local-runtime';
import type { CliIo } from './io';

/**
 * Configuration for CLI commands: the environment, with logs silenced unless LOG_LEVEL asks for them,
 * because stdout carries the command's result (and `--json`).
 */
export function cliConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig({ LOG_LEVEL: 'SILENT', ...env });
}

/** Opens the same DATA_DIR as `npm start` (sharing its database if it is running) and seeds the demo store. */
export async function withRuntime<T>(config: Config, io: CliIo, work: (runtime: LocalRuntime) => Promise<T>) {
  const runtime = await openLocalRuntime(config, { onProgress: (m) => io.err(m) });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
