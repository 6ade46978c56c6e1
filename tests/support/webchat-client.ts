import { signCustomerIdentity } from '../../functions/channels/webchat/session-token';

/** A customer identity the store's site vouches for, signed with one of the store's identity secrets. */
export interface VerifiedCustomer {
  id: string;
  secret: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface WebChatSession {
  sessionId: string;
  token: string;
}

export interface RequestOptions {
  token?: string;
  /** A string is sent as it is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A shopper's reply as the suites read it: the fields they assert on, and the rest loosely. */
export interface WebChatReply extends Record<string, unknown> {
  text: string;
  replyId: string;
  handoff: boolean;
  mode: string;
  products: { id: string; price: number }[];
}

/**
 * The web chat API over real HTTP, as the widget calls it: sessions, turns, feedback and events for one
 * store of a server (the local server or a deployed-stack stand-in).
 */
export class WebChatClient {
  constructor(
    private readonly baseUrl: string,
    readonly storeId = 'demo',
  ) {}

  /** Any request to the server, for probes that need the raw response. */
  call(method: string, route: string, options: RequestOptions = {}): Promise<Response> {
    const { token, body, headers } = options;
    return fetch(`${this.baseUrl}${route}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  post(route: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<Response> {
    return this.call('POST', route, { ...options, body });
  }

  /** A new conversation (201), anonymous or as a verified customer. */
  async startSession(customer?: VerifiedCustomer): Promise<WebChatSession> {
    const verified = customer && {
      id: customer.id,
      expiresAt: customer.expiresAt,
      signature: signCustomerIdentity(customer.secret, customer.id, customer.expiresAt),
    };
    const response = await this.post(
      `/webchat/${this.storeId}/sessions`,
      verified ? { customer: verified } : {},
    );
    expect(response.status).toBe(201);
    return (await response.json()) as WebChatSession;
  }

  /** `GET` (no body) or `POST` on the store's web chat `route`, answered with 200 and JSON. */
  async session(route: string, token: string, body?: unknown): Promise<WebChatReply> {
    const response = await this.call(
      body === undefined ? 'GET' : 'POST',
      `/webchat/${this.storeId}${route}`,
      {
        token,
        body,
      },
    );
    expect(response.status).toBe(200);
    return (await response.json()) as WebChatReply;
  }

  /** One shopper message in a session, answered with 200. */
  send(token: string, text: string): Promise<WebChatReply> {
    return this.session('/messages', token, { text });
  }

  /** One question from a shopper in a fresh session. */
  async askAsNewShopper(text: string): Promise<WebChatReply> {
    const { token } = await this.startSession();
    return this.send(token, text);
  }
}
