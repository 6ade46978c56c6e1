import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../observability/logger';
import { slackErrorCode } from './errors';
import { THINKING_TEXT } from './texts';

export interface ReplyContent {
  text: string;
  blocks: KnownBlock[];
  /** The first block is plain text (a merchant's FAQ answer), never markdown. */
  plain?: boolean;
}

export interface ReplyTarget {
  channel: string;
  threadTs?: string;
  teamId: string;
  userId?: string;
}

/** Slack error codes meaning "this workspace or conversation cannot stream", as opposed to a transient failure. */
const STREAMING_UNAVAILABLE = new Set([
  'unknown_method',
  'method_deprecated',
  'not_allowed_token_type',
  'missing_scope',
  'feature_not_enabled',
  'not_authed',
  'invalid_arguments',
  'not_in_channel',
  'channel_type_not_supported',
  'team_not_allowed',
]);

/**
 * Delivers answers. Channel answers are one `chat.postMessage`. Conversational answers (DMs, assistant
 * threads) stream with `chat.startStream`/`appendStream`/`stopStream` where the workspace supports it, and
 * otherwise post a placeholder and update it, so the user sees progress either way.
 */
export class SlackReplier {
  private readonly noStreaming = new Set<string>();

  constructor(private readonly logger: Logger) {}

  async post(client: WebClient, target: ReplyTarget, content: ReplyContent): Promise<string | undefined> {
    const out = await client.chat.postMessage({
      channel: target.channel,
      thread_ts: target.threadTs,
      text: content.text,
      blocks: content.blocks,
      unfurl_links: false,
    });
    return out.ts;
  }

  async converse(
    client: WebClient,
    target: ReplyTarget,
    produce: () => Promise<ReplyContent>,
  ): Promise<void> {
    if (!this.noStreaming.has(target.teamId)) {
      const ts = await this.startStream(client, target);
      if (ts) {
        const content = await produce();
        await client.chat.appendStream({
          channel: target.channel,
          ts,
          chunks: [
            { type: 'task_update', id: 'answer', title: THINKING_TEXT, status: 'complete' },
            // Plain text is not streamed as markdown: it arrives as the plain_text block of the stop.
            ...(content.plain ? [] : [{ type: 'markdown_text' as const, text: content.text }]),
          ],
        });
        await client.chat.stopStream({
          channel: target.channel,
          ts,
          blocks: content.plain ? content.blocks : content.blocks.slice(1),
        });
        return;
      }
    }
    const placeholder = await client.chat.postMessage({
      channel: target.channel,
      thread_ts: target.threadTs,
      text: THINKING_TEXT,
    });
    const content = await produce();
    if (!placeholder.ts) {
      await this.post(client, target, content);
      return;
    }
    await client.chat.update({
      channel: target.channel,
      ts: placeholder.ts,
      text: content.text,
      blocks: content.blocks,
    });
  }

  /** Starts a stream, or returns undefined (and remembers it) when this workspace cannot stream. */
  private async startStream(client: WebClient, target: ReplyTarget): Promise<string | undefined> {
    if (!target.threadTs) return undefined;
    try {
      const out = await client.chat.startStream({
        channel: target.channel,
        thread_ts: target.threadTs,
        recipient_team_id: target.teamId,
        recipient_user_id: target.userId,
        chunks: [{ type: 'task_update', id: 'answer', title: THINKING_TEXT, status: 'in_progress' }],
      });
      return out.ts;
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !STREAMING_UNAVAILABLE.has(code)) throw error;
      this.logger.info('Slack streaming unavailable; posting and updating instead', {
        teamId: target.teamId,
        code,
      });
      this.noStreaming.add(target.teamId);
      return undefined;
    }
  }
}
