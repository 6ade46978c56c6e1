import type { Product } from '../catalog/product';
import type { Language } from '../conversations/conversation';
import type { CartAction } from './conversation/cart';
import type { Comparison } from './conversation/comparison';
import type { ActiveConstraints } from './conversation/constraints';

/** A reply before it is stored: what the offline assistant or the model produced this turn. */
export interface DraftReply {
  text: string;
  products: Product[];
  suggestions: string[];
  language: Language;
  /** Why each product is recommended, by product id. */
  reasons?: Record<string, string>;
  actions?: CartAction[];
  comparison?: Comparison;
  /** The constraints in force after this turn, and whether they started afresh. */
  search?: { constraints: ActiveConstraints; fresh: boolean };
}
