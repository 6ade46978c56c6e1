import * as z from 'zod/mini';

/** A product of the last list by position (1-based, -1 = last) or by superlative. */
const position = z.union([z.number().check(z.int()), z.enum(['cheapest', 'best_rated', 'most_expensive'])]);

/** What one reply must show. Every check is computed from the catalog and the previous replies. */
export const turnExpectation = z.object({
  /** Every product is in one of these categories (and there is at least one product). */
  categories: z.optional(z.array(z.string())),
  maxPrice: z.optional(z.number()),
  minPrice: z.optional(z.number()),
  inStock: z.optional(z.boolean()),
  brand: z.optional(z.string()),
  minProducts: z.optional(z.number().check(z.int())),
  maxProducts: z.optional(z.number().check(z.int())),
  language: z.optional(z.enum(['en', 'zh'])),
  /** Cheaper than the cheapest of the last list, or (when the catalog has none) its category's cheapest. */
  cheaperThanPrevious: z.optional(z.boolean()),
  /** Pricier than the priciest of the last list, or (when the catalog has none) its category's priciest. */
  pricierThanPrevious: z.optional(z.boolean()),
  /** Rated above the last list's average, or the category's best rated when none is. */
  betterRatedThanPrevious: z.optional(z.boolean()),
  /** No brand of the last list. */
  newBrand: z.optional(z.boolean()),
  /** No product shown earlier in the dialog. */
  noRepeats: z.optional(z.boolean()),
  /** The reply is about this product of the last list. */
  refersTo: z.optional(position),
  /** The reply compares exactly these products: positions in the last list, or catalog titles. */
  compares: z.optional(z.array(z.union([z.number().check(z.int()), z.string()]))),
  /** The reply has an add-to-cart action for this product of the last list (or "focus": the last one-product reply). */
  addToCart: z.optional(z.union([position, z.literal('focus')])),
  quantity: z.optional(z.number().check(z.int())),
  /** A buying guide: the category's lowest and highest prices quoted, two or more picks at different prices. */
  advice: z.optional(z.string()),
  /** Every price quoted in the text is a shown product's price (default true; advice may quote the catalog). */
  pricesShown: z.optional(z.boolean()),
  /** No products at all (a plain "nothing satisfies" answer). */
  noProducts: z.optional(z.boolean()),
});

export const dialogFile = z.object({
  store: z.optional(z.string()),
  dialogs: z
    .array(
      z.object({
        id: z.string(),
        language: z.optional(z.enum(['en', 'zh'])),
        turns: z
          .array(z.object({ say: z.string().check(z.minLength(1)), expect: z.optional(turnExpectation) }))
          .check(z.minLength(1)),
      }),
    )
    .check(z.minLength(1)),
});

export type TurnExpectation = z.infer<typeof turnExpectation>;
export type DialogFile = z.infer<typeof dialogFile>;
export type Dialog = DialogFile['dialogs'][number];
