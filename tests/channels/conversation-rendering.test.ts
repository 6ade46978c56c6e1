import { askCommand } from '../../bin/cli/ask';
import { storeCommand } from '../../bin/cli/store';
import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import type { ShopperReply } from '../../functions/assistant/types';
import { CART_CHECKOUT, shopperReplyBlocks } from '../../functions/channels/slack/blocks';
import { shopperReplyCard } from '../../functions/channels/teams/cards';
import { startTestEnv, type TestEnv } from '../support/test-env';

type Block = {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  accessory?: { type: string; action_id: string; url?: string; text: { text: string } };
  elements?: unknown[];
};
type Element = { type: string; [key: string]: unknown };

/** Block Kit limits Slack enforces on chat.postMessage (a message breaking one is rejected). */
function expectValidBlockKit(blocks: Block[]) {
  expect(blocks.length).toBeLessThanOrEqual(50);
  const ids = blocks.map((b) => b.block_id).filter(Boolean);
  expect(new Set(ids).size).toBe(ids.length);
  for (const block of blocks) {
    expect(['section', 'context', 'actions', 'divider', 'header']).toContain(block.type);
    if (block.block_id) expect(block.block_id.length).toBeLessThanOrEqual(255);
    if (block.type !== 'section') continue;
    expect(block.text || block.fields).toBeTruthy();
    if (block.text) expect(block.text.text.length).toBeGreaterThan(0);
    if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
    for (const field of block.fields ?? []) {
      expect(field.type).toBe('mrkdwn');
      expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.accessory?.url) {
      expect(block.accessory.type).toBe('button');
      expect(block.accessory.url.length).toBeLessThanOrEqual(3000);
      expect(block.accessory.text.text.length).toBeLessThanOrEqual(75);
    }
  }
}

/** Adaptive Card 1.5 Table: every row has one cell per column, cells hold elements. */
function expectValidTable(table: Element) {
  const columns = table.columns as unknown[];
  const rows = table.rows as { type: string; cells: { type: string; items: Element[] }[] }[];
  expect(table.type).toBe('Table');
  for (const row of rows) {
    expect(row.type).toBe('TableRow');
    expect(row.cells).toHaveLength(columns.length);
    for (const cell of row.cells) {
      expect(cell.type).toBe('TableCell');
      expect(cell.items.every((item) => item.type === 'TextBlock' && typeof item.text === 'string')).toBe(
        true,
      );
    }
  }
}

describe('comparisons, reasons and cart actions render in Slack, Teams and the CLI', () => {
  let env: TestEnv;
  let assistant: ShopperAssistant;
  let n = 0;
  const io = () => {
    const out: string[] = [];
    return { io: { out: (s: string) => out.push(s), err: () => undefined }, out };
  };
  const conversation = async (...texts: string[]) => {
    const id = `render-${++n}`;
    let reply: ShopperReply | undefined;
    for (const text of texts)
      reply = await assistant.handleMessage({ storeId: 'demo', conversationId: id, channel: 'slack', text });
    return reply as ShopperReply;
  };

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    assistant = new ShopperAssistant(env.services);
    expect(
      await storeCommand(
        [
          'set',
          '--store',
          'demo',
          '--cart-url',
          'https://shop.example/cart/add?id={productId}&qty={quantity}',
        ],
        io().io,
        env.services,
      ),
    ).toBe(0);
  });
  afterAll(() => env.close());

  test('Slack: a comparison is a header of titles and one section per attribute, a field per product', async () => {
    const reply = await conversation('smartphones under $600', 'compare the first two');
    const blocks = shopperReplyBlocks(reply, 'slack:T1:C1:1.2') as Block[];
    expectValidBlockKit(blocks);
    const header = blocks.find((b) => b.block_id === 'comparison_header');
    const titles = reply.comparison?.productIds.map((id) => reply.products.find((p) => p.id === id)?.title);
    expect(header?.fields?.map((f) => f.text)).toEqual(titles?.map((t) => `*${t}*`));
    const rows = blocks.filter((b) => b.block_id?.startsWith('comparison_row_'));
    expect(rows.map((r) => r.text?.text)).toEqual(reply.comparison?.rows.map((r) => `*${r.label}*`));
    for (const row of rows) expect(row.fields).toHaveLength(2);
    const price = rows[0]?.fields?.map((f) => f.text);
    expect(price).toEqual(
      reply.comparison?.productIds.map((id) => `$${reply.products.find((p) => p.id === id)?.price}`),
    );
  });

  test('Slack: products carry their reason; a cart action has a checkout link button', async () => {
    const list = await conversation('tablets');
    const listBlocks = shopperReplyBlocks(list, 'c') as Block[];
    expectValidBlockKit(listBlocks);
    for (const p of list.products) {
      const section = listBlocks.find((b) => b.block_id === `product_${p.id}`);
      expect(section?.text?.text).toContain(`_${p.reason}_`);
    }
    const id = `render-${++n}`;
    await assistant.handleMessage({ storeId: 'demo', conversationId: id, channel: 'slack', text: 'tablets' });
    const cart = await assistant.handleMessage({
      storeId: 'demo',
      conversationId: id,
      channel: 'slack',
      text: 'add the second one to my cart',
    });
    const blocks = shopperReplyBlocks(cart, 'c') as Block[];
    expectValidBlockKit(blocks);
    const action = cart.actions[0];
    const cartBlock = blocks.find((b) => b.block_id === `cart_${action?.productId}`);
    expect(cartBlock?.accessory).toEqual(
      expect.objectContaining({ type: 'button', action_id: CART_CHECKOUT, url: action?.url }),
    );
    expect(action?.url).toBe(`https://shop.example/cart/add?id=${list.products[1]?.id}&qty=1`);
  });

  test('Teams: a comparison is an Adaptive Card 1.5 table; a cart action adds an Action.OpenUrl checkout', async () => {
    const reply = await conversation('手机', '比较一下前两个');
    const card = shopperReplyCard(reply) as unknown as {
      version: string;
      body: Element[];
      actions: Element[];
    };
    expect(card.version).toBe('1.5');
    const table = card.body.find((e) => e.type === 'Table');
    expect(table).toBeDefined();
    expectValidTable(table as Element);
    const rows = (table as unknown as { rows: { cells: { items: { text: string }[] }[] }[] }).rows;
    expect(rows[0]?.cells.slice(1).map((c) => c.items[0]?.text)).toEqual(
      reply.comparison?.productIds.map((id) => reply.products.find((p) => p.id === id)?.title),
    );
    expect(rows.slice(1).map((r) => r.cells[0]?.items[0]?.text)).toEqual(
      reply.comparison?.rows.map((r) => r.label),
    );
    expect(rows[1]?.cells[0]?.items[0]?.text).toBe('价格');

    const cart = await conversation('tablets', 'add the first one to my cart');
    const cartCard = shopperReplyCard(cart) as unknown as { body: Element[]; actions: Element[] };
    expect(cartCard.actions[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Checkout',
      url: cart.actions[0]?.url,
    });
    expect(JSON.stringify(cartCard.body)).toContain('Added to cart');
    for (const product of (await conversation('perfume')).products) {
      const productCard = shopperReplyCard({ ...cart, products: [product], actions: [] }) as unknown as {
        body: Element[];
      };
      const facts = (
        productCard.body[1] as unknown as { items: { facts?: { title: string; value: string }[] }[] }
      ).items[1]?.facts;
      expect(facts).toContainEqual({ title: 'Why', value: product.reason });
    }
  });

  test('CLI: a comparison prints as a text table, a cart action with its checkout link', async () => {
    const conversationId = `render-${++n}`;
    const run = async (text: string) => {
      const { io: cli, out } = io();
      await askCommand(['--store', 'demo', '--conversation', conversationId, text], cli, env.services);
      return out.join('\n');
    };
    await run('laptops under $1500');
    const table = await run('compare the first two');
    expect(table).toMatch(/^Price\s+\| \$[\d,.]+\s+\| \$[\d,.]+$/m);
    expect(table).toMatch(/^Verdict\s+\|/m);
    const cart = await run('add the second one to my cart');
    expect(cart).toMatch(/Cart: \+1 × \[\d+\] checkout: https:\/\/shop\.example\/cart\/add\?id=\d+&qty=1/);
  });

  test('a cart URL template that is not https is refused by the CLI', async () => {
    await expect(
      storeCommand(
        ['set', '--store', 'demo', '--cart-url', 'http://shop.example/cart?id={productId}'],
        io().io,
        env.services,
      ),
    ).rejects.toThrow(/https/);
  });
});
