import { llmStatusOf } from '../../llm/llm-health';
import * as z from 'zod/mini';
import type { Composition } from '../../app/compose';
import type { ShopperAssistant } from '../../assistant/shopper-assistant';
import type { HandoffService } from '../../handoff/handoff-service';
import { MAX_MESSAGE_CHARS } from '../../assistant/types';
import { suggestionsFor, TEXT } from '../../assistant/reply-templates';
import { NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from '../../errors/errors';
import type { HttpRequest, HttpResponse, Route } from '../../http/http-types';
import { parseJsonBody } from '../../http/parse-json';
import { html, json } from '../../http/respond';
import type { Store } from '../../stores/store';
import { detectLanguage, storeLanguage, type Language } from '../../language/language';
import { ERASED_TEXT, isEraseRequest } from '../../privacy/erase-request';
import { renderChatPage } from './page';
import { verifyCustomerIdentity, type SessionTokens, type WebchatSession } from './session-token';
import type {
  ErasedResponse,
  FeedbackResponse,
  HistoryResponse,
  ReplyResponse,
  SessionResponse,
} from './wire';
import { getWidgetScript } from './widget-bundle';

export const DEMO_STORE_ID = 'demo';

const sessionBody = z.object({
  customer: z.optional(
    z.object({
      id: z.string().check(z.minLength(1), z.maxLength(64)),
      expiresAt: z.number().check(z.int()),
      signature: z.string().check(z.minLength(1), z.maxLength(128)),
    }),
  ),
});
const messageBody = z.object({
  // A cheap bound in UTF-16 units; the core counts code points and refuses invisible-only text.
  text: z
    .string()
    .check(z.maxLength(2 * MAX_MESSAGE_CHARS, { error: `must be at most ${MAX_MESSAGE_CHARS} characters` })),
  clientMessageId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))),
});

export interface WebchatDeps {
  assistant: ShopperAssistant;
  tokens: SessionTokens;
  /** Counts thumbs-down streaks towards a handoff; without it, ratings are only recorded. */
  handoff?: HandoffService;
}

/** The shopper web chat API and page (bodies typed in wire.ts, shared with the widget). Handlers translate HTTP to core calls only. */
/** The parts of the process the web chat routes use. */
export type WebchatServices = Pick<
  Composition,
  'config' | 'stores' | 'conversations' | 'claims' | 'privacy' | 'subjects' | 'feedback' | 'chatModel' | 'now'
>;

export function createWebchatRoutes(services: WebchatServices, deps: WebchatDeps): Route[] {
  const { config } = services;

  async function requireStore(storeId: string): Promise<Store> {
    const store = /^[a-z0-9][a-z0-9-]{1,39}$/.test(storeId) ? await services.stores.get(storeId) : undefined;
    if (!store) throw new NotFoundError('Unknown store');
    return store;
  }

  async function requireSession(request: HttpRequest, storeId: string): Promise<WebchatSession> {
    await requireStore(storeId);
    const session = deps.tokens.verify(request.headers.authorization, storeId);
    // Stateless tokens outlive an erased conversation: the revocation list ends them.
    if (await services.privacy.isRevoked(session.storeId, session.sessionId))
      throw new UnauthorizedError('This session has ended');
    return session;
  }

  /** Erases the session's conversation; the shopper's token stops working. */
  async function eraseSession(request: HttpRequest, session: WebchatSession, language: Language) {
    await services.privacy.eraseSession(session.storeId, session, 'webchat');
    return withCors(
      request,
      json(200, { erased: true, text: ERASED_TEXT[language], language } satisfies ErasedResponse),
    );
  }

  /** A signal from the session's shopper, tied to the conversation's strategy variant. */
  async function signalSource(request: HttpRequest, storeId: string) {
    const session = await requireSession(request, storeId);
    // Per session, before any work: signals feed the optimiser, so nobody gets to flood them.
    await limit(
      'webchat-signals',
      `${session.storeId}|${session.sessionId}`,
      config.webchat.signalsPerMinute,
      'Too many signals, please slow down',
    );
    const state = await services.conversations.getState(session.storeId, session.sessionId);
    const context = {
      storeId: session.storeId,
      conversationId: session.sessionId,
      channel: 'webchat' as const,
    };
    return {
      state,
      context,
      withVariant: { ...context, variantId: state?.variantId, customerId: session.customerId },
    };
  }

  async function limit(
    scope: string,
    id: string,
    perMinute: number,
    message = 'Too many requests, please slow down',
  ) {
    const result = await services.claims.hit(scope, id, perMinute, 60, services.now().getTime());
    if (!result.allowed) throw new RateLimitedError(message, result.retryAfterSeconds);
  }

  const withCors = (request: HttpRequest, response: HttpResponse): HttpResponse => {
    const origin = request.headers.origin;
    const allowed = config.webchat.allowedOrigins;
    if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return response;
    return {
      ...response,
      headers: {
        ...response.headers,
        'access-control-allow-origin': allowed.includes('*') ? '*' : origin,
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-max-age': '600',
        vary: 'origin',
      },
    };
  };

  const page = async (storeId: string) => {
    const store = await requireStore(storeId);
    return html(
      renderChatPage({
        storeId: store.id,
        storeName: store.name,
        widgetSrc: '/webchat/widget.js',
        demo: store.id === DEMO_STORE_ID,
      }),
    );
  };

  return [
    {
      method: 'GET',
      pattern: '/health',
      handler: async () =>
        json(200, {
          ok: true,
          llm: config.llm.mode,
          model: config.llm.mode === 'openai' ? config.llm.model : undefined,
          // A configured model that keeps failing: answers come from the offline assistant meanwhile.
          llmStatus: llmStatusOf(services.chatModel),
          runtime: config.runtime,
        }),
    },
    { method: 'GET', pattern: '/', handler: () => page(DEMO_STORE_ID) },
    {
      method: 'GET',
      pattern: '/webchat/widget.js',
      handler: async () => ({
        status: 200,
        headers: {
          'content-type': 'application/javascript; charset=utf-8',
          'cache-control': 'public, max-age=300',
        },
        body: await getWidgetScript(),
      }),
    },
    { method: 'GET', pattern: '/webchat/:storeId', handler: (_r, p) => page(p.storeId) },
    {
      method: 'OPTIONS',
      pattern: '/webchat/:storeId/:resource',
      handler: async (request) => withCors(request, { status: 204 }),
    },
    {
      method: 'POST',
      pattern: '/webchat/:storeId/sessions',
      handler: async (request, params) => {
        const store = await requireStore(params.storeId);
        const body = parseJsonBody(request, sessionBody);
        await limit('webchat-sessions', request.sourceIp ?? 'unknown', config.webchat.sessionsPerMinute);
        const nowSeconds = Math.floor(services.now().getTime() / 1000);
        if (
          body.customer &&
          !verifyCustomerIdentity(store.identitySecrets ?? [], body.customer, nowSeconds)
        ) {
          throw new UnauthorizedError('Invalid or expired customer signature');
        }
        const { token, session } = deps.tokens.issue(store.id, body.customer?.id);
        if (session.customerId)
          await services.subjects.linkConversation(store.id, session.customerId, session.sessionId);
        const language = storeLanguage(store);
        return withCors(
          request,
          json(201, {
            sessionId: session.sessionId,
            token,
            storeName: store.name,
            greeting: TEXT.greeting[language](store.name),
            suggestions: suggestionsFor('greeting', language),
            ...(store.cartUrlTemplate ? { cartUrlTemplate: store.cartUrlTemplate } : {}),
          } satisfies SessionResponse),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/webchat/:storeId/messages',
      handler: async (request, params) => {
        const session = await requireSession(request, params.storeId);
        const body = parseJsonBody(request, messageBody);
        if (isEraseRequest(body.text)) return eraseSession(request, session, detectLanguage(body.text));
        const reply = await deps.assistant.handleMessage({
          storeId: session.storeId,
          conversationId: session.sessionId,
          channel: 'webchat',
          text: body.text,
          customerId: session.customerId,
          messageId: body.clientMessageId,
          rateLimitPerMinute: config.webchat.rateLimitPerMinute,
        });
        return withCors(
          request,
          json(200, {
            replyId: reply.replyId,
            text: reply.text,
            products: reply.products.map((p) => ({
              id: p.id,
              title: p.title,
              price: p.price,
              currency: p.currency,
              inStock: p.inStock,
              stock: p.stock,
              rating: p.rating,
              category: p.category,
              brand: p.brand,
              reason: p.reason ?? '',
            })),
            actions: reply.actions,
            ...(reply.comparison ? { comparison: reply.comparison } : {}),
            handoff: reply.handoff,
            suggestions: reply.suggestions,
            language: reply.language,
            mode: reply.mode,
          } satisfies ReplyResponse),
        );
      },
    },
    {
      method: 'DELETE',
      pattern: '/webchat/:storeId/session',
      handler: async (request, params) => {
        const session = await requireSession(request, params.storeId);
        const store = await requireStore(session.storeId);
        return eraseSession(request, session, storeLanguage(store));
      },
    },
    {
      method: 'GET',
      pattern: '/webchat/:storeId/messages',
      handler: async (request, params) => {
        const session = await requireSession(request, params.storeId);
        const after = decodeCursor(request.query.after);
        const [messages, state] = await Promise.all([
          services.conversations.listAfter(session.storeId, session.sessionId, after, 100),
          services.conversations.getState(session.storeId, session.sessionId),
        ]);
        const last = messages[messages.length - 1];
        return withCors(
          request,
          json(200, {
            messages: messages.map((m) => ({
              id: m.id,
              role: m.role,
              text: m.text,
              at: m.at,
              cursor: encodeCursor(m.cursor),
              author: m.author,
              products: m.products,
              replyId: m.replyId,
            })),
            cursor: last ? encodeCursor(last.cursor) : (request.query.after ?? null),
            mode: state?.mode ?? 'bot',
          } satisfies HistoryResponse),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/webchat/:storeId/feedback',
      handler: async (request, params) => {
        const { state, context, withVariant } = await signalSource(request, params.storeId);
        const result = await services.feedback.recordFeedback(
          withVariant,
          parseJsonBody(request, z.unknown()),
          { requireReply: true },
        );
        const rating = result.event.rating;
        const handoff =
          result.recorded && rating && deps.handoff
            ? await deps.handoff.recordRating(context, rating)
            : { handoff: state ? state.mode !== 'bot' : false, mode: state?.mode ?? 'bot' };
        const body: FeedbackResponse = { ok: true, duplicate: !result.recorded, ...handoff };
        return withCors(request, json(200, body));
      },
    },
    {
      method: 'POST',
      pattern: '/webchat/:storeId/events',
      handler: async (request, params) => {
        const { withVariant } = await signalSource(request, params.storeId);
        const result = await services.feedback.recordOutcome(
          withVariant,
          parseJsonBody(request, z.unknown()),
          { requireReply: true },
        );
        return withCors(request, json(200, { ok: true, duplicate: !result.recorded }));
      },
    },
  ];
}

/** Cursors are opaque to clients: base64url of the message sort key. */
export function encodeCursor(cursor: string): string {
  return Buffer.from(cursor).toString('base64url');
}

function decodeCursor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  if (!decoded.startsWith('MSG#')) throw new ValidationError('Invalid cursor');
  return decoded;
}
