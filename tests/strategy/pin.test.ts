import { strategyCommand } from '../../bin/cli/strategy';
import { startTestEnv, type TestEnv } from '../support/test-env';

describe('strategy pin', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
  });
  afterAll(async () => {
    await env.close();
  });

  const strategy = async (...args: string[]) => {
    const out: string[] = [];
    expect(
      await strategyCommand(
        [...args, '--store', 'demo'],
        { out: (s) => out.push(s), err: () => {} },
        env.services,
      ),
    ).toBe(0);
    return out.join('\n');
  };

  test('shows the effective split (100% for the pinned variant) and records the pin as such', async () => {
    const before = JSON.parse(await strategy('show', '--json')) as {
      strategy: { variants: { variant: { id: string } }[] };
    };
    const ids = before.strategy.variants.map((v) => v.variant.id);
    expect(ids).toContain('concise');
    const others = ids.filter((id) => id !== 'concise');

    const printed = await strategy('pin', 'concise');
    expect(printed).toContain('Pinned to concise');
    const row = (id: string) => printed.split('\n').find((line) => line.startsWith(`${id} `)) ?? '';
    expect(row('concise')).toMatch(/\s100\.0%\s/);
    for (const id of others) expect(row(id)).toMatch(/\s0\.0%\s/);
    // The history line of the pin: the new split is the pin, the old one the even split.
    expect(printed).toMatch(
      new RegExp(`split concise 100\\.0%, ${others.map((id) => `${id} 0\\.0%`).join(', ')} \\(was `),
    );

    const json = JSON.parse(await strategy('show', '--json')) as {
      strategy: { effectiveShares: Record<string, number> };
      history: { kind: string; shares: Record<string, number> }[];
    };
    expect(json.strategy.effectiveShares.concise).toBe(1);
    expect(json.history[0]).toMatchObject({ kind: 'pin', shares: { concise: 1 } });

    // Reset brings the even split back, recorded against the pin.
    const reset = await strategy('reset');
    expect(reset).not.toContain('Pinned to');
    expect(reset).toMatch(/\(was concise 100\.0%/);
  });
});
