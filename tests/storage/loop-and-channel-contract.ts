import type { Installation } from '@slack/oauth';
import type { ConversationRef } from '../../functions/channels/teams/activity';
import { ConflictError } from '../../functions/errors/errors';
import { emptyCounts } from '../../functions/feedback-loop/metrics';
import { DeadLetterRepository } from '../../functions/storage/dead-letter-repository';
import { defaultStoredStrategy, StrategyConflictError } from '../../functions/strategy/stored-strategy';
import { startTestEnv, type TestEnv } from '../support/test-env';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

const reference = (conversationId: string): ConversationRef => ({
  bot: { id: 'bot' },
  conversation: { id: conversationId },
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.test/',
});

/**
 * The rest of the storage contract: the repositories of partners, handoffs, strategies and the feedback loop,
 * the audit trail, dead letters, and the channel adapters' stores (Slack installations and reply ledger,
 * Teams references). Run against every engine `repositoryContract` runs against.
 */
export function loopAndChannelContract(engine: string, endpoint: () => string | undefined) {
  describe(`feedback loop, handoff, partner and channel repositories on ${engine}`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startTestEnv({ endpoint: endpoint() });
    });
    afterAll(async () => env?.close());

    test('a link code is stored once and consumed once, never after it expires', async () => {
      const { partners } = env.services;
      const code = { code: 'ABC-123', storeId: 'acme', role: 'owner' as const, purpose: 'merchant' as const };
      const live = { ...code, expiresAt: nowSeconds + 600, createdAt: NOW.toISOString() };
      expect(await partners.putLinkCode(live)).toBe(true);
      expect(await partners.putLinkCode(live)).toBe(false);
      const consumed = await Promise.all([1, 2].map(() => partners.consumeLinkCode('ABC-123', nowSeconds)));
      expect(consumed.filter(Boolean)).toEqual([live]);

      await partners.putLinkCode({ ...live, code: 'OLD-999', expiresAt: nowSeconds - 1 });
      expect(await partners.consumeLinkCode('OLD-999', nowSeconds)).toBeUndefined();
    });

    test('bindings and members are listed per store and deleted one by one', async () => {
      const { partners } = env.services;
      const binding = {
        platform: 'slack' as const,
        tenantId: 'T1',
        conversationId: 'C1',
        storeId: 'acme',
        purpose: 'merchant' as const,
        linkedBy: 'U1',
        linkedAt: NOW.toISOString(),
      };
      await partners.putBinding(binding);
      await partners.putBinding({ ...binding, conversationId: 'C2', storeId: 'other' });
      expect(await partners.getBinding('slack', 'T1', 'C1')).toEqual(binding);
      expect(await partners.listBindings('acme')).toEqual([binding]);
      await partners.deleteBinding('slack', 'T1', 'C1');
      expect(await partners.getBinding('slack', 'T1', 'C1')).toBeUndefined();

      const member = {
        storeId: 'acme',
        platform: 'teams' as const,
        userId: 'u1',
        role: 'staff' as const,
        linkedAt: NOW.toISOString(),
      };
      await partners.putMember(member);
      expect(await partners.listMembers('acme')).toEqual([member]);
      await partners.deleteMember('acme', 'teams', 'u1');
      expect(await partners.listMembers('acme')).toEqual([]);
    });

    test('handoff requests are indexed while open, and threads are found from the Slack side', async () => {
      const { handoffs } = env.services;
      await handoffs.markOpen('acme', 'c1', 'h1');
      await handoffs.markOpen('acme', 'c2', 'h2');
      await handoffs.markClosed('acme', 'c1');
      expect(await handoffs.listOpen('acme')).toEqual(['c2']);

      const thread = {
        platform: 'slack' as const,
        requestId: 'h2',
        address: { teamId: 'T1', channel: 'C9', ts: '1.5' },
      };
      await handoffs.saveThread('acme', 'c2', thread);
      expect(await handoffs.getThread('acme', 'c2', 'slack')).toEqual(thread);
      expect(await handoffs.getThread('acme', 'c2', 'teams')).toBeUndefined();
      expect(await handoffs.findSlackThread('T1', 'C9', '1.5')).toEqual({
        storeId: 'acme',
        conversationId: 'c2',
      });

      const target = { teamId: 'T1', channel: 'C9', setBy: 'U1', setAt: NOW.toISOString() };
      await handoffs.setSlackTarget('acme', target);
      expect(await handoffs.getSlackTarget('acme')).toEqual(target);
    });

    test('a relay is leased by one run, and once done it is never delivered again', async () => {
      const { handoffs } = env.services;
      const leases = await Promise.all(
        [1, 2, 3].map(() => handoffs.beginRelay('acme', 'c2', 'slack', 'card-h2')),
      );
      expect(leases.filter(Boolean)).toHaveLength(1);
      expect(await handoffs.relayStatus('acme', 'c2', 'slack', 'card-h2')).toBe('leased');
      await handoffs.releaseRelay('acme', 'c2', 'slack', 'card-h2');
      expect(await handoffs.beginRelay('acme', 'c2', 'slack', 'card-h2')).toBe(true);
      await handoffs.completeRelay('acme', 'c2', 'slack', 'card-h2');
      expect(await handoffs.relayStatus('acme', 'c2', 'slack', 'card-h2')).toBe('done');
      expect(await handoffs.beginRelay('acme', 'c2', 'slack', 'card-h2')).toBe(false);
    });

    test('strategies are versioned: a stale save is refused, concurrent updates all land, history is kept', async () => {
      const { strategyStore } = env.services;
      const initial = await strategyStore.getOrDefault('acme', NOW);
      expect(initial.version).toBe(0);
      const saved = await strategyStore.save({ ...initial, pinnedVariantId: 'concise' }, 0, {
        at: NOW.toISOString(),
        kind: 'pin',
        actor: 'merchant',
        reason: 'test',
        shares: {},
        previousShares: {},
        evidence: {},
      });
      expect(saved.version).toBe(1);
      await expect(strategyStore.save(initial, 0)).rejects.toBeInstanceOf(StrategyConflictError);

      await Promise.all(
        ['a', 'b', 'c'].map((boost) =>
          strategyStore.update('acme', NOW, (current) => ({
            next: { ...current, boosts: { ...current.boosts, [boost]: 0.1 } },
          })),
        ),
      );
      const current = await strategyStore.get('acme');
      expect(Object.keys(current?.boosts ?? {}).sort()).toEqual(['a', 'b', 'c']);
      expect(current?.version).toBe(4);
      expect((await strategyStore.history('acme')).map((h) => [h.version, h.kind])).toEqual([[1, 'pin']]);
      expect(await strategyStore.get('nobody')).toBeUndefined();
      expect(await strategyStore.getOrDefault('nobody', NOW)).toEqual(defaultStoredStrategy('nobody', NOW));
    });

    test('the feedback loop state moves only from the watermark it read', async () => {
      const { feedbackLoop } = env.services;
      expect(await feedbackLoop.readState('acme')).toEqual({ watermarkSk: '0', pending: undefined });
      const pending = { watermarkSk: '0', pending: { fromSk: '0', toSk: 'b' } };
      await feedbackLoop.writeState('acme', '0', pending, NOW);
      expect(await feedbackLoop.readState('acme')).toEqual(pending);
      await feedbackLoop.writeState('acme', '0', { watermarkSk: 'b' }, NOW);
      await expect(feedbackLoop.writeState('acme', '0', { watermarkSk: 'c' }, NOW)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await feedbackLoop.readState('acme')).toEqual({ watermarkSk: 'b', pending: undefined });
    });

    test('derived items absorb each batch once', async () => {
      const { feedbackLoop } = env.services;
      const counts = { ...emptyCounts(), shown: 2, replies: 2, click: 1 };
      await feedbackLoop.addDailyMetrics('acme', '2026-11-19', 'concise', counts, 'b1');
      await feedbackLoop.addDailyMetrics('acme', '2026-11-19', 'concise', counts, 'b1');
      await feedbackLoop.addDailyMetrics('acme', '2026-11-19', 'concise', counts, 'b2');
      await feedbackLoop.addDailyMetrics('acme', '2026-11-21', 'concise', counts, 'b2');
      const days = await feedbackLoop.dailyMetrics('acme', '2026-11-19', '2026-11-20');
      expect(days).toEqual([
        {
          storeId: 'acme',
          day: '2026-11-19',
          variantId: 'concise',
          ...emptyCounts(),
          shown: 4,
          replies: 4,
          click: 2,
        },
      ]);

      const stats = { products: { p1: { i: 1, c: 0, p: 0 } }, asOf: NOW.toISOString(), lastToSk: 'b2' };
      await feedbackLoop.putProductStats('acme', stats);
      await feedbackLoop.putProductStats('acme', { ...stats, products: {}, lastToSk: 'b1' });
      expect(await feedbackLoop.productStats('acme')).toEqual(stats);
    });

    test('the audit trail lists a store’s entries newest first', async () => {
      const { audit } = env.services;
      const entry = (at: string, detail: string) => ({
        storeId: 'acme',
        action: 'question' as const,
        at,
        platform: 'slack',
        userId: 'U1',
        detail,
      });
      await audit.record(entry('2026-11-20T09:00:00.000Z', 'first'));
      await audit.record(entry('2026-11-20T10:00:00.000Z', 'second'));
      await audit.record({ ...entry('2026-11-20T11:00:00.000Z', 'elsewhere'), storeId: 'other' });
      expect((await audit.list('acme')).map((e) => e.detail)).toEqual(['second', 'first']);
      expect(await audit.list('acme', 1)).toEqual([entry('2026-11-20T10:00:00.000Z', 'second')]);
    });

    test('dead letters are kept per job kind, oldest first', async () => {
      const letters = new DeadLetterRepository(env.services.table);
      const letter = (id: string, failedAt: string) => ({
        job: { kind: 'slack.request', id, payload: { n: id } },
        error: 'Error: boom',
        attempts: 3,
        failedAt,
      });
      await letters.record(letter('j2', '2026-11-20T10:00:01.000Z'));
      await letters.record(letter('j1', '2026-11-20T10:00:00.000Z'));
      expect(await letters.list('slack.request')).toEqual([
        letter('j1', '2026-11-20T10:00:00.000Z'),
        letter('j2', '2026-11-20T10:00:01.000Z'),
      ]);
      expect(await letters.list('teams.turn')).toEqual([]);
    });

    test('Slack installations are stored per workspace and removed on uninstall', async () => {
      const { slackInstallations } = env.services;
      const installation = {
        team: { id: 'T7', name: 'Acme' },
        enterprise: undefined,
        bot: { token: 'xoxb-7', userId: 'B7', id: 'B7', scopes: [] },
        isEnterpriseInstall: false,
      } as unknown as Installation<'v2', false>;
      await slackInstallations.storeInstallation(installation);
      const query = { teamId: 'T7', enterpriseId: undefined, isEnterpriseInstall: false };
      expect(await slackInstallations.fetchInstallation(query)).toEqual(installation);
      expect(await slackInstallations.has(query)).toBe(true);
      await slackInstallations.deleteInstallation(query);
      expect(await slackInstallations.has(query)).toBe(false);
      await expect(slackInstallations.fetchInstallation(query)).rejects.toThrow(/No Slack installation/);
    });

    test('the Slack reply ledger lets one run answer a job, and none after it is done', async () => {
      const { slackReplies } = env.services;
      const begun = await Promise.all([1, 2].map(() => slackReplies.begin('job-1')));
      expect(begun.filter(Boolean)).toHaveLength(1);
      await slackReplies.release('job-1');
      expect(await slackReplies.begin('job-1')).toBe(true);
      await slackReplies.complete('job-1');
      expect(await slackReplies.begin('job-1')).toBe(false);
    });

    test('Teams references, notify targets and handoff threads round-trip per store', async () => {
      const { teamsReferences } = env.services;
      await teamsReferences.save('acme', 'teams:c1', reference('c1'), NOW);
      expect(await teamsReferences.get('acme', 'teams:c1')).toEqual(reference('c1'));
      expect(await teamsReferences.get('other', 'teams:c1')).toBeUndefined();
      await teamsReferences.setNotifyTarget('acme', reference('channel'), NOW);
      expect(await teamsReferences.getNotifyTarget('acme')).toEqual(reference('channel'));
      const thread = { storeId: 'acme', conversationId: 'web-1', postedAt: NOW.toISOString() };
      await teamsReferences.saveHandoffThread('root-1', thread);
      expect(await teamsReferences.getHandoffThread('acme', 'root-1')).toEqual(thread);
      expect(await teamsReferences.getHandoffThread('other', 'root-1')).toBeUndefined();
    });
  });
}
