import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkGrounding } from '../../../functions/assistant/grounding';
import { Dialog, demoIndex } from './dialog-harness';

const questions = (
  JSON.parse(
    readFileSync(
      path.join(__dirname, '..', '..', 'fixtures', 'customer-questions', 'questions.json'),
      'utf8',
    ),
  ) as { text: string }[]
).map((q) => q.text);

describe('offline replies pass the grounding check', () => {
  const grounded = async (texts: string[]) => {
    const dialog = new Dialog();
    const problems: string[] = [];
    for (const text of texts) {
      const reply = await dialog.say(text);
      const { ledger } = dialog.turns.at(-1) as (typeof dialog.turns)[number];
      const result = checkGrounding({
        reply: reply.text,
        ledger,
        catalogTitles: demoIndex.titles(),
        catalogBrands: demoIndex.brands(),
        shopperText: text,
      });
      if (!result.ok) problems.push(`${text}: ${result.problems.join('; ')}`);
    }
    return problems;
  };

  test('Apple-brand conversations are not mistaken for the fruit "Apple" (a catalog title)', async () => {
    expect(
      await grounded([
        'Apple products',
        'apple laptops',
        'tablets',
        'what about Apple?',
        '苹果的呢？',
        'compare the first two',
        'iPhone 13 Pro vs Apple MacBook Pro 14 Inch Space Grey',
        'how do I choose a good phone?',
      ]),
    ).toEqual([]);
  });

  test('every reply of a long mixed conversation over 300 real customer questions is grounded', async () => {
    // Every 15th question of the fixture, asked one after the other in one conversation: follow-up
    // state carries across unrelated questions, as it does for a real shopper.
    const sample = questions.filter((_, i) => i % 15 === 0);
    expect(sample.length).toBeGreaterThan(250);
    expect(await grounded(sample)).toEqual([]);
  });
});
