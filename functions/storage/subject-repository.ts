import type { CustomerSignal, CustomerSignals } from '../ports/signal-records';
import { subjectKeys } from './keys';
import { expiresInDays, type Table } from './table';

/** Long enough to attribute an order placed 7 days after the click, plus webhook delays. */
export const SIGNAL_RETENTION_DAYS = 8;

type SignalItem = CustomerSignal & { pk: string; sk: string };

/**
 * What is held about one verified customer outside orders: their web chat sessions and their recent
 * clicks and add-to-carts. Everything expires; privacy export and erase read this one partition.
 */
export class SubjectRepository implements CustomerSignals {
  constructor(
    private readonly table: Table,
    private readonly conversationTtlDays: number,
  ) {}

  /** Remembers that this session belongs to the customer, so their data can be found and erased. */
  async linkConversation(storeId: string, customerId: string, conversationId: string): Promise<void> {
    await this.table.put({
      ...subjectKeys.conversation(storeId, customerId, conversationId),
      entity: 'subject-conversation',
      conversationId,
      expiresAt: expiresInDays(this.conversationTtlDays),
    });
  }

  async conversations(storeId: string, customerId: string): Promise<string[]> {
    const items = await this.table.query<{ conversationId: string }>(
      subjectKeys.partition(storeId, customerId),
      { beginsWith: subjectKeys.conversationPrefix },
    );
    return items.map((item) => item.conversationId);
  }

  async record(storeId: string, customerId: string, signal: CustomerSignal): Promise<void> {
    await this.table.put({
      ...subjectKeys.signal(storeId, customerId, signal.at, signal.eventId),
      entity: 'subject-signal',
      ...signal,
      expiresAt: expiresInDays(SIGNAL_RETENTION_DAYS, Date.parse(signal.at)),
    });
  }

  async listBetween(storeId: string, customerId: string, fromIso: string, toIso: string) {
    const items = await this.table.query<SignalItem>(subjectKeys.partition(storeId, customerId), {
      between: [`${subjectKeys.signalPrefix}${fromIso}`, `${subjectKeys.signalPrefix}${toIso}~`],
    });
    return items.map(({ pk: _pk, sk: _sk, ...signal }) => {
      const {
        entity: _e,
        expiresAt: _x,
        ...rest
      } = signal as SignalItem & { entity?: string; expiresAt?: number };
      return rest;
    });
  }
}
