/**
 * Every key of the single table is built here and nowhere else. docs/storage.md lists the access patterns
 * these keys serve. Ids are embedded verbatim, so callers must pass validated ids (no `#`).
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

export const keys = {
  store: (storeId: string): ItemKey => ({ pk: `STORE#${storeId}`, sk: 'META' }),
  /** GSI1 partition listing every store, for the scheduled jobs. */
  storeList: () => 'STORES',

  product: (storeId: string, productId: string): ItemKey => ({
    pk: `CATALOG#${storeId}`,
    sk: `PRODUCT#${productId}`,
  }),
  catalogPartition: (storeId: string) => `CATALOG#${storeId}`,
  productPrefix: 'PRODUCT#',
  /** Shopify: which product an inventory item (variant) belongs to, and a product's variant stock levels. */
  shopifyInventoryItem: (storeId: string, inventoryItemId: string): ItemKey => ({
    pk: `CATALOG#${storeId}`,
    sk: `SHOPIFY_ITEM#${inventoryItemId}`,
  }),
  shopifyVariants: (storeId: string, productId: string): ItemKey => ({
    pk: `CATALOG#${storeId}`,
    sk: `SHOPIFY_VARIANTS#${productId}`,
  }),

  order: (storeId: string, orderId: string): ItemKey => ({ pk: `ORDERS#${storeId}`, sk: `ORDER#${orderId}` }),
  /** GSI1: a store's orders by creation time, for insights over a period. */
  ordersByDate: (storeId: string) => `ORDERS_BY_DATE#${storeId}`,
  /** GSI2: one customer's orders, for order status and purchase history. */
  ordersByCustomer: (storeId: string, customerId: string) => `CUSTOMER#${storeId}#${customerId}`,

  conversationState: (storeId: string, conversationId: string): ItemKey => ({
    pk: `CONV#${storeId}#${conversationId}`,
    sk: 'STATE',
  }),
  conversationPartition: (storeId: string, conversationId: string) => `CONV#${storeId}#${conversationId}`,
  /** Messages sort by time, then id, so a sort key is also a stable polling cursor. */
  message: (storeId: string, conversationId: string, at: string, messageId: string): ItemKey => ({
    pk: `CONV#${storeId}#${conversationId}`,
    sk: `MSG#${at}#${messageId}`,
  }),
  messagePrefix: 'MSG#',
  /**
   * Remembers where a client-supplied message id was stored, so a retry lands on the same item. `MID#`
   * sorts before `MSG#`, keeping these markers out of cursor queries.
   */
  messageIdMarker: (storeId: string, conversationId: string, messageId: string): ItemKey => ({
    pk: `CONV#${storeId}#${conversationId}`,
    sk: `MID#${messageId}`,
  }),
  /**
   * What one reply showed and how it was rated: the proof that a feedback or outcome signal belongs to this
   * conversation. `ANS#` sorts before `MSG#`, keeping these out of message and cursor queries.
   */
  replyRecord: (storeId: string, conversationId: string, replyId: string): ItemKey => ({
    pk: `CONV#${storeId}#${conversationId}`,
    sk: `ANS#${replyId}`,
  }),
  replyRecordPrefix: 'ANS#',
  /** GSI1: conversations of a store that wait for a person (handoff queue). */
  openHandoffs: (storeId: string) => `HANDOFF#${storeId}`,

  /** Outcome and feedback events of a store, in arrival order, for incremental aggregation. */
  event: (storeId: string, receivedAt: string, eventId: string): ItemKey => ({
    pk: `EVENTS#${storeId}`,
    sk: `${receivedAt}#${eventId}`,
  }),
  eventPartition: (storeId: string) => `EVENTS#${storeId}`,
  /** Idempotency record of one event id: remembers the event's sort key so a retry rewrites the same item. */
  eventId: (storeId: string, eventId: string): ItemKey => ({
    pk: `EVENTID#${storeId}#${eventId}`,
    sk: 'EVENTID',
  }),

  /** A one-shot claim (Slack event ids, Teams activity ids, idempotent requests). */
  claim: (scope: string, id: string): ItemKey => ({ pk: `CLAIM#${scope}#${id}`, sk: 'CLAIM' }),
  /** A fixed-window rate-limit counter. */
  rateWindow: (scope: string, id: string, window: number): ItemKey => ({
    pk: `RATE#${scope}#${id}`,
    sk: `W#${window}`,
  }),
} as const;

/** Partner records: link codes, channel bindings and members. */
export const partnerKeys = {
  linkCode: (code: string): ItemKey => ({ pk: `LINKCODE#${code}`, sk: 'LINKCODE' }),
  /** A binding of a whole workspace/tenant (`conversationId` '*') or of one channel/conversation. */
  binding: (platform: string, tenantId: string, conversationId: string): ItemKey => ({
    pk: `BINDING#${platform}#${tenantId}`,
    sk: `CONV#${conversationId}`,
  }),
  /** GSI1: the bindings of one store. */
  storeBindings: (storeId: string) => `BINDINGS#${storeId}`,
  member: (storeId: string, platform: string, userId: string): ItemKey => ({
    pk: `MEMBERS#${storeId}`,
    sk: `${platform}#${userId}`,
  }),
  membersPartition: (storeId: string) => `MEMBERS#${storeId}`,
} as const;

/** Teams: conversation references for proactive messages, and handoff reply chains. */
export const teamsKeys = {
  /** The last reference seen for one Teams conversation, so the store can write to it later. */
  conversationReference: (storeId: string, conversationId: string): ItemKey => ({
    pk: `TEAMS#${storeId}`,
    sk: `REF#${encodeURIComponent(conversationId)}`,
  }),
  /** The conversation a store's digests and handoff requests go to. */
  notifyTarget: (storeId: string): ItemKey => ({ pk: `TEAMS#${storeId}`, sk: 'NOTIFY' }),
  /** A handoff request posted in a channel: its reply chain leads back to the shopper's conversation. */
  handoffThread: (storeId: string, rootActivityId: string): ItemKey => ({
    pk: `TEAMS#${storeId}`,
    sk: `THREAD#${encodeURIComponent(rootActivityId)}`,
  }),
} as const;

/** Slack workspace installations (OAuth tokens) and the worker's per-reply ledger. */
export const slackKeys = {
  /** One installation per workspace, or per Enterprise Grid org for org-wide installs. */
  installation: (
    enterpriseId: string | undefined,
    teamId: string | undefined,
    isEnterpriseInstall = false,
  ): ItemKey => ({
    pk:
      isEnterpriseInstall && enterpriseId
        ? `SLACKINSTALL#E#${enterpriseId}`
        : `SLACKINSTALL#T#${teamId ?? '-'}`,
    sk: 'INSTALLATION',
  }),
  /** Records that the worker answered one Slack request, so a redelivered job does not answer twice. */
  reply: (jobId: string): ItemKey => ({ pk: `SLACKREPLY#${jobId}`, sk: 'REPLY' }),
} as const;

/** Jobs that exhausted their retries in the local queue (SQS has its own DLQ in AWS). */
export const queueKeys = {
  deadLetter: (kind: string, failedAt: string, jobId: string): ItemKey => ({
    pk: `DEADLETTER#${kind}`,
    sk: `${failedAt}#${jobId}`,
  }),
  deadLetterPartition: (kind: string) => `DEADLETTER#${kind}`,
} as const;

/** Merchant insights: the audit trail of merchant questions and partner changes, per store, by time. */
export const auditKeys = {
  entry: (storeId: string, at: string, entryId: string): ItemKey => ({
    pk: `AUDIT#${storeId}`,
    sk: `${at}#${entryId}`,
  }),
  partition: (storeId: string) => `AUDIT#${storeId}`,
} as const;

/** Merchant insights: what a thread (Slack thread, Teams reply chain, CLI session) asked last. */
export const insightSessionKeys = {
  session: (storeId: string, sessionId: string): ItemKey => ({
    pk: `INSIGHTS#${storeId}`,
    sk: `SESSION#${sessionId}`,
  }),
} as const;

/** The feedback loop: strategy document and history, aggregation state, metrics, product and question stats. */
export const strategyKeys = {
  /** The current, versioned strategy of a store (traffic split, boosts, bandit statistics). */
  strategy: (storeId: string): ItemKey => ({ pk: `STRATEGY#${storeId}`, sk: 'CURRENT' }),
  /** One history entry per meaningful change, by version; zero-padded so they sort. */
  history: (storeId: string, version: number): ItemKey => ({
    pk: `STRATEGY#${storeId}`,
    sk: `HISTORY#${String(version).padStart(10, '0')}`,
  }),
  strategyPartition: (storeId: string) => `STRATEGY#${storeId}`,
  historyPrefix: 'HISTORY#',
  /** Aggregation watermark and the pending batch range (crash recovery). */
  aggregationState: (storeId: string): ItemKey => ({ pk: `AGGREGATE#${storeId}`, sk: 'STATE' }),
  /** Time-decayed product impressions, clicks and conversions of a store. */
  productStats: (storeId: string): ItemKey => ({ pk: `AGGREGATE#${storeId}`, sk: 'PRODUCTS' }),
  /** Daily metric counters of one strategy variant. */
  dailyMetrics: (storeId: string, day: string, variantId: string): ItemKey => ({
    pk: `METRICS#${storeId}`,
    sk: `DAY#${day}#${variantId}`,
  }),
  metricsPartition: (storeId: string) => `METRICS#${storeId}`,
  dayPrefix: 'DAY#',
} as const;

/** Handoff: open requests (for the timers), where each request was posted, and the relay ledger. */
export const handoffKeys = {
  /** One item per conversation waiting for or owned by a person; the scheduled timers walk this partition. */
  open: (storeId: string, conversationId: string): ItemKey => ({
    pk: `HANDOFFOPEN#${storeId}`,
    sk: `CONV#${conversationId}`,
  }),
  openPartition: (storeId: string) => `HANDOFFOPEN#${storeId}`,
  /** Where a conversation's handoff card was posted on one platform (Slack channel + ts, Teams activity). */
  thread: (storeId: string, conversationId: string, platform: string): ItemKey => ({
    pk: `HANDOFFCONV#${storeId}#${conversationId}`,
    sk: `THREAD#${platform}`,
  }),
  /** A Slack thread (team, channel, root ts) back to the shopper's conversation. */
  slackThread: (teamId: string, channel: string, threadTs: string): ItemKey => ({
    pk: `HANDOFFSLACK#${teamId}#${channel}#${threadTs}`,
    sk: 'THREAD',
  }),
  /** The Slack channel a store's handoff cards go to (`/shopguide handoff-channel`, or where it was linked). */
  slackTarget: (storeId: string): ItemKey => ({ pk: `HANDOFFTARGET#${storeId}`, sk: 'SLACK' }),
  /** One delivery of one item (card, message, card update) to one platform: written once it was sent. */
  relay: (storeId: string, conversationId: string, platform: string, deliveryId: string): ItemKey => ({
    pk: `HANDOFFRELAY#${storeId}#${conversationId}`,
    sk: `${platform}#${deliveryId}`,
  }),
} as const;

/**
 * A verified customer (signed by the store's backend): their web chat sessions, and their clicks and
 * add-to-carts for purchase attribution. One partition per person, so export and erase read one place.
 */
export const subjectKeys = {
  partition: (storeId: string, customerId: string) => `SUBJECT#${storeId}#${customerId}`,
  conversation: (storeId: string, customerId: string, conversationId: string): ItemKey => ({
    pk: `SUBJECT#${storeId}#${customerId}`,
    sk: `CONV#${conversationId}`,
  }),
  conversationPrefix: 'CONV#',
  signal: (storeId: string, customerId: string, at: string, eventId: string): ItemKey => ({
    pk: `SUBJECT#${storeId}#${customerId}`,
    sk: `SIG#${at}#${eventId}`,
  }),
  signalPrefix: 'SIG#',
} as const;

/** Privacy: web chat sessions the shopper erased, whose tokens must stop working. */
export const privacyKeys = {
  /** Keyed by a hash, so nothing readable of the session id is left behind. */
  revokedSession: (sessionHash: string): ItemKey => ({ pk: `REVOKED#${sessionHash}`, sk: 'REVOKED' }),
} as const;

/** Store FAQ (the knowledge loop): entries, their versions, and the clusters of unanswered questions. */
export const faqKeys = {
  entry: (storeId: string, entryId: string): ItemKey => ({ pk: `FAQ#${storeId}`, sk: `ENTRY#${entryId}` }),
  entriesPartition: (storeId: string) => `FAQ#${storeId}`,
  entryPrefix: 'ENTRY#',
  /** Bumped on every write, so warm processes know to rebuild the store's FAQ index. */
  version: (storeId: string): ItemKey => ({ pk: `FAQ#${storeId}`, sk: 'VERSION' }),
  /** Every version of every entry (removals too), zero-padded so an entry's versions sort. */
  history: (storeId: string, entryId: string, version: number): ItemKey => ({
    pk: `FAQHISTORY#${storeId}`,
    sk: `${entryId}#${String(version).padStart(6, '0')}`,
  }),
  historyPartition: (storeId: string) => `FAQHISTORY#${storeId}`,
  cluster: (storeId: string, clusterId: string): ItemKey => ({
    pk: `FAQCLUSTER#${storeId}`,
    sk: `CLUSTER#${clusterId}`,
  }),
  clustersPartition: (storeId: string) => `FAQCLUSTER#${storeId}`,
  clusterPrefix: 'CLUSTER#',
  /** The loop's event watermark and its daily counts of questions the FAQ answered. */
  loopState: (storeId: string): ItemKey => ({ pk: `FAQCLUSTER#${storeId}`, sk: 'STATE' }),
} as const;
