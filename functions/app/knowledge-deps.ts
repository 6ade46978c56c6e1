import type { Composition } from './compose';
import type { KnowledgeActionDeps } from '../faq/knowledge-actions';

/** The knowledge actions' ports, taken from the process's composition. */
export function knowledgeDeps(app: Composition): KnowledgeActionDeps {
  return {
    faq: app.faq,
    clusters: app.faqRepository,
    lastMessages: (storeId, conversationId, count) =>
      app.conversations.lastMessages(storeId, conversationId, count),
    now: app.now,
  };
}
