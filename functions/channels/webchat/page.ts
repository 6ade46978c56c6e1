/**
 * The shopper chat page served at `GET /` (the demo store) and `GET /webchat/{storeId}`: the store's name and
 * the widget rendered inline, exactly as a store would embed it. Only the demo store gets the pretend
 * storefront around it (category links, shipping offer, cart, marketing copy): a real store's page must not
 * promise what the store never said. Every interpolated value is escaped.
 */

export interface ChatPageOptions {
  storeId: string;
  storeName: string;
  /** URL of the widget script, usually `/webchat/widget.js` or the API's absolute URL of it. */
  widgetSrc: string;
  /** The demo store: show the pretend storefront around the chat. */
  demo?: boolean;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

const PAGE_STYLES = `
*,*::before,*::after{box-sizing:border-box}
html,body{height:100%}
body{margin:0;font-family:ui-sans-serif,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#0f172a;background:#f8fafc;-webkit-font-smoothing:antialiased}
.store-header{position:sticky;top:0;z-index:1;display:flex;align-items:center;gap:28px;height:64px;padding:0 clamp(16px,4vw,48px);background:rgba(255,255,255,.92);backdrop-filter:saturate(1.4) blur(10px);border-bottom:1px solid #e2e8f0}
.store-brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:18px;letter-spacing:-.02em;color:inherit;text-decoration:none}
.store-logo{display:grid;place-items:center;width:32px;height:32px;border-radius:9px;background:linear-gradient(135deg,#4338ca,#312e81);color:#fff;font-size:15px}
.store-nav{display:flex;gap:22px;font-size:14px;color:#475569}
.store-nav span{cursor:default}
.store-actions{margin-left:auto;display:flex;align-items:center;gap:10px;font-size:13px;color:#64748b}
.store-cart{display:inline-flex;align-items:center;gap:6px;padding:7px 12px;border-radius:999px;background:#f1f5f9;color:#0f172a;font-weight:600}
.store-cart-count{min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#4338ca;color:#fff;font-size:11px;line-height:20px;text-align:center}
.store-main{display:grid;grid-template-columns:minmax(0,1fr) minmax(360px,440px);gap:clamp(24px,5vw,72px);align-items:center;max-width:1160px;min-height:calc(100vh - 64px);margin:0 auto;padding:40px clamp(16px,4vw,48px)}
.store-hero h1{margin:0 0 14px;font-size:clamp(30px,4vw,46px);line-height:1.08;letter-spacing:-.035em}
.store-hero p{margin:0 0 26px;max-width:30em;font-size:17px;line-height:1.6;color:#475569}
.store-eyebrow{display:inline-block;margin-bottom:16px;padding:5px 11px;border-radius:999px;background:#eef2ff;color:#4338ca;font-size:12.5px;font-weight:600;letter-spacing:.01em}
.store-points{display:grid;gap:12px;margin:0;padding:0;list-style:none;font-size:15px;color:#334155}
.store-points li{display:flex;gap:10px;align-items:flex-start}
.store-points li::before{content:"";flex:none;width:18px;height:18px;margin-top:2px;border-radius:50%;background:#e0e7ff url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%234338ca' stroke-width='3' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpath d='M6 12.5l4 4L18 8.5'/%3E%3C/svg%3E") center/12px no-repeat}
.store-chat{height:min(700px,calc(100vh - 128px));min-height:520px}
.store-main.chat-only{grid-template-columns:minmax(0,560px);justify-content:center}
.store-footer{padding:24px;text-align:center;font-size:12px;color:#94a3b8}
@media (max-width:900px){.store-main{grid-template-columns:1fr;min-height:0;padding-top:28px}.store-hero h1{font-size:30px}.store-chat{height:640px}}
@media (max-width:720px){
  .store-header,.store-hero,.store-footer{display:none}
  .store-main{display:block;padding:0;min-height:0}
  .store-chat{height:100vh;height:100dvh;min-height:0}
}
`;

/** The demo's pretend storefront: category links, a shipping offer and a cart that counts add-to-cart clicks. */
function demoHeaderExtras(): string {
  return `
  <nav class="store-nav" aria-label="Categories"><span>Phones</span><span>Laptops</span><span>Beauty</span><span>Home</span><span>Deals</span></nav>
  <div class="store-actions"><span class="store-actions-text">Free shipping over $50</span><span class="store-cart" aria-label="Cart, 0 items">Cart <span class="store-cart-count" id="store-cart-count">0</span></span></div>`;
}

function demoHero(name: string): string {
  return `
  <section class="store-hero">
    <span class="store-eyebrow">Shopping assistant</span>
    <h1>Find the right thing at ${name}, faster.</h1>
    <p>Ask in your own words, in English or 中文. The assistant searches the live catalog, compares prices and stock, tracks your orders, and brings in a person from our team whenever you want one.</p>
    <ul class="store-points">
      <li>Recommendations from what is actually in stock</li>
      <li>Order status, shipping and returns answers</li>
      <li>A real person on request, right in this chat</li>
    </ul>
  </section>`;
}

const DEMO_CART_SCRIPT = `
<script>
  window.addEventListener('shopguide:add-to-cart', function () {
    var badge = document.getElementById('store-cart-count');
    if (badge) badge.textContent = String(Number(badge.textContent || '0') + 1);
  });
</script>`;

/** The chat page for one store. */
export function renderChatPage({ storeId, storeName, widgetSrc, demo = false }: ChatPageOptions): string {
  const name = escapeHtml(storeName);
  const initial = escapeHtml(Array.from(storeName.trim())[0]?.toUpperCase() ?? 'S');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light">
<title>${name} · Shopping assistant</title>
<style>${PAGE_STYLES}</style>
</head>
<body>
<header class="store-header">
  <a class="store-brand" href="#" aria-label="${name} home"><span class="store-logo" aria-hidden="true">${initial}</span>${name}</a>${demo ? demoHeaderExtras() : ''}
</header>
<main class="store-main${demo ? '' : ' chat-only'}">${demo ? demoHero(name) : ''}
  <section class="store-chat" id="shopguide-chat" aria-label="Chat with ${name}"></section>
</main>
<footer class="store-footer">${demo ? `${name} · demo storefront powered by ShopGuide` : 'Powered by ShopGuide'}</footer>${demo ? DEMO_CART_SCRIPT : ''}
<script src="${escapeHtml(widgetSrc)}" data-store="${escapeHtml(storeId)}" data-mode="inline" async></script>
</body>
</html>
`;
}

/** A friendly 404 page for a store id that does not exist. The caller sets the status code. */
export function renderNotFoundPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Store not found · ShopGuide</title>
<style>
body{margin:0;min-height:100vh;display:grid;place-items:center;font-family:ui-sans-serif,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Arial,sans-serif;background:#f8fafc;color:#0f172a}
.card{max-width:420px;margin:24px;padding:36px 32px;border-radius:18px;background:#fff;box-shadow:0 20px 50px rgba(15,23,42,.08),0 0 0 1px rgba(15,23,42,.05);text-align:center}
h1{margin:0 0 10px;font-size:22px;letter-spacing:-.02em}
p{margin:0;color:#64748b;line-height:1.6}
</style>
</head>
<body>
<main class="card">
  <h1>Store not found</h1>
  <p>There is no shopping assistant at this address. Check the link, or ask the store for its chat page.</p>
</main>
</body>
</html>
`;
}
