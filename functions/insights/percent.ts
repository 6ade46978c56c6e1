/** The rounding and percentages every insight figure is reported with. */

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** `part` as a percent of `whole`; null when there is no whole to speak of. */
export const percentOf = (part: number, whole: number): number | null =>
  whole > 0 ? round2((part / whole) * 100) : null;

/** Percent change from `previous` to `current`; null when the previous period had none. */
export const percentChange = (current: number, previous: number): number | null =>
  previous > 0 ? round2(((current - previous) / previous) * 100) : null;
