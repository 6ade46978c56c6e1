import type { FaqEntry } from '../../functions/faq/faq-entry';
import { FaqIndex } from '../../functions/faq/faq-index';

const entry = (entryId: string, questions: string[]): FaqEntry => ({
  storeId: 's1',
  entryId,
  questions,
  answer: `answer of ${entryId}`,
  version: 1,
  author: 'cli',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  source: 'cli',
});

describe('FAQ retrieval', () => {
  const index = FaqIndex.build([
    entry('canada', ['Do you ship to Canada?']),
    entry('paypal', ['Can I pay with PayPal?']),
    entry('gift', ['Do you offer gift wrapping?']),
    entry('hours', ['What are your opening hours?']),
    entry('returns-eu', ['Can I return an item from Germany?']),
  ]);

  it.each([
    ['shipping to canada?', 'canada'],
    ['Do you deliver to Canada', 'canada'],
    ['能寄到加拿大吗', 'canada'],
    ['你们发货到加拿大吗？', 'canada'],
    ['do you accept paypal', 'paypal'],
    ['可以用PayPal付款吗', 'paypal'],
    ['能用贝宝支付吗', 'paypal'],
    ['can you gift wrap it?', 'gift'],
    ['几点开门？营业时间是什么', 'hours'],
  ])('answers the paraphrase %p from entry %p', (question, entryId) => {
    expect(index.match(question)?.entry.entryId).toBe(entryId);
  });

  it.each([
    'do you ship to the US?',
    'ship to Australia?',
    'can I pay with a credit card?',
    'show me running shoes',
    'cheap phones under $300',
    '推荐一款手机',
    'what is your return policy?',
    'hello',
  ])('stays below the threshold for %p (the bot still says it does not know)', (question) => {
    expect(index.match(question)).toBeUndefined();
  });

  it('returns nothing for an empty FAQ', () => {
    expect(FaqIndex.build([]).match('do you ship to Canada?')).toBeUndefined();
  });
});
