import type { Product } from '../catalog/product';
import type { Language, Message, Preferences } from '../conversations/conversation';
import type { Understanding } from './query-understanding';

/** Turns kept verbatim in the prompt; older ones live on in the rolling summary. */
export const HISTORY_MESSAGES = 6;
const SUMMARY_MAX_CHARS = 600;

/**
 * Rough token count that never undercounts by much: ~4 ASCII characters per token, one per CJK character.
 * Used to keep every prompt under the per-turn budget without loading a tokenizer.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const ch of text) if (ch.charCodeAt(0) > 0x2e80) cjk++;
  return Math.ceil((text.length - cjk) / 3.6) + cjk;
}

/** Folds what the shopper said this turn into the captured preferences. */
export function updatePreferences(
  preferences: Preferences,
  understanding: Understanding,
  text: string,
): Preferences {
  const next: Preferences = { ...preferences, language: understanding.language };
  if (understanding.categories.length) next.categories = understanding.categories.slice(0, 3);
  if (understanding.priceMax !== undefined) next.budgetMax = understanding.priceMax;
  if (understanding.priceMin !== undefined) next.budgetMin = understanding.priceMin;
  if (understanding.brand) next.brands = [understanding.brand, ...(preferences.brands ?? [])].slice(0, 3);
  const size =
    /\bsize\s*([0-9]{1,2}(?:\.5)?|xxs|xs|s|m|l|xl|xxl)\b/i.exec(text) ?? /([0-9]{2}(?:\.5)?)\s*码/.exec(text);
  if (size?.[1]) next.size = size[1].toUpperCase();
  return next;
}

/**
 * Extractive rolling summary: what the shopper wanted and what they were shown. Deterministic and cheap,
 * so it works offline and bounds the prompt in LLM mode.
 */
export function updateSummary(
  summary: string,
  shopperText: string,
  shown: Product[],
  language: Language,
): string {
  const asked = shopperText.replace(/\s+/g, ' ').trim().slice(0, 80);
  const products = shown
    .slice(0, 3)
    .map((p) => p.title)
    .join(', ');
  const entry =
    language === 'zh'
      ? `问：${asked}${products ? `；看过：${products}` : ''}`
      : `Asked: ${asked}${products ? `; shown: ${products}` : ''}`;
  const merged = summary ? `${summary} | ${entry}` : entry;
  // Keep the most recent part: older context matters less than what was just discussed.
  return merged.length > SUMMARY_MAX_CHARS
    ? `…${merged.slice(merged.length - SUMMARY_MAX_CHARS + 1)}`
    : merged;
}

export function describePreferences(preferences: Preferences): string {
  const parts: string[] = [];
  if (preferences.categories?.length) parts.push(`interested in ${preferences.categories.join(', ')}`);
  if (preferences.budgetMax !== undefined) parts.push(`budget up to ${preferences.budgetMax}`);
  if (preferences.budgetMin !== undefined) parts.push(`budget from ${preferences.budgetMin}`);
  if (preferences.brands?.length) parts.push(`likes ${preferences.brands.join(', ')}`);
  if (preferences.size) parts.push(`size ${preferences.size}`);
  return parts.join('; ');
}

/** The verbatim history window, oldest first, as chat turns. */
export function historyWindow(messages: Message[]): { role: 'user' | 'assistant'; content: string }[] {
  return messages
    .filter((m) => m.role === 'shopper' || m.role === 'assistant' || m.role === 'merchant')
    .slice(-HISTORY_MESSAGES)
    .map((m) => ({
      role: m.role === 'shopper' ? ('user' as const) : ('assistant' as const),
      content: (m.role === 'merchant' ? `[store staff] ${m.text}` : m.text).slice(0, 600),
    }));
}
