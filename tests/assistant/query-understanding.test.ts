import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Understanding } from '../../functions/assistant/query-understanding';
import { understand } from '../../functions/assistant/query-understanding';
import { parseProducts } from '../../functions/catalog/import';
import { SearchIndex } from '../../functions/catalog/search-index';

const root = path.join(__dirname, '..', '..');
const demoProducts = parseProducts(
  readFileSync(path.join(root, 'data/demo-store/products.json'), 'utf8'),
  'json',
  'USD',
);
const index = SearchIndex.build(demoProducts.products);

interface LabelledQuestion {
  text: string;
  intent: string;
  category: string;
}
const questions: LabelledQuestion[] = JSON.parse(
  readFileSync(path.join(root, 'tests/fixtures/customer-questions/questions.json'), 'utf8'),
);

function questionsLabelled(...intents: string[]): string[] {
  return questions.filter((question) => intents.includes(question.intent)).map((question) => question.text);
}

function shareWhere(texts: string[], predicate: (understanding: Understanding) => boolean): number {
  return texts.filter((text) => predicate(understand(text, index))).length / texts.length;
}

describe('understand: the two reference requests', () => {
  it('"I need a cheap smartphone under $300" is an English smartphone search capped at 300', () => {
    // Act
    const understanding = understand('I need a cheap smartphone under $300', index);

    // Assess
    expect(understanding).toMatchObject({
      language: 'en',
      intent: 'search',
      categories: ['smartphones'],
      priceMax: 300,
      cheap: true,
      inStockOnly: false,
    });
    expect(understanding.priceMin).toBeUndefined();
    expect(understanding.searchText).not.toMatch(/300|under|cheap/);
    expect(understanding.searchText).toMatch(/smartphone/);
  });

  it('"推荐一款300美元以内的手机" is a Chinese smartphone search capped at 300', () => {
    // Act
    const understanding = understand('推荐一款300美元以内的手机', index);

    // Assess
    expect(understanding).toMatchObject({
      language: 'zh',
      intent: 'search',
      categories: ['smartphones'],
      priceMax: 300,
    });
    expect(understanding.searchText).not.toMatch(/300|美元|以内/);
    expect(understanding.searchText).toMatch(/手机/);
  });
});

describe('understand: price phrases', () => {
  it.each([
    ['laptop under $300', undefined, 300],
    ['laptop below 300 dollars', undefined, 300],
    ['a gift less than $50', undefined, 50],
    ['perfume $100-$200', 100, 200],
    ['shoes between 100 and 200', 100, 200],
    ['bag from $1,000 to $2,500', 1000, 2500],
    ['headphones around $50', 40, 60],
    ['watch over $1000', 1000, undefined],
    ['sofa $500 or less', undefined, 500],
    ['phone for 1.5k', undefined, 1500],
    ['300美元以内的耳机', undefined, 300],
    ['300元以下的香水', undefined, 300],
    ['不超过300的口红', undefined, 300],
    ['100到200之间的包', 100, 200],
    ['一千五以内的手机', undefined, 1500],
    ['1000元以上的手表', 1000, undefined],
    ['500块左右的耳机', 400, 600],
  ])('"%s" → priceMin %s, priceMax %s', (text, priceMin, priceMax) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.priceMin).toBe(priceMin);
    expect(understanding.priceMax).toBe(priceMax);
    expect(understanding.intent).toBe('search');
  });

  it.each([
    ['iPhone 13 Pro', 'a model number'],
    ['a 13 inch laptop', 'a size'],
    ['delivered within 2 days', 'a duration'],
    ['买一块手表', 'a measure word'],
  ])('"%s" has no price: the number is %s', (text) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.priceMin).toBeUndefined();
    expect(understanding.priceMax).toBeUndefined();
  });

  it.each(['something cheap', 'budget headphones', 'affordable laptop', '便宜的手机', '实惠的耳机'])(
    '"%s" is cheap',
    (text) => {
      // Act
      const understanding = understand(text, index);

      // Assess
      expect(understanding.cheap).toBe(true);
      expect(understanding.intent).toBe('search');
    },
  );

  it.each(['a premium watch', 'luxury perfume', '高端手表'])('"%s" is premium', (text) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.premium).toBe(true);
  });

  it.each([
    ['cheapest phone', 'price_asc'],
    ['最便宜的手机', 'price_asc'],
    ['most expensive watch', 'price_desc'],
    ['best rated laptops', 'rating'],
    ['评分最高的耳机', 'rating'],
  ])('"%s" sorts by %s', (text, sort) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.sort).toBe(sort);
  });
});

describe('understand: stock and rating phrases', () => {
  it.each(['laptops in stock', 'is the sofa available', '有货的沙发', '现货耳机'])(
    '"%s" asks for stock only',
    (text) => {
      // Act
      const understanding = understand(text, index);

      // Assess
      expect(understanding.inStockOnly).toBe(true);
      expect(understanding.searchText).not.toMatch(/in stock|available|有货|现货/);
    },
  );

  it('a plain request does not ask for stock only', () => {
    // Act
    const understanding = understand('show me laptops', index);

    // Assess
    expect(understanding.inStockOnly).toBe(false);
  });

  it.each([
    ['highly rated phones', 4],
    ['4 stars and up', 4],
    ['at least 4.5 stars', 4.5],
    ['好评的口红', 4],
    ['4星以上的手表', 4],
  ])('"%s" → minRating %s', (text, minRating) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.minRating).toBe(minRating);
  });
});

describe('understand: brands, categories and language', () => {
  it.each([
    ['apple laptops', 'Apple'],
    ['SAMSUNG phone', 'Samsung'],
    ['dolce & gabbana perfume', 'Dolce & Gabbana'],
    ['苹果手机', 'Apple'],
    ['华为笔记本', 'Huawei'],
    ['香奈儿香水', 'Chanel'],
    ['耐克鞋', 'Nike'],
  ])('"%s" names the brand %s as the catalog spells it', (text, brand) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.brand).toBe(brand);
  });

  it('ignores a brand name that has nothing in the named category ("off white" dress)', () => {
    // Act
    const understanding = understand('an off white dress', index);

    // Assess
    expect(understanding.brand).toBeUndefined();
    expect(understanding.categories).toContain('womens-dresses');
  });

  it('leaves brand unset for a brand the store does not carry (小米)', () => {
    // Act
    const understanding = understand('小米手机', index);

    // Assess
    expect(understanding.brand).toBeUndefined();
    expect(understanding.categories).toEqual(['smartphones']);
  });

  it.each([
    ['耳机', ['mobile-accessories']],
    ['wireless earphones', ['mobile-accessories']],
    ['iPhone 12 case', ['mobile-accessories']],
    ['手机壳', ['mobile-accessories']],
    ['香水', ['fragrances']],
    ['平板电脑', ['tablets']],
    ['墨镜', ['sunglasses']],
    ["women's shoes", ['womens-shoes']],
    ['男鞋', ['mens-shoes']],
    ['女士手表', ['womens-watches']],
    ['沙发', ['furniture']],
    ['水果', ['groceries']],
    ['摩托车', ['motorcycle']],
    ['汽车', ['vehicle']],
    ['项链', ['womens-jewellery']],
    ['运动鞋', ['mens-shoes', 'womens-shoes']],
  ])('"%s" → categories %j', (text, categories) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect([...understanding.categories].sort()).toEqual([...categories].sort());
  });

  it.each([
    ['Do you have wireless earbuds?', 'en'],
    ['有没有蓝牙耳机', 'zh'],
    ['iPhone 13 多少钱', 'zh'],
    ['Can you recommend a phone, 谢谢', 'en'],
  ])('"%s" is in %s', (text, language) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.language).toBe(language);
  });
});

describe('understand: intents', () => {
  it.each([
    ['talk to a person', 'human'],
    ['Can I speak to a real person?', 'human'],
    ['customer service please', 'human'],
    ['转人工', 'human'],
    ['人工客服', 'human'],
    ['找客服', 'human'],
    ['where is my order', 'order_status'],
    ['track order 1234', 'order_status'],
    ['我的快递到哪了', 'order_status'],
    ['查一下物流', 'order_status'],
    ['how much is shipping to Canada?', 'policy'],
    ['运费多少', 'policy'],
    ['can I get a refund?', 'policy'],
    ['退货政策是什么', 'policy'],
    ['is there a warranty?', 'policy'],
    ['保修多久', 'policy'],
    ['hello', 'greeting'],
    ['你好', 'greeting'],
    ['thanks a lot', 'thanks'],
    ['谢谢', 'thanks'],
    ['compare the first and the second', 'compare'],
    ['iPhone X vs iPhone 13 Pro', 'compare'],
    ['does the second one have wireless charging?', 'product_question'],
    ['is it waterproof?', 'product_question'],
    ['red lipstick', 'search'],
    ['macbook', 'search'],
    ['what is the meaning of life', 'unknown'],
  ])('"%s" → %s', (text, intent) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.intent).toBe(intent);
  });

  it.each([
    ['shipping policy', 'shipping'],
    ['配送要几天', 'shipping'],
    ['how do returns work', 'returns'],
    ['退款', 'returns'],
    ['warranty for laptops', 'warranty'],
    ['质保', 'warranty'],
  ])('"%s" is about %s', (text, topic) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.policyTopic).toBe(topic);
  });

  it.each([
    ['track order 00123842', '00123842'],
    ['where is order #5678?', '5678'],
    ['status of purchase 113542617735902', '113542617735902'],
    ['订单号123456到哪了', '123456'],
  ])('"%s" carries order id %s', (text, orderId) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.intent).toBe('order_status');
    expect(understanding.orderId).toBe(orderId);
  });

  it('reads an invoice number as not an order id', () => {
    // Act
    const understanding = understand('check invoice #12588', index);

    // Assess
    expect(understanding.orderId).toBeUndefined();
    expect(understanding.intent).not.toBe('order_status');
  });

  it.each([
    ['tell me about the first one', 'first'],
    ['what about the 2nd item?', 'second'],
    ['the last one please', 'last'],
    ['第三款怎么样', 'third'],
    ['product 121 details?', '121'],
  ])('"%s" refers to product %s', (text, productRef) => {
    // Act
    const understanding = understand(text, index);

    // Assess
    expect(understanding.productRef).toBe(productRef);
  });

  it('is deterministic', () => {
    // Act
    const first = understand('便宜的手机 300美元以内 有货', index);
    const second = understand('便宜的手机 300美元以内 有货', index);

    // Assess
    expect(second).toEqual(first);
  });
});

describe('understand: intent rates on the labelled customer-support dataset', () => {
  const rates: Record<string, number> = {};

  it('sends at least 90% of contact_human_agent requests to a human', () => {
    // Prepare
    const texts = questionsLabelled('contact_human_agent');

    // Act
    rates.human = shareWhere(texts, (u) => u.intent === 'human');

    // Assess
    expect(texts.length).toBeGreaterThan(100);
    expect(rates.human).toBeGreaterThanOrEqual(0.9);
  });

  it('reads at least 80% of track_order requests as order status', () => {
    // Prepare
    const texts = questionsLabelled('track_order');

    // Act
    rates.orderStatus = shareWhere(texts, (u) => u.intent === 'order_status');

    // Assess
    expect(rates.orderStatus).toBeGreaterThanOrEqual(0.8);
  });

  it('reads at least 70% of delivery_period and delivery_options questions as the shipping policy', () => {
    // Prepare
    const texts = questionsLabelled('delivery_period', 'delivery_options');

    // Act
    rates.shipping = shareWhere(texts, (u) => u.intent === 'policy' && u.policyTopic === 'shipping');

    // Assess
    expect(rates.shipping).toBeGreaterThanOrEqual(0.7);
  });

  it('reads at least 70% of check_refund_policy and get_refund requests as the returns policy', () => {
    // Prepare
    const texts = questionsLabelled('check_refund_policy', 'get_refund');

    // Act
    rates.returns = shareWhere(texts, (u) => u.intent === 'policy' && u.policyTopic === 'returns');

    // Assess
    expect(rates.returns).toBeGreaterThanOrEqual(0.7);
  });

  it('sends fewer than 5% of account, newsletter, password and invoice questions to a human', () => {
    // Prepare
    const texts = questionsLabelled(
      'newsletter_subscription',
      'create_account',
      'recover_password',
      'check_invoice',
    );

    // Act
    rates.falseHuman = shareWhere(texts, (u) => u.intent === 'human');

    // Assess
    expect(texts.length).toBeGreaterThan(400);
    expect(rates.falseHuman).toBeLessThan(0.05);
  });
});
