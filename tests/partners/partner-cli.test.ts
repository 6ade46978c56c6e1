import { importOrdersCommand } from '../../bin/cli/import-orders';
import { insightsCommand } from '../../bin/cli/insights';
import { partnerCommand } from '../../bin/cli/partner';
import { UsageError } from '../../bin/cli/io';
import { startTestEnv, type TestEnv } from '../support/test-env';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('shopguide partner, insights and import orders commands', () => {
  let env: TestEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'shopguide-cli-'));

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterAll(() => env.close());

  test('link-code, list and unlink manage bindings and leave an audit trail', async () => {
    const code = captureIo();
    expect(
      await partnerCommand(['link-code', 'demo', '--role', 'staff', '--json'], code.io, env.services),
    ).toBe(0);
    const created = JSON.parse(code.out[0]) as { code: string; role: string; purpose: string };
    expect(created).toMatchObject({ role: 'staff', purpose: 'merchant' });
    await env.services.partnerService.redeemLinkCode(created.code, {
      platform: 'teams',
      tenantId: 'tenant-1',
      conversationId: '19:x',
      userId: 'aad-1',
      displayName: 'Li',
    });

    const list = captureIo();
    expect(await partnerCommand(['list', '--store', 'demo', '--json'], list.io, env.services)).toBe(0);
    const listed = JSON.parse(list.out[0]);
    expect(listed.bindings).toEqual([
      expect.objectContaining({ platform: 'teams', tenantId: 'tenant-1', conversationId: '*' }),
    ]);
    expect(listed.members).toEqual([expect.objectContaining({ userId: 'aad-1', role: 'staff' })]);
    expect(listed.audit[0]).toMatchObject({ action: 'link_code', platform: 'cli' });

    const unlink = captureIo();
    expect(
      await partnerCommand(
        ['unlink', '--store', 'demo', '--platform', 'teams', '--tenant', 'tenant-1'],
        unlink.io,
        env.services,
      ),
    ).toBe(0);
    expect(unlink.out[0]).toBe('Unlinked teams tenant-1/* from demo.');
    expect((await env.services.partnerService.route('teams', 'tenant-1', '19:x')).kind).toBe('unlinked');

    const after = captureIo();
    await partnerCommand(['list', '--store', 'demo', '--json'], after.io, env.services);
    expect(JSON.parse(after.out[0]).audit.map((e: { action: string }) => e.action)).toEqual([
      'unlink',
      'link_code',
    ]);
  });

  test('unlink refuses a binding of another store', async () => {
    const code = await env.services.partnerService.createLinkCode('demo');
    await env.services.partnerService.redeemLinkCode(code.code, {
      platform: 'slack',
      tenantId: 'T9',
      conversationId: 'C',
      userId: 'U',
    });
    await env.services.stores.create({ ...(await env.services.stores.get('demo'))!, id: 'other' });
    const { io } = captureIo();
    await expect(
      partnerCommand(
        ['unlink', '--store', 'other', '--platform', 'slack', '--tenant', 'T9'],
        io,
        env.services,
      ),
    ).rejects.toThrow('No slack binding');
    expect((await env.services.partnerService.route('slack', 'T9', 'C')).kind).toBe('merchant');
  });

  test('bad arguments are usage errors', async () => {
    const { io } = captureIo();
    await expect(partnerCommand(['list'], io, env.services)).rejects.toThrow(UsageError);
    await expect(partnerCommand(['link-code', 'demo', '--role', 'admin'], io, env.services)).rejects.toThrow(
      '--role',
    );
  });

  test('insights prints text, a table and sources, and writes the chart', async () => {
    const chart = path.join(dir, 'best.png');
    const { io, out, err } = captureIo();
    expect(
      await insightsCommand(
        ['--store', 'demo', 'what were my best sellers last week?', '--chart', chart],
        io,
        env.services,
      ),
    ).toBe(0);
    const printed = out.join('\n');
    // The report and exact period first, then the answer.
    // The answer names the same days as the heading, both ends included (a week: "16–22 Nov 2026").
    const heading = /^Top products by units, ([^\n]+ \d{4})\n/.exec(printed);
    expect(heading?.[1]).toMatch(/^\d{1,2}–\d{1,2} \w{3} \d{4}$|^\d{1,2} \w{3} – \d{1,2} \w{3} \d{4}$/);
    expect(printed).toContain(`\nBest sellers last week (${heading?.[1]}) by units: `);
    expect(printed).toContain('#  product');
    expect(printed).toMatch(/Sources:\n {2}orders .* \(\d+ orders\)/);
    expect(err).toContain(`Chart written to ${chart}`);
    expect(readFileSync(chart).subarray(1, 4).toString()).toBe('PNG');
  });

  test('insights --csv prints only CSV on stdout', async () => {
    const { io, out } = captureIo();
    await insightsCommand(['--store', 'demo', '--csv', '本月各品类销售额'], io, env.services);
    expect(out.join('\n').split('\r\n')[0]).toBe('#,品类,件数,销售额 (USD),上期件数,上期销售额 (USD)');
  });

  test('import orders reports rejected rows and stores the rest', async () => {
    const file = path.join(dir, 'orders.csv');
    writeFileSync(
      file,
      'order_id,customer_id,created_at,status,product_id,title,price,quantity\n9001,7,2026-03-10T12:00:00Z,paid,1,Mascara,9.99,2\n9002,7,yesterday,paid,1,Mascara,9.99,1\n',
    );
    const { io, out, err } = captureIo();
    expect(await importOrdersCommand([file, '--store', 'demo'], io, env.services)).toBe(0);
    // The column as the file's header spells it, and counts in the singular.
    expect(err[0]).toMatch(/^row 3: created_at: /);
    expect(out[0]).toBe('Imported 1 order into demo; 0 already present, 1 row rejected.');
  });
});
