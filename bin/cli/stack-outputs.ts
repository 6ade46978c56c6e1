import { ValidationError } from '../../functions/errors/errors';

/**
 * What the CLI needs to act on a deployed stack, read from its CloudFormation outputs (lib/shopguide-stack.ts
 * declares them). The CloudFormation client is imported here only, when `--stack` is given.
 */
export interface StackOutputs {
  stackName: string;
  region: string;
  tableName: string;
  workQueueUrl?: string;
  catalogBucket?: string;
  aggregateFunctionName?: string;
  apiUrl?: string;
}

/** The output keys, as the stack names them. */
export const STACK_OUTPUT_KEYS = {
  tableName: 'TableName',
  region: 'Region',
  workQueueUrl: 'WorkQueueUrl',
  catalogBucket: 'CatalogBucketName',
  aggregateFunctionName: 'AggregateFunctionName',
  apiUrl: 'ApiUrl',
} as const;

/**
 * DescribeStacks with the admin's standard credential chain (environment, profile, SSO). The region is the
 * SDK's own (AWS_REGION, the profile) or `fallbackRegion`; AWS_ENDPOINT_URL_CLOUDFORMATION overrides the
 * endpoint as everywhere in the SDK.
 */
export async function describeStackOutputs(stackName: string, fallbackRegion: string): Promise<StackOutputs> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  let client = new CloudFormationClient({ maxAttempts: 3 });
  // The SDK's own region (AWS_REGION, the profile's config) wins; without one, ShopGuide's default.
  const ownRegion = await client.config.region().catch(() => undefined);
  if (!ownRegion) {
    client.destroy();
    client = new CloudFormationClient({ maxAttempts: 3, region: fallbackRegion });
  }
  let outputs: Record<string, string>;
  try {
    const response = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = response.Stacks?.[0];
    if (!stack) throw new ValidationError(`Stack ${stackName} not found`);
    outputs = Object.fromEntries(
      (stack.Outputs ?? []).flatMap((o) =>
        o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue]] : [],
      ),
    );
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const region = await client.config.region();
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ValidationError(`Cannot read stack ${stackName} in ${region}: ${message}`, { cause: error });
  } finally {
    client.destroy();
  }
  const required = (key: keyof typeof STACK_OUTPUT_KEYS) => {
    const value = outputs[STACK_OUTPUT_KEYS[key]];
    if (!value) {
      throw new ValidationError(
        `Stack ${stackName} has no ${STACK_OUTPUT_KEYS[key]} output: deploy this version of ShopGuide (npx cdk deploy) first`,
      );
    }
    return value;
  };
  return {
    stackName,
    tableName: required('tableName'),
    region: required('region'),
    workQueueUrl: outputs[STACK_OUTPUT_KEYS.workQueueUrl],
    catalogBucket: outputs[STACK_OUTPUT_KEYS.catalogBucket],
    aggregateFunctionName: outputs[STACK_OUTPUT_KEYS.aggregateFunctionName],
    apiUrl: outputs[STACK_OUTPUT_KEYS.apiUrl],
  };
}
