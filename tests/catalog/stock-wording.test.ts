import { productLine } from '../../functions/assistant/reply-templates';
import type { Product, ProductCard } from '../../functions/catalog/product';
import { stockBadge, stockLabel } from '../../functions/catalog/stock-wording';
import { productSection } from '../../functions/channels/slack/blocks';
import { shopperReplyCard } from '../../functions/channels/teams/cards';
import { STRINGS } from '../../functions/channels/webchat/widget/strings';

const product = (stock: number): Product => ({
  id: 'p1',
  title: 'Desk Lamp',
  description: 'Warm light',
  category: 'home-decoration',
  price: 19.99,
  currency: 'USD',
  stock,
  tags: [],
});
const card = (stock: number): ProductCard => ({ ...product(stock), inStock: stock > 0 });

describe('one stock wording in every channel', () => {
  test.each([0, 1, 3, 5, 6, 10, 42])(
    'stock %i reads the same in the CLI/replies, Slack, Teams and the widget',
    (stock) => {
      const phrase = stockLabel(stock, 'en');
      const badge = stockBadge(stock, 'en');
      expect(badge.toLowerCase()).toBe(phrase);
      // Replies and `shopguide ask` (which prints the same label).
      expect(productLine(product(stock), 'en')).toContain(phrase);
      // Slack product section.
      expect(JSON.stringify(productSection(card(stock)))).toContain(badge);
      // Teams card fact.
      const teams = shopperReplyCard({
        replyId: 'r',
        text: '',
        products: [card(stock)],
        suggestions: [],
        language: 'en',
      });
      expect(JSON.stringify(teams)).toContain(`"value":"${badge}"`);
      // The web chat widget card.
      expect(STRINGS.en.stock(stock)).toBe(badge);
      expect(STRINGS.zh.stock(stock)).toBe(stockLabel(stock, 'zh'));
    },
  );

  test('ten left is "in stock" everywhere, a few left is counted, none is out of stock', () => {
    expect(stockLabel(10, 'en')).toBe('in stock');
    expect(stockLabel(3, 'en')).toBe('only 3 left');
    expect(stockLabel(0, 'en')).toBe('out of stock');
    expect(stockLabel(3, 'zh')).toBe('仅剩 3 件');
  });
});
