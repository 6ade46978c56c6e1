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
import { ChatWidget } from './chat-widget';
import { WIDGET_VERSION } from './limits';
import type { MountOptions, ShopGuideApi, WidgetHandle } from './types';

export type { MountOptions, ShopGuideApi, WidgetHandle } from './types';

function mount(options: MountOptions): WidgetHandle {
  const widget = new ChatWidget(options);
  api.widgets.push(widget);
  return widget;
}

const globalScope = (typeof window !== 'undefined' ? window : globalThis) as unknown as {
  ShopGuide?: ShopGuideApi;
};
const api: ShopGuideApi = globalScope.ShopGuide ?? { version: WIDGET_VERSION, mount, widgets: [] };
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
