import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import path from 'node:path';
import type { ShopperAssistant } from '../assistant/shopper-assistant';
import { CatalogService } from '../catalog/catalog-service';
import { CatalogSnapshots, type SnapshotStore } from '../catalog/catalog-snapshot';
import type { Config } from '../config/config';
import { FeedbackService } from '../feedback/feedback-service';
import type { FeedbackLoopDeps } from '../feedback-loop/run-aggregation';
import { HandoffService } from '../handoff/handoff-service';
import type { HandoffNotifier } from '../handoff/handoff-types';
import type { ChatModel } from '../llm/chat-model';
import { createLogger, type Logger } from '../observability/logger';
import { InMemoryMetrics, type ProductMetrics } from '../observability/metrics';
import { PartnerService } from '../partners/partner-service';
import { PrivacyService } from '../privacy/privacy-service';
import type { Clock } from '../ports/stores';
import type { WorkQueue } from '../ports/work-queue';
import { AuditTrail } from '../storage/audit-trail';
import { ClaimRepository } from '../storage/claim-repository';
import { ConversationRepository } from '../storage/conversation-repository';
import { EventRepository } from '../storage/event-repository';
import { FaqRepository } from '../storage/faq-repository';
import { FaqService } from '../faq/faq-service';
import type { KnowledgeLoopDeps } from '../faq/knowledge-loop';
import { FeedbackLoopRepository } from '../storage/feedback-loop-repository';
import { HandoffRepository } from '../storage/handoff-repository';
import { InsightSessionRepository } from '../storage/insight-session-repository';
import { OrderRepository } from '../storage/order-repository';
import { PartnerRepository } from '../storage/partner-repository';
import { DynamoInstallationStore } from '../storage/slack-installation-store';
import { ReplyLedger } from '../storage/slack-reply-ledger';
import { FileSnapshotStore } from '../storage/file-snapshot-store';
import { PrivacyRepository } from '../storage/privacy-repository';
import { ProductRepository } from '../storage/product-repository';
import { ReplyRepository } from '../storage/reply-repository';
import { S3SnapshotStore } from '../storage/s3-snapshot-store';
import { ShopifyInventoryRepository } from '../storage/shopify-inventory-repository';
import { StoreRepository } from '../storage/store-repository';
import { StrategyRepository } from '../storage/strategy-repository';
import { SubjectRepository } from '../storage/subject-repository';
import type { Table } from '../storage/table';
import { TeamsReferenceRepository } from '../storage/teams-reference-repository';
import type { StrategyProvider } from '../strategy/strategy';
import { StoredStrategyProvider } from '../strategy/stored-strategy-provider';
import {
  loadMerchantAssistantModule,
  loadShopperAssistantModule,
  type MerchantAssistantModule,
} from './assistant-modules';
import { createClients, type ClientOptions } from './clients';
import { once } from './once';

/**
 * The process's parts, built once by `compose` (at module scope in Lambda, at start locally and in the CLI).
 * Only the edges hold it: entries, channel adapters, the local server and the CLI. Core modules declare the
 * ports they use (`ShopperAssistantDeps`, `HandoffDeps`, `FeedbackLoopDeps`, ...) and receive just those;
 * the repositories below implement the ports in `ports/`.
 */
export interface Composition {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: ProductMetrics;
  readonly now: Clock;
  readonly documentClient: DynamoDBDocumentClient;
  readonly table: Table;
  readonly stores: StoreRepository;
  readonly products: ProductRepository;
  readonly orders: OrderRepository;
  readonly conversations: ConversationRepository;
  readonly events: EventRepository;
  readonly claims: ClaimRepository;
  readonly partners: PartnerRepository;
  readonly handoffs: HandoffRepository;
  readonly strategyStore: StrategyRepository;
  readonly feedbackLoop: FeedbackLoopRepository;
  readonly audit: AuditTrail;
  /** What each merchant thread asked last (insight follow-ups). */
  readonly sessions: InsightSessionRepository;
  readonly slackInstallations: DynamoInstallationStore;
  readonly slackReplies: ReplyLedger;
  readonly teamsReferences: TeamsReferenceRepository;
  readonly feedback: FeedbackService;
  /** What each reply showed, to verify feedback and outcome signals. */
  readonly replies: ReplyRepository;
  /** Verified customers: their sessions and recent clicks (purchase attribution, privacy). */
  readonly subjects: SubjectRepository;
  /** Erasure and export of a session's or a verified customer's data. */
  readonly privacy: PrivacyService;
  readonly partnerService: PartnerService;
  readonly catalog: CatalogService;
  /** Compressed catalog copies for cold starts: S3 in AWS, files under DATA_DIR locally, none in tests by default. */
  readonly snapshots?: CatalogSnapshots;
  readonly shopifyInventory: ShopifyInventoryRepository;
  readonly strategies: StrategyProvider;
  /** Present in LLM mode. Built lazily by `llm/load-chat-model.ts` so front doors never load `openai`. */
  readonly chatModel?: ChatModel;
  /** Where slow work and handoff deliveries go; absent where nothing consumes them (CLI, bare tests). */
  readonly queue?: WorkQueue;
  /** The handoff state machine, shared by every channel of the process. */
  readonly handoff: HandoffService;
  /** The shopper assistant with the handoff hooks; its module loads on first use, then it is reused. */
  assistant(): Promise<ShopperAssistant>;
  /** The merchant assistant's module (insight answers), loaded on first use (see `assistant-modules.ts`). */
  merchantAssistant(): Promise<MerchantAssistantModule>;
  /** The ports of the feedback loop, with the strategy cache to refresh after a run. */
  readonly feedbackLoopDeps: FeedbackLoopDeps;
  /** Store FAQ entries and the clusters of unanswered questions (the knowledge loop). */
  readonly faqRepository: FaqRepository;
  readonly faq: FaqService;
  readonly knowledgeLoopDeps: KnowledgeLoopDeps;
}

export interface ComposeOptions extends ClientOptions {
  logger?: Logger;
  metrics?: ProductMetrics;
  now?: Clock;
  chatModel?: ChatModel;
  strategies?: StrategyProvider;
  /** Handoff deliveries go inline through these when there is no queue (tests, single-process tools). */
  handoffNotifiers?: HandoffNotifier[];
  /** Where catalog snapshots live; `null` turns them off (default: the bucket, DATA_DIR locally, none in tests). */
  snapshotStore?: SnapshotStore | null;
}

/** How long a warm process trusts its copy of a store record. */
const STORE_CACHE_MS = 30_000;

/** Builds every client, repository and service of the process once. */
export function compose(config: Config, options: ComposeOptions = {}): Composition {
  const logger = options.logger ?? createLogger('shopguide', config.logLevel);
  const { documentClient, table, queue } = createClients(config, logger, options);
  const now = options.now ?? (() => new Date());
  const metrics = options.metrics ?? new InMemoryMetrics();
  const stores = new StoreRepository(table, STORE_CACHE_MS);
  const products = new ProductRepository(table);
  const partners = new PartnerRepository(table);
  const events = new EventRepository(table);
  const conversations = new ConversationRepository(table, config.storage.conversationTtlDays);
  const handoffs = new HandoffRepository(table, now);
  const strategyStore = new StrategyRepository(table);
  const strategies = options.strategies ?? new StoredStrategyProvider(strategyStore, { now });
  const replies = new ReplyRepository(table);
  const subjects = new SubjectRepository(table, config.storage.conversationTtlDays);
  const orders = new OrderRepository(table);
  const feedback = new FeedbackService(events, now, metrics, replies, subjects);
  const chatModel = options.chatModel;
  const handoff = new HandoffService(
    { conversations, stores, handoffs, feedback, logger, now, queue, chatModel },
    { notifiers: options.handoffNotifiers },
  );
  const feedbackLoop = new FeedbackLoopRepository(table);
  const faqRepository = new FaqRepository(table);
  const snapshotStore =
    options.snapshotStore === undefined ? defaultSnapshotStore(config) : options.snapshotStore;
  const snapshots = snapshotStore ? new CatalogSnapshots(snapshotStore, logger, now) : undefined;
  const parts = {
    config,
    logger,
    metrics,
    now,
    documentClient,
    table,
    stores,
    products,
    orders,
    conversations,
    events,
    claims: new ClaimRepository(table),
    partners,
    handoffs,
    strategyStore,
    feedbackLoop,
    audit: new AuditTrail(table),
    sessions: new InsightSessionRepository(table),
    slackInstallations: new DynamoInstallationStore(table, now),
    slackReplies: new ReplyLedger(table, () => now().getTime()),
    teamsReferences: new TeamsReferenceRepository(table),
    feedback,
    replies,
    subjects,
    privacy: new PrivacyService({
      store: new PrivacyRepository(table),
      orders,
      now,
      tokenTtlSeconds: config.webchat.tokenTtlHours * 3600,
    }),
    partnerService: new PartnerService(partners, stores, now),
    catalog: new CatalogService({
      loadProducts: (storeId) => products.list(storeId),
      loadSnapshot: snapshots && ((storeId, version) => snapshots.load(storeId, version)),
      loadCatalogVersion: async (storeId) => (await stores.get(storeId, { fresh: true }))?.catalogVersion,
    }),
    snapshots,
    shopifyInventory: new ShopifyInventoryRepository(table),
    strategies,
    faqRepository,
    faq: new FaqService(faqRepository, now),
    knowledgeLoopDeps: {
      clusters: faqRepository,
      events,
      storeIds: async () => (await stores.list()).map((s) => s.id),
      logger,
      minAskers: config.faq.clusterMinAskers,
    },
    chatModel,
    queue,
    handoff,
    feedbackLoopDeps: {
      stores,
      events,
      loop: feedbackLoop,
      strategies: strategyStore,
      logger,
      now,
      onStrategyChanged: (storeId: string) => {
        if (strategies instanceof StoredStrategyProvider) strategies.invalidate(storeId);
      },
    },
  };
  const assistant = once(async () => {
    const { ShopperAssistant } = await loadShopperAssistantModule();
    return new ShopperAssistant(parts, handoff.hooks());
  });
  return { ...parts, assistant, merchantAssistant: once(loadMerchantAssistantModule) };
}

/** The stack's bucket in AWS (and for the CLI on a stack); files under DATA_DIR for `npm start`; none in tests. */
function defaultSnapshotStore(config: Config): SnapshotStore | undefined {
  if (config.catalog.snapshotBucket) {
    return new S3SnapshotStore(config.catalog.snapshotBucket, {
      region: config.storage.region,
      forcePathStyle: config.catalog.s3ForcePathStyle,
    });
  }
  if (config.runtime === 'local') return new FileSnapshotStore(path.join(config.dataDir, 'snapshots'));
  return undefined;
}
