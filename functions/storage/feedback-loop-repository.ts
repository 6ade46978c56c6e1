import { ConflictError } from '../errors/errors';
import { COUNT_FIELDS, emptyCounts, type DailyMetrics, type MetricCounts } from '../feedback-loop/metrics';
import type { ProductStats } from '../feedback-loop/product-stats';
import type { AggregationState, FeedbackLoopStore } from '../ports/feedback-loop-store';
import { strategyKeys } from './keys';
import { isConditionalCheckFailed, type Table } from './table';

const INITIAL_WATERMARK = '0';
/** Written only by a batch the item has not absorbed yet (see docs/feedback-loop.md). */
const NOT_ABSORBED = 'attribute_not_exists(lastToSk) OR lastToSk < :to';

/** The feedback loop's derived items: aggregation state, daily metrics, product stats. */
export class FeedbackLoopRepository implements FeedbackLoopStore {
  constructor(private readonly table: Table) {}

  async readState(storeId: string): Promise<AggregationState> {
    const item = await this.table.get<AggregationState & { pk: string }>(
      strategyKeys.aggregationState(storeId),
    );
    return { watermarkSk: item?.watermarkSk ?? INITIAL_WATERMARK, pending: item?.pending };
  }

  /** Two overlapping runs cannot both advance the watermark. */
  async writeState(storeId: string, expectedWatermark: string, next: AggregationState, now: Date) {
    const item = {
      ...strategyKeys.aggregationState(storeId),
      entity: 'aggregation-state',
      ...next,
      updatedAt: now.toISOString(),
    };
    if (!next.pending) delete item.pending;
    try {
      await this.table.put(item, {
        condition: 'attribute_not_exists(watermarkSk) OR watermarkSk = :expected',
        values: { ':expected': expectedWatermark },
      });
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new ConflictError(`Another aggregation of ${storeId} moved the watermark`, { cause: error });
      }
      throw error;
    }
    return next;
  }

  async addDailyMetrics(storeId: string, day: string, variantId: string, counts: MetricCounts, toSk: string) {
    const values: Record<string, unknown> = {
      ':to': toSk,
      ':store': storeId,
      ':day': day,
      ':variant': variantId,
      ':entity': 'daily-metrics',
    };
    const adds = COUNT_FIELDS.map((field) => {
      values[`:${field}`] = counts[field];
      return `${field} :${field}`;
    });
    await this.unlessAbsorbed(() =>
      this.table.update({
        Key: strategyKeys.dailyMetrics(storeId, day, variantId),
        UpdateExpression: `SET lastToSk = :to, storeId = :store, #day = :day, variantId = :variant, entity = :entity ADD ${adds.join(', ')}`,
        ConditionExpression: NOT_ABSORBED,
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: values,
        ReturnValues: 'NONE',
      }),
    );
  }

  async dailyMetrics(storeId: string, fromDay: string, toDay: string): Promise<DailyMetrics[]> {
    const items = await this.table.query<
      DailyMetrics & { pk: string; sk: string; lastToSk?: string; entity?: string }
    >(strategyKeys.metricsPartition(storeId), {
      between: [`${strategyKeys.dayPrefix}${fromDay}`, `${strategyKeys.dayPrefix}${toDay}#\uffff`],
    });
    return items.map((item): DailyMetrics => {
      const counts = emptyCounts();
      for (const field of COUNT_FIELDS) counts[field] = Number(item[field] ?? 0);
      return { storeId, day: item.day, variantId: item.variantId, ...counts };
    });
  }

  async productStats(storeId: string): Promise<ProductStats | undefined> {
    const item = await this.table.get<ProductStats & { pk: string; sk: string; entity?: string }>(
      strategyKeys.productStats(storeId),
    );
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, ...stats } = item;
    return stats;
  }

  async putProductStats(storeId: string, next: ProductStats) {
    await this.unlessAbsorbed(() =>
      this.table.put(
        { ...strategyKeys.productStats(storeId), entity: 'product-stats', ...next },
        { condition: NOT_ABSORBED, values: { ':to': next.lastToSk } },
      ),
    );
  }

  /** A refused write means a run that crashed before moving the watermark absorbed the batch already. */
  private async unlessAbsorbed(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
