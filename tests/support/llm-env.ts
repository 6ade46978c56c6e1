import type { ComposeOptions } from '../../functions/app/compose';
import type { ChatModel } from '../../functions/llm/chat-model';
import { loadChatModel } from '../../functions/llm/load-chat-model';
import { silentLogger } from '../../functions/observability/logger';
import { OpenAiStub } from './openai-stub';
import { startTestEnv, type TestEnv } from './test-env';
import { WAIT_DEADLINE_MS } from './wait-for';

export interface LlmTestEnv {
  /** The services over dynalite; offline (no chat model) unless given `chatModel`. */
  env: TestEnv;
  /** The loopback model: script its answers, read the prompts it was sent. */
  stub: OpenAiStub;
  /** The product's OpenAI client, pointed at the stub. */
  chatModel: ChatModel;
  close(): Promise<void>;
}

/**
 * The LLM path of the product on loopback: a test environment whose OpenAI settings point at the OpenAI stub.
 * A model that answers is never given up on, however loaded the machine (the timeout is the wait deadline);
 * a test of the timeout builds its own impatient model, against answers the stub holds back.
 */
export async function startLlmTestEnv(
  options: { maxRetries?: number; seedDemo?: boolean; overrides?: ComposeOptions } = {},
): Promise<LlmTestEnv> {
  const stub = await new OpenAiStub().start();
  const env = await startTestEnv({
    seedDemo: options.seedDemo,
    overrides: options.overrides,
    env: {
      OPENAI_BASE_URL: stub.url,
      OPENAI_TIMEOUT_MS: String(WAIT_DEADLINE_MS),
      OPENAI_MAX_RETRIES: String(options.maxRetries ?? 0),
    },
  });
  const chatModel = await loadChatModel(env.config, silentLogger);
  if (!chatModel) throw new Error('the OpenAI settings did not select the LLM mode');
  return {
    env,
    stub,
    chatModel,
    async close() {
      await env.close();
      await stub.stop();
    },
  };
}
