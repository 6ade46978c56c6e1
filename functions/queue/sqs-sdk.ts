/**
 * The parts of the SQS SDK the work queue uses. In Lambda this module ships as `sqs-sdk.js` beside the bundles
 * of the functions that enqueue (see `bundlingHooks`), so their cold start does not parse the SQS client; locally
 * and in tests it is imported from source.
 */
export { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
