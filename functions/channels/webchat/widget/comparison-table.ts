/** A comparison reply as a table: products as columns, attributes as rows, scrolling sideways on a phone. */
import type { WireComparison, WireProduct } from '../wire';
import { el } from './dom';

export function renderComparisonTable(comparison: WireComparison, products: WireProduct[]): HTMLElement {
  const titles = comparison.productIds.map(
    (id) => products.find((p) => String(p.id) === String(id))?.title ?? String(id),
  );
  const header = el('tr', {}, [
    el('th', { attrs: { scope: 'col' } }),
    ...titles.map((title) => el('th', { text: String(title), attrs: { scope: 'col' } })),
  ]);
  const rows = comparison.rows.map((row) =>
    el('tr', {}, [
      el('th', { text: row.label, attrs: { scope: 'row' } }),
      ...row.values.map((value) => el('td', { text: String(value) })),
    ]),
  );
  const table = el('table', { className: 'shopguide-compare-table' }, [
    el('thead', {}, [header]),
    el('tbody', {}, rows),
  ]);
  return el(
    'div',
    { className: 'shopguide-compare', testId: 'sg-comparison', attrs: { role: 'region', tabindex: '0' } },
    [table],
  );
}
