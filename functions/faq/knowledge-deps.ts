import type { Services } from '../app/services';
import type { KnowledgeActionDeps } from './knowledge-actions';

/** The knowledge actions' ports, taken from the process's services. */
export function knowledgeDeps(services: Services): KnowledgeActionDeps {
  return {
    faq: services.faq,
    clusters: services.faqRepository,
    lastMessages: (storeId, conversationId, count) =>
      services.conversations.lastMessages(storeId, conversationId, count),
    now: services.now,
  };
}
