/** Rating constraints ("4 stars and up", "best rated", 好评) and stock ones ("in stock", 有货). */
import { parseChineseNumber } from '../../language/chinese-numerals';
import { cutAll } from './phrase-cut';

/** What "highly rated" means, in stars. */
const HIGHLY_RATED = 4;

export interface RatingFacts {
  minRating?: number;
  sort?: 'rating';
}

function ratingValue(raw: string): number | undefined {
  const value = /^\d/.test(raw) ? Number(raw) : parseChineseNumber(raw);
  return value !== undefined && value > 0 && value <= 5 ? value : undefined;
}

export function extractRating(text: string): { facts: RatingFacts; rest: string } {
  const facts: RatingFacts = {};
  const setMinimum = (raw: string | undefined): boolean => {
    const value = raw === undefined ? undefined : ratingValue(raw);
    if (value === undefined) return false;
    facts.minRating = value;
    return true;
  };
  let rest = text;
  rest = cutAll(
    rest,
    /\b(?:best|highest|top)[- ](?:rated|reviewed)\b|评分最高|评价最好|口碑最好|好评最多|好评率最高/giu,
    () => {
      facts.sort = 'rating';
    },
  );
  rest = cutAll(
    rest,
    /\b(?:at\s+least\s+)?(\d(?:\.\d)?)\s*\+?\s*(?:stars?|star\s+rating)(?:\s+(?:and|or)\s+(?:up|above|more|higher))?/giu,
    (match) => setMinimum(match[1]),
  );
  rest = cutAll(
    rest,
    /\b(?:rated|rating)\s+(?:of\s+)?(?:at\s+least\s+)?(\d(?:\.\d)?)\s*(?:\+|or\s+(?:more|higher|above)|and\s+(?:up|above))?/giu,
    (match) => setMinimum(match[1]),
  );
  rest = cutAll(
    rest,
    /(?:评分|评价)?\s*(?<![\d.])(\d(?:\.\d)?|[一二三四五])\s*(?:颗星|星|分)(?!钟|钱)(?:以上|及以上)?/gu,
    (match) => setMinimum(match[1]),
  );
  rest = cutAll(
    rest,
    /\b(?:highly|well|good|great)[- ]?(?:rated|reviewed)\b|\b(?:good|great|positive)\s+reviews?\b|\bhigh\s+ratings?\b|好评(?:如潮|多|率高)?|评价(?:好|高)|口碑好|高评分|评分高/giu,
    () => {
      facts.minRating = Math.max(facts.minRating ?? 0, HIGHLY_RATED);
    },
  );
  return { facts, rest };
}

export function extractStock(text: string): { inStockOnly: boolean; rest: string } {
  let inStockOnly = false;
  const rest = cutAll(
    text,
    /\b(?:in[- ]stock|available(?:\s+now)?|availability|ready\s+to\s+ship|on\s+hand)\b|有货|现货|有库存|库存充足/giu,
    () => {
      inStockOnly = true;
    },
  );
  return { inStockOnly, rest };
}
