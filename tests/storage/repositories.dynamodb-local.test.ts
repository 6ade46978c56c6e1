import { javaAvailable, startDynamoDbLocal } from '../support/dynamodb-local';
import { faqRepositoryContract } from './faq-repository-contract';
import { loopAndChannelContract } from './loop-and-channel-contract';
import { repositoryContract } from './repository-contract';

/**
 * The same contract against AWS's DynamoDB Local, for fidelity to real DynamoDB. It needs Java 17 (present
 * on CI). Without Java the suite reports that it could not run instead of silently passing.
 */
const hasJava = javaAvailable();
// A JVM on a loaded machine can take a minute to listen: a ceiling, the start waits for the port.
const START_CEILING_MS = 120_000;
let local: { endpoint: string; stop: () => Promise<void> } | undefined;

if (hasJava) {
  beforeAll(async () => {
    local = await startDynamoDbLocal({ startTimeoutMs: START_CEILING_MS });
  }, START_CEILING_MS + 10_000);
  afterAll(async () => local?.stop());
  repositoryContract('DynamoDB Local', () => local?.endpoint);
  loopAndChannelContract('DynamoDB Local', () => local?.endpoint);
  faqRepositoryContract('DynamoDB Local', () => local?.endpoint);
} else {
  test('DynamoDB Local contract suite needs java on PATH', () => {
    process.stderr.write('java not found: the DynamoDB Local storage contract suite did not run\n');
    expect(hasJava).toBe(false);
  });
}
