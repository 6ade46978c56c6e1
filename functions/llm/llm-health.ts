import type { Logger } from '../observability/logger';
import type { ChatModel, ChatRequest, ChatResult } from './chat-model';

/** Whether the configured model is answering: `/health` and `shopguide ask` report it. */
export interface LlmStatus {
  state: 'ok' | 'degraded';
  /** The last failure, e.g. `timeout: timed out` or `error: Connection error.`. */
  reason?: string;
  /** When the model started failing (ISO time). */
  since?: string;
}

/** At most one WARN a minute while the model keeps failing: loud enough to notice, not a flood. */
export const LLM_WARN_INTERVAL_MS = 60_000;

/**
 * A configured model that is not reachable must not go unnoticed while the offline assistant quietly answers:
 * this wrapper watches every call, logs one WARN with the reason (rate-limited) and exposes the state.
 */
export class MonitoredChatModel implements ChatModel {
  private failure?: { reason: string; since: Date };
  private lastWarnAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly model: ChatModel,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get name(): string {
    return this.model.name;
  }

  async complete(request: ChatRequest): Promise<ChatResult> {
    const result = await this.model.complete(request);
    if (result.status === 'success') {
      if (this.failure) this.logger.info('LLM answering again', { after: this.failure.reason });
      this.failure = undefined;
      return result;
    }
    const at = this.now();
    const reason = `${result.status}: ${result.detail}`;
    this.failure = { reason, since: this.failure?.since ?? at };
    if (at.getTime() - this.lastWarnAt >= LLM_WARN_INTERVAL_MS) {
      this.lastWarnAt = at.getTime();
      this.logger.warn('LLM unavailable: answering with the offline assistant', {
        reason,
        model: this.model.name,
      });
    }
    return result;
  }

  status(): LlmStatus {
    return this.failure
      ? { state: 'degraded', reason: this.failure.reason, since: this.failure.since.toISOString() }
      : { state: 'ok' };
  }
}

/** The model's status when it is monitored (LLM mode), undefined in offline mode. */
export function llmStatusOf(model: ChatModel | undefined): LlmStatus | undefined {
  return model instanceof MonitoredChatModel ? model.status() : undefined;
}
