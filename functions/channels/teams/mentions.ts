import type { InboundActivity } from './activity';

/**
 * The activity's text without the bot's @mention. Teams puts `<at>Bot name</at>` in the text and describes it
 * in a `mention` entity; removing exactly the entity's text (not every `<at>` tag) keeps mentions of other
 * people, which a merchant may be asking about.
 */
export function textWithoutBotMention(activity: InboundActivity): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention' || entity.mentioned?.id !== activity.recipient.id) continue;
    const mentionText =
      entity.text ?? (entity.mentioned.name ? `<at>${entity.mentioned.name}</at>` : undefined);
    if (mentionText) text = text.split(mentionText).join(' ');
  }
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A channel thread's conversation id ends in `;messageid=<root>`: the binding and the thread root. */
export function splitThreadId(conversationId: string): { baseId: string; rootMessageId?: string } {
  const match = /^(.*);messageid=([^;]+)$/.exec(conversationId);
  return match ? { baseId: match[1] ?? conversationId, rootMessageId: match[2] } : { baseId: conversationId };
}
