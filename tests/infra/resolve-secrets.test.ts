import { ConfigError, loadConfig } from '../../functions/config/config';
import { resolveSecrets, type SecretReader } from '../../functions/config/secrets';

const ARNS = {
  OPENAI_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shopguide/prod/openai',
  SLACK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shopguide/prod/slack',
  MICROSOFT_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shopguide/prod/microsoft',
  WEBCHAT_TOKEN_SECRET_ARN:
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shopguide/prod/webchat-token',
};

function readerOf(values: Record<string, string>): SecretReader & { calls: string[] } {
  const calls: string[] = [];
  const read = async (id: string) => {
    calls.push(id);
    return values[id];
  };
  return Object.assign(read, { calls });
}

describe('resolveSecrets', () => {
  it('fills OpenAI, Slack, Microsoft and web chat credentials from the secrets the ARNs name', async () => {
    const read = readerOf({
      [ARNS.OPENAI_SECRET_ARN]: '{"apiKey":"sk-test","_generated":"x"}',
      [ARNS.SLACK_SECRET_ARN]: JSON.stringify({
        signingSecret: 'sig',
        clientId: 'cid',
        clientSecret: 'cs',
        stateSecret: 'st',
        botToken: '',
      }),
      [ARNS.MICROSOFT_SECRET_ARN]: JSON.stringify({ appId: 'app', appPassword: 'pw', appTenantId: '' }),
      [ARNS.WEBCHAT_TOKEN_SECRET_ARN]: 'k'.repeat(64),
    });

    const config = await resolveSecrets(loadConfig({ SHOPGUIDE_RUNTIME: 'lambda', ...ARNS }), read);

    expect(config.llm).toMatchObject({ apiKey: 'sk-test', mode: 'openai' });
    expect(config.slack).toMatchObject({
      signingSecret: 'sig',
      clientId: 'cid',
      clientSecret: 'cs',
      stateSecret: 'st',
    });
    expect(config.slack.botToken).toBeUndefined();
    expect(config.teams).toMatchObject({ appId: 'app', appPassword: 'pw' });
    expect(config.teams.appTenantId).toBeUndefined();
    expect(config.webchat.tokenSecret).toBe('k'.repeat(64));
    expect(read.calls.sort()).toEqual(Object.values(ARNS).sort());
  });

  it('keeps the offline assistant while the OpenAI secret is still empty', async () => {
    const read = readerOf({ [ARNS.OPENAI_SECRET_ARN]: '{"apiKey":"","_generated":"x"}' });
    const config = await resolveSecrets(
      loadConfig({ SHOPGUIDE_RUNTIME: 'lambda', OPENAI_SECRET_ARN: ARNS.OPENAI_SECRET_ARN }),
      read,
    );
    expect(config.llm.mode).toBe('offline');
    expect(config.llm.apiKey).toBeUndefined();
  });

  it('accepts a bare OpenAI key', async () => {
    const read = readerOf({ [ARNS.OPENAI_SECRET_ARN]: 'sk-bare\n' });
    const config = await resolveSecrets(
      loadConfig({ SHOPGUIDE_RUNTIME: 'lambda', OPENAI_SECRET_ARN: ARNS.OPENAI_SECRET_ARN }),
      read,
    );
    expect(config.llm.apiKey).toBe('sk-bare');
  });

  it('reads nothing locally or when no ARN is configured', async () => {
    const read = readerOf({});
    const local = loadConfig({ SHOPGUIDE_RUNTIME: 'local', ...ARNS });
    expect(await resolveSecrets(local, read)).toBe(local);
    await resolveSecrets(loadConfig({ SHOPGUIDE_RUNTIME: 'lambda' }), read);
    expect(read.calls).toEqual([]);
  });

  it('names the variable, never the value, when a JSON secret is malformed', async () => {
    const read = readerOf({ [ARNS.SLACK_SECRET_ARN]: 'not-json-s3cr3t' });
    const attempt = resolveSecrets(
      loadConfig({ SHOPGUIDE_RUNTIME: 'lambda', SLACK_SECRET_ARN: ARNS.SLACK_SECRET_ARN }),
      read,
    );
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/SLACK_SECRET_ARN/);
    await expect(attempt).rejects.not.toThrow(/s3cr3t/);
  });

  it('wraps a Secrets Manager failure in a ConfigError naming the variable', async () => {
    const read: SecretReader = async () => {
      throw new Error('AccessDeniedException');
    };
    const attempt = resolveSecrets(
      loadConfig({ SHOPGUIDE_RUNTIME: 'lambda', WEBCHAT_TOKEN_SECRET_ARN: ARNS.WEBCHAT_TOKEN_SECRET_ARN }),
      read,
    );
    await expect(attempt).rejects.toThrow(/WEBCHAT_TOKEN_SECRET_ARN/);
  });
});
