import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SnapshotStore } from '../catalog/catalog-snapshot';

/** Snapshots as files under `<DATA_DIR>/snapshots/`, for `npm start` and the CLI. */
export class FileSnapshotStore implements SnapshotStore {
  constructor(private readonly directory: string) {}

  async read(storeId: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.file(storeId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(storeId: string, bytes: Buffer): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    // Write then rename: a reader never sees half a file.
    const temporary = `${this.file(storeId)}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, this.file(storeId));
  }

  private file(storeId: string): string {
    return path.join(this.directory, `${storeId}.catalog.json.gz`);
  }
}
