import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Route,
} from 'playwright-core';
import { renderChatPage } from '../../../functions/channels/webchat/page';
import { getWidgetScript } from '../../../functions/channels/webchat/widget-bundle';
import type { LocalServer } from '../../../functions/local/server';
import { POLL_INTERVAL_MS } from '../../../functions/channels/webchat/widget/limits';
import type { LocalStack } from '../../support/local-stack';
import { waitFor } from '../../support/wait-for';

/**
 * The widget in a real headless Chromium: first end to end against the local server (offline assistant,
 * embedded DynamoDB, demo store), then its behaviours that need a scripted API (handoff, hostile text).
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM_PATH);
const describeInBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  // eslint-disable-next-line no-console -- the reason the suite is skipped belongs in the test output
  console.warn(`Skipping the web chat browser tests: no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH).`);
}

const PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const CHINESE_STOCK_LABEL = /^(有货|仅剩 \d+ 件|缺货)$/;
const ENGLISH_STOCK_LABEL = /^(In stock|Only \d+ left|Out of stock)$/;

let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Collects errors thrown by page scripts, so a broken widget fails the test that loaded it. */
function trackPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

async function sendMessage(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('sg-input');
  await input.fill(text);
  await input.press('Enter');
}

/** The assistant messages that show products. */
function repliesWithProducts(page: Page): Locator {
  return page
    .locator('[data-testid="sg-message"][data-role="assistant"]')
    .filter({ has: page.getByTestId('sg-product-card') });
}

/** The latest assistant message that shows products. */
function lastReplyWithProducts(page: Page): Locator {
  return repliesWithProducts(page).last();
}

async function readCards(scope: Locator) {
  return scope.getByTestId('sg-product-card').evaluateAll((cards) =>
    cards.map((card) => ({
      id: card.getAttribute('data-product-id'),
      category: card.getAttribute('data-category'),
      price: Number(card.getAttribute('data-price')),
      priceText: card.querySelector('[data-testid="sg-product-price"]')?.textContent ?? '',
      stockText: card.querySelector('[data-testid="sg-product-stock"]')?.textContent ?? '',
    })),
  );
}

describeInBrowser('web chat widget against the local server', () => {
  let server: LocalServer;
  let stack: LocalStack;
  let context: BrowserContext;

  beforeAll(async () => {
    // Loaded here so the scripted-API suite below still runs when the server cannot start.
    const { startLocalStack } = await import('../../support/local-stack');
    stack = await startLocalStack({ name: 'browser' });
    server = stack.server;
  }, 60_000);

  afterAll(async () => stack?.close());

  beforeEach(async () => {
    context = await browser.newContext(PHONE);
  });

  afterEach(async () => {
    await context.close();
  });

  const storedEvents = () => server.services.table.query<Record<string, unknown>>('EVENTS#demo');

  it('recommends only smartphones under $300 on a phone, and stores a thumbs-up on the reply', async () => {
    // Prepare
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/`);
    await page.getByTestId('sg-suggestion').first().waitFor();

    // Act
    await sendMessage(page, 'I need a cheap smartphone under $300');
    const reply = lastReplyWithProducts(page);
    await reply.getByTestId('sg-product-card').first().waitFor();
    const cards = await readCards(reply);
    const replyId = await reply.getAttribute('data-reply-id');
    await reply.getByTestId('sg-thumb-up').click();
    await reply.locator('[data-testid="sg-feedback"][data-state="recorded"]').waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'shopguide-widget.png') });

    // Assess
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.category).toBe('smartphones');
      expect(card.price).toBeLessThanOrEqual(300);
      expect(card.priceText).toMatch(/^\$\d{1,3}\.\d{2}$/);
      expect(card.stockText).toMatch(ENGLISH_STOCK_LABEL);
    }
    expect(replyId).toBeTruthy();
    // The cards show the products, so the reply's text-channel bullet list of them is not repeated above them.
    const replyText = (await reply.getByTestId('sg-message-text').allTextContents()).join('\n');
    expect(replyText).not.toMatch(/^\s*•/m);
    await expect(reply.getByTestId('sg-thumb-up').isDisabled()).resolves.toBe(true);
    await expect(reply.getByTestId('sg-thumb-down').isDisabled()).resolves.toBe(true);
    await expect(reply.getByTestId('sg-thumb-up').getAttribute('aria-pressed')).resolves.toBe('true');
    const feedback = await waitFor(async () => {
      const events = await storedEvents();
      return events.find((e) => e.type === 'feedback' && e.replyId === replyId);
    }, 'the feedback event');
    expect(feedback).toMatchObject({ storeId: 'demo', rating: 'up', channel: 'webchat' });
    expect(errors).toEqual([]);
  });

  it('answers the same question in Chinese with smartphones under $300 and Chinese stock labels', async () => {
    // Prepare
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await page.goto(`${server.url}/webchat/demo`);

    // Act
    await sendMessage(page, '推荐一款300美元以内的手机');
    const reply = lastReplyWithProducts(page);
    await reply.getByTestId('sg-product-card').first().waitFor();
    const cards = await readCards(reply);
    await page.screenshot({ path: path.join(os.tmpdir(), 'shopguide-widget-zh.png') });

    // Assess
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.category).toBe('smartphones');
      expect(card.price).toBeLessThanOrEqual(300);
      expect(card.stockText).toMatch(CHINESE_STOCK_LABEL);
    }
    await expect(reply.getByTestId('sg-add-to-cart').first().textContent()).resolves.toMatch(
      /加入购物车|已加入/,
    );
    await expect(page.getByTestId('sg-input').getAttribute('placeholder')).resolves.toMatch(
      /[\u4e00-\u9fff]/,
    );
    expect(errors).toEqual([]);
  });

  it('records a click when a product card is opened and add_to_cart from its button', async () => {
    // Prepare
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await sendMessage(page, 'I need a cheap smartphone under $300');
    const reply = lastReplyWithProducts(page);
    const card = reply.locator('[data-testid="sg-product-card"][data-in-stock="true"]').first();
    await card.waitFor();
    const productId = await card.getAttribute('data-product-id');
    const replyId = await reply.getAttribute('data-reply-id');

    // Act
    await card.getByTestId('sg-product-title').click();
    await card.getByTestId('sg-add-to-cart').click();

    // Assess
    const recorded = await waitFor(async () => {
      const events = (await storedEvents()).filter((e) => e.productId === productId && e.replyId === replyId);
      const types = new Set(events.map((e) => e.type));
      return types.has('click') && types.has('add_to_cart') ? types : undefined;
    }, 'click and add_to_cart events');
    expect([...recorded].sort()).toEqual(['add_to_cart', 'click']);
    await expect(card.getByTestId('sg-add-to-cart').getAttribute('data-state')).resolves.toBe('added');
  });

  it('resumes the conversation after a reload, from the session kept in sessionStorage', async () => {
    // Prepare
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await sendMessage(page, 'I need a cheap smartphone under $300');
    await lastReplyWithProducts(page).getByTestId('sg-product-card').first().waitFor();
    const before = await readCards(lastReplyWithProducts(page));

    // Act
    await page.reload();
    const shopperMessage = page
      .locator('[data-testid="sg-message"][data-role="shopper"]')
      .filter({ hasText: 'I need a cheap smartphone under $300' });
    await shopperMessage.waitFor();
    await lastReplyWithProducts(page).getByTestId('sg-product-card').first().waitFor();

    // Assess
    await expect(shopperMessage.count()).resolves.toBe(1);
    expect((await readCards(lastReplyWithProducts(page))).map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it('serves the widget script and a chat page for the demo store', async () => {
    // Act
    const script = await fetch(`${server.url}/webchat/widget.js`);
    const page = await fetch(`${server.url}/webchat/demo`);

    // Assess
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toBe(await getWidgetScript());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-store="demo" data-mode="inline"');
  });
});

/* ------------------------------------------------------------------------------------------------------------ */

const ORIGIN = 'http://shop.test';

interface ScriptedApi {
  /** Requests the widget made, by `METHOD /path`, with their JSON bodies. */
  calls: { route: string; body: unknown; authorization?: string }[];
  /** What the next message POST answers. */
  reply: Record<string, unknown>;
  /** What each history GET answers, in turn; the last one repeats. */
  history: Record<string, unknown>[];
}

const PHONES = [
  {
    id: '121',
    title: 'iPhone 5s',
    price: 199.99,
    currency: 'USD',
    inStock: true,
    stock: 25,
    rating: 2.83,
    category: 'smartphones',
    brand: 'Apple',
  },
  {
    id: '125',
    title: 'Oppo A57',
    price: 249.99,
    currency: 'USD',
    inStock: true,
    stock: 3,
    category: 'smartphones',
    brand: 'Oppo',
  },
  {
    id: '136',
    title: 'Samsung Galaxy S8',
    price: 299.99,
    currency: 'USD',
    inStock: false,
    stock: 0,
    category: 'smartphones',
  },
];

/** Serves a host page, the real widget bundle and a scripted API on a fake origin inside the browser. */
async function withScriptedApi(page: Page, hostPage: string): Promise<ScriptedApi> {
  const script = await getWidgetScript();
  const api: ScriptedApi = {
    calls: [],
    reply: {
      replyId: 'reply-1',
      text: 'Here are some phones.',
      products: PHONES,
      handoff: false,
      suggestions: ['Compare them', 'Talk to a person'],
      language: 'en',
      mode: 'bot',
    },
    history: [{ messages: [], cursor: null, mode: 'bot' }],
  };
  let historyCalls = 0;
  await page.route(`${ORIGIN}/**`, async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const respond = (status: number, body: unknown) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: hostPage });
    if (url.pathname === '/webchat/widget.js') {
      return route.fulfill({ contentType: 'application/javascript', body: script });
    }
    const body = request.postData() ? (JSON.parse(request.postData() as string) as unknown) : undefined;
    api.calls.push({
      route: `${request.method()} ${url.pathname}`,
      body,
      authorization: request.headers().authorization,
    });
    if (url.pathname === '/webchat/demo/sessions') {
      return respond(201, {
        sessionId: 'session-1',
        token: 'token-1',
        storeName: 'Demo Store',
        greeting: 'Hi! How can I help?',
        suggestions: ['Cheap smartphones', 'Shipping policy'],
      });
    }
    if (url.pathname === '/webchat/demo/messages' && request.method() === 'POST')
      return respond(200, api.reply);
    if (url.pathname === '/webchat/demo/messages') {
      return respond(200, api.history[Math.min(historyCalls++, api.history.length - 1)]);
    }
    if (url.pathname === '/webchat/demo/feedback' || url.pathname === '/webchat/demo/events') {
      return respond(200, { ok: true });
    }
    return respond(404, { error: 'Not found' });
  });
  return api;
}

const inlinePage = () =>
  renderChatPage({ storeId: 'demo', storeName: 'Demo Store', widgetSrc: '/webchat/widget.js' });

describeInBrowser('web chat widget behaviour', () => {
  let context: BrowserContext;

  afterEach(async () => {
    await context?.close();
  });

  it('shows hostile server text as text, never as markup', async () => {
    // Prepare
    context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const api = await withScriptedApi(page, inlinePage());
    api.reply = {
      ...api.reply,
      text: '<img src=x onerror="window.__pwned=1"> <b>bold</b>',
      products: [{ ...PHONES[0], title: '<script>window.__pwned=2</script>Phone', brand: '<i>x</i>' }],
      suggestions: ['<img src=y onerror="window.__pwned=3">'],
    };
    await page.goto(`${ORIGIN}/`);

    // Act
    await sendMessage(page, 'hello');
    const reply = lastReplyWithProducts(page);
    await reply.waitFor();

    // Assess
    await expect(reply.getByTestId('sg-message-text').textContent()).resolves.toBe(
      '<img src=x onerror="window.__pwned=1"> <b>bold</b>',
    );
    await expect(reply.getByTestId('sg-product-title').textContent()).resolves.toBe(
      '<script>window.__pwned=2</script>Phone',
    );
    await expect(page.getByTestId('sg-suggestion').first().textContent()).resolves.toContain('<img');
    await expect(reply.locator('img, b, i, script').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__pwned')).resolves.toBeUndefined();
  });

  it('sends a suggestion chip as a message, with the bearer token and a client message id', async () => {
    // Prepare
    context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const api = await withScriptedApi(page, inlinePage());
    await page.goto(`${ORIGIN}/`);

    // Act
    await page.getByTestId('sg-suggestion').filter({ hasText: 'Cheap smartphones' }).click();
    await lastReplyWithProducts(page).waitFor();

    // Assess
    const sent = api.calls.find((c) => c.route === 'POST /webchat/demo/messages');
    expect(sent?.authorization).toBe('Bearer token-1');
    expect(sent?.body).toMatchObject({
      text: 'Cheap smartphones',
      clientMessageId: expect.stringMatching(/^[\w-]{8,64}$/),
    });
    await expect(
      page
        .locator('[data-testid="sg-message"][data-role="shopper"]')
        .filter({ hasText: 'Cheap smartphones' })
        .count(),
    ).resolves.toBe(1);
    // The chips of the reply replace the greeting's.
    await expect(page.getByTestId('sg-suggestion').allTextContents()).resolves.toEqual([
      'Compare them',
      'Talk to a person',
    ]);
  });

  it('formats prices with the currency and labels stock as in stock, only N left or out of stock', async () => {
    // Prepare
    context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await withScriptedApi(page, inlinePage());
    await page.goto(`${ORIGIN}/`);

    // Act
    await sendMessage(page, 'phones');
    const cards = await (async () => {
      await lastReplyWithProducts(page).waitFor();
      return readCards(lastReplyWithProducts(page));
    })();

    // Assess
    expect(cards.map((c) => [c.priceText, c.stockText])).toEqual([
      ['$199.99', 'In stock'],
      ['$249.99', 'Only 3 left'],
      ['$299.99', 'Out of stock'],
    ]);
    const outOfStock = lastReplyWithProducts(page).locator('[data-product-id="136"]');
    await expect(outOfStock.getByTestId('sg-add-to-cart').isDisabled()).resolves.toBe(true);
  });

  it('shows the handoff banner and the merchant replies it polls for, with the author name', async () => {
    // Prepare
    context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const api = await withScriptedApi(page, inlinePage());
    api.reply = {
      replyId: 'reply-2',
      text: 'I have asked the team to join.',
      products: [],
      handoff: true,
      suggestions: [],
      language: 'en',
      mode: 'handoff_requested',
    };
    api.history = [
      {
        messages: [
          { id: 'm1', role: 'shopper', text: 'Talk to a person', at: '2025-01-01T00:00:00Z', cursor: 'c1' },
          {
            id: 'm2',
            role: 'assistant',
            text: 'I have asked the team to join.',
            at: '2025-01-01T00:00:01Z',
            cursor: 'c2',
            replyId: 'reply-2',
          },
        ],
        cursor: 'c2',
        mode: 'handoff_requested',
      },
      {
        messages: [
          {
            id: 'm3',
            role: 'system',
            text: 'Alex joined the conversation',
            at: '2025-01-01T00:00:02Z',
            cursor: 'c3',
          },
          {
            id: 'm4',
            role: 'merchant',
            text: 'Hi, this is Alex. How can I help?',
            author: 'Alex',
            at: '2025-01-01T00:00:03Z',
            cursor: 'c4',
          },
        ],
        cursor: 'c4',
        mode: 'claimed',
      },
      { messages: [], cursor: 'c4', mode: 'claimed' },
    ];
    await page.goto(`${ORIGIN}/`);

    // Act
    await sendMessage(page, 'Talk to a person');
    await page.getByTestId('sg-handoff-banner').waitFor({ state: 'visible' });
    const merchant = page.locator('[data-testid="sg-message"][data-role="merchant"]');
    await merchant.waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'shopguide-widget-handoff.png') });

    // Assess
    await expect(page.getByTestId('sg-handoff-banner').textContent()).resolves.toContain(
      'A person is answering',
    );
    await expect(merchant.getByTestId('sg-author').textContent()).resolves.toContain('Alex');
    await expect(merchant.getByTestId('sg-message-text').textContent()).resolves.toBe(
      'Hi, this is Alex. How can I help?',
    );
    await expect(
      page.locator('[data-role="system"]').filter({ hasText: 'Alex joined' }).count(),
    ).resolves.toBe(1);
    // Polling did not draw the shopper's message or the bot's reply a second time.
    await expect(page.locator('[data-role="shopper"]').count()).resolves.toBe(1);
    await expect(
      page.locator('[data-role="assistant"]').filter({ hasText: 'asked the team' }).count(),
    ).resolves.toBe(1);
    const polls = api.calls.filter((c) => c.route === 'GET /webchat/demo/messages');
    expect(polls.length).toBeGreaterThanOrEqual(2);
  });

  it('does not poll while the bot is answering', async () => {
    // Prepare
    context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const api = await withScriptedApi(page, inlinePage());
    // The page's timers run on a clock the test moves: ten poll intervals pass without waiting for them.
    await page.clock.install();
    await page.goto(`${ORIGIN}/`);

    // Act
    await sendMessage(page, 'phones');
    await lastReplyWithProducts(page).waitFor();
    await page.clock.runFor(10 * POLL_INTERVAL_MS);
    // A later message, sent after those intervals: a poll they had started would have reached the API first.
    api.reply = { ...api.reply, replyId: 'reply-2' };
    await sendMessage(page, 'more phones');
    await repliesWithProducts(page).nth(1).waitFor();

    // Assess
    expect(api.calls.filter((c) => c.route === 'POST /webchat/demo/messages')).toHaveLength(2);
    expect(api.calls.filter((c) => c.route === 'GET /webchat/demo/messages')).toEqual([]);
    await expect(page.getByTestId('sg-handoff-banner').isVisible()).resolves.toBe(false);
  });

  it('as a launcher on any store page: opens a full-screen panel on a phone and leaves the page styles alone', async () => {
    // Prepare
    context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const api = await withScriptedApi(
      page,
      `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
      <style>button { all: unset; } div { color: rgb(255, 0, 0) !important; }</style></head>
      <body><div id="host-text">Store page</div>
      <script src="/webchat/widget.js" data-store="demo" async></script></body></html>`,
    );
    await page.goto(`${ORIGIN}/`);
    await page.getByTestId('sg-launcher').waitFor();
    const stylesBefore = await page.evaluate(
      'document.querySelectorAll("style, link[rel=stylesheet]").length',
    );

    // Act
    await page.getByTestId('sg-launcher').click();
    await page.getByTestId('sg-suggestion').first().waitFor();
    const panel = await page.getByTestId('sg-panel').boundingBox();
    // Page code as a string: the test's own TypeScript has no DOM library (the widget's tsconfig has it).
    const sendColor = await page
      .getByTestId('sg-send')
      .evaluate('(el) => getComputedStyle(el).backgroundColor');
    await page.getByTestId('sg-close').click();

    // Assess
    expect(panel).toEqual({ x: 0, y: 0, width: 360, height: 640 });
    expect(sendColor).not.toBe('rgba(0, 0, 0, 0)');
    await expect(
      page.evaluate('document.querySelectorAll("style, link[rel=stylesheet]").length'),
    ).resolves.toBe(stylesBefore);
    await expect(page.evaluate('Object.keys(window).filter((k) => /shopguide/i.test(k))')).resolves.toEqual([
      'ShopGuide',
    ]);
    await expect(page.getByTestId('sg-panel').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('sg-launcher').getAttribute('aria-expanded')).resolves.toBe('false');
    // A session is created when the shopper opens the chat, not on every page view.
    expect(api.calls.filter((c) => c.route === 'POST /webchat/demo/sessions')).toHaveLength(1);
  });

  it('marks a message that could not be sent and delivers it on retry', async () => {
    // Prepare
    context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const api = await withScriptedApi(page, inlinePage());
    await page.goto(`${ORIGIN}/`);
    await page.getByTestId('sg-suggestion').first().waitFor();
    let failNext = true;
    let failedBody: unknown;
    await page.route(`${ORIGIN}/webchat/demo/messages`, async (route) => {
      if (route.request().method() === 'POST' && failNext) {
        failNext = false;
        failedBody = route.request().postDataJSON();
        return route.fulfill({
          status: 429,
          contentType: 'application/json',
          body: '{"error":"Too many messages"}',
        });
      }
      return route.fallback();
    });

    // Act
    await sendMessage(page, 'phones');
    await page.getByTestId('sg-delivery-error').waitFor();
    const notice = await page.getByTestId('sg-delivery-error').textContent();
    await page.getByTestId('sg-retry').click();
    await lastReplyWithProducts(page).waitFor();

    // Assess
    expect(notice).toContain('wait a moment');
    await expect(page.getByTestId('sg-delivery-error').count()).resolves.toBe(0);
    const posts = api.calls.filter((c) => c.route === 'POST /webchat/demo/messages');
    expect(posts).toHaveLength(1);
    // The retry reuses the client message id, so a request that did reach the server is not answered twice.
    expect(posts[0].body).toEqual(failedBody);
    await expect(page.locator('[data-role="shopper"]').count()).resolves.toBe(1);
  });
});
