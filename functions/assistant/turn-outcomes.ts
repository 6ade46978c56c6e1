import { createHash } from 'node:crypto';
import type { ConversationState, Message } from '../conversations/conversation';
import { languageOf } from '../handoff/texts';
import { rememberShown } from './conversation/constraints';
import type { SearchPlan } from './conversation/refine';
import type { DraftReply } from './offline-assistant';
import type { ShopperReply } from './types';

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
