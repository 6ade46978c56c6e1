import type { QuestionCluster } from './clustering';
import type { FaqEntry } from './faq-entry';

/** Where a cluster's card was posted, so a click can be checked against it and the card redrawn. */
export interface ClusterDelivery {
  platform: 'slack' | 'teams';
  /** Slack: team, channel and ts; Teams: the activity id of the card. */
  address: Record<string, string>;
  at: string;
}

/** A cluster as stored: the clustering's view plus what the loop did with it. */
export interface StoredCluster extends QuestionCluster {
  storeId: string;
  deliveries?: ClusterDelivery[];
  /** Who muted or answered it, and when. */
  closedBy?: string;
  closedAt?: string;
  entryId?: string;
}

export interface LoopState {
  /** Sort key of the last outcome event the loop has read. */
  watermarkSk: string;
  /** Questions the FAQ answered, per UTC day (`YYYY-MM-DD`), for the digest and insights. */
  answeredByDay: Record<string, number>;
}

/** Storage of FAQ entries, their history and the version warm processes watch. */
export interface FaqEntryStore {
  list(storeId: string): Promise<FaqEntry[]>;
  get(storeId: string, entryId: string): Promise<FaqEntry | undefined>;
  /** Writes a new entry (false when the id is taken) or the next version of one (false when it moved on). */
  put(entry: FaqEntry): Promise<boolean>;
  remove(storeId: string, entryId: string, by: string, at: string): Promise<boolean>;
  history(storeId: string, entryId: string): Promise<(FaqEntry & { removed?: boolean })[]>;
  version(storeId: string): Promise<number>;
}

/** Storage of the clusters of unanswered questions and the loop's state. */
export interface ClusterStore {
  listClusters(storeId: string): Promise<StoredCluster[]>;
  getCluster(storeId: string, clusterId: string): Promise<StoredCluster | undefined>;
  saveClusters(storeId: string, clusters: StoredCluster[], removed: string[]): Promise<void>;
  /**
   * Moves a cluster from one status to another, once: false when it was not in `from` (a second click, a
   * concurrent run). `patch` is written with it.
   */
  transition(
    storeId: string,
    clusterId: string,
    from: StoredCluster['status'][],
    to: StoredCluster['status'],
    patch?: Partial<Pick<StoredCluster, 'closedBy' | 'closedAt' | 'entryId' | 'deliveries'>>,
  ): Promise<boolean>;
  getState(storeId: string): Promise<LoopState>;
  saveState(storeId: string, state: LoopState): Promise<void>;
}
