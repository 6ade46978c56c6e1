import { javaAvailable, startDynamoDbLocal } from '../support/dynamodb-local';
import { faqRepositoryContract } from './faq-repository-contract';
import { loopAndChannelContract } from './loop-and-channel-contract';
import { repositoryContract } from './repository-contract';

/**
 * The same contracts against AWS's DynamoDB Local, for fidelity to real DynamoDB. It needs a Java runtime;
 * `.ci/run` installs one, so CI always runs it. Without Java the suite is skipped visibly: jest lists it as
 * skipped, under a name that says why.
 */
const hasJava = javaAvailable();
const describeWhenJava = hasJava ? describe : describe.skip;
const suiteName = hasJava
  ? 'storage contracts on DynamoDB Local'
  : 'storage contracts on DynamoDB Local (skipped: no java on PATH; .ci/run installs default-jre-headless)';
// A JVM on a loaded machine can take a minute to listen: a ceiling, the start waits for the port.
const START_CEILING_MS = 120_000;

if (!hasJava) console.warn(suiteName);

describeWhenJava(suiteName, () => {
  let local: { endpoint: string; stop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    local = await startDynamoDbLocal({ startTimeoutMs: START_CEILING_MS });
  }, START_CEILING_MS + 10_000);
  afterAll(async () => local?.stop());
  repositoryContract('DynamoDB Local', () => local?.endpoint);
  loopAndChannelContract('DynamoDB Local', () => local?.endpoint);
  faqRepositoryContract('DynamoDB Local', () => local?.endpoint);
});
