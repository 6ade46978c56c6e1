/**
 * The web chat wire format: the JSON bodies `routes.ts` sends and the browser widget reads. Types only, so the
 * widget bundle takes nothing from the server side but these shapes.
 */
import type { ProductCard } from '../../catalog/product';
import type { ConversationMode, Language, MessageRole } from '../../conversations/conversation';

/** A product card as the API sends it; `thumbnail` is used when a store's catalog has one. */
export type WireProduct = ProductCard & { thumbnail?: string };

export type Rating = 'up' | 'down';

/** `POST /webchat/:storeId/sessions` */
export interface SessionResponse {
  sessionId: string;
  token: string;
  storeName: string;
  greeting: string;
  suggestions: string[];
  /** The store's cart link template (`{productId}`, `{quantity}`, `{sku}`), when it has one. */
  cartUrlTemplate?: string;
}

/** An action the widget performs: `add_to_cart` dispatches `shopguide:add-to-cart` and shows `url` to check out. */
export interface WireAction {
  type: 'add_to_cart';
  productId: string;
  quantity: number;
  url?: string;
}

/** A side-by-side of the products `productIds` names, one row per attribute, values in that order. */
export interface WireComparison {
  productIds: string[];
  rows: { label: string; values: string[] }[];
}

/** `POST /webchat/:storeId/messages` */
export interface ReplyResponse {
  replyId: string;
  text: string;
  /** Each with the `reason` it is recommended. */
  products: WireProduct[];
  /** Empty when the reply asks for nothing. */
  actions: WireAction[];
  comparison?: WireComparison;
  handoff: boolean;
  suggestions: string[];
  language: Language;
  mode: ConversationMode;
}

/**
 * `POST /webchat/:storeId/messages` answering "delete my data", and `DELETE /webchat/:storeId/session`: the
 * conversation is erased and the token no longer works; the widget starts a new session if the shopper writes.
 */
export interface ErasedResponse {
  erased: true;
  text: string;
  language: Language;
}

export interface HistoryMessage {
  id: string;
  role: MessageRole;
  text: string;
  at?: string;
  cursor?: string;
  author?: string;
  products?: WireProduct[];
  /** For assistant messages: the reply id that feedback and outcome events refer to. */
  replyId?: string;
}

/** `GET /webchat/:storeId/messages?after=<cursor>` */
export interface HistoryResponse {
  messages: HistoryMessage[];
  cursor?: string | null;
  mode: ConversationMode;
}

/** `POST /webchat/:storeId/feedback`: the mode tells the widget when a second thumbs-down asked for a person. */
export interface FeedbackResponse {
  ok: true;
  duplicate: boolean;
  handoff: boolean;
  mode: ConversationMode;
}

/** `POST /webchat/:storeId/events` */
export interface OutcomeEventRequest {
  type: 'click' | 'add_to_cart';
  productId: string;
  replyId?: string;
}
