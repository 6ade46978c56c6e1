import { slackCommand } from '../../../bin/cli/slack';
import {
  feedbackActions,
  handoffActions,
  homeView,
  merchantAnswerBlocks,
  parseFeedbackValue,
  productSection,
  shopperReplyBlocks,
} from '../../../functions/channels/slack/blocks';
import { buildSlackManifest } from '../../../functions/channels/slack/manifest';
import { loadConfig } from '../../../functions/config/config';

describe('Slack Block Kit builders', () => {
  const card = {
    id: '121',
    title: 'Trail <Shoe> & Co',
    price: 89.5,
    currency: 'USD',
    inStock: true,
    stock: 7,
    category: 'shoes',
  };

  it('shows a product with its price and stock, escaping mrkdwn', () => {
    const block = productSection(card);
    expect(JSON.stringify(block)).toContain('$89.50');
    expect(JSON.stringify(block)).toContain('In stock');
    expect(JSON.stringify(productSection({ ...card, stock: 2 }))).toContain('Only 2 left');
    expect(JSON.stringify(block)).toContain('Trail &lt;Shoe&gt; &amp; Co');
    expect(JSON.stringify(productSection({ ...card, inStock: false, stock: 0 }))).toContain('Out of stock');
  });

  it('puts 👍/👎 buttons whose value round-trips the reply reference', () => {
    const block = feedbackActions({ replyId: 'r1', conversationId: 'slack:T1:C1:1.2', variantId: 'v2' });
    const [up, down] = block.elements as { action_id: string; value: string }[];
    expect([up?.action_id, down?.action_id]).toEqual(['feedback_up', 'feedback_down']);
    expect(parseFeedbackValue(up?.value)).toEqual({
      replyId: 'r1',
      conversationId: 'slack:T1:C1:1.2',
      variantId: 'v2',
    });
    expect(parseFeedbackValue('not json')).toBeUndefined();
  });

  it('offers Claim / Return to bot with the handoff action ids', () => {
    const ids = (handoffActions('conv-1').elements as { action_id: string }[]).map((e) => e.action_id);
    expect(ids).toEqual(['handoff_claim', 'handoff_release']);
  });

  it('builds a shopper answer: text, products, feedback last', () => {
    const blocks = shopperReplyBlocks(
      {
        replyId: 'r1',
        text: 'Here you go',
        products: [card],
        handoff: false,
        suggestions: ['Cheaper ones?'],
        language: 'en',
        mode: 'bot',
        variantId: 'control',
        source: 'offline',
      },
      'slack:T1:C1:1.2',
    );
    expect(blocks[0]).toMatchObject({ type: 'section' });
    expect(blocks.at(-1)).toMatchObject({ type: 'actions', block_id: 'feedback' });
    expect(blocks.filter((b) => b.block_id === 'product_121')).toHaveLength(1);
  });

  it('renders a merchant answer with its table and sources', () => {
    const text = JSON.stringify(
      merchantAnswerBlocks({
        intent: 'top_products',
        period: { from: '2026-01-01', to: '2026-01-07' },
        by: 'units',
        heading: 'Top products by units, 1–7 Jan 2026',
        text: 'Top sellers',
        table: { columns: ['product', 'units'], rows: [['Trail Shoe', 12]] },
        sources: ['orders 2026-01-01..2026-01-07 (12 orders)'],
        language: 'en',
      }),
    );
    expect(text).toContain('Trail Shoe  12');
    expect(text).toContain('Sources: orders 2026-01-01..2026-01-07');
  });

  it('shows the linked store on the App Home tab, or how to link', () => {
    expect(
      JSON.stringify(homeView({ storeId: 'shop-a', storeName: 'Shop A', purpose: 'merchant' })),
    ).toContain('Shop A');
    expect(JSON.stringify(homeView({}))).toContain('/shopguide link');
  });
});

describe('Slack manifest', () => {
  it('points every request URL at the one front door and OAuth at the redirect route', () => {
    const manifest = buildSlackManifest('https://api.example.com/');
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://api.example.com/slack/events');
    expect(manifest.settings.interactivity.request_url).toBe('https://api.example.com/slack/events');
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/shopguide',
      url: 'https://api.example.com/slack/events',
    });
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://api.example.com/slack/oauth_redirect']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining([
        'app_mention',
        'message.im',
        'app_home_opened',
        'app_uninstalled',
        'tokens_revoked',
      ]),
    );
  });

  it('is printed by `shopguide slack manifest --url ... --json`', async () => {
    const lines: string[] = [];
    const code = await slackCommand(
      ['manifest', '--url', 'https://api.example.com', '--json'],
      { out: (s) => lines.push(s), err: () => undefined },
      loadConfig({}),
    );
    expect(code).toBe(0);
    expect(JSON.parse(lines.join('\n')).oauth_config.redirect_urls).toEqual([
      'https://api.example.com/slack/oauth_redirect',
    ]);
  });

  it('without --json, stdout is still only the manifest (`> m.json` is valid JSON); hints go to stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    expect(await slackCommand(['manifest', '--url', 'https://api.example.com'], io, loadConfig({}))).toBe(0);
    expect(JSON.parse(out.join('\n')).display_information).toBeDefined();
    expect(err.join('\n')).toContain('Paste this at');
  });

  it('refuses to guess a base URL', async () => {
    await expect(
      slackCommand(['manifest'], { out: () => undefined, err: () => undefined }, loadConfig({})),
    ).rejects.toThrow(/base URL/);
    expect(() => buildSlackManifest('not a url')).toThrow(/Invalid base URL/);
  });
});
