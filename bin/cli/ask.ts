import { randomUUID } from 'node:crypto';
import type { Composition } from '../../functions/app/compose';
import { comparisonTextTable } from '../../functions/assistant/conversation/comparison';
import { formatPrice } from '../../functions/assistant/format';
import { stockLabel } from '../../functions/catalog/stock-wording';
import { llmStatusOf } from '../../functions/llm/llm-health';
import { parse, UsageError, type CliIo } from './io';

const USAGE =
  'usage: shopguide ask --store <storeId> "question" [--conversation <id>] [--customer <id>] [--json]';

/** `shopguide ask`: one shopper turn from the terminal, through the same assistant as every channel. */
export async function askCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    conversation: { type: 'string' },
    customer: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const text = positionals.join(' ').trim();
  if (!values.store || !text) throw new UsageError(USAGE);
  // The same assistant as every channel, handoff hooks included.
  const assistant = await services.assistant();
  const reply = await assistant.handleMessage({
    storeId: values.store,
    conversationId: values.conversation ?? `cli_${randomUUID()}`,
    channel: 'cli',
    text,
    // The CLI is an operator tool: the operator may act as any shopper of the store.
    customerId: values.customer,
  });
  if (values.json) {
    io.out(JSON.stringify(reply));
    return 0;
  }
  io.out(reply.text);
  if (reply.comparison) {
    const titles = reply.comparison.productIds.map(
      (id) => reply.products.find((p) => p.id === id)?.title ?? id,
    );
    io.out(`\n${comparisonTextTable(reply.comparison, titles)}`);
  } else if (reply.products.length) {
    io.out('');
    for (const p of reply.products) {
      io.out(
        `  [${p.id}] ${p.title} — ${formatPrice(p.price, p.currency, reply.language)} (${stockLabel(p.stock, reply.language)})${p.reason ? ` — ${p.reason}` : ''}`,
      );
    }
  }
  for (const action of reply.actions) {
    const zh = reply.language === 'zh';
    io.out(
      `\n${zh ? '购物车' : 'Cart'}: +${action.quantity} × [${action.productId}]${action.url ? ` ${zh ? '结算' : 'checkout'}: ${action.url}` : ''}`,
    );
  }
  if (reply.suggestions.length)
    io.out(`\n${reply.language === 'zh' ? '建议' : 'Try'}: ${reply.suggestions.join(' · ')}`);
  if (reply.fallbackReason) {
    const why = llmStatusOf(services.chatModel)?.reason ?? reply.fallbackReason;
    io.err(
      `note: the LLM is configured but did not answer (${why}); this reply is from the offline assistant.`,
    );
  }
  return 0;
}
