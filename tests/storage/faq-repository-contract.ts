import type { FaqEntry } from '../../functions/faq/faq-entry';
import type { StoredCluster } from '../../functions/faq/ports';
import { FaqRepository } from '../../functions/storage/faq-repository';
import { startTestEnv, type TestEnv } from '../support/test-env';

const entry = (storeId: string, entryId: string, version = 1, answer = 'Yes, in 5 days.'): FaqEntry => ({
  storeId,
  entryId,
  questions: ['Do you ship to Canada?'],
  answer,
  version,
  author: 'cli',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  source: 'cli',
});

const cluster = (storeId: string, clusterId: string): StoredCluster => ({
  storeId,
  clusterId,
  status: 'open',
  questions: [{ text: 'do you ship to Canada?', askerId: 'c1', at: '2026-11-01T00:00:00.000Z' }],
  count: 1,
  firstAt: '2026-11-01T00:00:00.000Z',
  lastAt: '2026-11-01T00:00:00.000Z',
  signature: ['do you ship to Canada?'],
});

/** The FAQ part of the storage contract: entries, versions, history, clusters and their one-way transitions. */
export function faqRepositoryContract(engine: string, endpoint: () => string | undefined) {
  describe(`FAQ repository on ${engine}`, () => {
    let env: TestEnv;
    let repository: FaqRepository;
    beforeAll(async () => {
      env = await startTestEnv({ endpoint: endpoint() });
      repository = new FaqRepository(env.services.table);
    });
    afterAll(async () => env?.close());

    test('entries are versioned, every write bumps the store version, and stores never see each other', async () => {
      expect(await repository.version('faq-a')).toBe(0);
      expect(await repository.put(entry('faq-a', 'f-aaaaaa'))).toBe(true);
      expect(await repository.put(entry('faq-a', 'f-aaaaaa'))).toBe(false);
      expect(await repository.put(entry('faq-b', 'f-bbbbbb'))).toBe(true);
      expect(await repository.version('faq-a')).toBe(1);

      // The next version is written once; a concurrent editor holding version 1 loses.
      expect(await repository.put(entry('faq-a', 'f-aaaaaa', 2, 'Yes, in 3 days.'))).toBe(true);
      expect(await repository.put(entry('faq-a', 'f-aaaaaa', 2, 'Other edit'))).toBe(false);
      expect(await repository.version('faq-a')).toBe(2);
      expect((await repository.list('faq-a')).map((e) => [e.entryId, e.version, e.answer])).toEqual([
        ['f-aaaaaa', 2, 'Yes, in 3 days.'],
      ]);
      expect((await repository.list('faq-b')).map((e) => e.entryId)).toEqual(['f-bbbbbb']);
      expect(await repository.get('faq-b', 'f-aaaaaa')).toBeUndefined();

      expect(await repository.remove('faq-a', 'f-aaaaaa', 'cli', '2026-11-02T00:00:00.000Z')).toBe(true);
      expect(await repository.remove('faq-a', 'f-aaaaaa', 'cli', '2026-11-02T00:00:00.000Z')).toBe(false);
      expect(await repository.list('faq-a')).toEqual([]);
      expect(await repository.version('faq-a')).toBe(3);
      const history = await repository.history('faq-a', 'f-aaaaaa');
      expect(history.map((h) => [h.version, h.answer, h.removed ?? false])).toEqual([
        [1, 'Yes, in 5 days.', false],
        [2, 'Yes, in 3 days.', false],
        [3, 'Yes, in 3 days.', true],
      ]);
    });

    test('clusters keep their status through re-clustering and move from a status only once', async () => {
      await repository.saveClusters('faq-a', [cluster('faq-a', 'q1'), cluster('faq-a', 'q2')], []);
      const [first, second] = await Promise.all([
        repository.transition('faq-a', 'q1', ['open'], 'delivered'),
        repository.transition('faq-a', 'q1', ['open'], 'delivered'),
      ]);
      expect([first, second].sort()).toEqual([false, true]);
      // The next hourly fold writes new questions but never resets the status the click or delivery set.
      await repository.saveClusters('faq-a', [{ ...cluster('faq-a', 'q1'), count: 5 }], ['q2']);
      const stored = await repository.getCluster('faq-a', 'q1');
      expect(stored).toMatchObject({ status: 'delivered', count: 5 });
      expect(await repository.getCluster('faq-a', 'q2')).toBeUndefined();
      expect(await repository.getCluster('faq-b', 'q1')).toBeUndefined();
      expect(
        await repository.transition('faq-a', 'q1', ['open', 'delivered'], 'muted', {
          closedBy: 'alice',
          closedAt: '2026-11-03T00:00:00.000Z',
        }),
      ).toBe(true);
      expect(await repository.transition('faq-a', 'q1', ['open', 'delivered'], 'answered')).toBe(false);
      expect(await repository.getCluster('faq-a', 'q1')).toMatchObject({
        status: 'muted',
        closedBy: 'alice',
      });

      expect(await repository.getState('faq-a')).toEqual({ watermarkSk: '0', answeredByDay: {} });
      await repository.saveState('faq-a', {
        watermarkSk: '2026-11-03T00:00:00.000Z#e1',
        answeredByDay: { '2026-11-03': 2 },
      });
      expect(await repository.getState('faq-a')).toEqual({
        watermarkSk: '2026-11-03T00:00:00.000Z#e1',
        answeredByDay: { '2026-11-03': 2 },
      });
    });
  });
}
