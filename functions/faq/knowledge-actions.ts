import type { Message } from '../conversations/conversation';
import type { FaqEntry, FaqSource } from './faq-entry';
import type { FaqActor, FaqService } from './faq-service';
import type { ClusterStore, StoredCluster } from './ports';

/** What the merchant-side buttons need: the FAQ, the clusters, and a conversation's last messages. */
export interface KnowledgeActionDeps {
  faq: FaqService;
  clusters: ClusterStore;
  lastMessages(storeId: string, conversationId: string, count: number): Promise<Message[]>;
  now: () => Date;
}

export type WriteOutcome =
  { status: 'saved'; entry: FaqEntry; cluster?: StoredCluster } | { status: 'unknown_cluster' };

/**
 * Saves the merchant's answer as a FAQ entry. Written from a cluster card, the entry also answers the
 * cluster's real questions (the merchant's question first) and the cluster is closed as answered, so it is
 * never shown again. A second submit for the same cluster adds nothing new to the cluster, but the answer is
 * still saved: the merchant's text is never thrown away.
 */
export async function saveMerchantAnswer(
  deps: KnowledgeActionDeps,
  storeId: string,
  input: { questions: string[]; answer: string; clusterId?: string },
  actor: FaqActor,
  source: FaqSource,
): Promise<WriteOutcome> {
  let cluster: StoredCluster | undefined;
  if (input.clusterId) {
    cluster = await deps.clusters.getCluster(storeId, input.clusterId);
    if (!cluster) return { status: 'unknown_cluster' };
  }
  const questions = [...input.questions, ...(cluster ? cluster.signature : [])];
  const entry = await deps.faq.add(
    storeId,
    { questions, answer: input.answer },
    actor,
    source,
    cluster?.clusterId,
  );
  if (cluster) {
    await deps.clusters.transition(storeId, cluster.clusterId, ['open', 'delivered', 'muted'], 'answered', {
      closedBy: actor.name ?? actor.id,
      closedAt: deps.now().toISOString(),
      entryId: entry.entryId,
    });
    cluster = { ...cluster, status: 'answered', closedBy: actor.name ?? actor.id, entryId: entry.entryId };
  }
  return { status: 'saved', entry, cluster };
}

/** Ignore: the cluster is muted, and keeps absorbing its paraphrases so it stays quiet. */
export async function muteCluster(
  deps: KnowledgeActionDeps,
  storeId: string,
  clusterId: string,
  actor: FaqActor,
): Promise<StoredCluster | undefined> {
  const cluster = await deps.clusters.getCluster(storeId, clusterId);
  if (!cluster) return undefined;
  const closedBy = actor.name ?? actor.id;
  const muted = await deps.clusters.transition(storeId, clusterId, ['open', 'delivered'], 'muted', {
    closedBy,
    closedAt: deps.now().toISOString(),
  });
  return muted ? { ...cluster, status: 'muted', closedBy } : cluster;
}

/**
 * The prefill of "Save as FAQ" on a handoff: the merchant's last reply, and the shopper's last question
 * before it (the shopper's last message when the merchant has not replied yet).
 */
export async function handoffPrefill(
  deps: KnowledgeActionDeps,
  storeId: string,
  conversationId: string,
): Promise<{ question: string; answer: string }> {
  const recent = (await deps.lastMessages(storeId, conversationId, 30)).sort((a, b) =>
    a.cursor.localeCompare(b.cursor),
  );
  const replyAt = findLastIndex(recent, (m) => m.role === 'merchant');
  const shopperBefore = findLastIndex(
    recent.slice(0, replyAt < 0 ? recent.length : replyAt),
    (m) => m.role === 'shopper',
  );
  return {
    question: shopperBefore >= 0 ? (recent[shopperBefore] as Message).text : '',
    answer: replyAt >= 0 ? (recent[replyAt] as Message).text : '',
  };
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i] as T)) return i;
  return -1;
}
