import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evalCommand } from '../../bin/cli/eval';
import { UsageError } from '../../bin/cli/io';
import type { EvalReport } from '../../functions/evaluation/run-dialogs';
import { startTestEnv, type TestEnv } from '../support/test-env';

const SUITE = path.join(__dirname, '..', '..', 'data', 'demo-store', 'dialogs.json');

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('shopguide eval: the dialog suite through the web chat HTTP API and dynalite', () => {
  let env: TestEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'shopguide-eval-'));

  beforeAll(async () => {
    // The command opens its own loopback server on this database, and seeds the demo store.
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  test.each(['concise', 'consultative'])(
    'every turn of the shipped suite passes in the %s variant',
    async (variant) => {
      const { io, out } = captureIo();
      const code = await evalCommand(
        [SUITE, '--store', 'demo', '--variant', variant, '--json'],
        io,
        env.config,
      );
      const report = JSON.parse(out[0] ?? '{}') as EvalReport;
      const failing = report.dialogs.flatMap((d) =>
        d.turns.filter((t) => !t.pass).map((t) => `${d.id}: "${t.say}": ${t.failures.join('; ')}`),
      );
      expect(failing).toEqual([]);
      expect(code).toBe(0);
      expect(report.dialogs.length).toBeGreaterThanOrEqual(40);
      expect(report.variant).toBe(variant);
      expect(report.passRate).toBe(1);
    },
    // About a hundred HTTP turns each: generous on a loaded two-core machine.
    180_000,
  );

  test('a failing check is reported with its reason, and the exit code says so', async () => {
    const file = path.join(dir, 'failing.json');
    writeFileSync(
      file,
      JSON.stringify({
        dialogs: [
          {
            id: 'impossible',
            turns: [
              { say: 'laptops under $1500', expect: { maxPrice: 1200 } },
              { say: 'show me cheaper ones', expect: { compares: [1, 2] } },
            ],
          },
        ],
      }),
    );
    const { io, out } = captureIo();
    const code = await evalCommand([file], io, env.config);
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/FAIL impossible/);
    expect(text).toMatch(/costs 1[34]\d\d\.99 > 1200/);
    expect(text).toMatch(/compares \[\], expected/);
    expect(text).toMatch(/0\/2 turns passed/);
  });

  test('a malformed dialog file or an unknown variant is one clear usage error', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ dialogs: [{ id: 'x', turns: [] }] }));
    await expect(evalCommand([file], captureIo().io, env.config)).rejects.toThrow(UsageError);
    await expect(evalCommand([SUITE, '--variant', 'nope'], captureIo().io, env.config)).rejects.toThrow(
      /unknown variant "nope"/,
    );
  });
});
