import { startTeamsLocalStack, TEAMS_CHANNEL as CHANNEL, type TeamsLocalStack } from '../support/local-stack';
import type { SentActivity } from '../support/teams-bot-framework';
import { runHourlyKnowledgeStep } from './faq-support';

const APP_ID = '33333333-4444-5555-6666-151515151515';

interface CardElement {
  type: string;
  id?: string;
  value?: string;
  inlines?: { type: string; text: string }[];
}
interface Card {
  body: CardElement[];
  actions: { verb?: string; data?: { clusterId?: string } }[];
}

const STUDENT_QUESTIONS = [
  'do you have a student discount?',
  'any discounts for students?',
  'is there a student discount',
  '学生有优惠吗',
];
const BITCOIN_QUESTIONS = ['can I pay in bitcoin?', 'do you take bitcoin', '可以用比特币付款吗'];

describe('knowledge loop through Teams: unanswered web chat questions → hourly run → card → answer form → answered', () => {
  let stack: TeamsLocalStack;
  let standIn: TeamsLocalStack['standIn'];

  const invoke = (verb: string, cardId: string, data: Record<string, unknown>) =>
    stack.invokeCardAction(verb, cardId, data);
  const cardIn = (sent: SentActivity) => sent.activity.attachments?.[0]?.content as Card | undefined;
  const textOf = (card: Card | undefined) =>
    (card?.body ?? []).map((b) => b.inlines?.map((i) => i.text).join('') ?? '').join('\n');
  const clusterCards = () =>
    standIn
      .messages()
      .filter((m) => m.conversationId === CHANNEL && textOf(cardIn(m)).startsWith('Shoppers asked'));

  beforeAll(async () => {
    stack = await startTeamsLocalStack({ name: 'faq-teams', appId: APP_ID });
    standIn = stack.standIn;
    await stack.linkChannel();
  });
  afterAll(async () => stack?.close());

  it('posts each cluster once; Write answer + Save make a FAQ entry the bot answers from; Ignore mutes', async () => {
    const before = [];
    for (const question of [...STUDENT_QUESTIONS, ...BITCOIN_QUESTIONS])
      before.push(await stack.webchat.askAsNewShopper(question));
    for (const reply of before) expect(reply.text).toMatch(/couldn't find|没有找到/);

    await runHourlyKnowledgeStep(stack.server);
    await standIn.waitFor(() => clusterCards().length === 2);
    const student = clusterCards().find((m) => textOf(cardIn(m)).includes('student')) as SentActivity;
    const bitcoin = clusterCards().find((m) => textOf(cardIn(m)).includes('bitcoin')) as SentActivity;
    expect(textOf(cardIn(student))).toMatch(/^Shoppers asked 4× this week: “.+” The bot had no answer\./);
    expect(textOf(cardIn(bitcoin))).toMatch(/^Shoppers asked 3× this week/);
    const studentCard = cardIn(student) as Card;
    expect(studentCard.actions.map((a) => a.verb)).toEqual(['faq_write', 'faq_ignore']);
    const clusterId = studentCard.actions[0]?.data?.clusterId as string;
    // The card's activity id, as the loop recorded it: clicks arrive in its reply chain.
    const delivered = await stack.services.faqRepository.getCluster('demo', clusterId);
    expect(delivered?.deliveries?.map((d) => d.platform)).toEqual(['teams']);
    const cardId = delivered?.deliveries?.[0]?.address.activityId ?? 'missing';

    // Write answer swaps the card for the answer form, prefilled with the shoppers' question.
    const form = await invoke('faq_write', cardId, { clusterId });
    expect(form.type).toBe('application/vnd.microsoft.card.adaptive');
    const inputs = (form.value as Card).body.filter((b) => b.type === 'Input.Text');
    expect(inputs.map((i) => i.id)).toEqual(['question', 'answer']);
    expect(STUDENT_QUESTIONS).toContain(inputs[0]?.value);
    expect((form.value as Card).actions.map((a) => a.verb)).toEqual(['faq_save']);

    // Save (Action.Execute merges the inputs into the data): the entry is written and the card says so.
    const answer = '学生凭有效学生证结账时可享 10% 折扣。Students get 10% off with a valid student ID.';
    const saved = await invoke('faq_save', cardId, { clusterId, question: inputs[0]?.value, answer });
    expect(JSON.stringify(saved.value)).toContain('Saved as a FAQ entry by User One');
    const [entry] = await stack.services.faq.list('demo');
    expect(entry).toMatchObject({ answer, source: 'teams', version: 1 });

    // Ignore mutes the other cluster: the card says so, and more of the same question post nothing new.
    const bitcoinCluster = (cardIn(bitcoin) as Card).actions[0]?.data?.clusterId as string;
    const ignored = await invoke('faq_ignore', 'bitcoin-card', {
      clusterId: bitcoinCluster,
    });
    expect(JSON.stringify(ignored.value)).toContain('Ignored by User One');
    for (const question of ['bitcoin payment possible?', 'Bitcoin accepted?', '比特币支付可以吗'])
      await stack.webchat.askAsNewShopper(question);
    standIn.reset();
    // The run posts its cards before it returns: once it has, what it did not post will not come later.
    const quiet = await runHourlyKnowledgeStep(stack.server);
    expect(quiet?.find((s) => s.storeId === 'demo')?.delivered).toEqual([]);
    expect(clusterCards()).toEqual([]);
    expect(await stack.services.faqRepository.getCluster('demo', bitcoinCluster)).toMatchObject({
      status: 'muted',
      count: 6,
    });

    // From the next turn, the question and a Chinese paraphrase are answered from the entry.
    const same = await stack.webchat.askAsNewShopper('do you have a student discount?');
    const chinese = await stack.webchat.askAsNewShopper('学生可以打折吗？');
    expect(same.text).toBe(answer);
    expect(chinese.text).toBe(answer);
  }, 120_000);
});
