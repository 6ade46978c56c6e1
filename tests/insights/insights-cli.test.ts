import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insightsCommand } from '../../bin/cli/insights';
import { UsageError } from '../../bin/cli/io';
import { startTestEnv, type TestEnv } from '../support/test-env';

/** Sunday 29 Nov 2026, 10:00 in New York, the demo store's timezone. */
const NOW = new Date('2026-11-29T15:00:00Z');

describe('shopguide insights --json and --session', () => {
  let env: TestEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'shopguide-insights-'));

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true, overrides: { now: () => NOW } });
  });
  afterAll(() => env.close());

  async function ask(...args: string[]): Promise<Record<string, unknown>> {
    const out: string[] = [];
    const code = await insightsCommand(
      ['--store', 'demo', '--json', ...args],
      { out: (s) => out.push(s), err: () => undefined },
      env.services,
    );
    expect(code).toBe(0);
    return JSON.parse(out.join('')) as Record<string, unknown>;
  }

  test('prints one object: intent, inclusive local period, measure, text, table and sources', async () => {
    const answer = await ask('which products sold the most units in the last 3 months');
    expect(answer).toMatchObject({
      intent: 'top_products',
      period: { from: '2026-09-01', to: '2026-11-29' },
      by: 'units',
      sources: [expect.stringMatching(/^orders 2026-09-01\.\.2026-11-30 \(\d+ orders\)$/)],
    });
    expect(String(answer.text).split('\n')[0]).toBe('Top products by units, 1 Sep – 29 Nov 2026');
    const table = answer.table as { columns: string[]; rows: number[][] };
    expect(table.columns).toContain('units');
    const units = table.rows.map((row) => row[3]);
    expect([...units].sort((a, b) => b - a)).toEqual(units);
    expect(answer.chart).toMatchObject({ kind: 'bar' });
  });

  test('a session keeps the context across follow-ups, and another session does not see it', async () => {
    await ask('--session', 'weekly', 'top selling products last week');
    const phones = await ask('--session', 'weekly', 'only phones');
    expect(phones).toMatchObject({
      intent: 'top_products',
      period: { from: '2026-11-16', to: '2026-11-22' },
      category: 'smartphones',
    });
    const revenue = await ask('--session', 'weekly', '换成按销售额');
    expect(revenue).toMatchObject({ intent: 'top_products', by: 'revenue', category: 'smartphones' });
    expect(String(revenue.text).split('\n')[0]).toBe('畅销产品（按销售额），仅手机，2026年11月16日至22日');
    const chartFile = path.join(dir, 'weekly.png');
    const chart = await ask('--session', 'weekly', '--chart', chartFile, 'show it as a chart');
    expect(chart).toMatchObject({ intent: 'top_products', chart: { kind: 'bar', file: chartFile } });
    expect(readFileSync(chartFile).subarray(1, 4).toString()).toBe('PNG');

    const other = await ask('--session', 'other', 'only phones');
    expect(other.intent).toBe('unclear');
  });

  test('an unclear question gets the reports to choose from, never a silent sales summary', async () => {
    const answer = await ask('how are things?');
    expect(answer).toMatchObject({ intent: 'unclear', table: null, sources: [] });
    const choices = answer.choices as { intent: string; question: string }[];
    expect(choices.map((c) => c.intent).sort()).toEqual([
      'bot_performance',
      'funnel',
      'latent_demand',
      'low_stock',
      'sales_summary',
      'top_categories',
      'top_products',
      'trend',
    ]);
    // Each button's question reads back as its report.
    for (const choice of choices) expect((await ask(choice.question)).intent).toBe(choice.intent);
  });

  test('a bad session name is a usage error', async () => {
    await expect(
      insightsCommand(
        ['--store', 'demo', '--session', 'a b/c', 'top products'],
        { out: () => undefined, err: () => undefined },
        env.services,
      ),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
