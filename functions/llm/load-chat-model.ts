import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { ChatModel } from './chat-model';

/**
 * Builds the LLM client only in LLM mode, importing `openai` lazily so functions that never call the model
 * (the Slack and Teams front doors) do not pay for loading it.
 */
export async function loadChatModel(config: Config, logger: Logger, apiKey = config.llm.apiKey) {
  if (config.llm.mode !== 'openai') return undefined;
  const { OpenAiChatModel } = await import('./openai-chat-model');
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
