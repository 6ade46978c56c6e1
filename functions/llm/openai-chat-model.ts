import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { Logger } from '../observability/logger';
import type { ChatMessage, ChatModel, ChatRequest, ChatResult } from './chat-model';

export interface OpenAiChatModelOptions {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
  /** Retries on 429, 5xx and timeouts, with the SDK's exponential backoff that honours Retry-After. */
  maxRetries: number;
  logger: Logger;
}

/**
 * Chat Completions with tool calling through the `openai` SDK, so OpenAI, Azure OpenAI and any compatible
 * server (Ollama, vLLM, LiteLLM) work through `baseUrl`.
 */
export class OpenAiChatModel implements ChatModel {
  readonly name: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiChatModelOptions) {
    this.name = `openai:${options.model}`;
    this.client = new OpenAI({
      // Compatible local servers accept any key; the SDK refuses to start without one.
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
  }

  async complete(request: ChatRequest): Promise<ChatResult> {
    const started = Date.now();
    try {
      const completion = await this.client.chat.completions.create({
        model: this.options.model,
        messages: request.messages.map(toOpenAiMessage),
        tools: request.tools?.map((tool): ChatCompletionTool => ({
          type: 'function',
          function: { name: tool.name, description: tool.description, parameters: tool.parameters },
        })),
        max_tokens: request.maxTokens,
        temperature: request.temperature ?? 0.3,
      });
      const message = completion.choices[0]?.message;
      if (!message) return { status: 'error', detail: 'empty completion' };
      return {
        status: 'success',
        content: message.content ?? null,
        toolCalls: (message.tool_calls ?? []).flatMap((call) =>
          call.type === 'function'
            ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
            : [],
        ),
        usage: completion.usage
          ? {
              promptTokens: completion.usage.prompt_tokens,
              completionTokens: completion.usage.completion_tokens,
            }
          : undefined,
      };
    } catch (error: unknown) {
      const result = classify(error, Date.now() - started >= this.options.timeoutMs);
      // Per call at DEBUG: MonitoredChatModel turns failures into one rate-limited WARN.
      this.options.logger.debug('LLM call failed', { status: result.status, detail: result.detail });
      return result;
    }
  }
}

function classify(error: unknown, ranPastDeadline: boolean): Extract<ChatResult, { detail: string }> {
  if (error instanceof APIConnectionTimeoutError) return { status: 'timeout', detail: 'timed out' };
  // Some runtimes surface an aborted request as a generic connection error; one that hung until the
  // deadline is still a timeout.
  if (error instanceof APIConnectionError && ranPastDeadline)
    return { status: 'timeout', detail: 'timed out' };
  if (error instanceof APIError) {
    if (error.status === 429) return { status: 'rate_limited', detail: 'rate limited' };
    if (error.status !== undefined && error.status >= 500) {
      return { status: 'server_error', detail: `HTTP ${error.status}` };
    }
    return { status: 'error', detail: `HTTP ${error.status ?? 'connection'}: ${error.name}` };
  }
  return { status: 'error', detail: error instanceof Error ? error.name : 'unknown' };
}

function toOpenAiMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: message.toolCalls?.length
          ? message.toolCalls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: call.arguments },
            }))
          : undefined,
      };
    default:
      return message;
  }
}
