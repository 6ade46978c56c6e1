import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LocalServer } from '../../../functions/local/server';
import type { LocalStack } from '../../support/local-stack';

/** The conversation features of the widget in a real headless Chromium against the local server. */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM_PATH);
const describeInBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  // eslint-disable-next-line no-console -- the reason the suite is skipped belongs in the test output
  console.warn(`Skipping the web chat conversation browser tests: no Chromium at ${CHROMIUM_PATH}.`);
}

const PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const CART_TEMPLATE = 'https://shop.example/cart/add?id={productId}&qty={quantity}';

type CartDetail = { productId: string; quantity: number; replyId?: string };
/** The page's window, as far as these tests touch it (the server code's tsconfig has no DOM types). */
type BrowserHost = {
  cartEvents: CartDetail[];
  addEventListener(name: string, listener: (event: { detail: CartDetail }) => void): void;
  document: { documentElement: { scrollWidth: number } };
};

describeInBrowser('web chat: comparison table, add to cart event, badge and checkout link', () => {
  let browser: Browser;
  let server: LocalServer;
  let stack: LocalStack;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const { startLocalStack } = await import('../../support/local-stack');
    stack = await startLocalStack({ name: 'conversation' });
    server = stack.server;
    const store = await server.services.stores.get('demo', { fresh: true });
    if (store) await server.services.stores.save({ ...store, cartUrlTemplate: CART_TEMPLATE });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await browser?.close();
  });

  async function openChat(): Promise<Page> {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.addInitScript(() => {
      // Runs in the page: the host listening to the widget's cart events.
      const host = globalThis as unknown as BrowserHost;
      host.cartEvents = [];
      host.addEventListener('shopguide:add-to-cart', (event) => host.cartEvents.push(event.detail));
    });
    await page.goto(`${server.url}/webchat/demo`);
    await page.getByTestId('sg-suggestion').first().waitFor();
    return page;
  }

  async function say(page: Page, text: string) {
    const before = await page.locator('[data-testid="sg-message"][data-role="assistant"]').count();
    await page.getByTestId('sg-input').fill(text);
    await page.getByTestId('sg-input').press('Enter');
    const reply = page.locator('[data-testid="sg-message"][data-role="assistant"]').nth(before);
    await reply.waitFor();
    return reply;
  }

  const cartEvents = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserHost).cartEvents);

  it('renders the comparison of the first two as a table that fits a phone screen', async () => {
    const page = await openChat();
    const list = await say(page, 'laptops under $1500');
    const ids = await list
      .getByTestId('sg-product-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-product-id')));
    const titles = await list.getByTestId('sg-product-title').allTextContents();

    const reply = await say(page, 'compare the first two');
    const table = reply.getByTestId('sg-comparison');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    const labels = await table.locator('tbody th').allTextContents();
    const box = await table.boundingBox();
    const pageWidth = await page.evaluate(
      () => (globalThis as unknown as BrowserHost).document.documentElement.scrollWidth,
    );
    await page.screenshot({ path: path.join(os.tmpdir(), 'shopguide-comparison.png') });

    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(headers.slice(1)).toEqual(titles.slice(0, 2));
    expect(labels).toEqual(
      expect.arrayContaining(['Price', 'Rating', 'Stock', 'Brand', 'Warranty', 'Returns']),
    );
    expect(await table.locator('tbody tr').first().locator('td').count()).toBe(2);
    expect(box?.width).toBeLessThanOrEqual(360);
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect(pageWidth).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('the card button fires shopguide:add-to-cart with the product id, counts it and links to checkout', async () => {
    const page = await openChat();
    const list = await say(page, 'tablets');
    const card = list.getByTestId('sg-product-card').nth(1);
    const productId = await card.getAttribute('data-product-id');

    await card.getByTestId('sg-add-to-cart').click();
    const checkout = card.getByTestId('sg-checkout');
    await checkout.waitFor();

    expect(await cartEvents(page)).toEqual([expect.objectContaining({ productId, quantity: 1 })]);
    await expect(page.getByTestId('sg-cart-badge').textContent()).resolves.toBe('1');
    await expect(checkout.getAttribute('href')).resolves.toBe(
      `https://shop.example/cart/add?id=${productId}&qty=1`,
    );
    await page.context().close();
  });

  it('"add the first one to my cart" fires the event once, bumps the badge and shows the checkout link', async () => {
    const page = await openChat();
    const list = await say(page, 'smartphones under $600');
    const firstId = await list.getByTestId('sg-product-card').first().getAttribute('data-product-id');

    const reply = await say(page, 'add 2 of the first one to my cart');
    const checkout = reply.getByTestId('sg-checkout');
    await checkout.waitFor();
    const replyId = await reply.getAttribute('data-reply-id');

    expect(await cartEvents(page)).toEqual([
      expect.objectContaining({ productId: firstId, quantity: 2, replyId }),
    ]);
    await expect(page.getByTestId('sg-cart-badge').textContent()).resolves.toBe('2');
    await expect(checkout.getAttribute('href')).resolves.toBe(
      `https://shop.example/cart/add?id=${firstId}&qty=2`,
    );
    // Recorded once, by the assistant, for the product its reply showed.
    const events = await server.services.table.query<{ type: string; productId?: string; replyId?: string }>(
      'EVENTS#demo',
    );
    expect(events.filter((e) => e.type === 'add_to_cart' && e.replyId === replyId)).toEqual([
      expect.objectContaining({ productId: firstId }),
    ]);
    await page.context().close();
  });
});
