import { checkNumbersGrounded } from '../../functions/insights/grounding';
import { clusterQueries } from '../../functions/insights/latent-demand';
import { formatTextTable, toCsv } from '../../functions/insights/report-table';

describe('number grounding of merchant answers', () => {
  const evidence = [{ revenue: 17155.71, units: 9, change: 12.345, period: { from: '2026-03-09' } }];

  test('numbers from tool results pass, in grouped or rounded form', () => {
    expect(
      checkNumbersGrounded('Revenue was 17,155.71 USD (+12.3%), 9 units since 2026-03-09.', evidence).ok,
    ).toBe(true);
    expect(checkNumbersGrounded('Roughly 17156 USD.', evidence).ok).toBe(true);
  });

  test('a number the tools never returned fails, even if it is a sum the model worked out', () => {
    const result = checkNumbersGrounded('Revenue was 17,164.71 USD over 10 products.', evidence);
    expect(result.ok).toBe(false);
    expect(result.unmatched).toEqual(['17,164.71', '10']);
  });

  test('list markers are not figures', () => {
    expect(checkNumbersGrounded('1. MacBook: 9 units\n2. Mug: 9 units', evidence).ok).toBe(true);
  });
});

describe('latent demand clustering', () => {
  test('questions about the same missing thing cluster and are named by their shared words', () => {
    const clusters = clusterQueries([
      'do you sell gaming chairs?',
      'gaming chair with footrest',
      'Gaming chair under $200',
      'any dog food?',
      '有没有宠物粮',
      '宠物粮 多少钱',
    ]);
    expect(clusters[0]).toMatchObject({ name: 'gaming chair', count: 3 });
    expect(clusters.find((c) => c.name.includes('宠物'))?.count).toBe(2);
    expect(clusters.reduce((n, c) => n + c.count, 0)).toBe(6);
  });
});

describe('presentation', () => {
  const table = {
    columns: ['product', 'units'],
    rows: [
      ['=HYPERLINK("x")', 3],
      ['Mug, "big"', 12],
    ] as (string | number)[][],
  };

  test('CSV quotes commas and quotes, and defuses spreadsheet formulas', () => {
    expect(toCsv(table)).toBe('product,units\r\n"\'=HYPERLINK(""x"")",3\r\n"Mug, ""big""",12\r\n');
  });

  test('the text table aligns numbers to the right', () => {
    expect(formatTextTable(table).split('\n')[2]).toBe('=HYPERLINK("x")      3');
  });
});
