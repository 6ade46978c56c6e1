/**
 * The widget's client for the web chat API (`routes.ts`). Every response is checked field by field: the widget
 * must keep working against an older or newer server, so unknown or missing fields fall back to safe values.
 */
import type { ConversationMode, Language, MessageRole } from '../../../conversations/conversation';
import type {
  FeedbackResponse,
  HistoryResponse,
  OutcomeEventRequest,
  Rating,
  ReplyResponse,
  SessionResponse,
  WireAction,
  WireComparison,
  WireProduct,
} from '../wire';

/** A failed call: `status` 0 means the network failed before any response. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One history message, checked: `replyId` is set on assistant messages (their own id when the server omits it). */
export interface CheckedHistoryMessage {
  id?: string;
  role: MessageRole;
  text: string;
  products: WireProduct[];
  author?: string;
  replyId?: string;
  at?: string;
  cursor?: string;
}

export class ChatApi {
  constructor(
    private readonly base: string,
    private readonly storeId: string,
  ) {}

  /** Starts a session; a blank store name comes back as `''` for the caller to fill. */
  async startSession(customer?: {
    id: string;
    expiresAt: number;
    signature: string;
  }): Promise<SessionResponse> {
    const response = await this.request<Partial<SessionResponse>>(
      'POST',
      '/sessions',
      undefined,
      customer ? { customer } : {},
    );
    if (typeof response.token !== 'string' || typeof response.sessionId !== 'string') {
      throw new ApiError(502, 'invalid session');
    }
    return {
      sessionId: response.sessionId,
      token: response.token,
      storeName: typeof response.storeName === 'string' ? response.storeName : '',
      greeting: typeof response.greeting === 'string' ? response.greeting : '',
      suggestions: asStrings(response.suggestions),
      ...(isHttpsTemplate(response.cartUrlTemplate) ? { cartUrlTemplate: response.cartUrlTemplate } : {}),
    };
  }

  /** Sends a shopper message; `current` fills what an older server leaves out. */
  async sendMessage(
    token: string,
    text: string,
    clientMessageId: string,
    current: { language: Language; mode: ConversationMode },
  ): Promise<ReplyResponse> {
    const raw = await this.request<Partial<ReplyResponse>>('POST', '/messages', token, {
      text,
      clientMessageId,
    });
    return {
      replyId: typeof raw.replyId === 'string' ? raw.replyId : '',
      text: typeof raw.text === 'string' ? raw.text : '',
      products: asArray<WireProduct>(raw.products),
      actions: asArray<WireAction>(raw.actions).filter(
        (a) => a?.type === 'add_to_cart' && typeof a.productId === 'string' && Number.isInteger(a.quantity),
      ),
      ...(isComparison(raw.comparison) ? { comparison: raw.comparison } : {}),
      handoff: raw.handoff === true,
      suggestions: asStrings(raw.suggestions),
      language: raw.language === 'zh' ? 'zh' : raw.language === 'en' ? 'en' : current.language,
      mode: asMode(raw.mode, raw.handoff ? 'handoff_requested' : current.mode),
    };
  }

  /** The conversation after `cursor` (all of it without one), oldest first. */
  async history(
    token: string,
    cursor?: string,
  ): Promise<{ messages: CheckedHistoryMessage[]; cursor?: string; mode?: ConversationMode }> {
    const query = cursor ? `?after=${encodeURIComponent(cursor)}` : '';
    const raw = await this.request<Partial<HistoryResponse>>('GET', `/messages${query}`, token);
    const messages: CheckedHistoryMessage[] = [];
    for (const message of asArray<Partial<HistoryResponse['messages'][number]>>(raw.messages)) {
      if (!message || typeof message !== 'object') continue;
      const id = typeof message.id === 'string' ? message.id : undefined;
      const role: MessageRole =
        message.role && ['shopper', 'assistant', 'merchant', 'system'].includes(message.role)
          ? message.role
          : 'system';
      messages.push({
        id,
        role,
        text: typeof message.text === 'string' ? message.text : '',
        products: asArray<WireProduct>(message.products),
        author: typeof message.author === 'string' ? message.author : undefined,
        replyId:
          role !== 'assistant' ? undefined : typeof message.replyId === 'string' ? message.replyId : id,
        at: message.at,
        cursor: typeof message.cursor === 'string' ? message.cursor : undefined,
      });
    }
    return {
      messages,
      cursor: typeof raw.cursor === 'string' ? raw.cursor : undefined,
      mode: asMode(raw.mode, undefined),
    };
  }

  /** Records a thumbs up or down; returns the conversation mode when the server says it. */
  async rate(token: string, replyId: string, rating: Rating): Promise<ConversationMode | undefined> {
    const result = await this.request<Partial<FeedbackResponse>>('POST', '/feedback', token, {
      replyId,
      rating,
    });
    return asMode(result?.mode, undefined);
  }

  async recordOutcome(token: string, event: OutcomeEventRequest): Promise<void> {
    await this.request('POST', '/events', token, event);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}/webchat/${encodeURIComponent(this.storeId)}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        mode: 'cors',
      });
    } catch {
      throw new ApiError(0, 'network');
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      payload = undefined;
    }
    if (!response.ok) {
      const reason =
        payload && typeof payload === 'object' && typeof (payload as { error?: unknown }).error === 'string'
          ? (payload as { error: string }).error
          : response.statusText;
      throw new ApiError(response.status, reason);
    }
    return (payload ?? {}) as T;
  }
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** The non-blank strings of a list, for suggestions. */
export function asStrings(value: unknown): string[] {
  return asArray<unknown>(value).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

function asMode<F extends ConversationMode | undefined>(value: unknown, fallback: F): ConversationMode | F {
  return value === 'bot' || value === 'handoff_requested' || value === 'claimed' ? value : fallback;
}

function isHttpsTemplate(value: unknown): value is string {
  return typeof value === 'string' && /^https:\/\//i.test(value);
}

function isComparison(value: unknown): value is WireComparison {
  const c = value as WireComparison | undefined;
  return (
    !!c &&
    Array.isArray(c.productIds) &&
    Array.isArray(c.rows) &&
    c.rows.every((r) => typeof r?.label === 'string' && Array.isArray(r.values))
  );
}
