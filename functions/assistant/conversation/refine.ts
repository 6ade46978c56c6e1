import type { Product } from '../../catalog/product';
import type { Understanding } from '../query-understanding';
import type { ToolContext } from '../tools';
import { satisfies, type ActiveConstraints } from './constraints';
import type { FollowUpSignals, Refinement } from './follow-up';
import type { ClosestKind, ListRelation } from './texts';

/** What to search for this turn, relative to what the conversation already showed. */
export interface SearchPlan {
  constraints: ActiveConstraints;
  relation: ListRelation;
  /** Product ids never to show again this turn ("show more", "a different brand"). */
  exclude: Set<string>;
  /** A new request (constraints start afresh) rather than a refinement of the last one. */
  fresh: boolean;
}

/** Cues that a message refines the current search instead of starting a new one. */
function refinesSearch(u: Understanding, signals: FollowUpSignals): boolean {
  return (
    signals.refinements.length > 0 ||
    u.priceMax !== undefined ||
    u.priceMin !== undefined ||
    u.inStockOnly ||
    u.minRating !== undefined ||
    u.sort !== undefined ||
    !!u.brand ||
    !!u.cheap ||
    !!u.premium
  );
}

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * Turns the message into a search plan. With active constraints and no new category, a message that
 * refines ("cheaper", "别的牌子", "under $1000", "what about Apple?") keeps every constraint it does not
 * change; a message naming a different category starts afresh.
 */
export function planSearch(u: Understanding, signals: FollowUpSignals, context: ToolContext): SearchPlan {
  const carried = new Set(context.index.categories());
  const named = u.categories.filter((c) => carried.has(c));
  const active = context.constraints;
  const sameTopic = !named.length || (!!active && named.every((c) => active.categories.includes(c)));
  if (active && sameTopic && refinesSearch(u, signals)) return followUpPlan(u, signals, active, context);
  return freshPlan(u, named, context);
}

function freshPlan(u: Understanding, categories: string[], context: ToolContext): SearchPlan {
  const constraints: ActiveConstraints = { categories };
  const stats = context.index.priceStats(categories[0]);
  if (u.priceMin !== undefined) constraints.budgetMin = u.priceMin;
  if (u.priceMax !== undefined) constraints.budgetMax = u.priceMax;
  // "cheap" and "premium" without an amount: the category's median is the line.
  if (u.cheap && constraints.budgetMax === undefined && !u.sort) constraints.budgetMax = stats.median;
  if (u.premium && constraints.budgetMin === undefined) constraints.budgetMin = stats.median;
  if (u.brand) constraints.brands = [u.brand];
  if (u.inStockOnly) constraints.inStock = true;
  if (u.minRating !== undefined) constraints.minRating = u.minRating;
  if (u.sort) constraints.sort = u.sort;
  if (u.searchText.trim()) constraints.words = u.searchText.trim().slice(0, 120);
  return { constraints, relation: 'fresh', exclude: new Set(), fresh: true };
}

function followUpPlan(
  u: Understanding,
  signals: FollowUpSignals,
  active: ActiveConstraints,
  context: ToolContext,
): SearchPlan {
  const constraints: ActiveConstraints = structuredClone(active);
  delete constraints.sort;
  const exclude = new Set<string>();
  const shown = context.lastProductIds.map((id) => context.index.get(id)).filter((p): p is Product => !!p);
  const refinements: Refinement[] = [...signals.refinements];
  const kinds = new Set(refinements.map((r) => r.kind));
  let relation: ListRelation | undefined;

  if (u.priceMax !== undefined || u.priceMin !== undefined) {
    constraints.budgetMax = u.priceMax;
    constraints.budgetMin = u.priceMin;
    relation = 'budget';
  } else {
    if (u.cheap && !kinds.has('cheaper') && !kinds.has('better_rated')) refinements.push({ kind: 'cheaper' });
    if (u.premium && !kinds.has('pricier')) refinements.push({ kind: 'pricier' });
  }
  if (u.brand && !refinements.some((r) => r.kind === 'brand' || r.kind === 'different_brand'))
    refinements.push({ kind: 'brand', brands: [u.brand] });
  if (u.inStockOnly && !kinds.has('in_stock')) refinements.push({ kind: 'in_stock' });

  for (const refinement of refinements) {
    relation ??= refinement.kind;
    switch (refinement.kind) {
      case 'cheaper': {
        const below = shown.length ? Math.min(...shown.map((p) => p.price)) : constraints.budgetMax;
        if (below !== undefined) constraints.budgetMax = cents(below - 0.01);
        delete constraints.budgetMin;
        break;
      }
      case 'pricier': {
        const above = shown.length ? Math.max(...shown.map((p) => p.price)) : constraints.budgetMin;
        if (above !== undefined) constraints.budgetMin = cents(above + 0.01);
        delete constraints.budgetMax;
        break;
      }
      case 'different_brand': {
        const shownBrands = [...new Set(shown.map((p) => p.brand).filter((b): b is string => !!b))];
        const excluded = refinement.exclude.length
          ? refinement.exclude
          : [...shownBrands, ...(constraints.brands ?? [])];
        constraints.excludeBrands = [...new Set([...(constraints.excludeBrands ?? []), ...excluded])];
        const kept = constraints.brands?.filter((b) => !excluded.includes(b));
        if (kept?.length) constraints.brands = kept;
        else delete constraints.brands;
        for (const p of shown) exclude.add(p.id);
        break;
      }
      case 'brand':
        constraints.brands = refinement.brands;
        constraints.excludeBrands = constraints.excludeBrands?.filter((b) => !refinement.brands.includes(b));
        if (!constraints.excludeBrands?.length) delete constraints.excludeBrands;
        break;
      case 'in_stock':
        constraints.inStock = true;
        break;
      case 'better_rated': {
        const ratings = shown.map((p) => p.rating ?? 0);
        const mean = ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : 4;
        // Asked again, it must beat the worst rating the current constraints still let through.
        const current =
          active.minRating !== undefined ? candidates(active, new Set(), context, undefined) : [];
        const worst = current.length ? Math.min(...current.map((p) => p.rating ?? 0)) : 0;
        constraints.minRating = Math.max(cents(mean + 0.01), cents(worst + 0.01));
        constraints.sort = 'rating';
        break;
      }
      case 'attribute':
        constraints.attributes = [...new Set([...(constraints.attributes ?? []), ...refinement.attributes])];
        break;
      case 'more':
        for (const id of context.shownIds ?? []) exclude.add(id);
        for (const id of context.lastProductIds) exclude.add(id);
        break;
    }
  }
  if (u.minRating !== undefined) constraints.minRating = u.minRating;
  if (u.sort) constraints.sort = u.sort;
  return { constraints, relation: relation ?? 'refined', exclude, fresh: false };
}

/**
 * Products that satisfy the plan, best first. Words rank; when they match nothing they are dropped, but
 * only where a category or brand still says what is wanted ("blorp wibble" alone finds nothing).
 */
export function findProducts(plan: SearchPlan, context: ToolContext, limit: number): Product[] {
  const { constraints } = plan;
  const withWords = candidates(constraints, plan.exclude, context, constraints.words);
  const anchored = constraints.categories.length > 0 || !!constraints.brands?.length;
  const found =
    withWords.length || !constraints.words || !anchored
      ? withWords
      : candidates(constraints, plan.exclude, context, undefined);
  return found.slice(0, limit);
}

function candidates(
  constraints: ActiveConstraints,
  exclude: Set<string>,
  context: ToolContext,
  words: string | undefined,
): Product[] {
  const hits = context.index.search({
    text: words,
    filters: {
      categories: constraints.categories.length ? constraints.categories : undefined,
      brand: constraints.brands?.length === 1 ? constraints.brands[0] : undefined,
      priceMin: constraints.budgetMin,
      priceMax: constraints.budgetMax,
      inStock: constraints.inStock,
      minRating: constraints.minRating,
    },
    limit: 80,
    weights: context.plan.variant.weights,
    boosts: context.plan.boosts,
    sort: constraints.sort,
  });
  return hits.map((h) => h.product).filter((p) => !exclude.has(p.id) && satisfies(p, constraints));
}

/**
 * When nothing satisfies a refinement, the nearest real product: the refinement's own constraint is
 * relaxed (the price line for "cheaper", the rating for "better rated", ...) and the extreme kept.
 */
export function closestOption(
  plan: SearchPlan,
  context: ToolContext,
): { product: Product; kind: ClosestKind } | undefined {
  const relaxed: ActiveConstraints = { ...plan.constraints };
  const pick = (constraints: ActiveConstraints, key: (p: Product) => number, kind: ClosestKind) => {
    const products = candidates(constraints, new Set(), context, undefined);
    const product = products.reduce<Product | undefined>(
      (best, p) => (!best || key(p) < key(best) ? p : best),
      undefined,
    );
    return product ? { product, kind } : undefined;
  };
  switch (plan.relation) {
    case 'cheaper':
      delete relaxed.budgetMax;
      delete relaxed.budgetMin;
      return pick(relaxed, (p) => p.price, 'cheapest');
    case 'pricier':
      delete relaxed.budgetMin;
      delete relaxed.budgetMax;
      return pick(relaxed, (p) => -p.price, 'priciest');
    case 'better_rated':
      delete relaxed.minRating;
      return pick(relaxed, (p) => -(p.rating ?? 0), 'best_rated');
    case 'in_stock':
      delete relaxed.budgetMax;
      delete relaxed.budgetMin;
      delete relaxed.brands;
      return pick(relaxed, (p) => -(p.rating ?? 0), 'closest');
    case 'brand':
      delete relaxed.budgetMax;
      delete relaxed.budgetMin;
      return (
        pick(relaxed, (p) => p.price, 'closest') ??
        pick({ categories: [], brands: relaxed.brands }, (p) => -(p.rating ?? 0), 'closest')
      );
    case 'attribute':
      delete relaxed.attributes;
      return pick(relaxed, (p) => -(p.rating ?? 0), 'closest');
    case 'different_brand':
    case 'more':
      return undefined;
    default: {
      if (relaxed.budgetMax === undefined && relaxed.budgetMin === undefined) return undefined;
      const over = relaxed.budgetMax !== undefined;
      delete relaxed.budgetMax;
      delete relaxed.budgetMin;
      return over ? pick(relaxed, (p) => p.price, 'cheapest') : pick(relaxed, (p) => -p.price, 'priciest');
    }
  }
}
