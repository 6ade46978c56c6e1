import type { Language } from '../conversations/conversation';

const formatters = new Map<string, Intl.NumberFormat>();

/** Prices as shoppers read them: `$299.99` in English, `US$299.99` in Chinese for a USD store. */
export function formatPrice(amount: number, currency: string, language: Language): string {
  const locale = language === 'zh' ? 'zh-CN' : 'en-US';
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 });
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}
