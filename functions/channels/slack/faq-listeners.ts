import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import * as z from 'zod/mini';
import type { Composition } from '../../app/compose';
import { isShopGuideError } from '../../errors/errors';
import { handoffPrefill, muteCluster, saveMerchantAnswer } from '../../faq/knowledge-actions';
import { knowledgeDeps } from '../../app/knowledge-deps';
import { cardOf } from '../../faq/knowledge-loop';
import type { StoredCluster } from '../../faq/ports';
import { faqTexts } from '../../faq/texts';
import { storeLanguage, type Language } from '../../language/language';
import {
  clusterCardBlocks,
  clusterCardText,
  clusterFormBlocks,
  FAQ_ANSWER_INPUT,
  FAQ_FROM_HANDOFF,
  FAQ_IGNORE,
  FAQ_INLINE_SAVE,
  FAQ_MODAL,
  FAQ_QUESTION_INPUT,
  FAQ_WRITE,
  faqModal,
  inlineFaqForm,
  type FaqModalMetadata,
} from './faq-blocks';
import { slackErrorCode } from './errors';
import { slackActorId } from './handoff-listeners';
import { blockActionPlace } from './slack-types';

/**
 * Slack's trigger_id lives 3 s from the click. The front door enqueues and the worker opens the modal; past
 * this age (views.open itself takes a round trip) the form goes into the message instead.
 */
export const TRIGGER_BUDGET_MS = 2500;

const metadataSchema = z.object({
  storeId: z.string(),
  clusterId: z.optional(z.string()),
  conversationId: z.optional(z.string()),
  channel: z.string(),
  cardTs: z.optional(z.string()),
});

type InputValues = Record<string, Record<string, { value?: string | null }>>;
const valueOf = (values: InputValues | undefined, id: string) => values?.[id]?.[id]?.value ?? '';

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
 * modal's submission is saved as a FAQ entry. When the modal cannot open (the click's trigger_id expired on
 * the way through the queue), the same form is put in a message: the cluster card itself, or an ephemeral
 * message in the handoff thread; its Save is saved like the modal. The store always comes from the
 * workspace's binding, and texts follow the store's language.
 */
export function registerSlackFaqListeners(app: App, services: Composition): void {
  const deps = knowledgeDeps(services);
  const { handoffs } = services;
  const log = services.logger.child({ channel: 'slack', module: 'faq' });
  const languageOf = async (storeId: string): Promise<Language> => {
    const store = await services.stores.get(storeId);
    return store ? storeLanguage(store) : 'en';
  };

  /** The modal while the click is fresh; otherwise, or when Slack refuses it, the form in a message. */
  async function openAnswerForm(
    client: WebClient,
    click: { triggerId: string; receivedAt?: unknown },
    modal: Parameters<WebClient['views']['open']>[0]['view'],
    inMessage: () => Promise<unknown>,
  ): Promise<void> {
    const age =
      typeof click.receivedAt === 'string' ? services.now().getTime() - Date.parse(click.receivedAt) : 0;
    if (age < TRIGGER_BUDGET_MS) {
      try {
        await client.views.open({ trigger_id: click.triggerId, view: modal });
        return;
      } catch (error) {
        log.warn('The answer modal did not open; the form goes into the message', {
          error: slackErrorCode(error) ?? String(error),
        });
      }
    } else {
      log.info('The click is too old for a modal; the form goes into the message', { ageMs: age });
    }
    await inMessage();
  }

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${FAQ_WRITE}|${FAQ_IGNORE}|${FAQ_FROM_HANDOFF})$`),
    async ({ body, action, client, context }) => {
      const teamId = body.team?.id ?? body.user.team_id;
      const { channel, messageTs } = blockActionPlace(body);
      const cardTs = messageTs ?? '';
      if (!teamId || !channel || !cardTs || !action.value) return;
      const tell = (text: string) => client.chat.postEphemeral({ channel, user: body.user.id, text });
      const route = await services.partnerService.route('slack', teamId, channel);
      if (route.kind !== 'merchant') return void (await tell(faqTexts().notLinked));
      const { storeId } = route;
      const language = await languageOf(storeId);
      const t = faqTexts(language);
      const actor = { id: slackActorId(teamId, body.user.id), name: body.user.name ?? body.user.username };
      const click = { triggerId: body.trigger_id, receivedAt: context.receivedAt as unknown };

      if (action.action_id === FAQ_FROM_HANDOFF) {
        const thread = await handoffs.findSlackThread(teamId, channel, cardTs);
        if (!thread || thread.storeId !== storeId || thread.conversationId !== action.value) return;
        const prefill = await handoffPrefill(deps, storeId, thread.conversationId);
        const metadata = { storeId, conversationId: thread.conversationId, channel, cardTs };
        // The handoff card is shared and redrawn on every claim: the form goes to the clicker alone, in its thread.
        await openAnswerForm(client, click, faqModal(metadata, prefill, language), () =>
          client.chat.postEphemeral({
            channel,
            user: body.user.id,
            thread_ts: cardTs,
            text: t.formInMessage,
            blocks: inlineFaqForm(metadata, prefill, language),
          }),
        );
        return;
      }
      const cluster = await deps.clusters.getCluster(storeId, action.value);
      if (!cluster || !isCardOf(cluster, teamId, channel, cardTs)) return void (await tell(t.gone));
      if (action.action_id === FAQ_WRITE) {
        const card = cardOf(cluster);
        const prefill = { question: card.examples[0] ?? '' };
        const metadata = { storeId, clusterId: cluster.clusterId, channel, cardTs };
        // The cluster card is the loop's own message: it becomes the form, and is redrawn once saved.
        await openAnswerForm(client, click, faqModal(metadata, prefill, language), () =>
          client.chat.update({
            channel,
            ts: cardTs,
            text: clusterCardText(card, language),
            blocks: clusterFormBlocks(card, metadata, prefill, language),
          }),
        );
        return;
      }
      const muted = await muteCluster(deps, storeId, cluster.clusterId, actor);
      if (muted) await redraw(client, channel, cardTs, muted, language);
      log.info('Cluster ignored', { storeId, clusterId: cluster.clusterId });
    },
  );

  /** Saves a submitted answer (modal or in-message form) and tells the merchant what became of it. */
  async function save(
    client: WebClient,
    submitter: { teamId: string; userId: string; name?: string },
    metadata: FaqModalMetadata,
    typed: { question: string; answer: string },
    confirm?: (text: string) => Promise<unknown>,
  ): Promise<void> {
    const route = await services.partnerService.route('slack', submitter.teamId, metadata.channel);
    if (route.kind !== 'merchant' || route.storeId !== metadata.storeId) return;
    const language = await languageOf(route.storeId);
    const t = faqTexts(language);
    const actor = { id: slackActorId(submitter.teamId, submitter.userId), name: submitter.name };
    const tell =
      confirm ??
      ((text: string) =>
        client.chat.postEphemeral({ channel: metadata.channel, user: submitter.userId, text }));
    try {
      const outcome = await saveMerchantAnswer(
        deps,
        route.storeId,
        { questions: [typed.question], answer: typed.answer, clusterId: metadata.clusterId },
        actor,
        metadata.conversationId ? 'handoff' : 'slack',
      );
      if (outcome.status === 'unknown_cluster') return void (await tell(t.gone));
      if (outcome.cluster && metadata.cardTs) {
        await redraw(
          client,
          metadata.channel,
          metadata.cardTs,
          outcome.cluster,
          language,
          outcome.entry.answer,
        );
      } else {
        await tell(t.saved(actor.name ?? t.you));
      }
      log.info('FAQ entry saved from Slack', { storeId: route.storeId, entryId: outcome.entry.entryId });
    } catch (error) {
      // The modal is already closed (the front door acknowledged it): say why nothing was saved.
      if (!isShopGuideError(error) || error.status >= 500) throw error;
      await tell(t.notSaved(error.publicMessage));
    }
  }

  app.view<ViewSubmitAction>(FAQ_MODAL, async ({ body, view, client }) => {
    const parsed = metadataSchema.safeParse(safeJson(view.private_metadata));
    const teamId = body.team?.id ?? body.user.team_id;
    if (!parsed.success || !teamId) return;
    const values = view.state.values as InputValues;
    await save(client, { teamId, userId: body.user.id, name: body.user.name }, parsed.data, {
      question: valueOf(values, FAQ_QUESTION_INPUT),
      answer: valueOf(values, FAQ_ANSWER_INPUT),
    });
  });

  app.action<BlockAction<ButtonAction>>(FAQ_INLINE_SAVE, async ({ body, action, client, respond }) => {
    const parsed = metadataSchema.safeParse(safeJson(action.value ?? ''));
    const teamId = body.team?.id ?? body.user.team_id;
    const { channel, messageTs } = blockActionPlace(body);
    if (!parsed.success || !teamId || channel !== parsed.data.channel) return;
    const metadata = parsed.data;
    // The form sits on the cluster card it was posted for, or was opened from a handoff card of this store.
    if (metadata.clusterId) {
      const cluster = await deps.clusters.getCluster(metadata.storeId, metadata.clusterId);
      if (cluster && (metadata.cardTs !== messageTs || !isCardOf(cluster, teamId, channel, messageTs ?? '')))
        return;
    } else {
      const thread = await handoffs.findSlackThread(teamId, channel, metadata.cardTs ?? '');
      if (!thread || thread.storeId !== metadata.storeId || thread.conversationId !== metadata.conversationId)
        return;
    }
    const values = body.state?.values as InputValues | undefined;
    // An ephemeral form is replaced by the confirmation through its response_url (it has no ts to update).
    const confirm = body.response_url
      ? (text: string) => respond({ replace_original: true, text })
      : undefined;
    await save(
      client,
      { teamId, userId: body.user.id, name: body.user.name ?? body.user.username },
      metadata,
      { question: valueOf(values, FAQ_QUESTION_INPUT), answer: valueOf(values, FAQ_ANSWER_INPUT) },
      metadata.clusterId ? undefined : confirm,
    );
  });
}

async function redraw(
  client: WebClient,
  channel: string,
  ts: string,
  cluster: StoredCluster,
  language: Language,
  answer?: string,
) {
  const card = cardOf(cluster, { closedByName: cluster.closedBy, answer });
  await client.chat.update({
    channel,
    ts,
    text: clusterCardText(card, language),
    blocks: clusterCardBlocks(card, language),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
