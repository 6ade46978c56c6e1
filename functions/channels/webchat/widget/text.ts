/** Text shaping and formatting for what the widget shows. */
import { containsChinese, type Language } from '../../../language/language';
import type { WireProduct } from '../wire';

const LIST_ITEM = /^\s*(?:[•·*\-–]|\d+[.)、])\s*/;

/**
 * Reply text also serves text-only channels (Slack, Teams), so it lists the products as bullet lines. Here the
 * cards show them, so a bullet line that names a carded product is dropped rather than shown twice.
 */
export function withoutListedProducts(text: string, products: WireProduct[]): string {
  const titles = products.map((p) => String(p.title ?? '').toLowerCase()).filter(Boolean);
  if (titles.length === 0) return text;
  return text
    .split('\n')
    .filter((line) => !(LIST_ITEM.test(line) && titles.some((title) => line.toLowerCase().includes(title))))
    .join('\n')
    .trim();
}

/** The language a piece of text is written in, when it says: Chinese characters, or a Latin word. */
export function guessLanguage(text: string): Language | undefined {
  if (containsChinese(text)) return 'zh';
  if (/[a-z]{3,}/i.test(text)) return 'en';
  return undefined;
}

export function randomId(): string {
  const cryptoApi = typeof crypto !== 'undefined' ? crypto : undefined;
  if (cryptoApi && typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function formatPrice(price: number, currency: string | undefined, locale: string): string {
  if (!Number.isFinite(price)) return '';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD' }).format(price);
  } catch {
    // An unknown currency code must not hide the price.
    return `${price.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

export function formatTime(at: string, locale: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toISOString();
  }
}

export function pageLanguage(): Language {
  const candidates = [document.documentElement.lang, ...(navigator.languages ?? []), navigator.language];
  for (const candidate of candidates) {
    if (!candidate) continue;
    return candidate.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }
  return 'en';
}

export function humanizeStoreId(storeId: string): string {
  return storeId
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
