import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import path from 'node:path';
import {
  BUNDLE_EXTERNALS,
  ESBUILD_OPTIONS,
  PROJECT_ROOT,
  WIDGET_ENTRY,
  type FunctionSpec,
} from '../function-specs';

export interface ShopGuideFunctionProps {
  readonly spec: FunctionSpec;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** 0 or undefined leaves the function on the account's unreserved pool. */
  readonly reservedConcurrency?: number;
  /** Ship the botbuilder adapter as `botbuilder-adapter.js` next to the bundle (Teams, worker, aggregate). */
  shipTeamsAdapter?: boolean;
  /** Ship the prebuilt web chat widget as `widget.js` next to the bundle. */
  readonly shipWidget?: boolean;
  /** Ship the chart renderer's WebAssembly and font next to the bundle (functions that answer insights). */
  readonly shipChartAssets?: boolean;
  /** Ship the OpenAI adapter (with `openai`) as `openai-chat-model.js` next to the bundle (LLM functions). */
  readonly shipOpenAi?: boolean;
  /** Ship the S3 client as `s3-sdk.js` next to the bundle (functions that read catalog snapshots). */
  readonly shipS3?: boolean;
  /** Ship the SQS client as `sqs-sdk.js` next to the bundle (functions that enqueue work). */
  readonly shipSqs?: boolean;
  /**
   * Ship the shopper and merchant assistants as `shopper-assistant.js` and `merchant-assistant.js` next to the
   * bundle (functions whose bundle can load them: see `functions/app/assistant-modules.ts`).
   */
  readonly shipAssistants?: boolean;
}

/**
 * One entry point as a Lambda function: esbuild-bundled locally (no Docker), arm64, latest Node runtime,
 * JSON logs into its own log group with a retention, X-Ray tracing, and a role that starts empty (callers
 * add permissions with `grant*`, never with managed policies or wildcards).
 */
export class ShopGuideFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ShopGuideFunctionProps) {
    super(scope, id);
    const { spec } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `ShopGuide ${spec.id} function`,
    });
    // Only this function's own log group; the log group ARN attribute already scopes streams to it.
    this.logGroup.grantWrite(role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, spec.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: spec.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memorySize,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrency ? props.reservedConcurrency : undefined,
      environment: {
        ...props.environment,
        // Source maps turn minified stack traces back into TypeScript lines in the logs.
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `shopguide-${spec.id.toLowerCase()}`,
      },
      bundling: {
        minify: ESBUILD_OPTIONS.minify,
        sourceMap: ESBUILD_OPTIONS.sourcemap,
        target: ESBUILD_OPTIONS.target,
        format: nodejs.OutputFormat.CJS,
        mainFields: [...ESBUILD_OPTIONS.mainFields],
        externalModules: [...BUNDLE_EXTERNALS],
        // Local esbuild only; fail rather than silently falling back to Docker.
        forceDockerBundling: false,
        commandHooks: besideShipping(props),
      },
    });
  }
}

/** What ships beside a bundle, by the props that ask for it. */
function besideShipping(props: ShopGuideFunctionProps): nodejs.ICommandHooks | undefined {
  const ship: BesideFiles = {
    widget: props.shipWidget,
    teamsAdapter: props.shipTeamsAdapter,
    chartAssets: props.shipChartAssets,
    openAi: props.shipOpenAi,
    s3: props.shipS3,
    sqs: props.shipSqs,
    assistants: props.shipAssistants,
  };
  return Object.values(ship).some(Boolean) ? bundlingHooks(ship) : undefined;
}

export interface BesideFiles {
  widget?: boolean;
  teamsAdapter?: boolean;
  chartAssets?: boolean;
  openAi?: boolean;
  s3?: boolean;
  sqs?: boolean;
  assistants?: boolean;
}

/**
 * How each file beside a bundle is built: an exported function of the code that loads it, called with the
 * bundle's output folder. Built with the same code the local server and tests use.
 */
const BESIDE_BUILDERS: Record<keyof BesideFiles, (outputDir: string) => string> = {
  // The browser widget.
  widget: (out) =>
    `require('./functions/channels/webchat/widget-bundle').buildWidgetFile('${path.join(out, 'widget.js')}', require('node:path').resolve('${WIDGET_ENTRY}'))`,
  // botbuilder, loaded on the first Teams request (`functions/channels/teams/channel.ts`).
  teamsAdapter: (out) =>
    `require('./functions/channels/teams/channel').buildAdapterFile('${path.join(out, 'botbuilder-adapter.js')}')`,
  // The OpenAI adapter with `openai`, loaded on the first model call (`functions/llm/load-chat-model.ts`).
  openAi: (out) =>
    `require('./functions/llm/load-chat-model').buildOpenAiFile('${path.join(out, 'openai-chat-model.js')}')`,
  // The S3 client, loaded with the first catalog snapshot.
  s3: (out) =>
    `require('./functions/storage/s3-snapshot-store').buildS3File('${path.join(out, 's3-sdk.js')}')`,
  // The SQS client, loaded with the first job enqueued.
  sqs: (out) => `require('./functions/queue/sqs-queue').buildSqsFile('${path.join(out, 'sqs-sdk.js')}')`,
  // The shopper and merchant assistants, loaded with the first turn (`functions/app/assistant-modules.ts`).
  assistants: (out) => `require('./functions/app/assistant-modules').buildAssistantFiles('${out}')`,
  // resvg's WebAssembly and the CJK font, for the functions that draw insight charts.
  chartAssets: (out) => `require('./functions/insights/chart-assets').shipChartAssets('${out}')`,
};

/** The CDK bundling hooks that build the files beside a bundle, in the bundle's output folder. */
export function bundlingHooks(ship: BesideFiles): nodejs.ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      (Object.keys(BESIDE_BUILDERS) as (keyof BesideFiles)[])
        .filter((file) => ship[file])
        .map(
          (file) =>
            `cd "${inputDir}" && npx tsx -e "${BESIDE_BUILDERS[file](outputDir)}.catch((e) => { console.error(e); process.exit(1); })"`,
        ),
  };
}
