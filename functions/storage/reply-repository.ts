import type { Rating, ReplyRecord, ReplyRecords } from '../feedback/signal-ports';
import { keys } from './keys';
import { expiresInDays, isConditionalCheckFailed, type Table } from './table';

type ReplyItem = ReplyRecord & { pk: string; sk: string; rating?: Rating; ratings?: number };

/** Reply records live in the conversation's partition, so they expire and are erased with it. */
export class ReplyRepository implements ReplyRecords {
  constructor(
    private readonly table: Table,
    private readonly ttlDays: number,
  ) {}

  /** The item to write in the same batch as the reply message. */
  itemFor(storeId: string, conversationId: string, record: ReplyRecord) {
    return {
      ...keys.replyRecord(storeId, conversationId, record.replyId),
      entity: 'reply',
      ...record,
      expiresAt: expiresInDays(this.ttlDays),
    };
  }

  async get(storeId: string, conversationId: string, replyId: string): Promise<ReplyRecord | undefined> {
    const item = await this.table.get<ReplyItem>(keys.replyRecord(storeId, conversationId, replyId));
    return item ? toRecord(item) : undefined;
  }

  async list(storeId: string, conversationId: string): Promise<ReplyRecord[]> {
    const items = await this.table.query<ReplyItem>(keys.conversationPartition(storeId, conversationId), {
      beginsWith: keys.replyRecordPrefix,
    });
    return items.map(toRecord).sort((a, b) => a.at.localeCompare(b.at));
  }

  async rate(storeId: string, conversationId: string, replyId: string, rating: Rating) {
    try {
      const old = await this.table.update({
        Key: keys.replyRecord(storeId, conversationId, replyId),
        UpdateExpression: 'SET rating = :rating ADD ratings :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':rating': rating, ':one': 1 },
        ReturnValues: 'ALL_OLD',
      });
      return { previous: old?.rating as Rating | undefined, count: Number(old?.ratings ?? 0) + 1 };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }
}

function toRecord(item: ReplyItem): ReplyRecord {
  return { replyId: item.replyId, productIds: item.productIds ?? [], variantId: item.variantId, at: item.at };
}
