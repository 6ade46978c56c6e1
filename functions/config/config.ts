import { en } from 'zod/v4/locales';
import * as z from 'zod/mini';

/**
 * The only reader of `process.env`. Every setting ShopGuide understands is declared here, parsed once,
 * and handed to the rest of the code as a typed object. Errors name the offending variable.
 *
 * It uses `zod/mini` (16 KiB instead of 440): every function, the chat front doors included, loads it at
 * cold start.
 */

// English messages ("expected number, received NaN") instead of mini's bare "Invalid input".
z.config(en());

const optionalString = z.optional(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((v: string) => (v === '' ? undefined : v)),
  ),
);
const optionalUrl = z.optional(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((v: string, ctx) => {
      if (v === '') return undefined;
      if (!URL.canParse(v)) ctx.issues.push({ code: 'custom', message: 'Invalid URL', input: v });
      return v;
    }),
  ),
);
const intWithDefault = (fallback: number, min = 0) =>
  z._default(z.coerce.number().check(z.int(), z.minimum(min)), fallback);
const stringWithDefault = (fallback: string) => z._default(z.string(), fallback);
const enumWithDefault = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z._default(z.enum(values), fallback);

const envSchema = z.object({
  // Runtime
  SHOPGUIDE_RUNTIME: enumWithDefault(['local', 'lambda', 'test'], 'local'),
  PORT: intWithDefault(3000, 0),
  HOST: stringWithDefault('127.0.0.1'),
  DATA_DIR: stringWithDefault('.data'),
  PUBLIC_BASE_URL: optionalUrl,
  LOG_LEVEL: enumWithDefault(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'], 'INFO'),

  // Storage
  TABLE_NAME: z._default(z.string().check(z.minLength(3)), 'ShopGuide'),
  DYNAMODB_ENDPOINT: optionalUrl,
  AWS_REGION: stringWithDefault('us-east-1'),
  CONVERSATION_TTL_DAYS: intWithDefault(90, 1),

  // LLM
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: stringWithDefault('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: intWithDefault(12000, 100),
  OPENAI_MAX_RETRIES: intWithDefault(2, 0),
  OPENAI_SECRET_ARN: optionalString,

  // Web chat
  WEBCHAT_TOKEN_SECRET: optionalString,
  WEBCHAT_TOKEN_SECRET_ARN: optionalString,
  WEBCHAT_TOKEN_TTL_HOURS: intWithDefault(24, 1),
  WEBCHAT_RATE_LIMIT_PER_MINUTE: intWithDefault(20, 1),
  WEBCHAT_SIGNALS_PER_MINUTE: intWithDefault(30, 1),
  WEBCHAT_ALLOWED_ORIGINS: stringWithDefault('*'),

  // Slack
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_BOT_USER_ID: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  SLACK_SECRET_ARN: optionalString,

  // Teams / Bot Framework
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TYPE: enumWithDefault(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], 'MultiTenant'),
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_SECRET_ARN: optionalString,
  /** Test and sovereign-cloud overrides of the Bot Framework OpenID endpoints (JSON object of settings). */
  BOT_FRAMEWORK_AUTH_OVERRIDES: optionalString,

  // Catalog sync and snapshots
  CATALOG_BUCKET: optionalString,
  /** Path-style S3 addressing, for S3-compatible stand-ins reached through AWS_ENDPOINT_URL_S3. */
  S3_FORCE_PATH_STYLE: enumWithDefault(['true', 'false'], 'false'),
  FEED_MAX_BYTES: intWithDefault(20 * 1024 * 1024, 1024),
  FEED_TIMEOUT_MS: intWithDefault(20_000, 100),

  // CLI: run commands against a deployed stack (outputs read through CloudFormation)
  SHOPGUIDE_STACK: optionalString,

  // Queue and schedule
  WORK_QUEUE_URL: optionalUrl,
  AGGREGATE_INTERVAL_MINUTES: intWithDefault(60, 0),
  /** Distinct shoppers who must ask an unanswered question before it is shown to the merchant. */
  FAQ_CLUSTER_MIN_ASKERS: intWithDefault(3, 1),
});

export type Env = Record<string, string | undefined>;

export interface Config {
  runtime: 'local' | 'lambda' | 'test';
  port: number;
  host: string;
  dataDir: string;
  publicBaseUrl?: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | 'CRITICAL';
  storage: {
    tableName: string;
    endpoint?: string;
    region: string;
    conversationTtlDays: number;
  };
  llm: {
    /** `openai` when a key or a base URL is configured, otherwise the deterministic offline assistant. */
    mode: 'openai' | 'offline';
    apiKey?: string;
    baseUrl?: string;
    model: string;
    timeoutMs: number;
    maxRetries: number;
    secretArn?: string;
  };
  webchat: {
    tokenSecret?: string;
    tokenSecretArn?: string;
    tokenTtlHours: number;
    rateLimitPerMinute: number;
    /** Feedback and outcome signals accepted per session per minute. */
    signalsPerMinute: number;
    allowedOrigins: string[];
  };
  slack: {
    signingSecret?: string;
    botToken?: string;
    botUserId?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    apiUrl?: string;
    secretArn?: string;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    appTenantId?: string;
    secretArn?: string;
    authOverrides?: Record<string, string>;
  };
  queue: { url?: string };
  aggregateIntervalMinutes: number;
  faq: { clusterMinAskers: number };
  catalog: {
    /** The stack's snapshot bucket; without it snapshots are files under DATA_DIR (local runtime only). */
    snapshotBucket?: string;
    s3ForcePathStyle: boolean;
    feedMaxBytes: number;
    feedTimeoutMs: number;
  };
  /** The deployed stack the CLI acts on (`--stack` or SHOPGUIDE_STACK). */
  stackName?: string;
}

/** Thrown when the environment does not describe a runnable configuration. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Env = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid ${variable}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  let authOverrides: Record<string, string> | undefined;
  if (e.BOT_FRAMEWORK_AUTH_OVERRIDES) {
    try {
      authOverrides = z.record(z.string(), z.string()).parse(JSON.parse(e.BOT_FRAMEWORK_AUTH_OVERRIDES));
    } catch {
      throw new ConfigError('Invalid BOT_FRAMEWORK_AUTH_OVERRIDES: expected a JSON object of strings');
    }
  }
  return {
    runtime: e.SHOPGUIDE_RUNTIME,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    logLevel: e.LOG_LEVEL,
    storage: {
      tableName: e.TABLE_NAME,
      endpoint: e.DYNAMODB_ENDPOINT,
      region: e.AWS_REGION,
      conversationTtlDays: e.CONVERSATION_TTL_DAYS,
    },
    llm: {
      mode: e.OPENAI_API_KEY || e.OPENAI_BASE_URL || e.OPENAI_SECRET_ARN ? 'openai' : 'offline',
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
      secretArn: e.OPENAI_SECRET_ARN,
    },
    webchat: {
      tokenSecret: e.WEBCHAT_TOKEN_SECRET,
      tokenSecretArn: e.WEBCHAT_TOKEN_SECRET_ARN,
      tokenTtlHours: e.WEBCHAT_TOKEN_TTL_HOURS,
      rateLimitPerMinute: e.WEBCHAT_RATE_LIMIT_PER_MINUTE,
      signalsPerMinute: e.WEBCHAT_SIGNALS_PER_MINUTE,
      allowedOrigins: e.WEBCHAT_ALLOWED_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      botUserId: e.SLACK_BOT_USER_ID,
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      apiUrl: e.SLACK_API_URL,
      secretArn: e.SLACK_SECRET_ARN,
    },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      appTenantId: e.MICROSOFT_APP_TENANT_ID,
      secretArn: e.MICROSOFT_SECRET_ARN,
      authOverrides,
    },
    queue: { url: e.WORK_QUEUE_URL },
    aggregateIntervalMinutes: e.AGGREGATE_INTERVAL_MINUTES,
    faq: { clusterMinAskers: e.FAQ_CLUSTER_MIN_ASKERS },
    catalog: {
      snapshotBucket: e.CATALOG_BUCKET,
      s3ForcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
      feedMaxBytes: e.FEED_MAX_BYTES,
      feedTimeoutMs: e.FEED_TIMEOUT_MS,
    },
    stackName: e.SHOPGUIDE_STACK,
  };
}
