import type * as S3 from '@aws-sdk/client-s3';
import type { SnapshotStore } from '../catalog/catalog-snapshot';

/**
 * Snapshots as objects `catalog-snapshots/<storeId>.json.gz` in the stack's private bucket. The S3 client is
 * imported on first use only, so functions that never touch a snapshot do not pay for loading it.
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
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({ region: this.options.region, forcePathStyle: this.options.forcePathStyle }),
    }));
    return this.client;
  }
}

function key(storeId: string): string {
  return `catalog-snapshots/${storeId}.json.gz`;
}
