import type { Composition } from '../../app/compose';
import type { InboundActivity, InvokeReply } from './activity';
import { teamsFaqInvoke } from './faq';
import { TEAMS_FAQ_VERBS } from './faq-cards';
import { TEAMS_HANDOFF_CLAIM, TEAMS_HANDOFF_RELEASE, teamsHandoffInvoke } from './handoff';
import { resolveTeamsRoute } from './routing';
import { feedbackSchema, recordTeamsFeedback } from './shopper-feedback';

/**
 * Adaptive Card actions (`invoke` activities): handoff and FAQ buttons for the store team, thumbs for
 * shoppers. Anything else gets an empty 200, which Teams shows as nothing.
 */
export async function onTeamsInvoke(services: Composition, activity: InboundActivity): Promise<InvokeReply> {
  const value = activity.value as { action?: { verb?: string; data?: unknown } } | undefined;
  const verb = value?.action?.verb;
  if (activity.name !== 'adaptiveCard/action' || !verb) return { status: 200, body: {} };
  const merchantAction =
    verb === TEAMS_HANDOFF_CLAIM || verb === TEAMS_HANDOFF_RELEASE
      ? teamsHandoffInvoke
      : TEAMS_FAQ_VERBS.has(verb)
        ? teamsFaqInvoke
        : undefined;
  if (merchantAction) {
    const route = await resolveTeamsRoute(services, activity);
    if (route?.kind !== 'merchant') return { status: 200, body: {} };
    return merchantAction(services, route.storeId, activity, verb, value?.action?.data);
  }
  if (verb !== 'feedback') return { status: 200, body: {} };
  const feedback = feedbackSchema.safeParse(value?.action?.data);
  if (!feedback.success) {
    return {
      status: 200,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'Invalid feedback' },
      },
    };
  }
  await recordTeamsFeedback(services, activity, feedback.data);
  return {
    status: 200,
    body: {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Thanks for the feedback!',
    },
  };
}
