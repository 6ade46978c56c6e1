import type { ConversationMode } from '../../../conversations/conversation';
import type { Language } from '../../../language/language';
import type { ReplyResponse } from '../wire';
import { ApiError, type ChatApi } from './api-client';
import { loadStoredSession, saveStoredSession, type StoredSession } from './session-storage';

/** What the session asks of the widget around it. */
export interface SessionHost {
  storeName(): string;
  language(): Language;
  /** A session is being started (true) or the attempt settled (false). */
  showStarting(starting: boolean): void;
  /** A new session exists and is stored; draw its greeting. Runs before `ensure` resolves. */
  started(session: StoredSession): void;
  failedToStart(error: unknown, retry: () => void): void;
}

/**
 * The shopper's chat session: kept in sessionStorage across reloads, started once however many callers
 * ask at the same time, and started afresh when the server no longer knows its token.
 */
export class ChatSession {
  current?: StoredSession;
  private starting?: Promise<StoredSession>;

  constructor(
    private readonly api: ChatApi,
    private readonly storageKey: string,
    private readonly customer: { id: string; expiresAt: number; signature: string } | undefined,
    private readonly host: SessionHost,
  ) {
    this.current = loadStoredSession(storageKey);
  }

  ensure(): Promise<StoredSession> {
    if (this.current) return Promise.resolve(this.current);
    if (!this.starting) {
      this.host.showStarting(true);
      this.starting = this.start().then(
        (session) => {
          this.host.showStarting(false);
          return session;
        },
        (error: unknown) => {
          this.host.showStarting(false);
          this.starting = undefined;
          this.host.failedToStart(error, () => void this.ensure());
          throw error;
        },
      );
    }
    return this.starting;
  }

  /** Drops the session (restart, or a token the server refused); the next `ensure` starts a new one. */
  forget(): void {
    this.current = undefined;
    this.starting = undefined;
    this.persist();
  }

  persist(): void {
    if (this.current) this.current.language = this.host.language();
    saveStoredSession(this.storageKey, this.current);
  }

  /** Sends one message in the conversation's current mode; an expired token starts a fresh session and tries once more. */
  async postMessage(
    text: string,
    clientMessageId: string,
    mode: () => ConversationMode,
  ): Promise<ReplyResponse> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.ensure();
      try {
        return await this.api.sendMessage(session.token, text, clientMessageId, {
          language: this.host.language(),
          mode: mode(),
        });
      } catch (error) {
        if (attempt === 0 && error instanceof ApiError && error.status === 401) {
          this.forget();
          continue;
        }
        throw error;
      }
    }
  }

  private async start(): Promise<StoredSession> {
    const response = await this.api.startSession(this.customer);
    const session: StoredSession = {
      v: 1,
      ...response,
      storeName: response.storeName || this.host.storeName(),
      language: this.host.language(),
      feedback: {},
    };
    this.current = session;
    this.persist();
    this.host.started(session);
    return session;
  }
}
