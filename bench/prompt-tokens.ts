import { estimateTokens } from '../functions/assistant/memory';
import { ShopperAssistant } from '../functions/assistant/shopper-assistant';
import type { ShopperReply } from '../functions/assistant/types';
import { loadChatModel } from '../functions/llm/load-chat-model';
import { silentLogger } from '../functions/observability/logger';
import { OpenAiStub, type StubStep } from '../tests/support/openai-stub';

/** One shopper turn of a scripted LLM conversation: what the shopper says and what the model answers. */
export interface ScriptedTurn {
  text: string;
  /** The model's answers in this turn, in order: tool calls, then the reply. */
  model: StubStep[];
}

/**
 * The largest prompt (messages and tool definitions, estimated tokens) sent to a loopback model over one
 * conversation of `turns` turns, on the demo store: the tokens bar of docs/quality-bars.md. `nextTurn` sees
 * the previous reply, so a script can refer to what was shown.
 */
export async function maxPromptTokens(
  conversationId: string,
  turns: number,
  nextTurn: (turn: number, previous: ShopperReply | undefined) => ScriptedTurn,
): Promise<number> {
  const { startTestEnv } = await import('../tests/support/test-env');
  const stub = await new OpenAiStub().start();
  const env = await startTestEnv({
    seedDemo: true,
    env: { OPENAI_BASE_URL: stub.url, OPENAI_MAX_RETRIES: '0' },
  });
  try {
    const assistant = new ShopperAssistant({
      ...env.services,
      chatModel: await loadChatModel(env.config, silentLogger),
    });
    let previous: ShopperReply | undefined;
    for (let turn = 0; turn < turns; turn++) {
      const { text, model } = nextTurn(turn, previous);
      stub.enqueue(...model);
      previous = await assistant.handleMessage({ storeId: 'demo', conversationId, channel: 'webchat', text });
    }
    return Math.max(
      ...stub.requests.map((r) =>
        estimateTokens(JSON.stringify(r.body.messages) + JSON.stringify(r.body.tools ?? [])),
      ),
    );
  } finally {
    await env.close();
    await stub.stop();
  }
}
