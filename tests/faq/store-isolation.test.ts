import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import { compose } from '../../functions/app/compose';
import { teamsFaqInvoke } from '../../functions/channels/teams/faq';
import type { InboundActivity } from '../../functions/channels/teams/activity';
import { runKnowledgeLoop } from '../../functions/faq/knowledge-loop';
import { demoStore } from '../../functions/local/seed-demo';
import { silentLogger } from '../../functions/observability/logger';
import { startTestEnv, type TestEnv } from '../support/test-env';

const PAYPAL = 'Yes, PayPal works at checkout. (demo store only)';

describe('store FAQ: isolation between stores, and edits seen by warm processes on the next turn', () => {
  let env: TestEnv;
  let assistant: ShopperAssistant;
  let counter = 0;
  const ask = (storeId: string, text: string, through = assistant) =>
    through.handleMessage({ storeId, conversationId: `iso-${++counter}`, channel: 'webchat', text });

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    await env.services.stores.create({ ...demoStore(new Date()), id: 'other', name: 'Other shop' });
    assistant = new ShopperAssistant(env.services);
  });
  afterAll(async () => env.close());

  it('a shopper never sees another store’s entry, in offline retrieval or through the store_faq tool', async () => {
    const entry = await env.services.faq.add(
      'demo',
      { questions: ['Can I pay with PayPal?'], answer: PAYPAL },
      { id: 'cli' },
      'cli',
    );
    expect((await ask('demo', 'do you accept paypal?')).text).toBe(PAYPAL);
    const elsewhere = await ask('other', 'do you accept paypal?');
    expect(elsewhere.text).not.toContain('PayPal works');
    expect(elsewhere.faqEntryId).toBeUndefined();
    expect(await (await env.services.faq.index('other')).match('Can I pay with PayPal?')).toBeUndefined();
    await expect(env.services.faq.get('other', entry.entryId)).rejects.toThrow('No FAQ entry');
    await expect(env.services.faq.remove('other', entry.entryId, { id: 'cli' })).rejects.toThrow(
      'No FAQ entry',
    );
    expect(await env.services.faq.list('demo')).toHaveLength(1);
  });

  it('clusters are per store, and a merchant bound to one store cannot act on another store’s cluster', async () => {
    const questions = ['do you sell gift cards?', 'gift card available?', 'can I buy a gift card'];
    for (const text of questions) await ask('other', text);
    const summaries = await runKnowledgeLoop(
      {
        clusters: env.services.faqRepository,
        events: env.services.events,
        storeIds: async () => ['demo', 'other'],
        logger: silentLogger,
        minAskers: 3,
      },
      [],
      new Date(Date.now() + 120_000),
    );
    const otherClusters = await env.services.faqRepository.listClusters('other');
    const demoClusters = await env.services.faqRepository.listClusters('demo');
    const texts = (clusters: typeof demoClusters) => clusters.flatMap((c) => c.questions.map((q) => q.text));
    expect(texts(otherClusters)).toEqual(expect.arrayContaining(questions));
    for (const text of questions) expect(texts(demoClusters)).not.toContain(text);
    expect(summaries.map((s) => s.storeId)).toEqual(['demo', 'other']);

    const giftCluster = otherClusters.find((c) => c.questions.some((q) => q.text === questions[0]));
    const activity = { from: { id: '29:mallory', name: 'Mallory' } } as unknown as InboundActivity;
    // The Teams binding says "demo"; the card data names the other store's cluster: nothing is revealed or saved.
    const reply = await teamsFaqInvoke(env.services, 'demo', activity, 'faq_save', {
      clusterId: giftCluster?.clusterId,
      question: 'gift cards?',
      answer: 'Injected into the wrong store',
    });
    expect(JSON.stringify(reply.body)).toContain('no longer tracked');
    expect((await env.services.faq.list('demo')).map((e) => e.answer)).not.toContain(
      'Injected into the wrong store',
    );
    expect(await env.services.faqRepository.getCluster('other', giftCluster?.clusterId ?? '')).toMatchObject({
      status: 'open',
    });
  });

  it('an edit or a removal made by another process is used on the very next turn of a warm process', async () => {
    // A second process (another Lambda, the CLI) over the same table.
    const other = compose(env.config, { documentClient: env.services.documentClient });
    const warm = new ShopperAssistant(env.services);
    const [entry] = await env.services.faq.list('demo');
    expect((await ask('demo', 'can I pay with paypal?', warm)).text).toBe(PAYPAL);

    await other.faq.edit(
      'demo',
      entry?.entryId ?? '',
      { answer: 'PayPal is no longer accepted.' },
      { id: 'cli' },
    );
    expect((await ask('demo', 'can I pay with paypal?', warm)).text).toBe('PayPal is no longer accepted.');

    await other.faq.remove('demo', entry?.entryId ?? '', { id: 'cli' });
    const after = await ask('demo', 'can I pay with paypal?', warm);
    expect(after.faqEntryId).toBeUndefined();
    expect(after.text).not.toContain('PayPal');
    const history = await env.services.faq.history('demo', entry?.entryId ?? '');
    expect(history.map((h) => [h.version, h.removed ?? false])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });
});
