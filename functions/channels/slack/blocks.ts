import type { Language } from '../../language/language';
import type { ActionsBlock, HomeView, KnownBlock } from '@slack/types';
import type { CartAction } from '../../assistant/conversation/cart';
import type { Comparison } from '../../assistant/conversation/comparison';
import type { ShopperReply } from '../../assistant/types';
import type { ProductCard } from '../../catalog/product';
import { stockBadge } from '../../catalog/stock-wording';
import type { InsightAnswer } from '../../insights/merchant-assistant';
import { tableCells } from '../../insights/report-table';
import { INSIGHT_TEXTS } from '../../insights/texts';

export const FEEDBACK_UP = 'feedback_up';
export const FEEDBACK_DOWN = 'feedback_down';
export const HANDOFF_CLAIM = 'handoff_claim';
/** The checkout link button of a cart action: Slack opens the URL, the app has nothing to do. */
export const CART_CHECKOUT = 'cart_checkout';
export const HANDOFF_RELEASE = 'handoff_release';

const MAX_SECTION_CHARS = 2900;
const MAX_PRODUCTS = 5;

/** What a feedback button carries back: which reply was rated. Kept short (Slack caps values at 2000 chars). */
export interface FeedbackRef {
  replyId: string;
  conversationId: string;
  variantId?: string;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatPrice(price: number, currency: string, locale = 'en-US'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency}`;
  }
}

function truncate(text: string, max = MAX_SECTION_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One product: title, price and stock, as the tool result of that turn reported them. */
export function productSection(product: ProductCard): KnownBlock {
  const stock = stockBadge(product.inStock ? product.stock : 0, 'en');
  const details = [formatPrice(product.price, product.currency), stock];
  if (product.brand) details.push(escapeMrkdwn(product.brand));
  if (product.rating !== undefined) details.push(`★ ${product.rating.toFixed(1)}`);
  const reason = product.reason ? `\n_${escapeMrkdwn(product.reason)}_` : '';
  return {
    type: 'section',
    block_id: `product_${product.id}`.slice(0, 255),
    text: {
      type: 'mrkdwn',
      text: truncate(`*${escapeMrkdwn(product.title)}*\n${details.join(' · ')}${reason}`),
    },
  };
}

/**
 * A comparison as a Block Kit table: a header section with the product titles as fields, then one
 * section per attribute (the label as text, one field per product, in the same order).
 */
export function comparisonBlocks(comparison: Comparison, products: ProductCard[]): KnownBlock[] {
  const titles = comparison.productIds.map((id) => products.find((p) => p.id === id)?.title ?? id);
  const field = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, 1900) });
  return [
    {
      type: 'section',
      block_id: 'comparison_header',
      text: { type: 'mrkdwn', text: ' ' },
      fields: titles.map((t) => field(`*${escapeMrkdwn(t)}*`)),
    },
    ...comparison.rows.map((row, i): KnownBlock => ({
      type: 'section',
      block_id: `comparison_row_${i}`,
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(row.label)}*` },
      fields: row.values.map((v) => field(escapeMrkdwn(v))),
    })),
  ];
}

/** An add-to-cart action: what was added, and a checkout button when the store has a cart link. */
export function cartActionBlock(action: CartAction, products: ProductCard[], language: string): KnownBlock {
  const title = products.find((p) => p.id === action.productId)?.title ?? action.productId;
  const zh = language === 'zh';
  const text = `🛒 ${zh ? '已加入购物车' : 'Added to cart'}: *${escapeMrkdwn(title)}* × ${action.quantity}`;
  return {
    type: 'section',
    block_id: `cart_${action.productId}`.slice(0, 255),
    text: { type: 'mrkdwn', text: truncate(text) },
    ...(action.url
      ? {
          accessory: {
            type: 'button',
            action_id: CART_CHECKOUT,
            text: { type: 'plain_text', text: zh ? '去结算' : 'Checkout', emoji: true },
            url: action.url,
          },
        }
      : {}),
  };
}

/** 👍/👎 buttons under every bot answer; the action handler records them with the feedback service. */
export function feedbackActions(ref: FeedbackRef): ActionsBlock {
  const value = JSON.stringify({ r: ref.replyId, c: ref.conversationId, v: ref.variantId });
  return {
    type: 'actions',
    block_id: 'feedback',
    elements: [
      {
        type: 'button',
        action_id: FEEDBACK_UP,
        text: { type: 'plain_text', text: '👍', emoji: true },
        value,
      },
      {
        type: 'button',
        action_id: FEEDBACK_DOWN,
        text: { type: 'plain_text', text: '👎', emoji: true },
        value,
      },
    ],
  };
}

/** Parses a feedback button value; undefined when it is not one of ours. */
export function parseFeedbackValue(value: string | undefined): FeedbackRef | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as { r?: unknown; c?: unknown; v?: unknown };
    if (typeof parsed.r !== 'string' || typeof parsed.c !== 'string') return undefined;
    return {
      replyId: parsed.r,
      conversationId: parsed.c,
      variantId: typeof parsed.v === 'string' ? parsed.v : undefined,
    };
  } catch {
    return undefined;
  }
}

/** Claim / Return to bot, on a merchant-side handoff message (the handoff issue wires the actions). */
export function handoffActions(conversationRef: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'handoff',
    elements: [
      {
        type: 'button',
        action_id: HANDOFF_CLAIM,
        style: 'primary',
        text: { type: 'plain_text', text: 'Claim' },
        value: conversationRef,
      },
      {
        type: 'button',
        action_id: HANDOFF_RELEASE,
        text: { type: 'plain_text', text: 'Return to bot' },
        value: conversationRef,
      },
    ],
  };
}

function textSection(text: string, plain = false): KnownBlock {
  // A merchant's FAQ answer is plain text: Slack must not read its * _ ~ ` as formatting.
  if (plain)
    return { type: 'section', text: { type: 'plain_text', text: truncate(text || ' '), emoji: false } };
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(text) || ' ') } };
}

/** A shopper answer: text, up to five products, suggestions, and feedback buttons. */
export function shopperReplyBlocks(reply: ShopperReply, conversationId: string): KnownBlock[] {
  const blocks: KnownBlock[] = [textSection(reply.text, reply.faqEntryId !== undefined)];
  if (reply.comparison) blocks.push(...comparisonBlocks(reply.comparison, reply.products));
  else for (const product of reply.products.slice(0, MAX_PRODUCTS)) blocks.push(productSection(product));
  for (const action of reply.actions ?? [])
    blocks.push(cartActionBlock(action, reply.products, reply.language));
  if (reply.handoff) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text:
            reply.language === 'zh' ? '已通知店铺同事。' : 'A member of the store team has been notified.',
        },
      ],
    });
  }
  if (reply.suggestions.length > 0) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: truncate(reply.suggestions.map((s) => `• ${escapeMrkdwn(s)}`).join('  ')) },
      ],
    });
  }
  blocks.push(feedbackActions({ replyId: reply.replyId, conversationId, variantId: reply.variantId }));
  return blocks;
}

/** Renders a table as monospace text: Slack has no table block for bots. */
export function tableText(
  table: NonNullable<InsightAnswer['table']>,
  maxRows = 15,
  language: Language = 'en',
): string {
  const rows = [table.columns, ...tableCells(table, 'display').slice(0, maxRows)];
  const widths = table.columns.map((_c, i) =>
    Math.min(28, Math.max(...rows.map((r) => (r[i] ?? '').length))),
  );
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (cell ?? '').slice(0, 28).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const more =
    table.rows.length > maxRows ? `\n${INSIGHT_TEXTS[language].moreRows(table.rows.length - maxRows)}` : '';
  return truncate(`\`\`\`\n${lines.join('\n')}\n\`\`\`${more}`);
}

/** A report button of an unclear answer: its value is the question it asks in the thread. */
export const INSIGHT_REPORT_ACTION = 'insight_report';

/** The "which report?" buttons; Slack allows 25 elements per actions block, values up to 2000 chars. */
function reportChoiceActions(choices: NonNullable<InsightAnswer['choices']>): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'insight_reports',
    elements: choices.slice(0, 25).map((choice) => ({
      type: 'button',
      action_id: `${INSIGHT_REPORT_ACTION}_${choice.intent}`,
      text: { type: 'plain_text', text: choice.label },
      value: choice.question.slice(0, 2000),
    })),
  };
}

/** The answer's text with its first line, the report and period understood, in bold. */
function headedText(answer: InsightAnswer): string {
  const text = answer.text || 'No data for that question yet.';
  if (!answer.heading || !text.startsWith(answer.heading)) return escapeMrkdwn(text);
  return `*${escapeMrkdwn(answer.heading)}*${escapeMrkdwn(text.slice(answer.heading.length))}`;
}

/** A merchant answer: heading and text, its table, the sources behind the figures, and feedback buttons. */
export function merchantAnswerBlocks(answer: InsightAnswer, ref?: FeedbackRef): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(headedText(answer)) } },
  ];
  if (answer.choices && answer.choices.length > 0) {
    blocks.push(reportChoiceActions(answer.choices));
    return blocks;
  }
  if (answer.table && answer.table.rows.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: tableText(answer.table, undefined, answer.language) },
    });
  }
  if (answer.sources.length > 0) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            `${INSIGHT_TEXTS[answer.language].sources}: ${answer.sources.map(escapeMrkdwn).join('; ')}`,
            1900,
          ),
        },
      ],
    });
  }
  if (ref) blocks.push(feedbackActions(ref));
  return blocks;
}

/** The App Home tab: which store this workspace is linked to, and what to try. */
export function homeView(summary: {
  storeName?: string;
  storeId?: string;
  purpose?: string;
  linkedAt?: string;
  products?: number;
}): HomeView {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'ShopGuide' } }];
  if (summary.storeId) {
    const lines = [
      `Linked store: *${escapeMrkdwn(summary.storeName ?? summary.storeId)}* (\`${escapeMrkdwn(summary.storeId)}\`)`,
      `Mode: ${summary.purpose === 'shopper' ? 'shopper assistant' : 'merchant tools'}`,
    ];
    if (summary.products !== undefined) lines.push(`Catalog: ${summary.products} products`);
    if (summary.linkedAt) lines.push(`Linked since ${summary.linkedAt.slice(0, 10)}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Try `/shopguide insights top sellers last week`, or mention @ShopGuide.' },
      ],
    });
  } else {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'This workspace is not linked to a store yet. Run `/shopguide link <code>` with a code from `npx shopguide partner link-code <storeId>`.',
      },
    });
  }
  return { type: 'home', blocks };
}
