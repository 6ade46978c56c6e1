import * as z from 'zod/mini';
import type { Composition } from '../../app/compose';
import type { InboundActivity } from './activity';
import { shopGuideConversationId } from './activity-identity';
import { resolveTeamsRoute } from './routing';

/** A thumbs up or down on a shopper reply card, as the card's button sends it. */
export const feedbackSchema = z.object({
  action: z.literal('feedback'),
  replyId: z.string().check(z.minLength(1), z.maxLength(100)),
  rating: z.enum(['up', 'down']),
});

export type TeamsFeedback = z.infer<typeof feedbackSchema>;

/** Records a shopper's rating; a rating from a conversation that is not a shopper's is ignored. */
export async function recordTeamsFeedback(
  services: Pick<Composition, 'partnerService' | 'stores' | 'feedback'>,
  activity: InboundActivity,
  feedback: TeamsFeedback,
): Promise<void> {
  const route = await resolveTeamsRoute(services, activity);
  if (route?.kind !== 'shopper') return;
  await services.feedback.recordFeedback(
    {
      storeId: route.storeId,
      conversationId: shopGuideConversationId(activity.conversation.id),
      channel: 'teams',
    },
    { replyId: feedback.replyId, rating: feedback.rating },
  );
}
