import { readFileSync } from 'node:fs';
import path from 'node:path';
import { askCommand } from '../../bin/cli/ask';
import { benchCommand } from '../../bin/cli/bench';
import { importProductsCommand } from '../../bin/cli/import';
import { insightsCommand } from '../../bin/cli/insights';
import { main } from '../../bin/cli/main';
import { partnerCommand } from '../../bin/cli/partner';
import { strategyCommand } from '../../bin/cli/strategy';
import { teamsCommand } from '../../bin/cli/teams';
import { BENCH_SECTION_NAMES } from '../../bench/run';
import { loadConfig } from '../../functions/config/config';
import { startTestEnv, type TestEnv } from '../support/test-env';

const ROOT = path.join(__dirname, '..', '..');
const quiet = { out: () => undefined, err: () => undefined };

/** What the CLI prints on stderr for a call, and its exit code, through the real entry. */
async function run(argv: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe('CLI usage errors', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterAll(async () => {
    await env.close();
  });

  test('bench --only with an unknown section names the valid ones and exits non-zero, running nothing', async () => {
    const { code, out, err } = await run(['bench', '--only', 'serach']);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `error: unknown bench section "serach"; --only takes ${BENCH_SECTION_NAMES.join(', ')}`,
    ]);
    expect(BENCH_SECTION_NAMES).toContain('search');
  });

  test.each([
    ['partner', () => partnerCommand([], quiet, env.services)],
    ['strategy', () => strategyCommand([], quiet, env.services)],
    ['insights', () => insightsCommand([], quiet, env.services)],
    ['import products', () => importProductsCommand([], quiet, env.services)],
    ['ask', () => askCommand([], quiet, env.services)],
    ['bench', () => benchCommand(['--only', 'a,b'], quiet)],
    ['teams package', () => teamsCommand(['package'], quiet, loadConfig({}))],
  ])('%s: a usage error is one line', async (_name, call) => {
    const error: unknown = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('UsageError');
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('README matches the CLI', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  test('teams package shows --app-id as required, as the command treats it', async () => {
    await expect(teamsCommand(['package'], quiet, loadConfig({}))).rejects.toThrow('--app-id');
    const row = readme.split('\n').find((line) => line.includes('`teams package'));
    expect(row).toContain('`teams package --app-id <id>');
  });

  test('every variable a CLI message asks the user to set is in the configuration table', () => {
    const cliDir = path.join(ROOT, 'bin', 'cli');
    const sources = ['slack.ts', 'teams.ts']
      .map((f) => readFileSync(path.join(cliDir, f), 'utf8'))
      .join('\n');
    const asked = [...sources.matchAll(/\bset ([A-Z][A-Z0-9_]{3,})/g)].map((m) => m[1]);
    expect(asked).toContain('PUBLIC_BASE_URL');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Performance'));
    expect([...new Set(asked)].filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});
