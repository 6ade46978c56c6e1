import { clusterAdaptiveCard, faqInputCard } from '../../functions/channels/teams/faq-cards';
import { teamsFaqInvoke } from '../../functions/channels/teams/faq';
import type { InboundActivity } from '../../functions/channels/teams/activity';
import type { ClusterCard } from '../../functions/faq/knowledge-loop';
import { demoStore } from '../../functions/local/seed-demo';
import { startTestEnv, type TestEnv } from '../support/test-env';

const card: ClusterCard = {
  storeId: 'zh-shop',
  clusterId: 'c-1',
  count: 5,
  askers: 4,
  examples: ['能寄到加拿大吗', 'do you ship to canada?'],
  status: 'open',
};

describe('merchant-facing FAQ texts follow the store’s language (Teams)', () => {
  let env: TestEnv;
  const activity = { from: { id: '29:wang', name: '王经理' } } as unknown as InboundActivity;

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    await env.services.stores.create({ ...demoStore(new Date()), id: 'zh-shop', locale: 'zh-CN' });
  });
  afterAll(async () => env.close());

  it('renders the cluster card and the answer form in Chinese for a zh store, and in English by default', () => {
    const zh = JSON.stringify(clusterAdaptiveCard(card, 'zh'));
    expect(zh).toContain('本周顾客问了 5 次：“能寄到加拿大吗” 机器人没有答案。');
    expect(zh).toContain('其他问法：“do you ship to canada?” · 4 位顾客');
    expect(zh).toContain('"title":"写回答"');
    expect(JSON.stringify(faqInputCard({ clusterId: 'c-1' }, { question: 'q' }, undefined, 'zh'))).toContain(
      '"title":"保存"',
    );
    const en = JSON.stringify(clusterAdaptiveCard(card));
    expect(en).toContain('Shoppers asked 5× this week');
    expect(en).toContain('"title":"Write answer"');
  });

  it('confirms a save from a handoff in the store’s language and keeps the merchant’s text as written', async () => {
    const save = (storeId: string) =>
      teamsFaqInvoke(env.services, storeId, activity, 'faq_save', {
        conversationId: 'conv-1',
        question: '周末发货吗',
        answer: '**周末**也发货。',
      });
    expect(JSON.stringify((await save('zh-shop')).body)).toContain('王经理 已将其保存为常见问题');
    expect(JSON.stringify((await save('demo')).body)).toContain('Saved as a FAQ entry by 王经理');
    expect((await env.services.faq.list('zh-shop'))[0]).toMatchObject({
      answer: '**周末**也发货。',
      source: 'handoff',
    });

    const stale = await teamsFaqInvoke(env.services, 'zh-shop', activity, 'faq_write', { clusterId: 'gone' });
    expect(JSON.stringify(stale.body)).toContain('这个问题已不再跟踪');
  });
});
