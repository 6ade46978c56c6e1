import { ForbiddenError, NotFoundError, ValidationError } from '../errors/errors';
import type { ChatMessage, ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import type { AuditLog } from '../ports/audit-log';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { MemberRole, Route } from '../partners/partner';
import { STORE_ID_PATTERN, type Store } from '../stores/store';
import { detectLanguage, type Language } from '../language/language';
import type { InsightSessionStore } from '../ports/insight-sessions';
import { localDateAt } from './calendar';
import { renderChart } from './chart';
import { composeAnswer } from './compose-answer';
import { contextOf, resolveRequest } from './follow-up';
import { checkNumbersGrounded } from './grounding';
import { unclearAnswer, type InsightAnswer } from './insight-answer';
import { InsightTools, type InsightToolsDeps } from './insight-tools';
import type { ToolOutput } from './insight-results';
import { readQuestion, type InsightIntent, type InsightRequest, type Measure } from './intent';
import { buildPeriod, localDateString, type Period, type PeriodSpec } from './period';
import { toCsv } from './report-table';
import { INSIGHT_TOOL_DEFINITIONS, runIntent, runToolCall } from './tool-calls';

export type { InsightAnswer } from './insight-answer';

export interface MerchantQuestion {
  /** The caller's linked store, decided by the channel adapter from bindings; tools are scoped to it. */
  storeId: string;
  question: string;
  caller: { platform: string; userId: string; displayName?: string };
  wantCsv?: boolean;
  /** Charts cost a render; callers that cannot show images may skip them. Default true. */
  wantChart?: boolean;
  /**
   * The thread the question belongs to (Slack thread, Teams reply chain, CLI `--session`): a follow-up there
   * keeps the report, period, measure and filter it does not restate.
   */
  session?: string;
}

/** The ports a merchant question uses. */
export interface MerchantAssistantDeps extends InsightToolsDeps {
  stores: Pick<StoreDirectory, 'get'>;
  audit: Pick<AuditLog, 'record'>;
  /** What each thread asked last, for follow-ups. */
  sessions: InsightSessionStore;
  /** Present in LLM mode: the model picks the tools. */
  chatModel?: ChatModel;
  logger: Logger;
  now: Clock;
}

export const MAX_QUESTION_CHARS = 1000;
const MAX_TOOL_ROUNDS = 3;

/**
 * The only door from a chat platform to merchant insights: a merchant binding of the caller's workspace.
 * Shopper channels and unlinked workspaces are refused here, in code, whatever the message says.
 */
export function resolveMerchantScope(route: Route): { storeId: string; role: MemberRole } {
  if (route.kind !== 'merchant') {
    throw new ForbiddenError(
      route.kind === 'shopper'
        ? 'Merchant insights are not available in shopper channels'
        : 'This workspace is not linked to a store',
    );
  }
  return { storeId: route.storeId, role: route.role };
}

interface Report {
  intent: InsightIntent;
  period: Period;
  by: Measure;
  categories?: string[];
  output: ToolOutput<unknown>;
}

/**
 * Answers a merchant's question about their own store, from stored data only. The answer states the report
 * and period it read; a question that names no report gets a question back. In LLM mode the model picks the
 * tools; every number in its text must appear in the tool results, or the templated answer is used. Every
 * question is written to the store's audit trail.
 */
export async function answerMerchantQuestion(
  services: MerchantAssistantDeps,
  request: MerchantQuestion,
): Promise<InsightAnswer> {
  const question = request.question.trim();
  if (!STORE_ID_PATTERN.test(request.storeId)) throw new ValidationError('Invalid store id');
  if (question.length === 0) throw new ValidationError('Ask a question about your store');
  if (question.length > MAX_QUESTION_CHARS)
    throw new ValidationError(`Questions are limited to ${MAX_QUESTION_CHARS} characters`);
  const store = await services.stores.get(request.storeId);
  if (!store) throw new NotFoundError(`Unknown store ${request.storeId}`);
  const logger = services.logger.child({ storeId: store.id, channel: request.caller.platform });
  const now = services.now();
  // Source lines in the question's language, like the rest of the answer.
  const tools = new InsightTools(services, store, detectLanguage(question));
  const { sessions } = services;
  const context = request.session ? await sessions.get(store.id, request.session) : undefined;
  const reading = readQuestion(question, localDateAt(now, store.timezone), await tools.categoryIds());
  const wanted = resolveRequest(reading, context, now, store.timezone);
  const usedContext = context !== undefined && (reading.intent === undefined || reading.followUpWords);

  let llm: LlmAnswer | undefined;
  // Follow-ups are resolved from the thread here: the model never saw the thread.
  if (services.chatModel && !usedContext) {
    const stated = reading.intent && reading.period ? reading.period : undefined;
    llm = await answerWithModel(services, tools, store, question, wanted.language, now, stated);
    if (llm.kind === 'fallback')
      logger.info('insights fell back to the offline answer', { reason: llm.reason });
  }

  let answer: InsightAnswer;
  let report: Report | undefined;
  if (llm?.kind === 'answer') {
    report = llm.primary;
    const answered = { ...wanted, ...requestOf(report) };
    answer = await composeAnswer(tools.forCategories(report.categories), answered, report, now, {
      text: llm.text,
      sources: llm.sources,
    });
  } else if (wanted.intent === 'unclear') {
    answer = unclearAnswer(wanted, buildPeriod(wanted.period, now, store.timezone), wanted.candidates);
  } else {
    const period = buildPeriod(wanted.period, now, store.timezone);
    const scoped = tools.forCategories(wanted.categories);
    report = {
      intent: wanted.intent,
      period,
      by: wanted.by,
      categories: wanted.categories,
      output: await runIntent(scoped, wanted.intent, period, wanted.by),
    };
    answer = await composeAnswer(scoped, wanted, report, now);
  }
  if (llm?.refused) answer = { ...answer, text: refusalNote(store, answer.language) + answer.text };
  if (request.wantCsv && answer.table) answer.csv = toCsv(answer.table);
  if (answer.chart && (request.wantChart !== false || answer.chartAsked)) {
    try {
      answer.chartPng = await renderChart(answer.chart);
    } catch (error) {
      // A missing chart must not cost the merchant the answer.
      logger.warn('chart rendering failed', { error: error instanceof Error ? error.message : 'unknown' });
    }
  }

  await services.audit.record({
    storeId: store.id,
    action: 'question',
    at: now.toISOString(),
    platform: request.caller.platform,
    userId: request.caller.userId,
    displayName: request.caller.displayName,
    detail: question,
    intent: answer.intent,
    mode: llm?.kind === 'answer' ? 'llm' : 'offline',
  });
  if (request.session) {
    const understood = report ? { ...wanted, ...requestOf(report) } : wanted;
    const byStated =
      reading.by !== undefined || (context?.byStated === true && context.intent === understood.intent);
    await sessions.save(store.id, request.session, contextOf(understood, byStated));
  }
  logger.info('merchant question answered', { intent: answer.intent, mode: llm?.kind ?? 'offline' });
  return answer;
}

/** The request a report actually answered (the model may have chosen another report or period). */
function requestOf(report: Report): Pick<InsightRequest, 'intent' | 'period' | 'by' | 'categories'> {
  return { intent: report.intent, period: report.period.spec, by: report.by, categories: report.categories };
}

function refusalNote(store: Store, language: Language): string {
  return language === 'zh'
    ? `我只能查看你所关联的店铺（${store.name}）的数据。`
    : `I can only report on your linked store (${store.name}). `;
}

type LlmAnswer =
  | { kind: 'answer'; text: string; primary: Report; sources: string[]; refused: boolean }
  | { kind: 'fallback'; reason: string; refused: boolean };

async function answerWithModel(
  services: Pick<MerchantAssistantDeps, 'chatModel'>,
  tools: InsightTools,
  store: Store,
  question: string,
  language: Language,
  now: Date,
  statedPeriod: PeriodSpec | undefined,
): Promise<LlmAnswer> {
  const model = services.chatModel;
  if (!model) return { kind: 'fallback', reason: 'no model', refused: false };
  const messages: ChatMessage[] = [
    {
      role: 'system',
      content:
        `You are ShopGuide's analyst for the store "${store.name}" (currency ${store.currency}, timezone ${store.timezone}). ` +
        `Today is ${localDateString(now, store.timezone)} there; pass every period to the tools as from/to dates. ` +
        'Answer the merchant with the tools; they only read this store. Use only numbers that appear in tool results, ' +
        'do not compute new ones. Two or three sentences, no tables (a table is attached). ' +
        `Reply in ${language === 'zh' ? 'Chinese' : 'English'}.`,
    },
    { role: 'user', content: question },
  ];
  const reports: Report[] = [];
  let refused = false;
  for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
    const result = await model.complete({
      messages,
      tools: round < MAX_TOOL_ROUNDS ? INSIGHT_TOOL_DEFINITIONS : undefined,
      maxTokens: 400,
      temperature: 0,
    });
    if (result.status !== 'success') return { kind: 'fallback', reason: result.status, refused };
    if (result.toolCalls.length === 0) {
      const text = (result.content ?? '').trim();
      if (!text || reports.length === 0)
        return { kind: 'fallback', reason: 'no tool result behind the answer', refused };
      const grounding = checkNumbersGrounded(text, [...reports.map((r) => r.output.data), question]);
      if (!grounding.ok)
        return { kind: 'fallback', reason: `ungrounded numbers: ${grounding.unmatched.join(', ')}`, refused };
      return {
        kind: 'answer',
        text,
        primary: reports[0],
        sources: [...new Set(reports.flatMap((r) => r.output.sources))],
        refused,
      };
    }
    messages.push({ role: 'assistant', content: result.content, toolCalls: result.toolCalls });
    for (const call of result.toolCalls) {
      const outcome = await runToolCall(tools, call, now, statedPeriod);
      if (outcome.ok) {
        reports.push({
          intent: outcome.intent,
          period: outcome.period,
          by: outcome.by,
          categories: outcome.categories,
          output: outcome.output,
        });
        messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify(outcome.output.data) });
      } else {
        refused ||= outcome.refused === true;
        messages.push({
          role: 'tool',
          toolCallId: call.id,
          content: JSON.stringify({ error: outcome.error }),
        });
      }
    }
  }
  return { kind: 'fallback', reason: 'too many tool rounds', refused };
}
