import { ConfigError, type Config } from './config';

/**
 * Fills the credentials that Lambda receives as Secrets Manager ARNs (never as values) into the config, once
 * per cold start. Values are cached for five minutes by Powertools Parameters, so a rotated secret reaches
 * warm containers without a redeploy once the function re-resolves. Locally (and in tests), or when no ARN is
 * set, the config is returned unchanged and the Powertools module is never loaded.
 *
 * Secret shapes are written by lib/constructs/secrets.ts: OpenAI `{"apiKey"}` or a bare key; Slack
 * `{"signingSecret","clientId","clientSecret","stateSecret","botToken"?,"botUserId"?}`; Microsoft
 * `{"appId","appPassword","appTenantId"?}`; the web chat token key as a plain string. Values already set in the
 * environment win, and empty fields count as unset.
 */

/** Reads one secret's string value (injectable for tests). */
export type SecretReader = (secretId: string) => Promise<string | undefined>;

export const SECRET_CACHE_SECONDS = 300;

const powertoolsReader: SecretReader = async (secretId) => {
  // Lazy: only functions that actually hold a secret ARN pay for the SDK client and Powertools.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const value = await getSecret(secretId, { maxAge: SECRET_CACHE_SECONDS });
  if (value === undefined || typeof value === 'string') return value;
  return Buffer.from(value).toString('utf8');
};

export async function resolveSecrets(config: Config, read: SecretReader = powertoolsReader): Promise<Config> {
  if (config.runtime !== 'lambda') return config;
  const { llm, slack, teams, webchat } = config;
  const [openAi, slackFields, microsoftFields, webchatToken] = await Promise.all([
    llm.secretArn ? readText(read, llm.secretArn, 'OPENAI_SECRET_ARN') : undefined,
    slack.secretArn ? readJson(read, slack.secretArn, 'SLACK_SECRET_ARN') : undefined,
    teams.secretArn ? readJson(read, teams.secretArn, 'MICROSOFT_SECRET_ARN') : undefined,
    webchat.tokenSecretArn ? readText(read, webchat.tokenSecretArn, 'WEBCHAT_TOKEN_SECRET_ARN') : undefined,
  ]);
  const apiKey = llm.apiKey ?? (openAi === undefined ? undefined : openAiKey(openAi));
  return {
    ...config,
    llm: { ...llm, apiKey, mode: apiKey || llm.baseUrl ? 'openai' : 'offline' },
    slack: slackFields
      ? {
          ...slack,
          signingSecret: slack.signingSecret ?? field(slackFields, 'signingSecret'),
          clientId: slack.clientId ?? field(slackFields, 'clientId'),
          clientSecret: slack.clientSecret ?? field(slackFields, 'clientSecret'),
          stateSecret: slack.stateSecret ?? field(slackFields, 'stateSecret'),
          botToken: slack.botToken ?? field(slackFields, 'botToken'),
          botUserId: slack.botUserId ?? field(slackFields, 'botUserId'),
        }
      : slack,
    teams: microsoftFields
      ? {
          ...teams,
          appId: teams.appId ?? field(microsoftFields, 'appId'),
          appPassword: teams.appPassword ?? field(microsoftFields, 'appPassword'),
          appTenantId: teams.appTenantId ?? field(microsoftFields, 'appTenantId'),
        }
      : teams,
    webchat: { ...webchat, tokenSecret: webchat.tokenSecret ?? nonEmpty(webchatToken) },
  };
}

async function readText(read: SecretReader, secretId: string, variable: string): Promise<string> {
  try {
    return (await read(secretId)) ?? '';
  } catch (error) {
    throw new ConfigError(`Cannot read the secret named by ${variable}`, { cause: error });
  }
}

async function readJson(
  read: SecretReader,
  secretId: string,
  variable: string,
): Promise<Record<string, unknown>> {
  const text = await readText(read, secretId, variable);
  try {
    const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Fall through to the one error below; the secret's value must not appear in it.
  }
  throw new ConfigError(`The secret named by ${variable} must be a JSON object`);
}

/** `{"apiKey":"sk-..."}` or the bare key. */
function openAiKey(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return field(JSON.parse(trimmed) as Record<string, unknown>, 'apiKey');
    } catch {
      throw new ConfigError(
        'The secret named by OPENAI_SECRET_ARN is neither an API key nor {"apiKey":"..."}',
      );
    }
  }
  return nonEmpty(trimmed);
}

function field(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
