/**
 * The ShopGuide web chat widget. Browser code, bundled by esbuild into one IIFE and served at
 * `GET /webchat/widget.js`. A store adds it with one tag:
 *
 * ```html
 * <script src="https://<api>/webchat/widget.js" data-store="demo" async></script>
 * ```
 *
 * Attributes: `data-store` (required), `data-mode="inline"` (render into `#shopguide-chat`, or the element
 * `data-target` selects, instead of a floating launcher), `data-color` (hex accent), `data-lang` (`en`|`zh`),
 * `data-api` (API base URL, when the script is not served by the API itself), `data-customer-id`,
 * `data-customer-expires` and `data-customer-signature` (a shopper identity signed by the store's backend
 * with its identity secret; see docs/shopper-identity.md).
 *
 * Everything lives in a shadow root with `.shopguide-` classes, so the host page's CSS and ours never meet.
 * Server text is only ever set with `textContent`. The only global is `window.ShopGuide`.
 *
 * The widget tells the host page about shopper intent with DOM events on `window`:
 * `shopguide:product-click` and `shopguide:add-to-cart`, whose `detail` is `{ storeId, replyId, product }`.
 */
import type { ProductCard } from '../../../catalog/product';

type Language = 'en' | 'zh';
type ChatMode = 'bot' | 'handoff_requested' | 'claimed';
type Role = 'shopper' | 'assistant' | 'merchant' | 'system';
type Rating = 'up' | 'down';

/** A product card as the API sends it; `thumbnail` is used when a store's catalog has one. */
type WidgetProduct = ProductCard & { thumbnail?: string };

interface SessionResponse {
  sessionId: string;
  token: string;
  storeName: string;
  greeting: string;
  suggestions: string[];
}

interface ReplyResponse {
  replyId: string;
  text: string;
  products: WidgetProduct[];
  handoff: boolean;
  suggestions: string[];
  language: Language;
  mode: ChatMode;
}

interface HistoryMessage {
  id: string;
  role: Role;
  text: string;
  at?: string;
  cursor?: string;
  author?: string;
  products?: WidgetProduct[];
  /** For assistant messages: the reply id that feedback and outcome events refer to. */
  replyId?: string;
}

interface HistoryResponse {
  messages: HistoryMessage[];
  cursor?: string;
  mode: ChatMode;
}

/** What survives a reload, per store, in sessionStorage. */
interface StoredSession {
  v: 1;
  sessionId: string;
  token: string;
  storeName: string;
  greeting: string;
  suggestions: string[];
  language: Language;
  cursor?: string;
  feedback: Record<string, Rating>;
}

export interface MountOptions {
  storeId: string;
  /** Base URL of the ShopGuide API, without a trailing slash (the part before `/webchat/...`). */
  apiBase: string;
  /** `floating`: a launcher button and a panel. `inline`: fills `target`. */
  mode?: 'floating' | 'inline';
  target?: Element;
  /** Accent color as `#rgb` or `#rrggbb`. */
  color?: string;
  language?: Language;
  customer?: { id: string; expiresAt: number; signature: string };
}

export interface WidgetHandle {
  readonly storeId: string;
  open(): void;
  close(): void;
  send(text: string): Promise<void>;
  destroy(): void;
}

export interface ShopGuideApi {
  version: string;
  mount(options: MountOptions): WidgetHandle;
  widgets: WidgetHandle[];
}

const VERSION = '1.0.0';
const POLL_INTERVAL_MS = 1500;
const MAX_POLL_BACKOFF_MS = 15000;
const MAX_MESSAGE_CHARS = 2000;
const LOW_STOCK_THRESHOLD = 10;
const DEFAULT_ACCENT = '#4338ca';
const STORAGE_PREFIX = 'shopguide:v1:';

const STRINGS = {
  en: {
    locale: 'en-US',
    placeholder: 'Ask about products or orders…',
    send: 'Send message',
    messageLabel: 'Message',
    openChat: (store: string) => `Chat with ${store}`,
    closeChat: 'Close chat',
    restart: 'Start a new conversation',
    conversation: 'Conversation',
    typing: 'The assistant is typing',
    assistantBadge: 'AI assistant',
    teamBadge: 'Team',
    status: 'Typically replies instantly',
    statusHuman: 'Our team is here to help',
    feedbackPrompt: 'Was this helpful?',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    feedbackThanks: 'Thanks for your feedback',
    feedbackFailed: "Couldn't send feedback",
    inStock: 'In stock',
    onlyLeft: (n: number) => `Only ${n} left`,
    outOfStock: 'Out of stock',
    addToCart: 'Add to cart',
    addToCartLabel: (title: string) => `Add ${title} to cart`,
    added: 'Added',
    viewProduct: (title: string) => `View ${title}`,
    rating: (r: string) => `Rated ${r} out of 5`,
    handoffTitle: 'A person is answering',
    handoffRequested: 'You will get a reply right here.',
    handoffClaimed: (name?: string) =>
      name ? `${name} has joined the conversation.` : 'You are chatting with our team.',
    suggestions: 'Suggested questions',
    notDelivered: 'Not delivered.',
    retry: 'Retry',
    errorNetwork: "We couldn't reach the store. Check your connection and try again.",
    errorRateLimited: 'You are sending messages quickly. Please wait a moment and try again.',
    errorTooLong: `That message is too long. Please keep it under ${MAX_MESSAGE_CHARS} characters.`,
    errorStart: "The chat couldn't start.",
    tryAgain: 'Try again',
    poweredBy: 'Powered by ShopGuide',
  },
  zh: {
    locale: 'zh-CN',
    placeholder: '问问商品或订单…',
    send: '发送消息',
    messageLabel: '消息',
    openChat: (store: string) => `与 ${store} 聊天`,
    closeChat: '关闭聊天',
    restart: '开始新的对话',
    conversation: '对话',
    typing: '助手正在输入',
    assistantBadge: 'AI 助手',
    teamBadge: '店员',
    status: '通常即时回复',
    statusHuman: '我们的团队正在为您服务',
    feedbackPrompt: '这个回答有帮助吗？',
    helpful: '有帮助',
    notHelpful: '没有帮助',
    feedbackThanks: '感谢您的反馈',
    feedbackFailed: '反馈发送失败',
    inStock: '有货',
    onlyLeft: (n: number) => `仅剩 ${n} 件`,
    outOfStock: '缺货',
    addToCart: '加入购物车',
    addToCartLabel: (title: string) => `将 ${title} 加入购物车`,
    added: '已加入',
    viewProduct: (title: string) => `查看 ${title}`,
    rating: (r: string) => `评分 ${r} / 5`,
    handoffTitle: '人工客服正在为您服务',
    handoffRequested: '客服会在这里回复您。',
    handoffClaimed: (name?: string) => (name ? `${name} 已加入对话。` : '您正在与我们的团队沟通。'),
    suggestions: '推荐问题',
    notDelivered: '未发送。',
    retry: '重试',
    errorNetwork: '无法连接到商店，请检查网络后重试。',
    errorRateLimited: '发送太频繁了，请稍等片刻再试。',
    errorTooLong: `消息太长了，请控制在 ${MAX_MESSAGE_CHARS} 字以内。`,
    errorStart: '聊天无法启动。',
    tryAgain: '重试',
    poweredBy: '由 ShopGuide 提供支持',
  },
} as const;

type Strings = (typeof STRINGS)[Language];

/* ------------------------------------------------------------------------------------------------------------ */
/* Styles                                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

const STYLES = `
:host { all: initial; }
.shopguide-root {
  --sg-accent: ${DEFAULT_ACCENT};
  --sg-accent-rgb: 67, 56, 202;
  --sg-accent-dark: #312e81;
  --sg-bg: #f6f7fb;
  --sg-surface: #ffffff;
  --sg-text: #0f172a;
  --sg-muted: #64748b;
  --sg-faint: #94a3b8;
  --sg-border: #e5e7eb;
  font-family: ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;
  font-size: 14px;
  line-height: 1.45;
  color: var(--sg-text);
  -webkit-font-smoothing: antialiased;
  -moz-osx-font-smoothing: grayscale;
  text-align: left;
}
.shopguide-root--inline { height: 100%; }
/* Resets use :where() so they carry no specificity and never beat a component rule. */
:where(.shopguide-root *, .shopguide-root *::before, .shopguide-root *::after) { box-sizing: border-box; }
:where(.shopguide-root button) { font: inherit; color: inherit; margin: 0; -webkit-tap-highlight-color: transparent; }
:where(.shopguide-root :focus) { outline: none; }
:where(.shopguide-root :focus-visible) { outline: 2px solid var(--sg-accent); outline-offset: 2px; }
.shopguide-sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

/* Launcher */
.shopguide-launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border-radius: 50%; border: 0; padding: 0; cursor: pointer;
  display: grid; place-items: center;
  background: var(--sg-accent); color: #fff !important;
  box-shadow: 0 10px 28px rgba(15, 23, 42, 0.24), 0 2px 6px rgba(15, 23, 42, 0.14);
  transition: transform 0.18s ease, box-shadow 0.18s ease;
}
.shopguide-launcher:hover { transform: scale(1.06); box-shadow: 0 14px 32px rgba(15, 23, 42, 0.28), 0 2px 6px rgba(15, 23, 42, 0.14); }
.shopguide-launcher svg { transition: transform 0.2s ease, opacity 0.2s ease; }
.shopguide-launcher-badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: #ef4444; color: #fff; font-size: 11px; font-weight: 700; line-height: 20px;
  text-align: center; box-shadow: 0 0 0 2px #fff;
}
.shopguide-launcher-badge[hidden] { display: none; }

/* Panel */
/* clip, not hidden: a hidden overflow is still scrollable by scrollIntoView/focus, which slid the header away. */
.shopguide-panel {
  display: flex; flex-direction: column; overflow: hidden; overflow: clip; background: var(--sg-bg);
}
.shopguide-panel[hidden] { display: none; }
.shopguide-panel--floating {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
  width: 392px; height: min(680px, calc(100vh - 116px)); max-height: calc(100vh - 116px);
  border-radius: 18px;
  box-shadow: 0 24px 64px rgba(15, 23, 42, 0.22), 0 4px 14px rgba(15, 23, 42, 0.1);
  animation: shopguide-pop 0.22s cubic-bezier(0.2, 0.9, 0.3, 1.2);
  transform-origin: bottom right;
}
.shopguide-panel--inline {
  position: relative; width: 100%; height: 100%; min-height: 420px;
  border-radius: 18px; border: 1px solid var(--sg-border);
  box-shadow: 0 20px 50px rgba(15, 23, 42, 0.12), 0 2px 8px rgba(15, 23, 42, 0.05);
}
@keyframes shopguide-pop { from { opacity: 0; transform: translateY(12px) scale(0.97); } to { opacity: 1; transform: none; } }

/* Header */
.shopguide-header {
  flex: none; display: flex; align-items: center; gap: 12px; padding: 16px 12px 16px 18px;
  background: linear-gradient(135deg, var(--sg-accent) 0%, var(--sg-accent-dark) 100%); color: #fff;
}
.shopguide-avatar {
  flex: none; width: 40px; height: 40px; border-radius: 12px; display: grid; place-items: center;
  background: rgba(255, 255, 255, 0.18); color: #fff; font-weight: 700; font-size: 17px; line-height: 1;
  box-shadow: inset 0 0 0 1px rgba(255, 255, 255, 0.22);
}
.shopguide-heading { flex: 1; min-width: 0; }
.shopguide-title {
  margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25; letter-spacing: -0.01em;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.shopguide-status { display: flex; align-items: center; gap: 6px; margin-top: 2px; font-size: 12.5px; opacity: 0.88; }
.shopguide-status-dot { width: 8px; height: 8px; border-radius: 50%; background: #34d399; box-shadow: 0 0 0 2px rgba(52, 211, 153, 0.3); }
.shopguide-header-btn {
  flex: none; width: 36px; height: 36px; border-radius: 10px; border: 0; padding: 0; cursor: pointer;
  display: grid; place-items: center; background: transparent; color: #fff !important; opacity: 0.9;
  transition: background 0.15s ease, opacity 0.15s ease;
}
.shopguide-header-btn:hover { background: rgba(255, 255, 255, 0.16); opacity: 1; }
.shopguide-header .shopguide-header-btn:focus-visible { outline-color: #fff; }

/* Handoff banner */
.shopguide-banner {
  flex: none; display: flex; align-items: center; gap: 10px; padding: 10px 16px;
  background: #fffbeb; color: #78350f; border-bottom: 1px solid #fde68a; font-size: 13px; line-height: 1.35;
}
.shopguide-banner[data-mode="claimed"] { background: #ecfdf5; color: #064e3b; border-bottom-color: #a7f3d0; }
.shopguide-banner[hidden] { display: none; }
.shopguide-banner-icon {
  flex: none; width: 30px; height: 30px; border-radius: 50%; display: grid; place-items: center;
  background: rgba(255, 255, 255, 0.75);
}
.shopguide-banner strong { display: block; font-weight: 650; }

/* Conversation */
.shopguide-scroll {
  flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; padding: 18px 14px 6px;
  scrollbar-width: thin; scrollbar-color: #cbd5e1 transparent;
}
.shopguide-log { display: flex; flex-direction: column; }
.shopguide-msg { display: flex; flex-direction: column; max-width: 86%; margin-top: 4px; animation: shopguide-in 0.2s ease-out; }
.shopguide-msg--start { margin-top: 14px; }
.shopguide-log > .shopguide-msg:first-child { margin-top: 0; }
.shopguide-msg--shopper { align-self: flex-end; align-items: flex-end; }
.shopguide-msg--assistant, .shopguide-msg--merchant { align-self: flex-start; align-items: flex-start; }
.shopguide-msg.shopguide-msg--wide { max-width: 100%; width: 100%; }
.shopguide-msg--system { align-self: center; max-width: 92%; margin: 14px 0 4px; }
@keyframes shopguide-in { from { opacity: 0; transform: translateY(6px); } to { opacity: 1; transform: none; } }
.shopguide-author {
  display: flex; align-items: center; gap: 6px; margin: 0 0 5px 2px; font-size: 12px; color: var(--sg-muted);
}
.shopguide-author-avatar {
  width: 22px; height: 22px; border-radius: 7px; display: grid; place-items: center; flex: none;
  background: var(--sg-accent); color: #fff; font-size: 11px; font-weight: 700; line-height: 1;
}
.shopguide-msg--merchant .shopguide-author-avatar { background: #059669; border-radius: 50%; }
.shopguide-author-name { font-weight: 600; color: #334155; }
.shopguide-author-badge {
  padding: 1px 6px; border-radius: 6px; background: #eef2f7; color: var(--sg-muted); font-size: 10.5px; font-weight: 600;
}
.shopguide-bubble {
  max-width: 100%; padding: 10px 14px; border-radius: 18px; font-size: 14.5px; line-height: 1.5;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.shopguide-msg--shopper .shopguide-bubble { background: var(--sg-accent); color: #fff; border-bottom-right-radius: 6px; }
.shopguide-msg--assistant .shopguide-bubble, .shopguide-msg--merchant .shopguide-bubble {
  background: var(--sg-surface); color: var(--sg-text); border-bottom-left-radius: 6px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, 0.06), 0 0 0 1px rgba(15, 23, 42, 0.04);
}
.shopguide-msg--merchant .shopguide-bubble { box-shadow: 0 1px 2px rgba(15, 23, 42, 0.06), 0 0 0 1px rgba(5, 150, 105, 0.25); }
.shopguide-msg--system .shopguide-bubble {
  padding: 5px 12px; border-radius: 999px; background: #eaedf3; color: #475569; font-size: 12.5px; text-align: center;
}
.shopguide-msg--error .shopguide-bubble { background: #fef2f2; color: #991b1b; box-shadow: 0 0 0 1px #fecaca; }
.shopguide-bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.shopguide-msg--failed .shopguide-bubble { opacity: 0.65; }
.shopguide-delivery { display: flex; align-items: center; gap: 6px; margin-top: 4px; font-size: 12px; color: #b91c1c; }
.shopguide-link-btn {
  border: 0; background: none; padding: 0; cursor: pointer; color: var(--sg-accent) !important; font-weight: 600;
  text-decoration: underline; text-underline-offset: 2px; font-size: inherit;
}

/* Feedback */
.shopguide-feedback { display: flex; align-items: center; gap: 2px; margin: 4px 0 0 2px; font-size: 12px; color: var(--sg-faint); }
.shopguide-feedback-label { margin-right: 4px; }
.shopguide-icon-btn {
  width: 28px; height: 28px; border-radius: 8px; border: 0; padding: 0; cursor: pointer; background: transparent;
  display: grid; place-items: center; color: var(--sg-faint) !important; transition: background 0.15s ease, color 0.15s ease;
}
.shopguide-icon-btn:hover:not(:disabled) { background: rgba(var(--sg-accent-rgb), 0.08); color: var(--sg-accent) !important; }
.shopguide-icon-btn:disabled { cursor: default; }
.shopguide-icon-btn[aria-pressed="true"] { color: var(--sg-accent) !important; background: rgba(var(--sg-accent-rgb), 0.1); }
.shopguide-icon-btn[aria-pressed="true"] svg { fill: rgba(var(--sg-accent-rgb), 0.18); }
.shopguide-feedback[data-state="recorded"] .shopguide-icon-btn[aria-pressed="false"] { opacity: 0.35; }
.shopguide-feedback[data-state="recorded"] .shopguide-feedback-label { color: #059669; }
.shopguide-feedback[data-state="failed"] .shopguide-feedback-label { color: #b91c1c; }

/* Product cards */
.shopguide-cards { display: flex; flex-direction: column; gap: 8px; width: 100%; margin-top: 8px; container-type: inline-size; }
.shopguide-card {
  display: flex; gap: 12px; align-items: flex-start; width: 100%; padding: 10px; cursor: pointer;
  background: var(--sg-surface); border-radius: 14px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, 0.05), 0 0 0 1px rgba(15, 23, 42, 0.07);
  transition: box-shadow 0.15s ease, transform 0.15s ease;
}
.shopguide-card:hover { box-shadow: 0 6px 18px rgba(15, 23, 42, 0.09), 0 0 0 1px rgba(var(--sg-accent-rgb), 0.35); }
.shopguide-thumb {
  flex: none; width: 60px; height: 60px; border-radius: 12px; overflow: hidden; display: grid; place-items: center;
  background: rgba(var(--sg-accent-rgb), 0.07); color: var(--sg-accent);
}
.shopguide-thumb img { width: 100%; height: 100%; object-fit: cover; display: block; }
.shopguide-card-body { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
.shopguide-card-title {
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  border: 0; background: none; padding: 0; cursor: pointer; text-align: left;
  font-size: 14px !important; font-weight: 600; line-height: 1.3; color: var(--sg-text) !important;
}
.shopguide-card-title:hover { color: var(--sg-accent) !important; }
.shopguide-card-meta { display: flex; align-items: center; gap: 6px; font-size: 12px; color: var(--sg-muted); min-width: 0; }
.shopguide-card-meta span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.shopguide-star { color: #f59e0b; }
.shopguide-card-foot { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 8px; margin-top: 6px; }
.shopguide-price { font-size: 15px; font-weight: 700; letter-spacing: -0.01em; font-variant-numeric: tabular-nums; }
.shopguide-stock {
  padding: 2px 7px; border-radius: 999px; font-size: 11.5px; font-weight: 600; white-space: nowrap;
  background: #ecfdf5; color: #047857;
}
.shopguide-stock[data-stock="low"] { background: #fff7ed; color: #c2410c; }
.shopguide-stock[data-stock="out"] { background: #f1f5f9; color: #64748b; }
.shopguide-cart-btn {
  margin-left: auto; display: inline-flex; align-items: center; gap: 5px; padding: 6px 11px; border-radius: 9px;
  border: 0; cursor: pointer; background: rgba(var(--sg-accent-rgb), 0.1); color: var(--sg-accent) !important;
  font-size: 12.5px !important; font-weight: 650; white-space: nowrap; transition: background 0.15s ease, color 0.15s ease;
}
.shopguide-cart-btn:hover:not(:disabled) { background: var(--sg-accent); color: #fff !important; }
.shopguide-cart-btn:disabled { cursor: default; background: #f1f5f9; color: #94a3b8 !important; }
.shopguide-cart-btn[data-state="added"] { background: #ecfdf5; color: #047857 !important; }
@container (max-width: 340px) {
  .shopguide-card { gap: 10px; }
  .shopguide-thumb { width: 52px; height: 52px; }
  .shopguide-cart-btn { width: 34px; height: 30px; padding: 0; justify-content: center; }
  .shopguide-cart-btn span { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
}

/* Suggestions */
.shopguide-suggestions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 6px; margin-top: 12px; }
.shopguide-suggestions:empty { display: none; }
.shopguide-chip {
  border: 1px solid rgba(var(--sg-accent-rgb), 0.35); background: var(--sg-surface); color: var(--sg-accent) !important;
  border-radius: 999px; padding: 7px 13px; font-size: 13px !important; font-weight: 550; line-height: 1.25;
  cursor: pointer; text-align: left; transition: background 0.15s ease, border-color 0.15s ease;
}
.shopguide-chip:hover { background: rgba(var(--sg-accent-rgb), 0.07); border-color: var(--sg-accent); }

/* Typing indicator */
.shopguide-typing {
  display: inline-flex; align-items: center; gap: 4px; margin-top: 10px; padding: 12px 14px;
  background: var(--sg-surface); border-radius: 18px; border-bottom-left-radius: 6px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, 0.06), 0 0 0 1px rgba(15, 23, 42, 0.04);
}
.shopguide-typing[hidden] { display: none; }
.shopguide-typing span { width: 7px; height: 7px; border-radius: 50%; background: #94a3b8; animation: shopguide-blink 1.2s infinite ease-in-out both; }
.shopguide-typing span:nth-child(2) { animation-delay: 0.15s; }
.shopguide-typing span:nth-child(3) { animation-delay: 0.3s; }
@keyframes shopguide-blink { 0%, 80%, 100% { opacity: 0.35; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-3px); } }

/* Composer */
.shopguide-composer { flex: none; padding: 10px 12px calc(8px + env(safe-area-inset-bottom, 0px)); background: var(--sg-surface); border-top: 1px solid #eef0f4; }
.shopguide-inputwrap {
  display: flex; align-items: flex-end; gap: 8px; padding: 5px 5px 5px 14px; border-radius: 22px;
  background: #f3f4f8; border: 1px solid transparent; transition: border-color 0.15s ease, box-shadow 0.15s ease, background 0.15s ease;
}
.shopguide-inputwrap:focus-within { background: #fff; border-color: rgba(var(--sg-accent-rgb), 0.55); box-shadow: 0 0 0 3px rgba(var(--sg-accent-rgb), 0.12); }
.shopguide-input {
  flex: 1; min-width: 0; border: 0; outline: none !important; background: transparent; resize: none; margin: 0;
  padding: 7px 0; max-height: 120px; font: inherit; font-size: 15px; line-height: 1.4; color: var(--sg-text);
}
.shopguide-input::placeholder { color: #94a3b8; }
.shopguide-send {
  flex: none; width: 36px; height: 36px; border-radius: 50%; border: 0; padding: 0; cursor: pointer;
  display: grid; place-items: center; background: var(--sg-accent); color: #fff !important; transition: background 0.15s ease, transform 0.1s ease;
}
.shopguide-send:active:not(:disabled) { transform: scale(0.94); }
.shopguide-send:disabled { background: #cbd5e1; cursor: default; }
.shopguide-footer { margin-top: 7px; text-align: center; font-size: 11px; color: var(--sg-faint); letter-spacing: 0.01em; }

@media (max-width: 480px) {
  .shopguide-header { padding: 12px 10px 12px 14px; gap: 10px; }
  .shopguide-avatar { width: 36px; height: 36px; border-radius: 11px; font-size: 16px; }
  .shopguide-panel--floating { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; animation: none; }
  .shopguide-root--open .shopguide-launcher { display: none; }
  .shopguide-panel--inline { border-radius: 0; border: 0; box-shadow: none; min-height: 0; }
  .shopguide-input { font-size: 16px; }
  .shopguide-msg { max-width: 90%; }
}
@media (prefers-reduced-motion: reduce) {
  .shopguide-root *, .shopguide-root *::before, .shopguide-root *::after { animation: none !important; transition: none !important; }
}
`;

/* ------------------------------------------------------------------------------------------------------------ */
/* DOM helpers: every piece of text goes through textContent.                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

const SVG_NS = 'http://www.w3.org/2000/svg';

const ICONS = {
  chat: [
    'M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.5 3.5V17h0A2.5 2.5 0 0 1 4 14.5z',
  ],
  chevronDown: ['M6 9l6 6 6-6'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  send: ['M12 19V5', 'M5.5 11.5L12 5l6.5 6.5'],
  restart: [
    'M4 12a8 8 0 0 1 13.7-5.6L20 8.5',
    'M20 4v4.5h-4.5',
    'M20 12a8 8 0 0 1-13.7 5.6L4 15.5',
    'M4 20v-4.5h4.5',
  ],
  thumbUp: [
    'M7 11v9H4.5A1.5 1.5 0 0 1 3 18.5v-6A1.5 1.5 0 0 1 4.5 11z',
    'M7 11l3.6-7.2A1.9 1.9 0 0 1 14 5.2L13.2 9.5h5.4a2 2 0 0 1 2 2.4l-1.3 6.5a2 2 0 0 1-2 1.6H7',
  ],
  thumbDown: [
    'M17 13V4h2.5A1.5 1.5 0 0 1 21 5.5v6a1.5 1.5 0 0 1-1.5 1.5z',
    'M17 13l-3.6 7.2A1.9 1.9 0 0 1 10 18.8l.8-4.3H5.4a2 2 0 0 1-2-2.4l1.3-6.5a2 2 0 0 1 2-1.6H17',
  ],
  person: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4.5 20.5a7.5 7.5 0 0 1 15 0'],
  cart: [
    'M3 4h2.2l2.3 10.6a1.8 1.8 0 0 0 1.8 1.4h7.6a1.8 1.8 0 0 0 1.7-1.3L20.5 8H6.1',
    'M9.5 20h.01',
    'M17 20h.01',
  ],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  // Product thumbnails, by category.
  phone: [
    'M8 2.5h8A1.5 1.5 0 0 1 17.5 4v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5z',
    'M11 18.5h2',
  ],
  laptop: ['M5 5.5h14a1 1 0 0 1 1 1V16H4V6.5a1 1 0 0 1 1-1z', 'M2.5 16h19l-1 2.5h-17z'],
  watch: [
    'M7 13a5 5 0 1 0 10 0 5 5 0 1 0-10 0',
    'M9 8.8L9.5 3h5l.5 5.8',
    'M9 17.2L9.5 23h5l.5-5.8',
    'M12 11v2l1.5 1',
  ],
  shirt: ['M8 3.5L3.5 6.5l2 4 2-1v11h9v-11l2 1 2-4L16 3.5a4 4 0 0 1-8 0z'],
  bag: ['M5 8h14l-1 12.5H6z', 'M9 8V6.5a3 3 0 0 1 6 0V8'],
  sparkle: [
    'M11 3l1.8 5.2L18 10l-5.2 1.8L11 17l-1.8-5.2L4 10l5.2-1.8z',
    'M18.5 15l.7 2 2 .7-2 .7-.7 2-.7-2-2-.7 2-.7z',
  ],
  home: ['M4 11l8-7 8 7', 'M6 9.5V20h12V9.5', 'M10 20v-5h4v5'],
  basket: ['M3.5 9.5h17l-2 10h-13z', 'M8 9.5l3-6', 'M16 9.5l-3-6', 'M9.5 13v3.5', 'M14.5 13v3.5'],
  car: [
    'M5 16.5V12l2-5h10l2 5v4.5z',
    'M5 12h14',
    'M7.5 16.5v2.5',
    'M16.5 16.5v2.5',
    'M8 14h.01',
    'M16 14h.01',
  ],
  glasses: [
    'M3 13a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0',
    'M14 13a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0',
    'M10 13c1.2-1 2.8-1 4 0',
  ],
  ball: [
    'M3.5 12a8.5 8.5 0 1 0 17 0 8.5 8.5 0 1 0-17 0',
    'M3.5 12h17',
    'M12 3.5c2.5 2.3 3.8 5.1 3.8 8.5s-1.3 6.2-3.8 8.5',
    'M12 3.5C9.5 5.8 8.2 8.6 8.2 12s1.3 6.2 3.8 8.5',
  ],
  gem: ['M6.5 4h11l3 5-8.5 11L3.5 9z', 'M3.5 9h17', 'M9.5 4L8 9l4 11 4-11-1.5-5'],
  shoe: ['M3 8.5l4 1.5c1.5-.5 2.5-1.5 3-3l3.5 4.5 5 1.2a3 3 0 0 1 2.5 3V17H3z', 'M3 17v2.5h18V17'],
  tag: ['M3.5 12.2V4.5a1 1 0 0 1 1-1h7.7l8.3 8.3a1 1 0 0 1 0 1.4l-7.1 7.1a1 1 0 0 1-1.4 0z', 'M8 8h.01'],
} as const;

/** Category keywords to a thumbnail icon, most specific first ("laptop" before "top", "skin-care" before "car"). */
const CATEGORY_ICONS: [RegExp, IconName][] = [
  [/laptop|computer|notebook/, 'laptop'],
  [/phone|tablet|mobile/, 'phone'],
  [/watch/, 'watch'],
  [/beauty|fragrance|perfume|skin|cosmetic|makeup/, 'sparkle'],
  [/sunglass|glasses|eyewear/, 'glasses'],
  [/shoe|sneaker|boot/, 'shoe'],
  [/bag|luggage/, 'bag'],
  [/jewel|ring|necklace/, 'gem'],
  [/shirt|top|dress|cloth|apparel/, 'shirt'],
  [/furniture|home|kitchen|decor/, 'home'],
  [/grocer|food|drink/, 'basket'],
  [/vehicle|motor|auto|\bcar/, 'car'],
  [/sport|fitness/, 'ball'],
];

function categoryIcon(category: string): IconName {
  const name = category.toLowerCase();
  return CATEGORY_ICONS.find(([pattern]) => pattern.test(name))?.[1] ?? 'tag';
}

type IconName = keyof typeof ICONS;

function icon(name: IconName, size = 20, strokeWidth = 2): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', String(strokeWidth));
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

interface ElOptions {
  className?: string;
  text?: string;
  testId?: string;
  attrs?: Record<string, string>;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  children: (Node | null | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.testId) node.setAttribute('data-testid', options.testId);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

function button(options: ElOptions & { label?: string }, children: (Node | null)[] = []): HTMLButtonElement {
  const node = el('button', options, children);
  node.type = 'button';
  if (options.label) node.setAttribute('aria-label', options.label);
  return node;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/g;

/** Fills `target` with `text`, turning http(s) URLs into links. Text is never parsed as HTML. */
function appendRichText(target: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) target.appendChild(document.createTextNode(text.slice(last, start)));
    const link = el('a', {
      text: match[0],
      attrs: { target: '_blank', rel: 'noopener noreferrer nofollow' },
    });
    link.href = match[0];
    target.appendChild(link);
    last = start + match[0].length;
  }
  if (last < text.length) target.appendChild(document.createTextNode(text.slice(last)));
}

const LIST_ITEM = /^\s*(?:[•·*\-–]|\d+[.)、])\s*/;

/**
 * Reply text also serves text-only channels (Slack, Teams), so it lists the products as bullet lines. Here the
 * cards show them, so a bullet line that names a carded product is dropped rather than shown twice.
 */
function withoutListedProducts(text: string, products: WidgetProduct[]): string {
  const titles = products.map((p) => String(p.title ?? '').toLowerCase()).filter(Boolean);
  if (titles.length === 0) return text;
  return text
    .split('\n')
    .filter((line) => !(LIST_ITEM.test(line) && titles.some((title) => line.toLowerCase().includes(title))))
    .join('\n')
    .trim();
}

function initials(text: string): string {
  const letters = Array.from(text.trim());
  return (letters[0] ?? '?').toUpperCase();
}

function parseHexColor(value: string | undefined): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!match) return undefined;
  const hex =
    match[1].length === 3
      ? match[1]
          .split('')
          .map((c) => c + c)
          .join('')
      : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function detectLanguage(text: string): Language | undefined {
  if (/[\u3400-\u9fff]/.test(text)) return 'zh';
  if (/[a-z]{3,}/i.test(text)) return 'en';
  return undefined;
}

function randomId(): string {
  const cryptoApi = typeof crypto !== 'undefined' ? crypto : undefined;
  if (cryptoApi && typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function asStrings(value: unknown): string[] {
  return asArray<unknown>(value).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

function asMode(value: unknown, fallback: ChatMode): ChatMode {
  return value === 'bot' || value === 'handoff_requested' || value === 'claimed' ? value : fallback;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* API client                                                                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

class ChatApi {
  constructor(
    private readonly base: string,
    private readonly storeId: string,
  ) {}

  async request<T>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<T> {
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

/* ------------------------------------------------------------------------------------------------------------ */
/* Session storage                                                                                               */
/* ------------------------------------------------------------------------------------------------------------ */

function storageKey(storeId: string, apiBase: string): string {
  return `${STORAGE_PREFIX}${apiBase}:${storeId}`;
}

function loadStoredSession(key: string): StoredSession | undefined {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (parsed.v !== 1 || typeof parsed.token !== 'string' || typeof parsed.sessionId !== 'string')
      return undefined;
    return {
      v: 1,
      sessionId: parsed.sessionId,
      token: parsed.token,
      storeName: typeof parsed.storeName === 'string' ? parsed.storeName : '',
      greeting: typeof parsed.greeting === 'string' ? parsed.greeting : '',
      suggestions: asStrings(parsed.suggestions),
      language: parsed.language === 'zh' ? 'zh' : 'en',
      cursor: typeof parsed.cursor === 'string' ? parsed.cursor : undefined,
      feedback: parsed.feedback && typeof parsed.feedback === 'object' ? parsed.feedback : {},
    };
  } catch {
    // Storage can be disabled (privacy modes, sandboxed iframes); the chat then simply does not resume.
    return undefined;
  }
}

function saveStoredSession(key: string, session: StoredSession | undefined): void {
  try {
    if (session) window.sessionStorage.setItem(key, JSON.stringify(session));
    else window.sessionStorage.removeItem(key);
  } catch {
    // See loadStoredSession.
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The widget                                                                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

interface PendingEcho {
  role: Role;
  text: string;
}

class ChatWidget implements WidgetHandle {
  readonly storeId: string;
  private readonly api: ChatApi;
  private readonly floating: boolean;
  private readonly storageKey: string;
  private readonly customer?: { id: string; expiresAt: number; signature: string };

  private language: Language;
  private strings: Strings;
  private storeName: string;
  private session?: StoredSession;
  private sessionPromise?: Promise<StoredSession>;
  private mode: ChatMode = 'bot';
  private handoffAuthor?: string;
  private sending = false;
  private isOpen = false;
  private destroyed = false;
  private unread = 0;
  private pollTimer?: number;
  private pollFailures = 0;
  private readonly seenIds = new Set<string>();
  /** Messages already drawn locally whose server copy may come back through polling. */
  private readonly pendingEchoes: PendingEcho[] = [];
  private readonly clickedProducts = new Set<string>();
  private lastRole?: Role;

  private readonly host: HTMLElement;
  private readonly root: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly launcher?: HTMLButtonElement;
  private readonly launcherBadge?: HTMLElement;
  private readonly avatar: HTMLElement;
  private readonly title: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly restartButton: HTMLButtonElement;
  private readonly closeButton?: HTMLButtonElement;
  private readonly banner: HTMLElement;
  private readonly bannerTitle: HTMLElement;
  private readonly bannerDetail: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly log: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly typingLabel: HTMLElement;
  private readonly suggestions: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly footer: HTMLElement;

  private readonly onVisibilityChange = () => {
    if (!document.hidden && this.mode !== 'bot') this.schedulePoll(0);
  };
  private readonly onKeydownDocument = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.floating && this.isOpen) this.close();
  };

  constructor(options: MountOptions) {
    this.storeId = options.storeId;
    const apiBase = options.apiBase.replace(/\/+$/, '');
    this.api = new ChatApi(apiBase, options.storeId);
    this.storageKey = storageKey(options.storeId, apiBase);
    this.customer = options.customer;
    this.floating = options.mode !== 'inline' || !options.target;
    this.session = loadStoredSession(this.storageKey);
    this.language = options.language ?? this.session?.language ?? pageLanguage();
    this.strings = STRINGS[this.language];
    this.storeName = this.session?.storeName || humanizeStoreId(options.storeId);

    this.host = el('div', {
      className: 'shopguide-host',
      attrs: { 'data-shopguide-store': options.storeId },
    });
    if (!this.floating) this.host.style.cssText = 'display:block;width:100%;height:100%;';
    const shadow = this.host.attachShadow ? this.host.attachShadow({ mode: 'open' }) : undefined;
    const style = el('style', { text: STYLES });
    this.root = el('div', {
      className: 'shopguide-root',
      attrs: { 'data-testid': 'sg-root', lang: this.language },
    });
    if (!this.floating) this.root.classList.add('shopguide-root--inline');
    applyAccent(this.root, options.color);

    // Header
    this.avatar = el('div', { className: 'shopguide-avatar', attrs: { 'aria-hidden': 'true' } });
    this.title = el('h2', { className: 'shopguide-title', testId: 'sg-title' });
    this.statusText = el('span');
    this.restartButton = button({ className: 'shopguide-header-btn', testId: 'sg-restart' }, [
      icon('restart', 18),
    ]);
    this.restartButton.addEventListener('click', () => void this.restart());
    if (this.floating) {
      this.closeButton = button({ className: 'shopguide-header-btn', testId: 'sg-close' }, [
        icon('close', 20),
      ]);
      this.closeButton.addEventListener('click', () => this.close());
    }
    const header = el('div', { className: 'shopguide-header' }, [
      this.avatar,
      el('div', { className: 'shopguide-heading' }, [
        this.title,
        el('div', { className: 'shopguide-status' }, [
          el('span', { className: 'shopguide-status-dot', attrs: { 'aria-hidden': 'true' } }),
          this.statusText,
        ]),
      ]),
      this.restartButton,
      this.closeButton,
    ]);

    // Handoff banner
    this.bannerTitle = el('strong');
    this.bannerDetail = el('span');
    this.banner = el(
      'div',
      { className: 'shopguide-banner', testId: 'sg-handoff-banner', attrs: { role: 'status' } },
      [
        el('span', { className: 'shopguide-banner-icon' }, [icon('person', 16)]),
        el('div', {}, [this.bannerTitle, this.bannerDetail]),
      ],
    );
    this.banner.hidden = true;

    // Conversation
    this.log = el('div', {
      className: 'shopguide-log',
      testId: 'sg-log',
      attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' },
    });
    this.typingLabel = el('span', { className: 'shopguide-sr-only' });
    this.typing = el(
      'div',
      { className: 'shopguide-typing', testId: 'sg-typing', attrs: { role: 'status' } },
      [
        el('span', { attrs: { 'aria-hidden': 'true' } }),
        el('span', { attrs: { 'aria-hidden': 'true' } }),
        el('span', { attrs: { 'aria-hidden': 'true' } }),
        this.typingLabel,
      ],
    );
    this.typing.hidden = true;
    this.suggestions = el('div', { className: 'shopguide-suggestions', attrs: { role: 'group' } });
    this.scroller = el('div', { className: 'shopguide-scroll' }, [this.log, this.typing, this.suggestions]);

    // Composer
    this.input = el('textarea', {
      className: 'shopguide-input',
      testId: 'sg-input',
      attrs: { rows: '1', maxlength: String(MAX_MESSAGE_CHARS), autocomplete: 'off', enterkeyhint: 'send' },
    });
    this.sendButton = button({ className: 'shopguide-send', testId: 'sg-send' }, [icon('send', 18, 2.4)]);
    this.sendButton.disabled = true;
    this.footer = el('div', { className: 'shopguide-footer' });
    const form = el('form', { className: 'shopguide-composer' }, [
      el('div', { className: 'shopguide-inputwrap' }, [this.input, this.sendButton]),
      this.footer,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitInput();
    });
    this.sendButton.addEventListener('click', () => this.submitInput());
    this.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter adds a line; an IME composing Chinese must be allowed to confirm with Enter.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submitInput();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      this.updateSendState();
    });

    this.panel = el(
      'div',
      {
        className: `shopguide-panel ${this.floating ? 'shopguide-panel--floating' : 'shopguide-panel--inline'}`,
        testId: 'sg-panel',
        attrs: { id: `shopguide-panel-${options.storeId}` },
      },
      [header, this.banner, this.scroller, form],
    );
    if (this.floating) {
      this.panel.setAttribute('role', 'dialog');
      this.panel.hidden = true;
      this.launcherBadge = el('span', {
        className: 'shopguide-launcher-badge',
        attrs: { 'aria-hidden': 'true' },
      });
      this.launcherBadge.hidden = true;
      this.launcher = button({ className: 'shopguide-launcher', testId: 'sg-launcher' }, [
        icon('chat', 28, 2),
        this.launcherBadge,
      ]);
      this.launcher.setAttribute('aria-expanded', 'false');
      this.launcher.setAttribute('aria-controls', this.panel.id);
      this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
      this.root.appendChild(this.launcher);
    } else {
      this.panel.setAttribute('role', 'region');
    }
    this.root.appendChild(this.panel);
    if (shadow) {
      shadow.appendChild(style);
      shadow.appendChild(this.root);
    } else {
      this.host.appendChild(style);
      this.host.appendChild(this.root);
    }

    if (this.floating) document.body.appendChild(this.host);
    else options.target?.appendChild(this.host);

    document.addEventListener('visibilitychange', this.onVisibilityChange);
    document.addEventListener('keydown', this.onKeydownDocument);
    this.applyStrings();

    if (this.session) void this.resume(this.session);
    else if (!this.floating) void this.ensureSession();
  }

  /* ---------- public API ---------- */

  open(): void {
    if (!this.floating || this.destroyed) return;
    this.isOpen = true;
    this.panel.hidden = false;
    this.root.classList.add('shopguide-root--open');
    this.launcher?.setAttribute('aria-expanded', 'true');
    this.launcher?.replaceChildren(icon('chevronDown', 28, 2.2), this.launcherBadge ?? el('span'));
    this.setUnread(0);
    if (!this.session) void this.ensureSession();
    this.scrollToBottom();
    window.setTimeout(() => this.input.focus(), 50);
  }

  close(): void {
    if (!this.floating || !this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.classList.remove('shopguide-root--open');
    this.launcher?.setAttribute('aria-expanded', 'false');
    this.launcher?.replaceChildren(icon('chat', 28, 2), this.launcherBadge ?? el('span'));
    this.launcher?.focus();
  }

  async send(text: string, clientMessageId = randomId(), existing?: HTMLElement): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.sending || this.destroyed) return;
    if (trimmed.length > MAX_MESSAGE_CHARS) {
      this.renderNotice(this.strings.errorTooLong);
      return;
    }
    this.adoptLanguage(detectLanguage(trimmed));
    this.clearSuggestions();
    const view = existing ?? this.renderMessage({ role: 'shopper', text: trimmed });
    this.pendingEchoes.push({ role: 'shopper', text: trimmed });
    this.sending = true;
    this.updateSendState();
    this.showTyping(true);
    try {
      const reply = await this.postMessage(trimmed, clientMessageId);
      this.showTyping(false);
      this.renderReply(reply);
    } catch (error) {
      this.showTyping(false);
      this.removeEcho('shopper', trimmed);
      this.markFailed(view, trimmed, clientMessageId, error);
    } finally {
      this.sending = false;
      this.updateSendState();
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.stopPolling();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    document.removeEventListener('keydown', this.onKeydownDocument);
    this.host.remove();
  }

  /* ---------- session lifecycle ---------- */

  private ensureSession(): Promise<StoredSession> {
    if (this.session) return Promise.resolve(this.session);
    if (!this.sessionPromise) {
      this.showTyping(true);
      this.sessionPromise = this.startSession().then(
        (session) => {
          this.showTyping(false);
          return session;
        },
        (error: unknown) => {
          this.showTyping(false);
          this.sessionPromise = undefined;
          this.renderNotice(
            this.describeError(error, this.strings.errorStart),
            () => void this.ensureSession(),
          );
          throw error;
        },
      );
    }
    return this.sessionPromise;
  }

  private async startSession(): Promise<StoredSession> {
    const body = this.customer ? { customer: this.customer } : {};
    const response = await this.api.request<Partial<SessionResponse>>('POST', '/sessions', undefined, body);
    if (typeof response.token !== 'string' || typeof response.sessionId !== 'string') {
      throw new ApiError(502, 'invalid session');
    }
    const session: StoredSession = {
      v: 1,
      sessionId: response.sessionId,
      token: response.token,
      storeName:
        typeof response.storeName === 'string' && response.storeName ? response.storeName : this.storeName,
      greeting: typeof response.greeting === 'string' ? response.greeting : '',
      suggestions: asStrings(response.suggestions),
      language: this.language,
      feedback: {},
    };
    this.session = session;
    this.persist();
    this.storeName = session.storeName;
    this.adoptLanguage(detectLanguage(session.greeting));
    this.applyStrings();
    if (session.greeting) {
      this.pendingEchoes.push({ role: 'assistant', text: session.greeting });
      this.renderMessage({ role: 'assistant', text: session.greeting });
    }
    this.renderSuggestions(session.suggestions);
    return session;
  }

  /** Rebuilds the conversation after a reload from the server's copy of it. */
  private async resume(session: StoredSession): Promise<void> {
    this.applyStrings();
    if (session.greeting) {
      this.pendingEchoes.push({ role: 'assistant', text: session.greeting });
      this.renderMessage({ role: 'assistant', text: session.greeting });
    }
    try {
      const history = await this.api.request<Partial<HistoryResponse>>('GET', '/messages', session.token);
      this.applyHistory(history, false);
      if (this.log.querySelectorAll('[data-role="shopper"]').length === 0) {
        this.renderSuggestions(session.suggestions);
      }
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
        await this.restart();
        return;
      }
      this.renderSuggestions(session.suggestions);
    }
  }

  private async restart(): Promise<void> {
    if (this.sending) return;
    this.stopPolling();
    this.session = undefined;
    this.sessionPromise = undefined;
    this.persist();
    this.seenIds.clear();
    this.pendingEchoes.length = 0;
    this.clickedProducts.clear();
    this.lastRole = undefined;
    this.log.replaceChildren();
    this.clearSuggestions();
    this.setMode('bot');
    try {
      await this.ensureSession();
    } catch {
      // ensureSession has already shown the error with a retry.
    }
    this.input.focus();
  }

  private persist(): void {
    if (this.session) this.session.language = this.language;
    saveStoredSession(this.storageKey, this.session);
  }

  /** Sends one message; an expired token starts a fresh session and tries once more. */
  private async postMessage(text: string, clientMessageId: string): Promise<ReplyResponse> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.ensureSession();
      try {
        const raw = await this.api.request<Partial<ReplyResponse>>('POST', '/messages', session.token, {
          text,
          clientMessageId,
        });
        return {
          replyId: typeof raw.replyId === 'string' ? raw.replyId : '',
          text: typeof raw.text === 'string' ? raw.text : '',
          products: asArray<WidgetProduct>(raw.products),
          handoff: raw.handoff === true,
          suggestions: asStrings(raw.suggestions),
          language: raw.language === 'zh' ? 'zh' : raw.language === 'en' ? 'en' : this.language,
          mode: asMode(raw.mode, raw.handoff ? 'handoff_requested' : this.mode),
        };
      } catch (error) {
        if (attempt === 0 && error instanceof ApiError && error.status === 401) {
          this.session = undefined;
          this.sessionPromise = undefined;
          this.persist();
          continue;
        }
        throw error;
      }
    }
  }

  /* ---------- rendering conversation ---------- */

  private renderReply(reply: ReplyResponse): void {
    this.adoptLanguage(reply.language);
    if (reply.replyId && this.seenIds.has(reply.replyId)) {
      // Polling already drew this reply.
    } else if (reply.text.trim() || reply.products.length > 0) {
      // With an id, polling recognises this reply by it; without one, only by its text.
      if (reply.replyId) this.seenIds.add(reply.replyId);
      else this.pendingEchoes.push({ role: 'assistant', text: reply.text });
      this.renderMessage({
        role: 'assistant',
        text: reply.text,
        products: reply.products,
        replyId: reply.replyId || undefined,
        language: reply.language,
      });
    }
    this.renderSuggestions(reply.suggestions);
    this.setMode(reply.mode);
  }

  private applyHistory(history: Partial<HistoryResponse>, live: boolean): void {
    for (const message of asArray<HistoryMessage>(history.messages)) {
      if (!message || typeof message !== 'object') continue;
      if (typeof message.cursor === 'string' && this.session) this.session.cursor = message.cursor;
      const id = typeof message.id === 'string' ? message.id : undefined;
      const role: Role = ['shopper', 'assistant', 'merchant', 'system'].includes(message.role)
        ? message.role
        : 'system';
      const text = typeof message.text === 'string' ? message.text : '';
      const replyId =
        role !== 'assistant' ? undefined : typeof message.replyId === 'string' ? message.replyId : id;
      const alreadyDrawn = (id && this.seenIds.has(id)) || (replyId && this.seenIds.has(replyId));
      if (id) this.seenIds.add(id);
      if (replyId) this.seenIds.add(replyId);
      if (alreadyDrawn) {
        this.removeEcho(role, text);
        continue;
      }
      const products = asArray<WidgetProduct>(message.products);
      if (!text.trim() && products.length === 0) continue;
      if (this.removeEcho(role, text)) continue;
      if (role === 'merchant' && typeof message.author === 'string') this.handoffAuthor = message.author;
      this.renderMessage({
        role,
        text,
        products,
        author: typeof message.author === 'string' ? message.author : undefined,
        replyId,
        at: message.at,
      });
      if (live && !this.isOpen && this.floating && role !== 'shopper') this.setUnread(this.unread + 1);
    }
    if (typeof history.cursor === 'string' && this.session) this.session.cursor = history.cursor;
    this.persist();
    this.setMode(asMode(history.mode, this.mode));
  }

  private removeEcho(role: Role, text: string): boolean {
    const index = this.pendingEchoes.findIndex((echo) => echo.role === role && echo.text === text);
    if (index < 0) return false;
    this.pendingEchoes.splice(index, 1);
    return true;
  }

  private renderMessage(message: {
    role: Role;
    text: string;
    products?: WidgetProduct[];
    replyId?: string;
    author?: string;
    language?: Language;
    at?: string;
  }): HTMLElement {
    const { role } = message;
    const language = message.language ?? detectLanguage(message.text) ?? this.language;
    const strings = STRINGS[language];
    const startsGroup = this.lastRole !== role || role === 'merchant' || role === 'system';
    const item = el('div', {
      className: `shopguide-msg shopguide-msg--${role}${startsGroup ? ' shopguide-msg--start' : ''}`,
      testId: 'sg-message',
      attrs: { 'data-role': role },
    });
    if (message.replyId) item.setAttribute('data-reply-id', message.replyId);
    if (message.at) item.title = formatTime(message.at, strings.locale);

    if (startsGroup && (role === 'assistant' || role === 'merchant')) {
      const name = role === 'merchant' ? message.author || this.storeName : this.storeName;
      item.appendChild(
        el('div', { className: 'shopguide-author', testId: role === 'merchant' ? 'sg-author' : undefined }, [
          el('span', {
            className: 'shopguide-author-avatar',
            text: initials(name),
            attrs: { 'aria-hidden': 'true' },
          }),
          el('span', { className: 'shopguide-author-name', text: name }),
          el('span', {
            className: 'shopguide-author-badge',
            text: role === 'merchant' ? strings.teamBadge : strings.assistantBadge,
          }),
        ]),
      );
    }
    const products = message.products ?? [];
    const text = withoutListedProducts(message.text, products);
    if (text.trim()) {
      const bubble = el('div', { className: 'shopguide-bubble', testId: 'sg-message-text' });
      appendRichText(bubble, text);
      item.appendChild(bubble);
    }
    if (products.length > 0) {
      item.classList.add('shopguide-msg--wide');
      item.appendChild(
        el(
          'div',
          { className: 'shopguide-cards' },
          products.map((product) => this.renderProduct(product, strings, message.replyId)),
        ),
      );
    }
    if (role === 'assistant' && message.replyId)
      item.appendChild(this.renderFeedback(message.replyId, strings));

    this.lastRole = role;
    this.log.appendChild(item);
    this.scrollToBottom();
    return item;
  }

  private renderProduct(product: WidgetProduct, strings: Strings, replyId?: string): HTMLElement {
    const title = String(product.title ?? '');
    const price = Number(product.price);
    const stock = Number.isFinite(Number(product.stock)) ? Number(product.stock) : 0;
    const inStock = product.inStock !== false && stock > 0;
    const card = el('div', {
      className: 'shopguide-card',
      testId: 'sg-product-card',
      attrs: {
        'data-product-id': String(product.id),
        'data-category': String(product.category ?? ''),
        'data-price': String(price),
        'data-currency': String(product.currency ?? ''),
        'data-in-stock': String(inStock),
      },
    });

    const thumb = el('div', { className: 'shopguide-thumb', attrs: { 'aria-hidden': 'true' } });
    thumb.appendChild(icon(categoryIcon(String(product.category ?? '')), 28, 1.6));
    if (typeof product.thumbnail === 'string' && /^https:\/\//i.test(product.thumbnail)) {
      const image = el('img', {
        attrs: { alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' },
      });
      image.addEventListener('load', () => thumb.replaceChildren(image));
      image.src = product.thumbnail;
    }

    const titleButton = button(
      { className: 'shopguide-card-title', text: title, testId: 'sg-product-title' },
      [],
    );
    titleButton.setAttribute('aria-label', strings.viewProduct(title));

    const meta = el('div', { className: 'shopguide-card-meta' });
    if (product.brand) meta.appendChild(el('span', { text: product.brand }));
    if (typeof product.rating === 'number' && Number.isFinite(product.rating)) {
      const rating = product.rating.toFixed(1);
      if (product.brand) meta.appendChild(el('span', { text: '·', attrs: { 'aria-hidden': 'true' } }));
      meta.appendChild(
        el('span', { attrs: { 'aria-label': strings.rating(rating) } }, [
          el('span', { className: 'shopguide-star', text: '★ ', attrs: { 'aria-hidden': 'true' } }),
          document.createTextNode(rating),
        ]),
      );
    }

    const stockLevel = !inStock ? 'out' : stock <= LOW_STOCK_THRESHOLD ? 'low' : 'in';
    const stockLabel =
      stockLevel === 'out'
        ? strings.outOfStock
        : stockLevel === 'low'
          ? strings.onlyLeft(stock)
          : strings.inStock;
    const cartButton = button(
      { className: 'shopguide-cart-btn', testId: 'sg-add-to-cart', label: strings.addToCartLabel(title) },
      [icon('cart', 15, 2.2), el('span', { text: strings.addToCart })],
    );
    cartButton.disabled = !inStock;
    cartButton.addEventListener('click', (event) => {
      event.stopPropagation();
      cartButton.disabled = true;
      cartButton.setAttribute('data-state', 'added');
      cartButton.replaceChildren(icon('check', 15, 2.4), el('span', { text: strings.added }));
      this.emit('shopguide:add-to-cart', product, replyId);
      void this.postEvent('add_to_cart', product.id, replyId);
    });

    card.append(
      thumb,
      el('div', { className: 'shopguide-card-body' }, [
        titleButton,
        meta.childNodes.length > 0 ? meta : null,
        el('div', { className: 'shopguide-card-foot' }, [
          el('span', {
            className: 'shopguide-price',
            text: formatPrice(price, product.currency, strings.locale),
            testId: 'sg-product-price',
          }),
          el('span', {
            className: 'shopguide-stock',
            text: stockLabel,
            testId: 'sg-product-stock',
            attrs: { 'data-stock': stockLevel },
          }),
          cartButton,
        ]),
      ]),
    );
    card.addEventListener('click', () => {
      this.emit('shopguide:product-click', product, replyId);
      const key = `${replyId ?? ''}:${product.id}`;
      if (this.clickedProducts.has(key)) return;
      this.clickedProducts.add(key);
      void this.postEvent('click', product.id, replyId);
    });
    return card;
  }

  private renderFeedback(replyId: string, strings: Strings): HTMLElement {
    const label = el('span', { className: 'shopguide-feedback-label', text: strings.feedbackPrompt });
    const up = button({ className: 'shopguide-icon-btn', testId: 'sg-thumb-up', label: strings.helpful }, [
      icon('thumbUp', 16, 1.9),
    ]);
    const down = button(
      { className: 'shopguide-icon-btn', testId: 'sg-thumb-down', label: strings.notHelpful },
      [icon('thumbDown', 16, 1.9)],
    );
    const row = el(
      'div',
      { className: 'shopguide-feedback', testId: 'sg-feedback', attrs: { 'data-state': 'idle' } },
      [label, up, down],
    );
    up.setAttribute('aria-pressed', 'false');
    down.setAttribute('aria-pressed', 'false');
    const show = (state: 'idle' | 'sending' | 'recorded' | 'failed', rating?: Rating) => {
      row.setAttribute('data-state', state);
      up.disabled = down.disabled = state === 'sending' || state === 'recorded';
      up.setAttribute('aria-pressed', String(rating === 'up' && state !== 'failed'));
      down.setAttribute('aria-pressed', String(rating === 'down' && state !== 'failed'));
      label.textContent =
        state === 'recorded'
          ? strings.feedbackThanks
          : state === 'failed'
            ? strings.feedbackFailed
            : strings.feedbackPrompt;
    };
    const rate = async (rating: Rating) => {
      show('sending', rating);
      try {
        const session = await this.ensureSession();
        const result = await this.api.request<{ mode?: unknown }>('POST', '/feedback', session.token, {
          replyId,
          rating,
        });
        // A second thumbs-down in a row asks for a person: show the banner and start polling.
        const mode = asMode(result?.mode, this.mode);
        if (mode !== this.mode) this.setMode(mode);
        if (this.session) {
          this.session.feedback[replyId] = rating;
          this.persist();
        }
        show('recorded', rating);
      } catch {
        show('failed');
      }
    };
    up.addEventListener('click', () => void rate('up'));
    down.addEventListener('click', () => void rate('down'));
    const previous = this.session?.feedback[replyId];
    if (previous) show('recorded', previous);
    return row;
  }

  private renderSuggestions(items: string[]): void {
    this.clearSuggestions();
    for (const text of items.slice(0, 4)) {
      const chip = button({ className: 'shopguide-chip', text, testId: 'sg-suggestion' });
      chip.addEventListener('click', () => void this.send(text));
      this.suggestions.appendChild(chip);
    }
    this.scrollToBottom();
  }

  private clearSuggestions(): void {
    this.suggestions.replaceChildren();
  }

  /** A local notice (not from the server), optionally with a retry action. */
  private renderNotice(text: string, retry?: () => void): void {
    const item = el('div', {
      className: 'shopguide-msg shopguide-msg--system shopguide-msg--error',
      testId: 'sg-error',
      attrs: { 'data-role': 'notice' },
    });
    const bubble = el('div', { className: 'shopguide-bubble', text });
    if (retry) {
      const action = button({ className: 'shopguide-link-btn', text: this.strings.tryAgain });
      action.addEventListener('click', () => {
        item.remove();
        retry();
      });
      bubble.append(document.createTextNode(' '), action);
    }
    item.appendChild(bubble);
    this.log.appendChild(item);
    this.lastRole = 'system';
    this.scrollToBottom();
  }

  private markFailed(view: HTMLElement, text: string, clientMessageId: string, error: unknown): void {
    view.classList.add('shopguide-msg--failed');
    const retry = button({ className: 'shopguide-link-btn', text: this.strings.retry, testId: 'sg-retry' });
    const status = el('div', { className: 'shopguide-delivery', testId: 'sg-delivery-error' }, [
      el('span', { text: `${this.strings.notDelivered} ${this.describeError(error, '')}`.trim() }),
      retry,
    ]);
    retry.addEventListener('click', () => {
      status.remove();
      view.classList.remove('shopguide-msg--failed');
      void this.send(text, clientMessageId, view);
    });
    view.appendChild(status);
    this.scrollToBottom();
  }

  private describeError(error: unknown, fallback: string): string {
    if (error instanceof ApiError) {
      if (error.status === 0) return this.strings.errorNetwork;
      if (error.status === 429) return this.strings.errorRateLimited;
      if (error.status === 413) return this.strings.errorTooLong;
    }
    return fallback || this.strings.errorNetwork;
  }

  /* ---------- handoff and polling ---------- */

  private setMode(mode: ChatMode): void {
    this.mode = mode;
    const active = mode !== 'bot';
    this.banner.hidden = !active;
    this.banner.setAttribute('data-mode', mode);
    this.bannerTitle.textContent = this.strings.handoffTitle;
    this.bannerDetail.textContent =
      mode === 'claimed' ? this.strings.handoffClaimed(this.handoffAuthor) : this.strings.handoffRequested;
    this.statusText.textContent = active ? this.strings.statusHuman : this.strings.status;
    if (active) this.schedulePoll();
    else this.stopPolling();
  }

  private schedulePoll(delay = POLL_INTERVAL_MS): void {
    if (this.destroyed || this.mode === 'bot') return;
    if (this.pollTimer !== undefined) {
      if (delay > 0) return;
      window.clearTimeout(this.pollTimer);
    }
    this.pollTimer = window.setTimeout(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, delay);
  }

  private stopPolling(): void {
    if (this.pollTimer !== undefined) window.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async poll(): Promise<void> {
    const session = this.session;
    if (!session || this.mode === 'bot' || this.destroyed) return;
    // A reply in flight is drawn from its POST response; polling meanwhile could draw it twice.
    // A hidden tab is woken by visibilitychange instead of polling in the background.
    if (this.sending || document.hidden) {
      if (this.sending) this.schedulePoll();
      return;
    }
    try {
      const query = session.cursor ? `?after=${encodeURIComponent(session.cursor)}` : '';
      const history = await this.api.request<Partial<HistoryResponse>>(
        'GET',
        `/messages${query}`,
        session.token,
      );
      if (session !== this.session) return;
      this.pollFailures = 0;
      this.applyHistory(history, true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.setMode('bot');
        return;
      }
      this.pollFailures++;
      this.schedulePoll(Math.min(MAX_POLL_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** this.pollFailures));
    }
  }

  /* ---------- outcome events ---------- */

  private async postEvent(type: 'click' | 'add_to_cart', productId: string, replyId?: string): Promise<void> {
    try {
      const session = await this.ensureSession();
      await this.api.request('POST', '/events', session.token, {
        type,
        productId: String(productId),
        ...(replyId ? { replyId } : {}),
      });
    } catch {
      // Outcome signals are best effort: a lost click must never disturb the shopper.
    }
  }

  private emit(name: string, product: WidgetProduct, replyId?: string): void {
    window.dispatchEvent(
      new CustomEvent(name, { detail: { storeId: this.storeId, replyId, product: { ...product } } }),
    );
  }

  /* ---------- chrome ---------- */

  private submitInput(): void {
    const text = this.input.value;
    if (!text.trim() || this.sending) return;
    this.input.value = '';
    this.autosize();
    void this.send(text);
  }

  private adoptLanguage(language: Language | undefined): void {
    if (!language || language === this.language) return;
    this.language = language;
    this.strings = STRINGS[language];
    this.applyStrings();
    this.persist();
  }

  private applyStrings(): void {
    const s = this.strings;
    this.root.setAttribute('lang', this.language === 'zh' ? 'zh-CN' : 'en');
    this.avatar.textContent = initials(this.storeName);
    this.title.textContent = this.storeName;
    this.panel.setAttribute('aria-label', s.openChat(this.storeName));
    this.log.setAttribute('aria-label', s.conversation);
    this.typingLabel.textContent = s.typing;
    this.suggestions.setAttribute('aria-label', s.suggestions);
    this.input.placeholder = s.placeholder;
    this.input.setAttribute('aria-label', s.messageLabel);
    this.sendButton.setAttribute('aria-label', s.send);
    this.sendButton.title = s.send;
    this.restartButton.setAttribute('aria-label', s.restart);
    this.restartButton.title = s.restart;
    this.closeButton?.setAttribute('aria-label', s.closeChat);
    if (this.closeButton) this.closeButton.title = s.closeChat;
    this.launcher?.setAttribute('aria-label', s.openChat(this.storeName));
    this.footer.textContent = s.poweredBy;
    this.setMode(this.mode);
  }

  private updateSendState(): void {
    this.sendButton.disabled = this.sending || this.input.value.trim() === '';
    this.log.setAttribute('aria-busy', String(this.sending));
  }

  private showTyping(visible: boolean): void {
    this.typing.hidden = !visible;
    if (visible) this.scrollToBottom();
  }

  private setUnread(count: number): void {
    this.unread = count;
    if (!this.launcherBadge) return;
    this.launcherBadge.hidden = count === 0;
    this.launcherBadge.textContent = count > 9 ? '9+' : String(count);
  }

  private autosize(): void {
    // An empty box keeps its one row: Chrome's scrollHeight would otherwise count a wrapped placeholder.
    if (this.input.value === '') {
      this.input.style.height = '';
      return;
    }
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  private scrollToBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Formatting                                                                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

function formatPrice(price: number, currency: string | undefined, locale: string): string {
  if (!Number.isFinite(price)) return '';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD' }).format(price);
  } catch {
    // An unknown currency code must not hide the price.
    return `${price.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

function formatTime(at: string, locale: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toISOString();
  }
}

function applyAccent(root: HTMLElement, color: string | undefined): void {
  const rgb = parseHexColor(color);
  if (!rgb) return;
  root.style.setProperty('--sg-accent', toHex(rgb));
  root.style.setProperty('--sg-accent-rgb', rgb.join(', '));
  root.style.setProperty('--sg-accent-dark', toHex(rgb.map((c) => c * 0.7)));
}

function pageLanguage(): Language {
  const candidates = [document.documentElement.lang, ...(navigator.languages ?? []), navigator.language];
  for (const candidate of candidates) {
    if (!candidate) continue;
    return candidate.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }
  return 'en';
}

function humanizeStoreId(storeId: string): string {
  return storeId
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Boot: one global namespace, and one widget per script tag.                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

function mount(options: MountOptions): WidgetHandle {
  const widget = new ChatWidget(options);
  api.widgets.push(widget);
  return widget;
}

const globalScope = (typeof window !== 'undefined' ? window : globalThis) as unknown as {
  ShopGuide?: ShopGuideApi;
};
const api: ShopGuideApi = globalScope.ShopGuide ?? { version: VERSION, mount, widgets: [] };
globalScope.ShopGuide = api;

/** The API base is the script's own URL minus `/webchat/widget.js` (which keeps an API Gateway stage path). */
function apiBaseFromScript(script: HTMLScriptElement): string | undefined {
  const explicit = script.getAttribute('data-api');
  try {
    const url = new URL(explicit || script.src, document.baseURI);
    if (explicit) return url.href.replace(/\/+$/, '');
    const path = url.pathname.replace(/\/webchat\/widget\.js$/, '');
    return `${url.origin}${path === url.pathname ? '' : path}`;
  } catch {
    return undefined;
  }
}

function bootFromScript(script: HTMLScriptElement): void {
  if (script.hasAttribute('data-shopguide-mounted')) return;
  const storeId = script.getAttribute('data-store')?.trim();
  const apiBase = apiBaseFromScript(script);
  if (!storeId || !apiBase) return;
  script.setAttribute('data-shopguide-mounted', 'true');
  const inline = script.getAttribute('data-mode') === 'inline';
  const target = inline
    ? (document.querySelector(script.getAttribute('data-target') || '#shopguide-chat') ?? undefined)
    : undefined;
  const lang = script.getAttribute('data-lang');
  const customerId = script.getAttribute('data-customer-id');
  const signature = script.getAttribute('data-customer-signature');
  const expiresAt = Number(script.getAttribute('data-customer-expires'));
  mount({
    storeId,
    apiBase,
    mode: target ? 'inline' : 'floating',
    target,
    color: script.getAttribute('data-color') ?? undefined,
    language: lang === 'zh' || lang === 'en' ? lang : undefined,
    customer:
      customerId && signature && Number.isInteger(expiresAt)
        ? { id: customerId, expiresAt, signature }
        : undefined,
  });
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') {
  // currentScript is only set while this file first runs, so capture it before waiting for the DOM.
  const current = document.currentScript;
  const scripts: HTMLScriptElement[] =
    current instanceof HTMLScriptElement
      ? [current]
      : Array.from(document.querySelectorAll<HTMLScriptElement>('script[data-store][src*="widget.js"]'));
  const boot = () => scripts.forEach(bootFromScript);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
  else boot();
}
