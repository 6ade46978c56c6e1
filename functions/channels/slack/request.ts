import { ValidationError } from '../../errors/errors';
import type { SlackCommand, SlackEventEnvelope, SlackInbound, SlackInteraction } from './slack-types';

/**
 * Parses a verified Slack request body. Events are JSON; slash commands are form fields; interactivity is a
 * form field `payload` holding JSON (Slack also documents a JSON form, which is accepted too). The bytes are
 * decoded as UTF-8 here, once, so Chinese text arrives intact.
 */
export function parseSlackRequest(body: Buffer, contentType = ''): SlackInbound {
  const text = body.toString('utf8');
  const isForm = contentType.toLowerCase().includes('application/x-www-form-urlencoded');
  const looksJson = text.trimStart().startsWith('{');
  if (!isForm && looksJson) return fromJson(parseJson(text));
  const form = new URLSearchParams(text);
  const payload = form.get('payload');
  if (payload !== null) return fromJson(parseJson(payload));
  if (form.get('ssl_check') === '1') return { kind: 'ssl_check' };
  if (form.get('command')) {
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) fields[name] = value;
    return { kind: 'command', body: { text: '', ...fields } as SlackCommand };
  }
  if (looksJson) return fromJson(parseJson(text));
  return { kind: 'unknown' };
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the typed error
  }
  throw new ValidationError('Malformed Slack payload');
}

function fromJson(body: Record<string, unknown>): SlackInbound {
  switch (body.type) {
    case 'url_verification':
      return {
        kind: 'url_verification',
        challenge: typeof body.challenge === 'string' ? body.challenge : '',
      };
    case 'event_callback':
      if (typeof body.event_id !== 'string' || !body.event || typeof body.event !== 'object') {
        throw new ValidationError('Malformed Slack event');
      }
      return { kind: 'event', body: body as unknown as SlackEventEnvelope };
    case 'block_actions':
    case 'view_submission':
    case 'view_closed':
    case 'shortcut':
    case 'message_action':
    case 'block_suggestion':
      return { kind: 'interactive', body: body as SlackInteraction };
    default:
      return { kind: 'unknown' };
  }
}

/** Strips a leading `<@U123>` mention (and any other bot mentions) from message text. */
export function stripMentions(text: string, botUserIds: string[]): string {
  let out = text;
  for (const id of botUserIds) out = out.split(`<@${id}>`).join(' ');
  return out
    .replace(/^\s*<@[A-Z0-9]+>\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The bot's user ids this event was delivered for, from the envelope (no API call needed). */
export function botUserIdsOf(envelope: SlackEventEnvelope, configured?: string): string[] {
  const ids = new Set<string>();
  if (configured) ids.add(configured);
  for (const a of envelope.authorizations ?? []) if (a.is_bot && a.user_id) ids.add(a.user_id);
  for (const id of envelope.authed_users ?? []) ids.add(id);
  return [...ids];
}
