import { createHash } from 'node:crypto';
import type { ConversationState, Message } from '../conversations/conversation';
import { languageOf } from '../handoff/texts';
import { rememberShown } from './conversation/constraints';
import type { SearchPlan } from './conversation/refine';
import type { DraftReply } from './offline-assistant';
import type { ConversationStore } from '../ports/conversation-store';
import { HISTORY_MESSAGES } from './memory';
import type { ShopperReply, ShopperTurnInput } from './types';

/** Replies a turn gives without composing a new answer, and the shown-list memory a composed answer leaves. */
export function replayOf(message: Message, replyId: string): ShopperReply {
  return {
    replyId,
    text: message.text,
    products: message.products ?? [],
    actions: message.actions ?? [],
    ...(message.comparison ? { comparison: message.comparison } : {}),
    handoff: false,
    suggestions: [],
    language: languageOf(message.text),
    mode: 'bot',
    variantId: message.variantId ?? 'unknown',
    source: 'offline',
  };
}

export function silentReply(replyId: string, state: ConversationState): ShopperReply {
  return {
    replyId,
    text: '',
    products: [],
    actions: [],
    handoff: true,
    suggestions: [],
    language: state.preferences.language ?? 'en',
    mode: state.mode,
    variantId: state.variantId ?? 'none',
    source: 'silent',
  };
}

export function searchOf(plan: SearchPlan): DraftReply['search'] {
  return { constraints: plan.constraints, fresh: plan.fresh };
}

/**
 * The shown list and constraints after a reply: a list replaces the last list (a cart action keeps it,
 * so "add the second one too" still points at the same list), and a fresh search restarts "shown".
 */
export function nextShown(
  state: ConversationState,
  draft: DraftReply,
  search: DraftReply['search'],
): Pick<ConversationState, 'lastProductIds' | 'shownIds' | 'constraints' | 'focusProductId'> {
  const previous = {
    lastProductIds: state.lastProductIds,
    focusProductId: state.focusProductId,
    shownIds: state.shownIds ?? [],
    constraints: state.constraints,
  };
  const next = rememberShown(
    previous,
    draft.products.map((p) => p.id),
    search?.constraints,
    !!search?.fresh,
  );
  return {
    lastProductIds: next.lastProductIds,
    shownIds: next.shownIds,
    constraints: next.constraints,
    focusProductId: next.focusProductId,
  };
}

/** A reply id derived from the message, so a retried message maps to the same reply. */
export function replyIdFor(storeId: string, conversationId: string, messageId: string): string {
  return `r_${createHash('sha256').update(`${storeId}|${conversationId}|${messageId}`).digest('base64url').slice(0, 20)}`;
}

/** How long a duplicate message waits for the original's reply: longer than an LLM turn with retries. */
const DUPLICATE_WAIT_MS = 20_000;

/**
 * A duplicate of a message that is still being answered (a client retry racing the original) waits for
 * that answer instead of producing a second one. If it never comes (the first attempt died), this one
 * answers: at least once, and exactly once whenever the first attempt succeeds.
 */
export async function awaitReply(
  conversations: Pick<ConversationStore, 'lastMessages'>,
  storeId: string,
  conversationId: string,
  replyId: string,
): Promise<Message | undefined> {
  for (
    let waited = 0, delay = 100;
    waited < DUPLICATE_WAIT_MS;
    waited += delay, delay = Math.min(delay * 2, 1000)
  ) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const recent = await conversations.lastMessages(storeId, conversationId, HISTORY_MESSAGES + 4);
    const reply = recent.find((m) => m.replyId === replyId && m.role === 'assistant');
    if (reply) return reply;
  }
  return undefined;
}

/** A reply written by the handoff flow (unclaimed notice, email received), stored like any reply. */
export async function storeHandoffReply(
  conversations: Pick<ConversationStore, 'appendMessage' | 'recordReply'>,
  turn: {
    storeId: string;
    input: Pick<ShopperTurnInput, 'conversationId'>;
    replyId: string;
    text: string;
    state: ConversationState;
  },
): Promise<ShopperReply> {
  const { storeId, replyId, text, state } = turn;
  const conversationId = turn.input.conversationId;
  const stored = await conversations.appendMessage({
    id: replyId,
    storeId,
    conversationId,
    role: 'assistant',
    text,
    replyId,
  });
  await conversations.recordReply(storeId, conversationId, {
    replyId,
    productIds: [],
    variantId: state.variantId,
    at: stored.at,
  });
  return {
    replyId,
    text: stored.text,
    products: [],
    actions: [],
    handoff: state.mode !== 'bot',
    suggestions: [],
    language: languageOf(text, state.preferences.language),
    mode: state.mode,
    variantId: state.variantId ?? 'none',
    source: 'offline',
  };
}
