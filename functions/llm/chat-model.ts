/**
 * The port the assistant uses to reach a language model. Expected failures (rate limits, timeouts, server
 * errors) are values, not exceptions: the caller falls back to the offline assistant on any non-success.
 */
export interface ChatToolCall {
  id: string;
  name: string;
  /** Raw JSON arguments as the model produced them; validate before use. */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ChatToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  maxTokens?: number;
  temperature?: number;
}

export type ChatResult =
  | {
      status: 'success';
      content: string | null;
      toolCalls: ChatToolCall[];
      usage?: { promptTokens: number; completionTokens: number };
    }
  | { status: 'rate_limited' | 'timeout' | 'server_error' | 'error'; detail: string };

export interface ChatModel {
  readonly name: string;
  complete(request: ChatRequest): Promise<ChatResult>;
}
