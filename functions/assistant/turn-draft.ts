import type { ConversationState, Message } from '../conversations/conversation';
import { answerFromFaq, storeAnswerFor } from '../faq/faq-reply';
import type { ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import { checkGrounding } from './grounding';
import { answerWithLlm } from './llm-assistant';
import { answerOffline, type DraftReply } from './offline-assistant';
import type { Understanding } from './query-understanding';
import { TEXT } from './reply-templates';
import type { ToolContext } from './tools';
import { TurnLedger } from './turn-ledger';
import type { ShopperReply } from './types';

export interface DraftTurnInput {
  /** Present in LLM mode. */
  chatModel?: ChatModel;
  text: string;
  understanding: Understanding;
  state: ConversationState;
  /** The conversation so far, without the message being answered. */
  history: Message[];
  context: ToolContext;
  log: Logger;
}

export interface DraftedTurn {
  draft: DraftReply;
  source: ShopperReply['source'];
  /** Why the model's answer was replaced by the offline assistant's, when it was. */
  fallbackReason?: string;
  /** What the tools of the answer that was kept returned: grounding, signals and handoff read it. */
  ledger: TurnLedger;
}

/**
 * The answer to one shopper message, before it is stored. The model answers when there is one and the bot owns
 * the conversation; the offline assistant answers otherwise, and whenever the model's answer fails (an error,
 * a timeout, or a reply its own tool results do not support), from the store FAQ first, then the catalog.
 */
export async function draftTurnReply(input: DraftTurnInput): Promise<DraftedTurn> {
  const { text, understanding, state, context, log } = input;
  const { index } = context;
  let fallbackReason: string | undefined;
  if (input.chatModel && state.mode === 'bot') {
    const ledger = new TurnLedger();
    const outcome = await answerWithLlm({
      model: input.chatModel,
      text,
      language: understanding.language,
      state,
      history: input.history,
      context,
      ledger,
      catalogTitles: () => index.titles(),
      storeAnswer: storeAnswerFor(text, understanding, context),
    });
    if (outcome.status === 'answered') return { draft: outcome.draft, source: 'llm', ledger };
    fallbackReason = outcome.reason;
    log.warn('LLM answer replaced by the offline assistant', { reason: outcome.reason });
  }
  const ledger = new TurnLedger();
  const draft =
    state.mode === 'handoff_requested' && understanding.intent === 'human'
      ? {
          text: TEXT.handoffPending[understanding.language],
          products: [],
          suggestions: [],
          language: understanding.language,
        }
      : (answerFromFaq(text, understanding, context, ledger) ??
        (await answerOffline(text, understanding, context, ledger)));
  const grounding = checkGrounding({
    reply: draft.text,
    ledger,
    catalogTitles: index.titles(),
    catalogBrands: index.brands(),
    shopperText: text,
  });
  if (!grounding.ok) log.error('Offline reply failed the grounding check', { problems: grounding.problems });
  return { draft, source: 'offline', fallbackReason, ledger };
}
