/**
 * Slack Connect brings users of other organisations into a shared channel. Their events arrive with the
 * installing workspace's team id, and only `user_team` (events) or `user.team_id` (interactions) names the
 * workspace the user belongs to. Merchant answers and handoff actions are for the installing workspace only.
 */
export function isExternalSlackUser(userTeam: string | undefined, installingTeam: string): boolean {
  return userTeam !== undefined && userTeam !== '' && userTeam !== installingTeam;
}

export const EXTERNAL_USER_TEXT =
  'Store reports and handoffs are only for members of the workspace that linked this store.';
