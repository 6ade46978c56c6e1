import * as z from 'zod/mini';
import type { ChatToolCall, ToolDefinition } from '../llm/chat-model';
import type { InsightTools } from './insight-tools';
import type { ToolOutput } from './insight-results';
import type { InsightIntent } from './intent-types';
import { compareDates, daysBetween, localDateAt, parseIsoDate } from './calendar';
import { findCategoryFilter } from './category-filter';
import { defaultMeasure, defaultPeriod } from './intent';
import { buildPeriod, rangeSpec, type Period, type PeriodSpec } from './period';

/**
 * The insight tools as the model sees them. Arguments carry a period and a measure, never a store: the store
 * is fixed by the `InsightTools` instance. A model that names a store anyway (prompt injection, confusion)
 * gets a refusal unless it names the caller's own store.
 */

const DATE_PARAM = (what: string) => ({
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: `${what}, inclusive, as YYYY-MM-DD in the store timezone.`,
});

/** Longest period a tool reads in one call: three years of orders. */
const MAX_PERIOD_DAYS = 3 * 366;

const TOOL_SPECS: Record<InsightIntent, { description: string; extra?: Record<string, unknown> }> = {
  sales_summary: {
    description:
      'Revenue, orders, units, average order value and customers for a period, with the previous comparable period and % change.',
  },
  top_products: {
    description: 'Best-selling products for a period, ranked by units or by revenue.',
    extra: {
      by: { type: 'string', enum: ['units', 'revenue'] },
      limit: { type: 'integer', minimum: 1, maximum: 25 },
    },
  },
  top_categories: {
    description: 'Revenue and units per product category for a period, with the previous comparable period.',
    extra: {
      by: { type: 'string', enum: ['units', 'revenue'] },
      limit: { type: 'integer', minimum: 1, maximum: 25 },
    },
  },
  trend: { description: 'Daily orders, units and revenue over a period.' },
  low_stock: {
    description:
      'Products with little stock left that still sell or draw shopper interest, ranked by demand.',
  },
  funnel: { description: 'Conversation funnel from bot events: asked, shown products, clicked, bought.' },
  latent_demand: {
    description:
      'Shopper questions the bot could not answer, clustered and named: what shoppers want that the catalog lacks.',
  },
  bot_performance: {
    description:
      'Bot performance: CSAT from thumbs, handoff rate, resolution rate and the conversation funnel.',
  },
};

export const INSIGHT_TOOL_DEFINITIONS: ToolDefinition[] = Object.entries(TOOL_SPECS).map(([name, spec]) => ({
  name,
  description: spec.description,
  parameters: {
    type: 'object',
    properties: {
      from: DATE_PARAM('First day of the period'),
      to: DATE_PARAM('Last day of the period (today at the latest)'),
      category: {
        type: 'string',
        description: 'Optional: only this catalog category (sales and stock reports).',
      },
      ...(spec.extra ?? {}),
    },
    additionalProperties: false,
  },
}));

const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const argsSchema = z.strictObject({
  from: z.optional(isoDay),
  to: z.optional(isoDay),
  category: z.optional(z.string().check(z.maxLength(60))),
  by: z.optional(z.enum(['units', 'revenue'])),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(25))),
});

export type ToolCallOutcome =
  | {
      ok: true;
      intent: InsightIntent;
      period: Period;
      by: 'units' | 'revenue';
      categories?: string[];
      output: ToolOutput<unknown>;
      /** The question stated another period plainly; the tool ran on that one instead. */
      corrected: boolean;
    }
  | { ok: false; error: string; refused?: boolean };

const STORE_ARG = /store|tenant|shop|merchant/i;

/** The period of a tool call's `from`/`to`, or why it is not one. Defaults to the last 30 days. */
export function periodFromArgs(
  args: { from?: string; to?: string },
  now: Date,
  timeZone: string,
): PeriodSpec | string {
  if (!args.from && !args.to) return defaultPeriod(now, timeZone);
  const today = localDateAt(now, timeZone);
  const from = args.from ? parseIsoDate(args.from) : undefined;
  const to = args.to ? parseIsoDate(args.to) : today;
  if (!from || !to) return 'from and to must be real dates (YYYY-MM-DD); from is required';
  const end = compareDates(to, today) > 0 ? today : to;
  if (compareDates(from, end) > 0) return 'from must not be after to (or after today)';
  if (daysBetween(from, end) > MAX_PERIOD_DAYS) return `periods are limited to ${MAX_PERIOD_DAYS} days`;
  return rangeSpec(from, end);
}

/** Runs one model tool call against the caller's store, or refuses it. Never throws for bad arguments. */
export async function runToolCall(
  tools: InsightTools,
  call: ChatToolCall,
  now: Date,
  statedPeriod?: PeriodSpec,
): Promise<ToolCallOutcome> {
  if (!(call.name in TOOL_SPECS)) return { ok: false, error: `unknown tool ${call.name}` };
  let raw: unknown;
  try {
    raw = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return { ok: false, error: 'arguments are not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'arguments must be an object' };
  const args = { ...(raw as Record<string, unknown>) };
  for (const key of Object.keys(args)) {
    if (!STORE_ARG.test(key)) continue;
    if (args[key] !== tools.storeId) {
      return { ok: false, refused: true, error: `refused: these tools only read store ${tools.storeId}` };
    }
    delete args[key];
  }
  const parsed = argsSchema.safeParse(args);
  if (!parsed.success)
    return { ok: false, error: `invalid arguments: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const intent = call.name as InsightIntent;
  const fromArgs = periodFromArgs(parsed.data, now, tools.store.timezone);
  if (typeof fromArgs === 'string') return { ok: false, error: fromArgs };
  // The model may misread a period the merchant stated plainly; the offline grammar's reading wins.
  const corrected =
    statedPeriod !== undefined &&
    (statedPeriod.start !== fromArgs.start || statedPeriod.end !== fromArgs.end);
  const spec = corrected && statedPeriod ? statedPeriod : fromArgs;
  const period = buildPeriod(spec, now, tools.store.timezone);
  let categories: string[] | undefined;
  if (parsed.data.category) {
    const filter = findCategoryFilter(
      `only ${parsed.data.category.toLowerCase()}`,
      await tools.categoryIds(),
    );
    if (!filter || filter.categories.length === 0)
      return { ok: false, error: `unknown category ${parsed.data.category}` };
    categories = filter.categories;
  }
  const by = parsed.data.by ?? defaultMeasure(intent);
  const output = await runIntent(tools.forCategories(categories), intent, period, by, parsed.data.limit);
  return { ok: true, intent, period, by, categories, output, corrected };
}

/** The one dispatch from a report name to its tool, shared by the offline and LLM paths. */
export async function runIntent(
  tools: InsightTools,
  intent: InsightIntent,
  period: Period,
  by: 'units' | 'revenue',
  limit?: number,
): Promise<ToolOutput<unknown>> {
  switch (intent) {
    case 'sales_summary':
      return tools.salesSummary(period);
    case 'top_products':
      return tools.topProducts(period, by, limit);
    case 'top_categories':
      return tools.topCategories(period, by, limit);
    case 'trend':
      return tools.trend(period);
    case 'low_stock':
      return tools.lowStock(period, undefined, limit);
    case 'funnel':
      return tools.funnel(period);
    case 'latent_demand':
      return tools.latentDemand(period, limit);
    case 'bot_performance':
      return tools.botPerformance(period);
  }
}
