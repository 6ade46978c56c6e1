/**
 * English counts with the right noun form: `1 product`, `2 products`, `1 unanswered question`. Chinese has no
 * plural, so Chinese texts use their measure words directly.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
