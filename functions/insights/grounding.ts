/**
 * The grounding check for merchant answers: every number the model wrote must be one the tools returned
 * (or the merchant asked about). Rounding to whole numbers or one decimal is accepted; arithmetic is not.
 */
export interface NumberGrounding {
  ok: boolean;
  unmatched: string[];
}

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
/** `1.`, `2)` at a line start are list markers, not figures. */
const LIST_MARKER = /^\s*\d{1,2}[.)]\s/gm;

export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBER)]
    .map((m) => Number(m[0].replace(/,/g, '')))
    .filter((n) => Number.isFinite(n));
}

export function checkNumbersGrounded(text: string, evidence: unknown[]): NumberGrounding {
  const allowed = new Set<number>();
  for (const item of evidence) {
    for (const n of numbersIn(typeof item === 'string' ? item : JSON.stringify(item))) {
      allowed.add(n);
      allowed.add(Math.round(n));
      allowed.add(Math.round(n * 10) / 10);
    }
  }
  const unmatched = [...text.replace(LIST_MARKER, '').matchAll(NUMBER)]
    .map((m) => m[0])
    .filter((raw) => !allowed.has(Number(raw.replace(/,/g, ''))));
  return { ok: unmatched.length === 0, unmatched };
}
