/**
 * The parts of a Bot Framework activity the Teams bot reads, and the messages it writes. These are our own
 * types, structurally compatible with botbuilder's, so only `botbuilder-adapter.ts` knows botbuilder.
 */
import type {
  ChannelAccountRef,
  ConversationAccountRef,
  ConversationRef,
} from '../../ports/teams-references';

export type { ChannelAccountRef, ConversationAccountRef, ConversationRef };

export interface MentionEntity {
  type: string;
  mentioned?: { id: string; name?: string };
  text?: string;
}

export interface InboundActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  locale?: string;
  channelId: string;
  serviceUrl: string;
  replyToId?: string;
  from: ChannelAccountRef;
  recipient: ChannelAccountRef;
  conversation: ConversationAccountRef;
  entities?: MentionEntity[];
  channelData?: {
    tenant?: { id?: string };
    team?: { id?: string };
    channel?: { id?: string };
    [key: string]: unknown;
  };
}

/** An Adaptive Card, as JSON. */
export type AdaptiveCard = Record<string, unknown>;

export interface OutboundMessage {
  text?: string;
  cards?: AdaptiveCard[];
  /** Quick replies: shown as suggested actions where the channel supports them. */
  suggestions?: string[];
}

/** What an `invoke` activity (a card's Action.Execute) answers with. */
export interface InvokeReply {
  status: number;
  body?: unknown;
}

/** One turn, as the bot logic sees it: the activity plus the ways to answer it. */
export interface BotTurn {
  readonly activity: InboundActivity;
  readonly reference: ConversationRef;
  sendTyping(): Promise<void>;
  /** Sends a message into the turn's conversation; returns the new activity id when the channel gives one. */
  send(message: OutboundMessage): Promise<string | undefined>;
}

export type BotLogic = (turn: BotTurn) => Promise<InvokeReply | void>;
export type ProactiveLogic = (turn: BotTurn) => Promise<void>;

/** The Bot Framework transport: authenticates requests, runs turns, and writes proactively. */
export interface BotChannel {
  /** Authenticates the request (401 without running `logic` when it fails) and runs one turn. */
  handle(
    request: { headers: Record<string, string | undefined>; body: Buffer },
    logic: BotLogic,
  ): Promise<{
    status: number;
    body?: unknown;
  }>;
  /** Opens a turn on an existing conversation, outside any inbound request (digests, late answers). */
  continueConversation(reference: ConversationRef, logic: ProactiveLogic): Promise<void>;
}

export function referenceOf(activity: InboundActivity): ConversationRef {
  return {
    activityId: activity.id,
    bot: activity.recipient,
    user: activity.from,
    conversation: activity.conversation,
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    locale: activity.locale,
  };
}
