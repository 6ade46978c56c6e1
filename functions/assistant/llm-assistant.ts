import type { Product } from '../catalog/product';
import type { ConversationState, Language, Message } from '../conversations/conversation';
import type { ChatMessage, ChatModel, ChatResult } from '../llm/chat-model';
import { buildComparison } from './conversation/comparison';
import { describeConstraints } from './conversation/constraints';
import { checkGrounding } from './grounding';
import { describePreferences, estimateTokens, historyWindow } from './memory';
import type { DraftReply } from './draft';
import { suggestionsFor } from './reply-templates';
import { TOOL_DEFINITIONS } from './tool-definitions';
import { runTool, type ToolContext } from './tools';
import type { TurnLedger } from './turn-ledger';

/** Prompt budget per model call, in estimated tokens (docs/quality-bars.md: ≤ 3,000 per turn). */
export const PROMPT_TOKEN_BUDGET = 3000;
const MAX_TOOL_ROUNDS = 3;
const TOOL_RESULT_MAX_CHARS = 1400;
const TOOLS_TOKENS = estimateTokens(JSON.stringify(TOOL_DEFINITIONS));

export type LlmOutcome =
  | { status: 'answered'; draft: DraftReply; promptTokens: number[] }
  | { status: 'failed'; reason: string; promptTokens: number[] };

export interface LlmTurnInput {
  model: ChatModel;
  text: string;
  language: Language;
  state: ConversationState;
  history: Message[];
  context: ToolContext;
  ledger: TurnLedger;
  catalogTitles: () => Iterable<{ id: string; title: string }>;
  /** The store FAQ's answer to this question, when an entry answers it: the reply may not go beyond it. */
  storeAnswer?: string;
}

/**
 * One shopper turn through the model: a bounded prompt, up to three rounds of tool calls, then a grounding
 * check. An ungrounded answer is regenerated once with the problems spelled out; any failure is returned as
 * a value so the caller can fall back to the offline assistant.
 */
export async function answerWithLlm(input: LlmTurnInput): Promise<LlmOutcome> {
  const promptTokens: number[] = [];
  const messages = buildPrompt(input);
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await runToolLoop(input, messages, promptTokens);
    if (result.status !== 'success') return { status: 'failed', reason: result.status, promptTokens };
    const text = (result.content ?? '').trim();
    if (!text) return { status: 'failed', reason: 'empty_answer', promptTokens };
    const grounding = checkGrounding({
      reply: text,
      ledger: input.ledger,
      catalogTitles: input.catalogTitles(),
      catalogBrands: input.context.index.brands(),
      shopperText: input.text,
      storeAnswer: input.storeAnswer,
    });
    if (grounding.ok) {
      return { status: 'answered', draft: toDraft(text, input), promptTokens };
    }
    messages.push(
      { role: 'assistant', content: text },
      {
        role: 'user',
        content:
          `SYSTEM CHECK: your reply was rejected: ${grounding.problems.slice(0, 5).join('; ')}. ` +
          'Call the tools again if needed and only state products, prices and stock that the tools returned in this turn; ' +
          "when quoting the store's FAQ answer, say only what it says.",
      },
    );
  }
  return { status: 'failed', reason: 'ungrounded', promptTokens };
}

async function runToolLoop(
  input: LlmTurnInput,
  messages: ChatMessage[],
  promptTokens: number[],
): Promise<ChatResult> {
  for (let round = 0; ; round++) {
    trimToBudget(messages);
    promptTokens.push(countPrompt(messages));
    const lastRound = round >= MAX_TOOL_ROUNDS;
    const result = await input.model.complete({
      messages,
      tools: lastRound ? undefined : TOOL_DEFINITIONS,
      maxTokens: 500,
    });
    if (result.status !== 'success' || result.toolCalls.length === 0 || lastRound) return result;
    messages.push({ role: 'assistant', content: result.content, toolCalls: result.toolCalls });
    for (const call of result.toolCalls.slice(0, 4)) {
      const output = await runTool(call.name, call.arguments, input.context, input.ledger);
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        content: JSON.stringify(output).slice(0, TOOL_RESULT_MAX_CHARS),
      });
    }
  }
}

function buildPrompt(input: LlmTurnInput): ChatMessage[] {
  const { store } = input.context;
  const variant = input.context.plan.variant;
  const style =
    variant.style === 'concise'
      ? 'Be brief: two short sentences at most, then up to 4 products as a list.'
      : 'Be consultative: explain the main trade-off in one or two sentences and end with one question about their needs.';
  const languageName = input.language === 'zh' ? 'Simplified Chinese' : 'English';
  const preferences = describePreferences(input.state.preferences);
  const constraints = describeConstraints(input.context.constraints);
  const system = [
    `You are the shopping assistant of ${store.name}. Prices are in ${store.currency}.`,
    'Rules: call search_products, get_product or recommend before naming any product; state only the products, prices and stock that tools returned in this turn, never from memory. Use get_policy for shipping, returns and warranty, order_status for orders. If the shopper wants a person, call request_human.',
    "For other questions about the store (where it ships, how to pay, its services), call store_faq: quote the store's answer and add no place, payment method, price or time it does not state.",
    `Reply in ${languageName}. ${style}`,
    input.state.summary ? `Earlier in this conversation: ${input.state.summary}` : '',
    preferences ? `Shopper preferences: ${preferences}.` : '',
    shownListLine(input.context),
    constraints ? `Active constraints (keep them unless the shopper changes them): ${constraints}.` : '',
    'For "the first one", "it" or "compare the first two", use the shown list ids. To compare, call compare_products; to add to the cart, call add_to_cart. Give each product you recommend a short reason.',
  ]
    .filter(Boolean)
    .join('\n');
  const history = historyWindow(input.history).map((m): ChatMessage => ({
    role: m.role,
    content: m.content,
  }));
  return [{ role: 'system', content: system }, ...history, { role: 'user', content: input.text }];
}

const SHOWN_IN_PROMPT = 8;

/** The last list as the shopper saw it, numbered, with ids: what references resolve against. */
function shownListLine(context: ToolContext): string {
  const items = context.lastProductIds
    .slice(0, SHOWN_IN_PROMPT)
    .map((id, i) => {
      const p = context.index.get(id);
      return p ? `${i + 1}) id ${p.id}: ${p.title.slice(0, 40)}, ${p.price}` : '';
    })
    .filter(Boolean);
  const focus = context.focusProductId ? context.index.get(context.focusProductId) : undefined;
  return [
    items.length ? `Shown list: ${items.join('; ')}.` : '',
    focus ? `Last product discussed ("it"): id ${focus.id}: ${focus.title.slice(0, 40)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Drops the oldest history turns (never the system prompt or the current question) until within budget. */
function trimToBudget(messages: ChatMessage[]): void {
  // Trim below the budget: the wire format (JSON framing, tool schemas) adds a little on top of the estimate.
  while (countPrompt(messages) > PROMPT_TOKEN_BUDGET * 0.85) {
    const index = messages.findIndex(
      (m, i) =>
        i > 0 &&
        (m.role === 'user' || m.role === 'assistant') &&
        i < messages.length - 1 &&
        !('toolCalls' in m && m.toolCalls?.length),
    );
    if (index < 0) {
      const tool = messages.findIndex((m) => m.role === 'tool' && m.content.length > 300);
      if (tool < 0) return;
      const message = messages[tool] as Extract<ChatMessage, { role: 'tool' }>;
      messages[tool] = { ...message, content: `${message.content.slice(0, 300)}…` };
      continue;
    }
    messages.splice(index, 1);
  }
}

export function countPrompt(messages: ChatMessage[]): number {
  let total = TOOLS_TOKENS;
  for (const m of messages) {
    const content = 'content' in m && m.content ? m.content : '';
    const calls = m.role === 'assistant' && m.toolCalls ? JSON.stringify(m.toolCalls) : '';
    total += 4 + estimateTokens(content) + estimateTokens(calls);
  }
  return total;
}

/**
 * Cards for the products the reply names, in the order it names them; else the top of the last search.
 * A comparison shows exactly the compared products, a cart action its product.
 */
function toDraft(text: string, input: LlmTurnInput): DraftReply {
  const { ledger, language } = input;
  const lower = text.toLowerCase();
  const mentioned = [...ledger.products.values()]
    .map((p) => ({ p, at: lower.indexOf(p.title.toLowerCase()) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.p);
  const byId = (id: string) => ledger.products.get(id);
  const compared = ledger.comparison?.productIds.map(byId).filter((p): p is Product => !!p);
  const carted = ledger.actions.map((a) => byId(a.productId)).filter((p): p is Product => !!p);
  const products: Product[] = compared?.length
    ? compared
    : carted.length
      ? carted
      : mentioned.length
        ? mentioned.slice(0, 5)
        : ledger.lastSearch.slice(0, 3);
  const kind = ledger.handoffRequested ? 'handoff' : products.length ? 'results' : 'greeting';
  const draft: DraftReply = { text, products, suggestions: suggestionsFor(kind, language), language };
  // The table is rebuilt in the shopper's language from the same catalog products.
  if (compared && compared.length >= 2) draft.comparison = buildComparison(compared, language).comparison;
  if (ledger.actions.length) draft.actions = [...ledger.actions];
  return draft;
}
