import { createHash } from 'node:crypto';
import type { InboundActivity } from './activity';

/**
 * The tenant the platform vouches for: only `msteams` activities carry one. Direct Line and Web Chat
 * clients write their own `channelData` and `conversation`, so a tenant id there proves nothing.
 */
export function verifiedTenantOf(activity: InboundActivity): string | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}

/** Binding key of the activity's tenant; other Bot Framework channels share one per channel. */
export function tenantOf(activity: InboundActivity): string {
  return verifiedTenantOf(activity) ?? `channel:${activity.channelId}`;
}

export function userOf(activity: InboundActivity): string {
  return activity.from.aadObjectId ?? activity.from.id;
}

/** ShopGuide's conversation id for a Teams conversation (ids must not contain the key separator `#`). */
export function shopGuideConversationId(teamsConversationId: string): string {
  return `teams:${teamsConversationId.replace(/#/g, '%23')}`;
}

/** A stable id of one delivered activity: redeliveries of it claim the same id. */
export function activityClaimId(activity: InboundActivity): string {
  return createHash('sha256')
    .update(`${activity.channelId}|${activity.conversation.id}|${activity.id ?? ''}`)
    .digest('base64url');
}
