import { clusterNotifiersOnce } from '../../functions/app/digest-senders';
import { runKnowledgeStep } from '../../functions/faq/knowledge-step';
import type { LocalServer } from '../../functions/local/server';
import { WebChatClient } from '../support/webchat-client';

/** Web chat as a shopper: one fresh session per asker, one question each. */
export const askAsNewShopper = (server: LocalServer, text: string, storeId = 'demo') =>
  new WebChatClient(server.url, storeId).askAsNewShopper(text);

/** The clock of "the next hourly run": past the loop's one-minute safety lag, so just-written events count. */
export const nextHourlyRun = () => new Date(Date.now() + 2 * 60_000);

/** The knowledge step of the scheduled run, as the aggregate function runs it after the aggregation. */
export const runHourlyKnowledgeStep = (server: LocalServer) =>
  runKnowledgeStep(server.services.knowledgeLoopDeps, clusterNotifiersOnce(server.services), nextHourlyRun());

/** Questions of one intent, as different shoppers wrote them (EN and ZH). */
export const PAYPAL_QUESTIONS = [
  'can I pay with PayPal?',
  'do you accept paypal?',
  'Paying with Paypal possible?',
  '可以用PayPal付款吗',
];
export const CANADA_QUESTIONS = [
  'Can I get it delivered to Toronto?',
  'delivery to toronto canada?',
  '能送到多伦多吗',
];
