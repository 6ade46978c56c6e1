import type { ToolDefinition } from '../llm/chat-model';

/** The most products one search or recommendation returns. */
export const MAX_RESULTS = 8;

/** What the model is told about each shopper tool (JSON Schema); `tools.ts` runs them. Data only. */
export const TOOL_DEFINITIONS: ToolDefinition[] = [
  {
    name: 'search_products',
    description:
      'Search the store catalog. Use for any product request. Filters are hard constraints. Returns products with price and stock.',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Keywords in any language' },
        category: { type: 'string', description: 'Catalog category id, e.g. smartphones' },
        brand: { type: 'string' },
        price_min: { type: 'number' },
        price_max: { type: 'number' },
        in_stock: { type: 'boolean' },
        min_rating: { type: 'number' },
        sort: { type: 'string', enum: ['relevance', 'price_asc', 'price_desc', 'rating'] },
        limit: { type: 'integer', maximum: MAX_RESULTS },
      },
    },
  },
  {
    name: 'get_product',
    description: 'Details of one product: description, price, stock, rating, warranty, shipping and returns.',
    parameters: { type: 'object', properties: { product_id: { type: 'string' } }, required: ['product_id'] },
  },
  {
    name: 'get_policy',
    description:
      'Shipping, returns or warranty policy of the store, and of a product when product_id is given.',
    parameters: {
      type: 'object',
      properties: {
        topic: { type: 'string', enum: ['shipping', 'returns', 'warranty'] },
        product_id: { type: 'string' },
      },
      required: ['topic'],
    },
  },
  {
    name: 'order_status',
    description: "Status of the signed-in shopper's own orders (latest ones when no order_id is given).",
    parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
  },
  {
    name: 'recommend',
    description:
      'Personal recommendations from preferences, purchase history and products often bought together.',
    parameters: {
      type: 'object',
      properties: {
        category: { type: 'string' },
        budget_max: { type: 'number' },
        based_on_product_id: { type: 'string' },
        limit: { type: 'integer', maximum: MAX_RESULTS },
      },
    },
  },
  {
    name: 'compare_products',
    description:
      'Side-by-side of 2-4 products (ids from the shown list or the catalog): price, rating, stock, brand, warranty, shipping, returns and a verdict. The reply shows the table.',
    parameters: {
      type: 'object',
      properties: { product_ids: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 4 } },
      required: ['product_ids'],
    },
  },
  {
    name: 'add_to_cart',
    description:
      "Add a product the shopper has been shown to the shopper's cart. Use when they ask to add or buy it.",
    parameters: {
      type: 'object',
      properties: { product_id: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
      required: ['product_id'],
    },
  },
  {
    name: 'store_faq',
    description:
      "The store's own answers to shopper questions (shipping destinations, payment, services...). Call it for any question about the store that is not a product search; quote the answer, add nothing it does not say.",
    parameters: {
      type: 'object',
      properties: { question: { type: 'string', description: "The shopper's question" } },
      required: ['question'],
    },
  },
  {
    name: 'request_human',
    description: 'Ask a person from the store to take over the conversation.',
    parameters: { type: 'object', properties: { reason: { type: 'string' } } },
  },
];
