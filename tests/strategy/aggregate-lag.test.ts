import { aggregateCommand } from '../../bin/cli/aggregate';
import { startTestEnv, type TestEnv } from '../support/test-env';
import { event, writeEvents } from './simulation-support';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();

describe('shopguide aggregate right after chatting', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true, overrides: { now: () => NOW } });
  });
  afterAll(async () => {
    await env.close();
  });

  const aggregate = async (...args: string[]) => {
    const out: string[] = [];
    expect(
      await aggregateCommand(
        ['--store', 'demo', ...args],
        { out: (s) => out.push(s), err: () => {} },
        { services: env.services, close: async () => {} },
      ),
    ).toBe(0);
    return out;
  };

  test('says how many events the 60 s safety lag left for the next run', async () => {
    await writeEvents(env.services, [
      event({ type: 'shown', receivedAt: secondsAgo(300), variantId: 'concise', replyId: 'r0' }, 'old-1'),
      event({ type: 'shown', receivedAt: secondsAgo(20), variantId: 'concise', replyId: 'r1' }, 'new-1'),
      event(
        { type: 'click', receivedAt: secondsAgo(5), variantId: 'concise', replyId: 'r1', productId: '1' },
        'new-2',
      ),
    ]);

    const out = await aggregate();
    expect(out.join('\n')).toMatch(/^demo\s+1\s/m);
    expect(out.at(-1)).toBe(
      'demo: 2 events newer than the 60 s safety lag left for the next run (run again in a minute).',
    );

    const json = JSON.parse((await aggregate('--json'))[0] ?? '{}') as {
      stores: { events: number; heldBack: number }[];
    };
    expect(json.stores[0]).toMatchObject({ events: 0, heldBack: 2 });
  });
});
