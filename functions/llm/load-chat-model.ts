import path from 'node:path';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import { buildBesideFile, loadBeside } from '../runtime/beside-bundle';
import type { ChatModel } from './chat-model';
import type * as OpenAiModule from './openai-chat-model';

/** The file the CDK bundling step writes next to the bundles that call the model: `openai` inside. */
export const PREBUILT_OPENAI_FILE = 'openai-chat-model.js';

/**
 * Builds the LLM client only in LLM mode, importing `openai` lazily so functions that never call the model
 * (the Slack and Teams front doors) do not pay for loading it; in Lambda it ships beside the bundle, so even
 * the web chat's cold start does not parse it.
 */
export async function loadChatModel(config: Config, logger: Logger, apiKey = config.llm.apiKey) {
  if (config.llm.mode !== 'openai') return undefined;
  const { OpenAiChatModel } = await loadBeside<typeof OpenAiModule>(
    __dirname,
    PREBUILT_OPENAI_FILE,
    'openai-chat-model',
    'OpenAiChatModel',
  );
  const model: ChatModel = new OpenAiChatModel({
    apiKey,
    baseUrl: config.llm.baseUrl,
    model: config.llm.model,
    timeoutMs: config.llm.timeoutMs,
    maxRetries: config.llm.maxRetries,
    logger,
  });
  return model;
}

/** Bundles the OpenAI adapter with `openai` into `outFile` (the CDK bundling hook of the LLM functions). */
export function buildOpenAiFile(outFile: string): Promise<void> {
  return buildBesideFile(path.join(__dirname, 'openai-chat-model.ts'), outFile);
}
