import type { ProductCard } from '../catalog/product';
import type { ConversationState, HandoffTrigger, Message } from '../conversations/conversation';
import type { ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import type { HandoffSummary } from './handoff-types';

const MAX_PRODUCTS = 5;
const LAST_MESSAGES = 6;
const MAX_LINE = 300;

const TRIGGER_LABEL: Record<HandoffTrigger, string> = {
  explicit: 'asked for a person',
  unanswered: 'asked two questions in a row the assistant could not answer',
  downvotes: 'rated two answers in a row as unhelpful',
};

/**
 * The card's summary of a conversation. Products, preferences and the last messages always come from stored
 * data; only the prose is written by the LLM when one is configured, and any LLM failure falls back to the
 * extractive prose, so a card never waits on a model outage.
 */
export async function summarizeConversation(input: {
  state: ConversationState;
  messages: Message[];
  trigger: HandoffTrigger;
  chatModel?: ChatModel;
  logger?: Logger;
}): Promise<HandoffSummary> {
  const extractive = extractiveSummary(input.state, input.messages, input.trigger);
  if (!input.chatModel) return extractive;
  const transcript = input.messages
    .filter((m) => m.role !== 'system')
    .slice(-12)
    .map(
      (m) =>
        `${m.role === 'shopper' ? 'Shopper' : m.role === 'merchant' ? 'Staff' : 'Assistant'}: ${m.text.slice(0, MAX_LINE)}`,
    )
    .join('\n');
  const result = await input.chatModel.complete({
    messages: [
      {
        role: 'system',
        content:
          'You brief a store employee who is taking over a chat from a shopping assistant. In at most three short sentences, in English, say what the shopper wants, which products were discussed and any preferences (budget, brand, size). Do not invent products or prices.',
      },
      {
        role: 'user',
        content: `The shopper ${TRIGGER_LABEL[input.trigger]}.\nKnown preferences: ${extractive.preferences.join('; ') || 'none'}\n\n${transcript}`,
      },
    ],
    maxTokens: 160,
    temperature: 0.2,
  });
  if (result.status !== 'success' || !result.content?.trim()) {
    input.logger?.warn('Handoff summary fell back to the extractive one', {
      reason: result.status === 'success' ? 'empty' : result.status,
    });
    return extractive;
  }
  return { ...extractive, text: result.content.trim().slice(0, 1200), source: 'llm' };
}

/** The offline summary: the shopper's intent, the products discussed and their preferences. */
export function extractiveSummary(
  state: ConversationState,
  messages: Message[],
  trigger: HandoffTrigger,
): HandoffSummary {
  const products = productsDiscussed(messages);
  const preferences = describePreferences(state);
  const shopperTexts = messages.filter((m) => m.role === 'shopper').map((m) => m.text);
  const intent = describeIntent(state, products, shopperTexts);
  const parts = [`The shopper ${TRIGGER_LABEL[trigger]}.`, `Intent: ${intent}.`];
  if (products.length > 0) parts.push(`Products discussed: ${products.map((p) => p.title).join(', ')}.`);
  if (preferences.length > 0) parts.push(`Preferences: ${preferences.join('; ')}.`);
  const firstQuestion = shopperTexts.find((t) => t.length > 8);
  if (firstQuestion) parts.push(`First question: "${clip(firstQuestion, 160)}"`);
  return {
    text: parts.join(' '),
    intent,
    products,
    preferences,
    lastMessages: messages
      .slice(-LAST_MESSAGES)
      .map((m) => ({ role: m.role, author: m.author, text: clip(m.text, MAX_LINE) })),
    source: 'extractive',
  };
}

function productsDiscussed(messages: Message[]): ProductCard[] {
  const seen = new Map<string, ProductCard>();
  for (const message of [...messages].reverse()) {
    for (const product of message.products ?? []) {
      if (!seen.has(product.id)) seen.set(product.id, product);
      if (seen.size >= MAX_PRODUCTS) return [...seen.values()];
    }
  }
  return [...seen.values()];
}

function describePreferences(state: ConversationState): string[] {
  const p = state.preferences;
  const out: string[] = [];
  if (p.categories?.length) out.push(`looking at ${p.categories.join(', ')}`);
  if (p.brands?.length) out.push(`brands: ${p.brands.join(', ')}`);
  if (p.budgetMin !== undefined && p.budgetMax !== undefined)
    out.push(`budget ${p.budgetMin}–${p.budgetMax}`);
  else if (p.budgetMax !== undefined) out.push(`budget up to ${p.budgetMax}`);
  else if (p.budgetMin !== undefined) out.push(`budget from ${p.budgetMin}`);
  if (p.size) out.push(`size ${p.size}`);
  if (p.language === 'zh') out.push('writes in Chinese');
  return out;
}

function describeIntent(state: ConversationState, products: ProductCard[], shopperTexts: string[]): string {
  const joined = shopperTexts.join(' ').toLowerCase();
  if (/\border\b|订单|deliver|track|物流|快递/.test(joined)) return 'a question about an order';
  if (/refund|return|退货|退款|exchange|换货/.test(joined)) return 'a return or refund';
  if (/ship|配送|运费|warranty|保修/.test(joined)) return 'a shipping or warranty question';
  const categories = state.preferences.categories ?? [];
  if (categories.length > 0) return `shopping for ${categories.join(', ')}`;
  if (products.length > 0) return `shopping (${products[0]?.category ?? 'products'})`;
  return 'needs help from a person';
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
