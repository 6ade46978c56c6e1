import { compose, type Composition } from '../../functions/app/compose';
import { loadConfig, type Config } from '../../functions/config/config';
import { ValidationError } from '../../functions/errors/errors';
import { loadChatModel } from '../../functions/llm/load-chat-model';
import { openLocalRuntime } from '../../functions/local/local-runtime';
import { createLogger } from '../../functions/observability/logger';
import { createDocumentClient } from '../../functions/storage/dynamo-client';
import type { CliIo } from './io';
import { describeStackOutputs, type StackOutputs } from './stack-outputs';

/**
 * Configuration for CLI commands: the environment, with logs silenced unless LOG_LEVEL asks for them,
 * because stdout carries the command's result (and `--json`). `stack` (from `--stack`) wins over
 * SHOPGUIDE_STACK.
 */
export function cliConfig(env: Record<string, string | undefined> = process.env, stack?: string): Config {
  return loadConfig({ LOG_LEVEL: 'SILENT', ...env, ...(stack ? { SHOPGUIDE_STACK: stack } : {}) });
}

/** What a command runs against: the local embedded database, or a deployed stack. */
export interface CliRuntime {
  services: Composition;
  /** Set when the command acts on a deployed stack. */
  stack?: StackOutputs;
  /** Runs the deployed aggregate function (Lambda Invoke) instead of aggregating in this process. */
  invokeAggregate?: (payload: { storeId?: string }) => Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Opens the runtime a command works on and closes it afterwards. Locally: the same DATA_DIR as `npm start`
 * (sharing its database if it is running), seeded with the demo store when fresh. With `--stack`: the
 * stack's table, bucket and functions, found through its outputs; nothing is seeded or created there.
 */
export async function withRuntime<T>(config: Config, io: CliIo, work: (runtime: CliRuntime) => Promise<T>) {
  const runtime = config.stackName
    ? await openStackRuntime(config, config.stackName, io)
    : await openLocalRuntime(config, { onProgress: (m) => io.err(m) });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * The deployed stack as a runtime. It never creates or alters tables and never seeds: it only uses what
 * `cdk deploy` made. It says which stack and region it acts on before the command writes anything.
 */
export async function openStackRuntime(config: Config, stackName: string, io: CliIo): Promise<CliRuntime> {
  const stack = await describeStackOutputs(stackName, config.storage.region);
  io.err(`Using stack ${stack.stackName} in ${stack.region} (table ${stack.tableName}).`);
  const stackConfig: Config = {
    ...config,
    storage: { ...config.storage, tableName: stack.tableName, region: stack.region },
    catalog: { ...config.catalog, snapshotBucket: stack.catalogBucket },
    queue: { url: stack.workQueueUrl },
  };
  const logger = createLogger('shopguide-cli', config.logLevel);
  // The SDK's standard chain supplies credentials and any AWS_ENDPOINT_URL_DYNAMODB override.
  const documentClient = createDocumentClient({ region: stack.region, endpoint: config.storage.endpoint });
  const services = compose(stackConfig, {
    documentClient,
    logger,
    chatModel: await loadChatModel(stackConfig, logger),
    // Without a bucket output (an older stack), snapshots are off rather than written to a laptop.
    snapshotStore: stack.catalogBucket ? undefined : null,
  });
  return {
    services,
    stack,
    invokeAggregate: async (payload) => {
      if (!stack.aggregateFunctionName) {
        throw new ValidationError(
          `Stack ${stackName} has no AggregateFunctionName output: redeploy it first`,
        );
      }
      return invokeFunction(stack.region, stack.aggregateFunctionName, payload);
    },
    async close() {
      documentClient.destroy();
    },
  };
}

/** Lambda Invoke (RequestResponse) with the admin's credentials; a function error becomes one clear line. */
async function invokeFunction(region: string, functionName: string, payload: unknown): Promise<unknown> {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient({ region, maxAttempts: 2 });
  try {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: Buffer.from(JSON.stringify(payload)),
      }),
    );
    const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : 'null';
    if (out.FunctionError) {
      let detail: string = out.FunctionError;
      try {
        detail = (JSON.parse(text) as { errorMessage?: string }).errorMessage ?? detail;
      } catch {
        // Not JSON: the function error kind is all there is to say.
      }
      throw new ValidationError(`The deployed function ${functionName} failed: ${detail}`);
    }
    return JSON.parse(text);
  } finally {
    client.destroy();
  }
}

/**
 * Takes the global `--stack <name>` (or `--stack=<name>`) out of the arguments, wherever it appears, so each
 * command parses only its own options.
 */
export function extractStackOption(argv: string[]): { argv: string[]; stack?: string } {
  const rest: string[] = [];
  let stack: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--stack') {
      stack = argv[++i];
      if (!stack || stack.startsWith('-')) throw new ValidationError('--stack needs a stack name');
    } else if (arg.startsWith('--stack=')) stack = arg.slice('--stack='.length);
    else rest.push(arg);
  }
  return { argv: rest, stack };
}
