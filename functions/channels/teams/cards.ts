import type { Language } from '../../language/language';
import type { CartAction } from '../../assistant/conversation/cart';
import type { Comparison } from '../../assistant/conversation/comparison';
import type { ProductCard } from '../../catalog/product';
import { stockBadge } from '../../catalog/stock-wording';
import { plainBlock } from './faq-cards';
import type { InsightAnswer } from '../../insights/merchant-assistant';
import { tableCells } from '../../insights/report-table';
import { INSIGHT_TEXTS } from '../../insights/texts';
import type { AdaptiveCard } from './activity';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
// Teams renders 1.5 on desktop and mobile; tables need it.
const VERSION = '1.5';
const MAX_TABLE_ROWS = 20;

/** What a feedback button sends back, as Action.Execute data (or Action.Submit value where Execute is unknown). */
export interface FeedbackActionData {
  action: 'feedback';
  replyId: string;
  rating: 'up' | 'down';
}

/** What a suggestion button sends back outside Teams (Teams posts the text itself via `imBack`). */
export interface SuggestionActionData {
  action: 'suggestion';
  text: string;
}

function formatPrice(price: number, currency: string, locale = 'en-US'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency}`;
  }
}

function feedbackAction(title: string, data: FeedbackActionData) {
  return {
    type: 'Action.Execute',
    title,
    verb: 'feedback',
    data,
    // Clients without Universal Actions (older Web Chat) fall back to a plain submit with the same data.
    fallback: { type: 'Action.Submit', title, data },
  };
}

function suggestionAction(text: string) {
  const data: SuggestionActionData & { msteams: { type: 'imBack'; value: string } } = {
    action: 'suggestion',
    text,
    msteams: { type: 'imBack', value: text },
  };
  return { type: 'Action.Submit', title: text, data };
}

export interface ShopperCardInput {
  replyId: string;
  text: string;
  products: ProductCard[];
  suggestions: string[];
  language: Language;
  /** Set when the text is a merchant's FAQ answer: shown as plain text, never markdown. */
  faqEntryId?: string;
  actions?: CartAction[];
  comparison?: Comparison;
}

/** A comparison as an Adaptive Card table: a header row of product titles, one row per attribute. */
export function comparisonTable(comparison: Comparison, products: ProductCard[]) {
  const titles = comparison.productIds.map((id) => products.find((p) => p.id === id)?.title ?? id);
  const cell = (text: string, bold = false) => ({
    type: 'TableCell',
    items: [{ type: 'TextBlock', text, wrap: true, weight: bold ? 'Bolder' : 'Default' }],
  });
  return {
    type: 'Table',
    firstRowAsHeaders: true,
    // The label column is narrower than the product columns.
    columns: [{ width: 2 }, ...titles.map(() => ({ width: 3 }))],
    rows: [
      { type: 'TableRow', cells: [cell(''), ...titles.map((t) => cell(t, true))] },
      ...comparison.rows.map((row) => ({
        type: 'TableRow',
        cells: [cell(row.label, true), ...row.values.map((v) => cell(v))],
      })),
    ],
  };
}

/** The shopper's answer: text, products with price and stock, feedback buttons and suggested replies. */
export function shopperReplyCard(reply: ShopperCardInput): AdaptiveCard {
  const zh = reply.language === 'zh';
  const body: unknown[] = [
    reply.faqEntryId !== undefined
      ? plainBlock(reply.text)
      : { type: 'TextBlock', text: reply.text, wrap: true },
  ];
  if (reply.comparison) body.push(comparisonTable(reply.comparison, reply.products));
  for (const product of reply.comparison ? [] : reply.products) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: product.title, weight: 'Bolder', wrap: true },
        {
          type: 'FactSet',
          facts: [
            {
              title: zh ? '价格' : 'Price',
              value: formatPrice(product.price, product.currency, zh ? 'zh-CN' : 'en-US'),
            },
            {
              title: zh ? '库存' : 'Stock',
              value: stockBadge(product.inStock ? product.stock : 0, zh ? 'zh' : 'en'),
            },
            ...(product.rating !== undefined
              ? [{ title: zh ? '评分' : 'Rating', value: `${product.rating} / 5` }]
              : []),
            ...(product.reason ? [{ title: zh ? '推荐理由' : 'Why', value: product.reason }] : []),
          ],
        },
      ],
    });
  }
  const checkout: unknown[] = [];
  for (const action of reply.actions ?? []) {
    const title = reply.products.find((p) => p.id === action.productId)?.title ?? action.productId;
    body.push({
      type: 'TextBlock',
      text: `🛒 ${zh ? '已加入购物车' : 'Added to cart'}: ${title} × ${action.quantity}`,
      wrap: true,
      weight: 'Bolder',
    });
    if (action.url)
      checkout.push({ type: 'Action.OpenUrl', title: zh ? '去结算' : 'Checkout', url: action.url });
  }
  const actions = [
    ...checkout,
    feedbackAction('👍', { action: 'feedback', replyId: reply.replyId, rating: 'up' }),
    feedbackAction('👎', { action: 'feedback', replyId: reply.replyId, rating: 'down' }),
    ...reply.suggestions.slice(0, 3).map(suggestionAction),
  ];
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: VERSION, body, actions };
}

/** A merchant insight: the answer, the table behind it, the chart inline, and where each figure came from. */
export function insightCard(answer: InsightAnswer): AdaptiveCard {
  const headed = answer.heading !== '' && answer.text.startsWith(answer.heading);
  const rest = headed ? answer.text.slice(answer.heading.length).trim() : answer.text;
  const body: unknown[] = headed
    ? [{ type: 'TextBlock', text: answer.heading, weight: 'Bolder', wrap: true }]
    : [];
  if (rest) body.push({ type: 'TextBlock', text: rest, wrap: true });
  if (answer.choices && answer.choices.length > 0) {
    // "Which report?": each button posts its report's question back into the same conversation or reply chain.
    return {
      type: 'AdaptiveCard',
      $schema: SCHEMA,
      version: VERSION,
      body,
      actions: answer.choices.map((choice) => ({
        ...suggestionAction(choice.question),
        title: choice.label,
      })),
    };
  }
  if (answer.table && answer.table.rows.length > 0) {
    const { columns, rows } = answer.table;
    body.push({
      type: 'Table',
      firstRowAsHeaders: true,
      columns: columns.map(() => ({ width: 1 })),
      rows: [columns, ...tableCells(answer.table, 'display').slice(0, MAX_TABLE_ROWS)].map(
        (cells, index) => ({
          type: 'TableRow',
          cells: cells.map((cell) => ({
            type: 'TableCell',
            items: [
              {
                type: 'TextBlock',
                text: String(cell),
                wrap: true,
                weight: index === 0 ? 'Bolder' : 'Default',
              },
            ],
          })),
        }),
      ),
    });
    if (rows.length > MAX_TABLE_ROWS) {
      const more = rows.length - MAX_TABLE_ROWS;
      body.push({
        type: 'TextBlock',
        text: INSIGHT_TEXTS[answer.language].moreRows(more),
        isSubtle: true,
      });
    }
  }
  if (answer.chartPng) {
    body.push({
      type: 'Image',
      url: `data:image/png;base64,${answer.chartPng.toString('base64')}`,
      altText: INSIGHT_TEXTS[answer.language].chartAlt,
    });
  }
  if (answer.sources.length > 0) {
    body.push({
      type: 'TextBlock',
      text: `${INSIGHT_TEXTS[answer.language].sources}: ${answer.sources.join('; ')}`,
      wrap: true,
      isSubtle: true,
      size: 'Small',
    });
  }
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: VERSION, body };
}

/** A plain notice (digests, handoff requests) with optional facts. */
export function noticeCard(
  title: string,
  text: string,
  facts: { title: string; value: string }[] = [],
): AdaptiveCard {
  const body: unknown[] = [
    { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text, wrap: true },
  ];
  if (facts.length > 0) body.push({ type: 'FactSet', facts });
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: VERSION, body };
}
