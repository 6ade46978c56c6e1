/** One measured number of `npm run bench`, with the quality bar it is held to when there is one. */
export interface BenchRow {
  /** What is measured, such as "catalog search". */
  area: string;
  /** Which number, such as "search p95". */
  metric: string;
  value: number;
  unit: string;
  /** The bar, as written in docs/quality-bars.md ("≤ 5 ms"). */
  bar?: string;
  /** Whether the value meets the bar; absent when there is no bar. */
  pass?: boolean;
}
