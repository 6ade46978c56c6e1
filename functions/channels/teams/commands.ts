import type { Composition } from '../../app/compose';
import type { ConversationRef, InboundActivity } from './activity';
import { referenceOf } from './activity';
import { tenantOf, userOf, verifiedTenantOf } from './activity-identity';
import { splitThreadId } from './mentions';
import type { TeamsRoute } from './routing';

/** The text commands of the Teams bot: `link <code>`, `notify here` and help. */

export const HELP_TEXT = [
  'I am ShopGuide.',
  '- Store team: link this tenant to your store with `link <code>` (create the code with `npx shopguide partner link-code --store <id>`), then ask about sales and demand.',
  '- `notify here`: send the store’s digests and handoff requests to this conversation.',
  '- Shoppers: just ask about products, orders and policies.',
].join('\n');

export type Command =
  { kind: 'link'; code: string } | { kind: 'notify' } | { kind: 'help' } | { kind: 'none' };

export function parseCommand(text: string): Command {
  const link = /^link\s+([A-Za-z0-9][A-Za-z0-9 -]{5,20})$/i.exec(text);
  if (link?.[1]) return { kind: 'link', code: link[1] };
  if (/^(notify here|use this (channel|chat) for (alerts|notifications))$/i.test(text))
    return { kind: 'notify' };
  if (text === '' || /^(help|\/help|\?)$/i.test(text)) return { kind: 'help' };
  return { kind: 'none' };
}

/** `link <code>`: binds this conversation's tenant (or this conversation, for shoppers) to a store. */
export async function linkStore(
  services: Pick<Composition, 'partnerService' | 'teamsReferences' | 'now'>,
  activity: InboundActivity,
  code: string,
): Promise<string> {
  if (!verifiedTenantOf(activity)) return 'Stores can be linked only from Microsoft Teams.';
  const { baseId } = splitThreadId(activity.conversation.id);
  const result = await services.partnerService.redeemLinkCode(code, {
    platform: 'teams',
    tenantId: tenantOf(activity),
    conversationId: baseId,
    userId: userOf(activity),
    displayName: activity.from.name,
  });
  if (!result.ok) return 'That code is invalid or has expired. Ask the store owner for a new one.';
  const { storeId, purpose } = result.binding;
  if (purpose === 'shopper') return `Linked: shoppers in this conversation now get ${storeId}'s assistant.`;
  const references = services.teamsReferences;
  if (!(await references.getNotifyTarget(storeId))) {
    await references.setNotifyTarget(storeId, notifyReferenceOf(activity), services.now());
  }
  return `Linked to store ${storeId} as ${result.role}. Ask me about sales and demand; send \`notify here\` to choose where digests and handoff requests go.`;
}

/** `notify here`: the store team's choice of where digests and handoff requests are posted. */
export async function chooseNotifyTarget(
  services: Pick<Composition, 'teamsReferences' | 'now'>,
  route: TeamsRoute,
  activity: InboundActivity,
): Promise<string> {
  if (route.kind !== 'merchant') return 'Only the store team can choose where notifications go.';
  await services.teamsReferences.setNotifyTarget(route.storeId, notifyReferenceOf(activity), services.now());
  return `Digests and handoff requests for ${route.storeId} will be posted here.`;
}

/** Notifications start new threads, so they go to the conversation itself rather than the reply chain. */
function notifyReferenceOf(activity: InboundActivity): ConversationRef {
  const { baseId } = splitThreadId(activity.conversation.id);
  return {
    ...referenceOf(activity),
    activityId: undefined,
    conversation: { ...activity.conversation, id: baseId },
  };
}
