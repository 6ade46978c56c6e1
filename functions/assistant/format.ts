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

export function stockLabel(stock: number, language: Language): string {
  if (language === 'zh') {
    if (stock <= 0) return '缺货';
    if (stock <= 5) return `仅剩 ${stock} 件`;
    return '有货';
  }
  if (stock <= 0) return 'out of stock';
  if (stock <= 5) return `only ${stock} left`;
  return 'in stock';
}
