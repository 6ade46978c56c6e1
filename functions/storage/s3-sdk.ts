/**
 * The parts of the S3 SDK the snapshot store uses. In Lambda this module ships as `s3-sdk.js` beside the
 * bundles of the functions that read snapshots (see `bundlingHooks`), so their cold start does not parse
 * the S3 client; locally and in tests it is imported from source.
 */
export { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
