import * as z from 'zod/mini';
import type { ChatToolCall, ToolDefinition } from '../llm/chat-model';
import type { InsightTools, ToolOutput } from './insight-tools';
import type { InsightIntent } from './intent';
import { resolvePeriod, type Period } from './period';

/**
 * The insight tools as the model sees them. Arguments carry a period and a measure, never a store: the store
 * is fixed by the `InsightTools` instance. A model that names a store anyway (prompt injection, confusion)
 * gets a refusal unless it names the caller's own store.
 */

const PERIODS = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'last_7_days',
  'last_30_days',
  'last_90_days',
] as const;

const periodParam = {
  type: 'string',
  enum: PERIODS,
  description:
    'Reporting period in the store timezone. Running periods compare with the same span of the previous one.',
};

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
    properties: { period: periodParam, ...(spec.extra ?? {}) },
    additionalProperties: false,
  },
}));

const argsSchema = z.strictObject({
  period: z.optional(z.enum(PERIODS)),
  by: z.optional(z.enum(['units', 'revenue'])),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(25))),
});

export type ToolCallOutcome =
  | { ok: true; intent: InsightIntent; period: Period; by: 'units' | 'revenue'; output: ToolOutput<unknown> }
  | { ok: false; error: string; refused?: boolean };

const STORE_ARG = /store|tenant|shop|merchant/i;

export function periodFromArg(
  arg: (typeof PERIODS)[number] | undefined,
  now: Date,
  timeZone: string,
): Period {
  switch (arg) {
    case 'last_7_days':
      return resolvePeriod('last_n_days', now, timeZone, 7);
    case 'last_90_days':
      return resolvePeriod('last_n_days', now, timeZone, 90);
    case undefined:
    case 'last_30_days':
      return resolvePeriod('last_n_days', now, timeZone, 30);
    default:
      return resolvePeriod(arg, now, timeZone);
  }
}

/** Runs one model tool call against the caller's store, or refuses it. Never throws for bad arguments. */
export async function runToolCall(
  tools: InsightTools,
  call: ChatToolCall,
  now: Date,
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
  const period = periodFromArg(parsed.data.period, now, tools.store.timezone);
  const by = parsed.data.by ?? (intent === 'top_categories' ? 'revenue' : 'units');
  const output = await runIntent(tools, intent, period, by, parsed.data.limit);
  return { ok: true, intent, period, by, output };
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
