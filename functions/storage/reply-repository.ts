import type { Rating, ReplyRecord, ReplyRecords } from '../ports/signal-records';
import { keys } from './keys';
import { isConditionalCheckFailed, type Table } from './table';

type ReplyItem = ReplyRecord & { pk: string; sk: string; rating?: Rating; ratings?: number };

/** Reads and rates reply records (written with each reply by the conversation repository). */
export class ReplyRepository implements ReplyRecords {
  constructor(private readonly table: Table) {}

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
