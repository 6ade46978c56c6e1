import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ShopGuideError } from '../errors/errors';
import type { ItemKey } from './keys';
import { TABLE_KEYS } from './table-schema';

export type Item = Record<string, unknown>;
// Interfaces without index signatures are items too; `object` keeps the domain types usable here.
type WriteRequest = { PutRequest: { Item: object } } | { DeleteRequest: { Key: ItemKey } };
type AnyItem = object;

/** Raised by storage when DynamoDB fails for a reason other than a failed condition. */
export class StorageError extends ShopGuideError {
  override name = 'StorageError';
  override readonly status = 503;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

const nowEpochSeconds = () => Math.floor(Date.now() / 1000);

/** TTL is deleted lazily by AWS and not at all by dynalite, so every read filters expired items itself. */
export function isLive(item: Item | undefined, now = nowEpochSeconds()): boolean {
  if (!item) return false;
  const expiresAt = item[TABLE_KEYS.ttlAttribute];
  return typeof expiresAt !== 'number' || expiresAt > now;
}

export interface QueryOptions {
  index?: 'gsi1' | 'gsi2';
  /** Sort key strictly after this value (a cursor). */
  after?: string;
  beginsWith?: string;
  between?: [string, string];
  /** Sort key at most this value (an inclusive upper bound with no lower one). */
  atMost?: string;
  limit?: number;
  descending?: boolean;
  consistent?: boolean;
}

/** Thin, typed access to the single table. Repositories build keys with `keys` and call this. */
export class Table {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get<T extends AnyItem>(key: ItemKey, consistent = true): Promise<T | undefined> {
    const out = await this.run(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent })),
    );
    return isLive(out.Item as Item | undefined) ? (out.Item as T) : undefined;
  }

  async put<T extends ItemKey>(
    item: T,
    options: { ifNotExists?: boolean; condition?: string; values?: Item } = {},
  ) {
    const condition = options.ifNotExists ? 'attribute_not_exists(pk)' : options.condition;
    await this.run(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition,
          ExpressionAttributeValues: options.values,
        }),
      ),
    );
  }

  /** Writes the item only if absent. Returns false when it already existed (a lost race, a duplicate). */
  async putIfAbsent<T extends ItemKey>(item: T): Promise<boolean> {
    try {
      await this.put(item, { ifNotExists: true });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async update(input: Omit<UpdateCommandInput, 'TableName'>): Promise<Item | undefined> {
    const out = await this.run(() =>
      this.client.send(new UpdateCommand({ ReturnValues: 'ALL_NEW', ...input, TableName: this.tableName })),
    );
    return out.Attributes;
  }

  async delete(key: ItemKey): Promise<void> {
    await this.run(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key })));
  }

  /** Queries one partition, following pages until `limit` live items are collected or the partition ends. */
  async query<T extends AnyItem>(partition: string, options: QueryOptions = {}): Promise<T[]> {
    const pkName = options.index ? TABLE_KEYS[options.index].partitionKey : TABLE_KEYS.partitionKey;
    const skName = options.index ? TABLE_KEYS[options.index].sortKey : TABLE_KEYS.sortKey;
    const values: Item = { ':pk': partition };
    let condition = '#pk = :pk';
    if (options.beginsWith !== undefined) {
      condition += ' AND begins_with(#sk, :prefix)';
      values[':prefix'] = options.beginsWith;
    } else if (options.after !== undefined) {
      condition += ' AND #sk > :after';
      values[':after'] = options.after;
    } else if (options.atMost !== undefined) {
      condition += ' AND #sk <= :to';
      values[':to'] = options.atMost;
    } else if (options.between) {
      condition += ' AND #sk BETWEEN :from AND :to';
      values[':from'] = options.between[0];
      values[':to'] = options.between[1];
    }
    const names: Record<string, string> = { '#pk': pkName };
    if (condition.includes('#sk')) names['#sk'] = skName;
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: options.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !options.descending,
      ConsistentRead: options.index ? undefined : options.consistent,
    };
    const items: T[] = [];
    const now = nowEpochSeconds();
    let startKey: Item | undefined;
    do {
      const page = await this.run(() =>
        this.client.send(
          new QueryCommand({
            ...input,
            ExclusiveStartKey: startKey,
            Limit: options.limit ? Math.min(1000, options.limit - items.length + 10) : undefined,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        if (isLive(item as Item, now)) items.push(item as T);
        if (options.limit && items.length >= options.limit) return items;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Unconditional bulk writes, 25 at a time, retrying unprocessed items. */
  async putMany<T extends ItemKey>(items: T[]): Promise<void> {
    await this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  /** Unconditional bulk deletes, 25 at a time, retrying unprocessed keys. */
  async deleteMany(itemKeys: ItemKey[]): Promise<void> {
    await this.batchWrite(itemKeys.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })));
  }

  private async batchWrite(all: WriteRequest[]): Promise<void> {
    for (let i = 0; i < all.length; i += 25) {
      let requests = all.slice(i, i + 25);
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new StorageError('Storage is busy, please retry');
        const out = await this.run(() =>
          this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } })),
        );
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
        if (requests.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw error;
      throw new StorageError('Storage is unavailable, please retry', { cause: error });
    }
  }
}

/** Epoch seconds `days` from now: the value of the TTL attribute. */
export function expiresInDays(days: number, from = Date.now()): number {
  return Math.floor(from / 1000) + days * 86400;
}
