/**
 * Waiting in tests is for a condition, never for an amount of time: the suite runs on loaded machines (CI,
 * three people on two cores), where any fixed sleep or latency bound is eventually too short. The deadline
 * only decides how long a broken test takes to fail, so it is generous; a passing test waits no longer than
 * its condition takes. How fast things are is measured by `npm run bench`, not here.
 */

/** How long a condition may take to hold before the test fails: room for a machine under full load. */
export const WAIT_DEADLINE_MS = 20_000;

/** Between two looks at the condition; the probes are cheap (an array, a table read on loopback). */
const POLL_INTERVAL_MS = 20;

export interface WaitOptions {
  /** Defaults to `WAIT_DEADLINE_MS`. */
  timeoutMs?: number;
  /** What was seen instead, for the failure message (e.g. the calls a stub received). */
  observed?: () => unknown;
}

/** A probe's answer once the condition holds: `false`, `null` and `undefined` mean "not yet". */
export type Held<T> = Exclude<T, false | null | undefined>;

/**
 * Resolves with the probe's first answer that is not `false`, `null` or `undefined`: a boolean predicate
 * resolves with `true`, a lookup with what it found. Rejects after the deadline with `what` and, when given,
 * what was observed instead. A probe that throws fails the wait at once (a bug, not "not yet").
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  options: WaitOptions = {},
): Promise<Held<T>> {
  const timeoutMs = options.timeoutMs ?? WAIT_DEADLINE_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false && value !== null && value !== undefined) return value as Held<T>;
    const left = deadline - Date.now();
    if (left <= 0) {
      const observed = options.observed ? `; observed: ${describe(options.observed())}` : '';
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${observed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, POLL_INTERVAL_MS)));
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
