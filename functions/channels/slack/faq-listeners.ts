import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import * as z from 'zod/mini';
import type { Composition } from '../../app/compose';
import { isShopGuideError } from '../../errors/errors';
import { handoffPrefill, muteCluster, saveMerchantAnswer } from '../../faq/knowledge-actions';
import { knowledgeDeps } from '../../app/knowledge-deps';
import { cardOf } from '../../faq/knowledge-loop';
import type { StoredCluster } from '../../faq/ports';
import { FAQ_TEXT } from '../../faq/texts';
import {
  clusterCardBlocks,
  clusterCardText,
  FAQ_ANSWER_INPUT,
  FAQ_FROM_HANDOFF,
  FAQ_IGNORE,
  FAQ_MODAL,
  FAQ_QUESTION_INPUT,
  FAQ_WRITE,
  faqModal,
} from './faq-blocks';
import { slackActorId } from './handoff-listeners';

const metadataSchema = z.object({
  storeId: z.string(),
  clusterId: z.optional(z.string()),
  conversationId: z.optional(z.string()),
  channel: z.string(),
  cardTs: z.optional(z.string()),
});

/** True when the card the button sits on is the one posted for this cluster (never trust the value alone). */
function isCardOf(cluster: StoredCluster, teamId: string, channel: string, ts: string): boolean {
  return (cluster.deliveries ?? []).some(
    (d) =>
      d.platform === 'slack' &&
      d.address.teamId === teamId &&
      d.address.channel === channel &&
      d.address.ts === ts,
  );
}

/**
 * The knowledge loop in Slack: Write answer opens a modal (views.open), Ignore mutes the cluster, Save as FAQ
 * on a handoff card opens the modal prefilled with the shopper's question and the merchant's reply, and the
 * modal's submission is saved as a FAQ entry. The store always comes from the workspace's binding.
 */
export function registerSlackFaqListeners(app: App, services: Composition): void {
  const deps = knowledgeDeps(services);
  const { handoffs } = services;
  const log = services.logger.child({ channel: 'slack', module: 'faq' });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${FAQ_WRITE}|${FAQ_IGNORE}|${FAQ_FROM_HANDOFF})$`),
    async ({ body, action, client }) => {
      const teamId = body.team?.id ?? body.user.team_id;
      const channel = body.channel?.id ?? body.container?.channel_id;
      const cardTs = String(body.message?.ts ?? body.container?.message_ts ?? '');
      if (!teamId || !channel || !cardTs || !action.value) return;
      const tell = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, text });
      const route = await services.partnerService.route('slack', teamId, channel);
      if (route.kind !== 'merchant') return void (await tell(FAQ_TEXT.notLinked));
      const { storeId } = route;
      const actor = { id: slackActorId(teamId, body.user.id), name: body.user.name ?? body.user.username };

      if (action.action_id === FAQ_FROM_HANDOFF) {
        const thread = await handoffs.findSlackThread(teamId, channel, cardTs);
        if (!thread || thread.storeId !== storeId || thread.conversationId !== action.value) return;
        const prefill = await handoffPrefill(deps, storeId, thread.conversationId);
        await client.views.open({
          trigger_id: body.trigger_id,
          view: faqModal({ storeId, conversationId: thread.conversationId, channel }, prefill),
        });
        return;
      }
      const cluster = await deps.clusters.getCluster(storeId, action.value);
      if (!cluster || !isCardOf(cluster, teamId, channel, cardTs)) return void (await tell(FAQ_TEXT.gone));
      if (action.action_id === FAQ_WRITE) {
        const [question] = cardOf(cluster).examples;
        await client.views.open({
          trigger_id: body.trigger_id,
          view: faqModal(
            { storeId, clusterId: cluster.clusterId, channel, cardTs },
            { question: question ?? '' },
          ),
        });
        return;
      }
      const muted = await muteCluster(deps, storeId, cluster.clusterId, actor);
      if (muted) await redraw(client, channel, cardTs, muted);
      log.info('Cluster ignored', { storeId, clusterId: cluster.clusterId });
    },
  );

  app.view<ViewSubmitAction>(FAQ_MODAL, async ({ body, view, client }) => {
    const parsed = metadataSchema.safeParse(safeJson(view.private_metadata));
    const teamId = body.team?.id ?? body.user.team_id;
    if (!parsed.success || !teamId) return;
    const metadata = parsed.data;
    const route = await services.partnerService.route('slack', teamId, metadata.channel);
    if (route.kind !== 'merchant' || route.storeId !== metadata.storeId) return;
    const values = view.state.values;
    const question = values[FAQ_QUESTION_INPUT]?.[FAQ_QUESTION_INPUT]?.value ?? '';
    const answer = values[FAQ_ANSWER_INPUT]?.[FAQ_ANSWER_INPUT]?.value ?? '';
    const actor = { id: slackActorId(teamId, body.user.id), name: body.user.name };
    const tell = (text: string) =>
      client.chat.postEphemeral({ channel: metadata.channel, user: body.user.id, text });
    try {
      const outcome = await saveMerchantAnswer(
        deps,
        route.storeId,
        { questions: [question], answer, clusterId: metadata.clusterId },
        actor,
        metadata.conversationId ? 'handoff' : 'slack',
      );
      if (outcome.status === 'unknown_cluster') return void (await tell(FAQ_TEXT.gone));
      if (outcome.cluster && metadata.cardTs) {
        await redraw(client, metadata.channel, metadata.cardTs, outcome.cluster, outcome.entry.answer);
      } else {
        await tell(FAQ_TEXT.saved(actor.name ?? 'you'));
      }
      log.info('FAQ entry saved from Slack', { storeId: route.storeId, entryId: outcome.entry.entryId });
    } catch (error) {
      // The modal is already closed (the front door acknowledged it): say why nothing was saved.
      if (!isShopGuideError(error) || error.status >= 500) throw error;
      await tell(`Not saved: ${error.publicMessage}`);
    }
  });
}

async function redraw(
  client: WebClient,
  channel: string,
  ts: string,
  cluster: StoredCluster,
  answer?: string,
) {
  const card = cardOf(cluster, { closedByName: cluster.closedBy, answer });
  await client.chat.update({ channel, ts, text: clusterCardText(card), blocks: clusterCardBlocks(card) });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
