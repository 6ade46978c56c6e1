import type { ShopperReply, ShopperTurnInput } from '../../../functions/assistant/types';
import type { InsightAnswer, MerchantQuestion } from '../../../functions/insights/merchant-assistant';

/** A shopper reply of the offline bot, as the core returns it: `changes` on top. */
export function cannedReply(changes: Partial<ShopperReply> = {}): ShopperReply {
  return {
    replyId: 'r1',
    text: '',
    products: [],
    actions: [],
    handoff: false,
    suggestions: [],
    language: 'en',
    mode: 'bot',
    variantId: 'control',
    source: 'offline',
    ...changes,
  };
}

/** Records what the Slack adapter hands the shopper core, and answers with one product. */
export function recordingAssistant() {
  const inputs: ShopperTurnInput[] = [];
  return {
    inputs,
    async handleMessage(input: ShopperTurnInput): Promise<ShopperReply> {
      inputs.push(input);
      return cannedReply({
        replyId: `r-${inputs.length}`,
        text: `You asked: ${input.text}`,
        products: [
          {
            id: '121',
            title: 'Trail Shoe',
            price: 89.5,
            currency: 'USD',
            inStock: true,
            stock: 7,
            category: 'shoes',
          },
        ],
      });
    },
  };
}

/** Records merchant questions (with the store the adapter scoped them to) and answers with a table. */
export function recordingInsights() {
  const requests: MerchantQuestion[] = [];
  return {
    requests,
    async answer(_services: unknown, request: MerchantQuestion): Promise<InsightAnswer> {
      requests.push(request);
      return {
        intent: 'top_products',
        period: { from: '2026-01-01', to: '2026-01-07' },
        by: 'units',
        heading: 'Top products by units, 1–7 Jan 2026',
        text: `Answer for ${request.storeId}: ${request.question}`,
        table: { columns: ['product', 'units'], rows: [['Trail Shoe', 12]] },
        sources: ['orders 2026-01-01..2026-01-07 (12 orders)'],
        language: 'en',
      };
    },
  };
}
