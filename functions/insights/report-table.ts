/** A report's table, and how its numbers are written: for reading (text, terminals) and for spreadsheets (CSV). */

/** A table of one report: what the CLI prints, Slack and Teams lay out, and CSV exports. */
export interface InsightTable {
  columns: string[];
  rows: (string | number)[][];
  /** Columns whose numbers are amounts of money: always shown with two decimals. */
  moneyColumns?: number[];
  /** Single money cells as `[row, column]`, where a column mixes money and counts (a summary's metrics). */
  moneyCells?: [number, number][];
}

/** Numbers as the text shows them: grouped, at most two decimals. The grounding check reads them back. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** An amount as a person reads it: grouped, always two decimals (`17,155.71`, `48.00`). */
export function formatAmount(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatMoney(n: number, currency: string): string {
  return `${formatAmount(n)} ${currency}`;
}

function isMoneyCell(table: InsightTable, row: number, column: number): boolean {
  return (
    (table.moneyColumns?.includes(column) ?? false) ||
    (table.moneyCells?.some(([r, c]) => r === row && c === column) ?? false)
  );
}

/**
 * The table's rows as text cells. `display` groups thousands (`17,155.71`); `csv` writes plain numbers a
 * spreadsheet reads as numbers (`17155.71`). Money has two decimals either way.
 */
export function tableCells(table: InsightTable, style: 'display' | 'csv'): string[][] {
  return table.rows.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell !== 'number') return cell;
      if (isMoneyCell(table, r, c)) return style === 'csv' ? cell.toFixed(2) : formatAmount(cell);
      return style === 'csv' ? String(cell) : formatNumber(cell);
    }),
  );
}

/** A plain-text table with aligned columns, for terminals. Wide characters count double. */
export function formatTextTable(table: InsightTable): string {
  const width = (s: string) => Array.from(s).reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cells = [table.columns, ...tableCells(table, 'display')];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => width(String(row[i] ?? '')))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        const s = String(cell ?? '');
        const pad = ' '.repeat(widths[i] - width(s));
        return typeof table.rows[0]?.[i] === 'number' ? pad + s : s + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(table: InsightTable): string {
  const numeric = table.rows.map((row) => row.map((value) => typeof value === 'number'));
  const cell = (text: string, isNumber: boolean) => {
    let s = text;
    if (!isNumber && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [
      table.columns.map((c) => cell(c, false)).join(','),
      ...tableCells(table, 'csv').map((row, r) => row.map((c, i) => cell(c, numeric[r][i])).join(',')),
    ].join('\r\n') + '\r\n'
  );
}
