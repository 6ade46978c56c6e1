import type { Services } from '../app/services';

/** A merchant-facing answer: short text plus the table, chart and sources behind every figure in it. */
export interface InsightAnswer {
  text: string;
  table?: { columns: string[]; rows: (string | number)[][] };
  chartPng?: Buffer;
  csv?: string;
  /** One line per query a figure came from, e.g. `orders 2026-11-16..2026-11-23 (41 orders)`. */
  sources: string[];
  language: 'en' | 'zh';
}

export interface MerchantQuestion {
  /** The caller's linked store, decided by the channel adapter from bindings; tools are scoped to it. */
  storeId: string;
  question: string;
  caller: { platform: string; userId: string; displayName?: string };
  wantCsv?: boolean;
}

/**
 * Answers a merchant's question about their own store. The implementation lands in the next commit;
 * this signature is stable for the Slack and Teams adapters.
 */
export async function answerMerchantQuestion(services: Services, request: MerchantQuestion): Promise<InsightAnswer> {
  services.logger.info('merchant question', { storeId: request.storeId, platform: request.caller.platform });
  return { text: '', sources: [], language: /[\u4e00-\u9fff]/.test(request.question) ? 'zh' : 'en' };
}
