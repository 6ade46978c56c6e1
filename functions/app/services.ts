import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CatalogService } from '../catalog/catalog-service';
import type { Config } from '../config/config';
import type { ChatModel } from '../llm/chat-model';
import { FeedbackService } from '../feedback/feedback-service';
import { FaqService } from '../faq/faq-service';
import { FaqRepository } from '../storage/faq-repository';
import { createLogger, type Logger } from '../observability/logger';
import { InMemoryMetrics, type ProductMetrics } from '../observability/metrics';
import { PartnerService } from '../partners/partner-service';
import type { WorkQueue } from '../queue/work-queue';
import { ClaimRepository } from '../storage/claim-repository';
import { ConversationRepository } from '../storage/conversation-repository';
import { createDocumentClient } from '../storage/dynamo-client';
import { EventRepository } from '../storage/event-repository';
import { OrderRepository } from '../storage/order-repository';
import { PartnerRepository } from '../storage/partner-repository';
import { ProductRepository } from '../storage/product-repository';
import { StoreRepository } from '../storage/store-repository';
import { Table } from '../storage/table';
import type { StrategyProvider } from '../strategy/strategy';
import { StoredStrategyProvider } from '../strategy/stored-strategy-provider';
import { StrategyRepository } from '../strategy/strategy-repository';

/**
 * Everything a handler needs, built once per process (module scope in Lambda) and passed down.
 * Core modules receive only the parts they use.
 */
export interface Services {
  config: Config;
  logger: Logger;
  metrics: ProductMetrics;
  now: () => Date;
  documentClient: DynamoDBDocumentClient;
  table: Table;
  stores: StoreRepository;
  products: ProductRepository;
  orders: OrderRepository;
  conversations: ConversationRepository;
  events: EventRepository;
  feedback: FeedbackService;
  claims: ClaimRepository;
  partners: PartnerRepository;
  partnerService: PartnerService;
  catalog: CatalogService;
  strategies: StrategyProvider;
  /** Store FAQ entries and clusters of unanswered questions (the knowledge loop). */
  faqRepository: FaqRepository;
  faq: FaqService;
  /** Present in LLM mode. Built lazily by `llm/load-chat-model.ts` so front doors never load `openai`. */
  chatModel?: ChatModel;
  /** Present where slow work can be deferred (Slack, Teams). */
  queue?: WorkQueue;
}

export interface ServiceOverrides {
  documentClient?: DynamoDBDocumentClient;
  logger?: Logger;
  metrics?: ProductMetrics;
  now?: () => Date;
  chatModel?: ChatModel;
  queue?: WorkQueue;
  strategies?: StrategyProvider;
}

/** How long a warm process trusts its copy of a store record. */
const STORE_CACHE_MS = 30_000;

export function createServices(config: Config, overrides: ServiceOverrides = {}): Services {
  const logger = overrides.logger ?? createLogger('shopguide', config.logLevel);
  const documentClient =
    overrides.documentClient ??
    createDocumentClient({ region: config.storage.region, endpoint: config.storage.endpoint });
  const table = new Table(documentClient, config.storage.tableName);
  const stores = new StoreRepository(table, STORE_CACHE_MS);
  const products = new ProductRepository(table);
  const partners = new PartnerRepository(table);
  const now = overrides.now ?? (() => new Date());
  const events = new EventRepository(table);
  const metrics = overrides.metrics ?? new InMemoryMetrics();
  const faqRepository = new FaqRepository(table);
  return {
    config,
    logger,
    metrics,
    now,
    documentClient,
    table,
    stores,
    products,
    orders: new OrderRepository(table),
    conversations: new ConversationRepository(table, config.storage.conversationTtlDays),
    events,
    feedback: new FeedbackService(events, now, metrics),
    claims: new ClaimRepository(table),
    partners,
    partnerService: new PartnerService(partners, stores, now),
    catalog: new CatalogService({
      loadProducts: (storeId) => products.list(storeId),
      loadCatalogVersion: async (storeId) => (await stores.get(storeId, { fresh: true }))?.catalogVersion,
    }),
    strategies: overrides.strategies ?? new StoredStrategyProvider(new StrategyRepository(table), { now }),
    faqRepository,
    faq: new FaqService(faqRepository, now),
    chatModel: overrides.chatModel,
    queue: overrides.queue,
  };
}
