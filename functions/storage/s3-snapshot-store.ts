import path from 'node:path';
import type { SnapshotStore } from '../catalog/catalog-snapshot';
import { buildBesideFile, loadBeside } from '../runtime/beside-bundle';
import type * as S3 from './s3-sdk';

/** The file the CDK bundling step writes next to the bundles that read snapshots. */
export const PREBUILT_S3_FILE = 's3-sdk.js';

/**
 * Snapshots as objects `catalog-snapshots/<storeId>.json.gz` in the stack's private bucket. The S3 client is
 * loaded on first use only (from beside the bundle in Lambda), so no cold start pays for parsing it.
 */
export class S3SnapshotStore implements SnapshotStore {
  private client?: Promise<{ client: S3.S3Client; sdk: typeof S3 }>;

  constructor(
    private readonly bucket: string,
    private readonly options: { region: string; forcePathStyle?: boolean },
  ) {}

  async read(storeId: string): Promise<Buffer | undefined> {
    const { client, sdk } = await this.sdk();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key(storeId) }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'))
        return undefined;
      throw error;
    }
  }

  async write(storeId: string, bytes: Buffer): Promise<void> {
    const { client, sdk } = await this.sdk();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: key(storeId),
        Body: bytes,
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
      }),
    );
  }

  private sdk() {
    this.client ??= loadBeside<typeof S3>(__dirname, PREBUILT_S3_FILE, 's3-sdk', 'S3Client').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({ region: this.options.region, forcePathStyle: this.options.forcePathStyle }),
    }));
    return this.client;
  }
}

function key(storeId: string): string {
  return `catalog-snapshots/${storeId}.json.gz`;
}

/** Bundles the S3 client parts into `outFile` (the CDK bundling hook of the functions that read snapshots). */
export function buildS3File(outFile: string): Promise<void> {
  return buildBesideFile(path.join(__dirname, 's3-sdk.ts'), outFile);
}
