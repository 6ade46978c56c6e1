import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Loads an entry point in a fresh Node process and lists which heavy packages it pulled in at init. */
function loadedPackages(entry: string): string[] {
  const script = `
    require(${JSON.stringify(path.join(root, entry))});
    const loaded = Object.keys(require.cache);
    const heavy = ['@slack/bolt', '@slack/web-api', '@slack/oauth', 'openai', 'botbuilder'];
    process.stdout.write(JSON.stringify(heavy.filter((p) => loaded.some((f) => f.includes('/node_modules/' + p + '/')))));
  `;
  const out = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: root,
    env: { ...process.env, SLACK_SIGNING_SECRET: 'x', LOG_LEVEL: 'SILENT', AWS_REGION: 'us-east-1' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as string[];
}

describe('Slack front door entry point', () => {
  it('loads neither Bolt, the Web API, OAuth nor openai at init', () => {
    expect(loadedPackages('functions/slack-events.ts')).toEqual([]);
  });
});
