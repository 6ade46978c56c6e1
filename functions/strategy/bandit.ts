import { createHash } from 'node:crypto';

/**
 * The optimiser of the feedback loop: batch Thompson sampling over Beta posteriors of each variant's reward,
 * behind guardrails. Pure and deterministic for a given PRNG, so the simulation tests never flake.
 *
 * ## Reward
 * A *trial* is one assistant reply that tried to help (it showed products, could not answer, or handed off).
 * Each trial earns a reward in [0, 1] from the outcomes attributed to its reply:
 *
 * | signal      | weight |
 * |-------------|--------|
 * | purchase    | 1.0    |
 * | add_to_cart | 0.5    |
 * | click       | 0.2    |
 * | thumbs up   | 0.6    |
 *
 * Positive weights add to a variant's `successes` (capped at its trials). The rest of its trials are
 * `failures`, and every thumbs-down or handoff adds one more failure, so a reply that annoyed a shopper
 * weighs more than one that was ignored. The posterior of a variant is Beta(1 + successes, 1 + failures).
 */
export const REWARD_WEIGHTS = { purchase: 1, addToCart: 0.5, click: 0.2, thumbsUp: 0.6 } as const;

/** Trials and (fractional) successes and failures of one variant, or of the whole store. */
export interface ArmStats {
  trials: number;
  successes: number;
  failures: number;
}

/** Raw signal counts that the reward is computed from. */
export interface RewardCounts {
  replies: number;
  purchase: number;
  addToCart: number;
  click: number;
  up: number;
  down: number;
  handoff: number;
}

export const emptyArm = (): ArmStats => ({ trials: 0, successes: 0, failures: 0 });

/** Applies the documented reward to a batch of counts on its own. */
export function armStatsOf(counts: RewardCounts): ArmStats {
  return absorbCounts(emptyArm(), counts);
}

/**
 * Adds a batch of counts to running statistics. The successes are capped at the running trials, not at the
 * batch's: an outcome that arrives in a later batch than its reply (a purchase attributed hours later)
 * still counts, so the statistics do not depend on where the batches happen to be cut.
 */
export function absorbCounts(arm: ArmStats, counts: RewardCounts): ArmStats {
  const trials = arm.trials + counts.replies;
  // Failures beyond the trials that did not succeed: the thumbs-down and handoffs absorbed so far.
  const penalties = arm.failures - (arm.trials - arm.successes) + counts.down + counts.handoff;
  const successes = Math.max(0, Math.min(arm.successes + positiveWeight(counts), trials));
  return { trials, successes: round(successes), failures: round(trials - successes + penalties) };
}

function positiveWeight(counts: RewardCounts): number {
  return (
    counts.purchase * REWARD_WEIGHTS.purchase +
    counts.addToCart * REWARD_WEIGHTS.addToCart +
    counts.click * REWARD_WEIGHTS.click +
    counts.up * REWARD_WEIGHTS.thumbsUp
  );
}

export function addArms(a: ArmStats, b: ArmStats): ArmStats {
  return {
    trials: a.trials + b.trials,
    successes: round(a.successes + b.successes),
    failures: round(a.failures + b.failures),
  };
}

/** Posterior mean of the reward rate. */
export function meanReward(arm: ArmStats): number {
  return (1 + arm.successes) / (2 + arm.successes + arm.failures);
}

export interface Guardrails {
  /** Trials every variant needs before any shift. */
  minSamples: number;
  /** Share of traffic every variant keeps, for exploration. */
  explorationFloor: number;
  /** Largest change of any variant's share in one run (0.2 = 20 percentage points). */
  maxShift: number;
  /** A leader must beat every other variant by `margin` in this fraction of posterior draws to shift. */
  confidence: number;
  /** Relative margin a variant must win by for a draw to count as its win; closer draws are ties. */
  margin: number;
  /** Posterior draws per decision. */
  draws: number;
  /** Trials after a change before it is judged (and before the next change). */
  rollbackMinSamples: number;
  /** Roll back when the reward since the change is below the reward before it by this relative drop... */
  rollbackDrop: number;
  /** ...with at least this posterior probability. */
  rollbackConfidence: number;
}

export const DEFAULT_GUARDRAILS: Guardrails = {
  minSamples: 200,
  explorationFloor: 0.1,
  maxShift: 0.2,
  confidence: 0.995,
  margin: 0.05,
  draws: 4000,
  rollbackMinSamples: 200,
  rollbackDrop: 0.1,
  rollbackConfidence: 0.95,
};

/** The last change the optimiser made, kept so that the next runs can judge it and undo it. */
export interface LastChange {
  version: number;
  at: string;
  kind: 'shift' | 'rollback';
  previousShares: Record<string, number>;
  /** Store-wide reward in the period before the change. */
  baseline: ArmStats;
}

export interface BanditInput {
  shares: Record<string, number>;
  /** Cumulative statistics per variant (since the last reset or rollback). */
  stats: Record<string, ArmStats>;
  /** Store-wide statistics since the last change. */
  sinceChange: ArmStats;
  lastChange?: LastChange;
  pinnedVariantId?: string;
  random: () => number;
  guardrails?: Partial<Guardrails>;
}

export type BanditDecision =
  | { kind: 'hold'; reason: string; evidence: Record<string, unknown> }
  | {
      kind: 'shift' | 'rollback';
      shares: Record<string, number>;
      reason: string;
      evidence: Record<string, unknown>;
    };

/**
 * Decides the next traffic split. In order: a pinned variant holds everything; a change that made the
 * store's reward drop significantly is rolled back; a recent change is given time to be judged; every
 * variant needs `minSamples`; a shift needs a confident leader. Otherwise the split moves toward each
 * variant's probability of being best (Thompson sampling), mapped above the exploration floor and limited
 * to `maxShift` per run.
 */
export function decide(input: BanditInput): BanditDecision {
  const g = { ...DEFAULT_GUARDRAILS, ...input.guardrails };
  const ids = Object.keys(input.shares);
  if (input.pinnedVariantId) {
    return { kind: 'hold', reason: `pinned to ${input.pinnedVariantId} by the merchant`, evidence: {} };
  }
  const change = input.lastChange;
  if (change && change.kind === 'shift') {
    if (input.sinceChange.trials < g.rollbackMinSamples) {
      return {
        kind: 'hold',
        reason: `judging the change of version ${change.version}: ${input.sinceChange.trials}/${g.rollbackMinSamples} trials`,
        evidence: { sinceChange: input.sinceChange },
      };
    }
    if (change.baseline.trials >= g.rollbackMinSamples) {
      const pDrop = probabilityBelow(
        input.sinceChange,
        change.baseline,
        1 - g.rollbackDrop,
        g.draws,
        input.random,
      );
      const before = meanReward(change.baseline);
      const after = meanReward(input.sinceChange);
      if (pDrop >= g.rollbackConfidence) {
        return {
          kind: 'rollback',
          shares: { ...change.previousShares },
          reason:
            `reward fell from ${pct(before)} to ${pct(after)} after the change of version ${change.version} ` +
            `(P(drop > ${pct(g.rollbackDrop)}) = ${pDrop.toFixed(3)}); restoring the previous split`,
          evidence: { before: change.baseline, after: input.sinceChange, pDrop: round(pDrop) },
        };
      }
    }
  }
  const short = ids.filter((id) => (input.stats[id]?.trials ?? 0) < g.minSamples);
  if (short.length > 0) {
    return {
      kind: 'hold',
      reason: `collecting samples: ${short.map((id) => `${id} ${input.stats[id]?.trials ?? 0}/${g.minSamples}`).join(', ')}`,
      evidence: { stats: input.stats },
    };
  }
  const { wins, target } = thompsonShares(ids, input.stats, g.draws, g.margin, input.random);
  const leader = ids.reduce((best, id) => ((wins[id] ?? 0) > (wins[best] ?? 0) ? id : best), ids[0] ?? '');
  const evidence = {
    stats: input.stats,
    meanReward: Object.fromEntries(ids.map((id) => [id, round(meanReward(input.stats[id] ?? emptyArm()))])),
    pBest: Object.fromEntries(ids.map((id) => [id, round(wins[id] ?? 0)])),
  };
  if ((wins[leader] ?? 0) < g.confidence) {
    return {
      kind: 'hold',
      reason: `no variant is confidently best (top: ${leader} ${pct(wins[leader] ?? 0)})`,
      evidence,
    };
  }
  const floored = withFloor(target, g.explorationFloor);
  const shares = limitShift(input.shares, floored, g.maxShift);
  const moved = Math.max(...ids.map((id) => Math.abs((shares[id] ?? 0) - (input.shares[id] ?? 0))));
  if (moved < 0.01) return { kind: 'hold', reason: `split already at target; ${leader} leads`, evidence };
  return {
    kind: 'shift',
    shares,
    reason:
      `${leader} is best with probability ${pct(wins[leader] ?? 0)} ` +
      `(reward ${ids.map((id) => `${id} ${pct(evidence.meanReward[id] ?? 0)}`).join(', ')})`,
    evidence,
  };
}

/** Fraction of draws each variant wins by the margin (`wins`) and the Thompson target with ties shared. */
export function thompsonShares(
  ids: string[],
  stats: Record<string, ArmStats>,
  draws: number,
  margin: number,
  random: () => number,
) {
  const wins: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  let ties = 0;
  for (let d = 0; d < draws; d++) {
    let best = '';
    let bestValue = -1;
    let second = -1;
    for (const id of ids) {
      const arm = stats[id] ?? emptyArm();
      const value = sampleBeta(1 + arm.successes, 1 + arm.failures, random);
      if (value > bestValue) {
        second = bestValue;
        bestValue = value;
        best = id;
      } else if (value > second) second = value;
    }
    if (bestValue > second * (1 + margin)) wins[best] = (wins[best] ?? 0) + 1;
    else ties++;
  }
  const target: Record<string, number> = {};
  for (const id of ids) {
    wins[id] = (wins[id] ?? 0) / draws;
    target[id] = (wins[id] ?? 0) + ties / draws / ids.length;
  }
  return { wins, target };
}

/** Maps shares affinely so every variant keeps at least `floor`. */
export function withFloor(shares: Record<string, number>, floor: number): Record<string, number> {
  const ids = Object.keys(shares);
  const spare = Math.max(0, 1 - floor * ids.length);
  const total = ids.reduce((sum, id) => sum + (shares[id] ?? 0), 0) || 1;
  return Object.fromEntries(ids.map((id) => [id, floor + (spare * (shares[id] ?? 0)) / total]));
}

/** Moves from `current` toward `target`, no share by more than `maxShift`, keeping the total at 1. */
export function limitShift(
  current: Record<string, number>,
  target: Record<string, number>,
  maxShift: number,
): Record<string, number> {
  const ids = Object.keys(target);
  const deltas = ids.map((id) => clamp((target[id] ?? 0) - (current[id] ?? 0), -maxShift, maxShift));
  const up = deltas.filter((d) => d > 0).reduce((s, d) => s + d, 0);
  const down = -deltas.filter((d) => d < 0).reduce((s, d) => s + d, 0);
  const moved = Math.min(up, down);
  return Object.fromEntries(
    ids.map((id, i) => {
      const d = deltas[i] ?? 0;
      const scaled = d > 0 ? (d * moved) / up : d < 0 ? (d * moved) / down : 0;
      return [id, round((current[id] ?? 0) + scaled)];
    }),
  );
}

/** P(rate(after) < factor × rate(before)) under the two Beta posteriors. */
function probabilityBelow(
  after: ArmStats,
  before: ArmStats,
  factor: number,
  draws: number,
  random: () => number,
) {
  let below = 0;
  for (let d = 0; d < draws; d++) {
    const a = sampleBeta(1 + after.successes, 1 + after.failures, random);
    const b = sampleBeta(1 + before.successes, 1 + before.failures, random);
    if (a < factor * b) below++;
  }
  return below / draws;
}

/** A small, fast, seedable PRNG (mulberry32) seeded from any string or number. */
export function createPrng(seed: string | number): () => number {
  let state = createHash('sha256').update(String(seed)).digest().readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Beta(a, b) from two Gamma draws. */
export function sampleBeta(a: number, b: number, random: () => number): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x / (x + y);
}

/** Marsaglia–Tsang Gamma(shape, 1); shapes below 1 use the standard boost. */
function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(random() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function normal(random: () => number): number {
  const u = random() || Number.MIN_VALUE;
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

function round(value: number) {
  return Math.round(value * 1e6) / 1e6;
}

function pct(value: number) {
  return `${(value * 100).toFixed(1)}%`;
}
