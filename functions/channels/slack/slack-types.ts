/**
 * The parts of Slack's HTTP payloads ShopGuide reads. Slack sends more; unknown fields pass through to Bolt
 * untouched because the worker hands Bolt the original body.
 */
export interface SlackEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  event_ts?: string;
  tab?: string;
  team?: string;
  /** The user's own workspace; differs from the installing one for Slack Connect guests. */
  user_team?: string;
}

export interface SlackAuthorization {
  enterprise_id?: string | null;
  team_id?: string | null;
  user_id?: string;
  is_bot?: boolean;
}

export interface SlackEventEnvelope {
  type: 'event_callback';
  team_id?: string;
  enterprise_id?: string;
  api_app_id?: string;
  event_id: string;
  event_time?: number;
  event: SlackEvent;
  authorizations?: SlackAuthorization[];
  authed_users?: string[];
}

/** A slash command, as its form fields. */
export interface SlackCommand {
  command: string;
  text: string;
  team_id: string;
  enterprise_id?: string;
  channel_id: string;
  user_id: string;
  user_name?: string;
  response_url?: string;
  trigger_id?: string;
  [field: string]: string | undefined;
}

export interface SlackInteraction {
  type: string;
  trigger_id?: string;
  team?: { id: string; enterprise_id?: string } | null;
  user?: { id: string; name?: string; team_id?: string };
  container?: { message_ts?: string; channel_id?: string; thread_ts?: string };
  channel?: { id: string };
  message?: { ts?: string; thread_ts?: string };
  actions?: { action_id: string; value?: string; action_ts?: string; block_id?: string }[];
  [field: string]: unknown;
}

export type SlackInbound =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'ssl_check' }
  | { kind: 'event'; body: SlackEventEnvelope }
  | { kind: 'command'; body: SlackCommand }
  | { kind: 'interactive'; body: SlackInteraction }
  | { kind: 'unknown' };

/** What the front door puts on the queue: the verified request, to be parsed again by the worker. */
export interface SlackRequestJobPayload {
  /** The body as UTF-8 text, exactly as signed. */
  body: string;
  contentType: string;
  retryNum?: number;
  retryReason?: string;
  receivedAt: string;
}

export const SLACK_REQUEST_JOB = 'slack.request';

/**
 * Where a block action happened: its channel, message and thread. Bolt types `container` and the message's
 * extra fields as `any`; this reads them as the strings Slack sends.
 */
export function blockActionPlace(body: {
  channel?: { id: string };
  container?: unknown;
  message?: unknown;
}): { channel?: string; messageTs?: string; threadTs?: string } {
  const container = (body.container ?? {}) as NonNullable<SlackInteraction['container']>;
  const message = (body.message ?? {}) as NonNullable<SlackInteraction['message']>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    channel: body.channel?.id ?? text(container.channel_id),
    messageTs: text(message.ts) ?? text(container.message_ts),
    threadTs: text(message.thread_ts) ?? text(container.thread_ts),
  };
}
