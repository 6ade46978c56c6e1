import { ForbiddenError, NotFoundError, ValidationError } from '../errors/errors';
import type { ChatMessage, ChatModel } from '../llm/chat-model';
import type { Logger } from '../observability/logger';
import type { AuditLog } from '../ports/audit-log';
import type { Clock, StoreDirectory } from '../ports/stores';
import type { MemberRole, Route } from '../partners/partner';
import { STORE_ID_PATTERN, type Store } from '../stores/store';
import { renderChart } from './chart';
import { checkNumbersGrounded } from './grounding';
import { InsightTools, type InsightToolsDeps, type ToolOutput } from './insight-tools';
import { parseQuestion, type InsightIntent } from './intent';
import type { Period } from './period';
import { toCsv, viewFor, type InsightTable, type ReportView } from './present';
import { INSIGHT_TOOL_DEFINITIONS, runIntent, runToolCall } from './tool-calls';

/** A merchant-facing answer: short text plus the table, chart and sources behind every figure in it. */
export interface InsightAnswer {
  text: string;
  table?: InsightTable;
  chartPng?: Buffer;
  csv?: string;
  /** One line per query a figure came from, e.g. `orders 2026-11-16..2026-11-23 (41 orders)`. */
  sources: string[];
  language: 'en' | 'zh';
}

export interface MerchantQuestion {
  /** The caller's linked store, decided by the channel adapter from bindings; tools are scoped to it. */
  storeId: string;
  question: string;
  caller: { platform: string; userId: string; displayName?: string };
  wantCsv?: boolean;
  /** Charts cost a render; callers that cannot show images may skip them. Default true. */
  wantChart?: boolean;
}

/** The ports a merchant question uses. */
export interface MerchantAssistantDeps extends InsightToolsDeps {
  stores: Pick<StoreDirectory, 'get'>;
  audit: Pick<AuditLog, 'record'>;
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
  by: 'units' | 'revenue';
  output: ToolOutput<unknown>;
}

/**
 * Answers a merchant's question about their own store, from stored data only. In LLM mode the model picks
 * the tools; every number in its text must appear in the tool results, or the templated answer is used.
 * Every question is written to the store's audit trail.
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
  const parsed = parseQuestion(question, now, store.timezone);
  const language = parsed.language;
  const tools = new InsightTools(services, store, language);

  let llm: LlmAnswer | undefined;
  if (services.chatModel) {
    llm = await answerWithModel(services, tools, store, question, language, now);
    if (llm.kind === 'fallback')
      logger.info('insights fell back to the offline answer', { reason: llm.reason });
  }

  const report: Report =
    llm?.kind === 'answer'
      ? llm.primary
      : {
          intent: parsed.intent,
          period: parsed.period,
          by: parsed.by,
          output: await runIntent(tools, parsed.intent, parsed.period, parsed.by),
        };
  const view: ReportView = viewFor(report.intent, report.output.data, language);
  const refusal = llm?.refused ? refusalNote(store, language) : '';
  const text = refusal + (llm?.kind === 'answer' ? llm.text : view.text);
  const sources = llm?.kind === 'answer' ? llm.sources : report.output.sources;

  let chartPng: Buffer | undefined;
  if (view.chart && request.wantChart !== false) {
    try {
      chartPng = await renderChart(view.chart);
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
    intent: report.intent,
    mode: llm?.kind === 'answer' ? 'llm' : 'offline',
  });
  logger.info('merchant question answered', { intent: report.intent, mode: llm?.kind ?? 'offline' });

  return {
    text,
    table: view.table,
    chartPng,
    csv: request.wantCsv && view.table ? toCsv(view.table) : undefined,
    sources,
    language,
  };
}

function refusalNote(store: Store, language: 'en' | 'zh'): string {
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
  language: 'en' | 'zh',
  now: Date,
): Promise<LlmAnswer> {
  const model = services.chatModel;
  if (!model) return { kind: 'fallback', reason: 'no model', refused: false };
  const messages: ChatMessage[] = [
    {
      role: 'system',
      content:
        `You are ShopGuide's analyst for the store "${store.name}" (currency ${store.currency}, timezone ${store.timezone}). ` +
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
      const outcome = await runToolCall(tools, call, now);
      if (outcome.ok) {
        reports.push({
          intent: outcome.intent,
          period: outcome.period,
          by: outcome.by,
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
