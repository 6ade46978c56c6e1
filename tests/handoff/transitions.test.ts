import { newConversationState, type ConversationState } from '../../functions/conversations/conversation';
import {
  isRefusal,
  nextHandoffState,
  requestIdFor,
  type HandoffCommand,
} from '../../functions/handoff/transitions';

const T0 = '2030-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const ALICE = { id: 'slack:T1:U1', name: 'Alice' };
const BOB = { id: 'teams:u2', name: 'Bob' };

const bot = () => newConversationState('demo', 'c1', 'webchat', T0);
const requested = (): ConversationState => ({ ...bot(), mode: 'handoff_requested', handoffRequestedAt: T0 });
const open = (): ConversationState => {
  const step = nextHandoffState(requested(), {
    kind: 'open',
    requestId: 'h1',
    trigger: 'explicit',
    requestedAt: T0,
    now: T0,
  });
  if (isRefusal(step)) throw new Error('open refused');
  return step.next;
};
const claimedBy = (actor = ALICE, minutes = 1): ConversationState => {
  const step = nextHandoffState(open(), { kind: 'claim', actor, now: at(minutes) });
  if (isRefusal(step)) throw new Error('claim refused');
  return step.next;
};

describe('handoff transitions (pure: state + command → next state or a refusal)', () => {
  it('opening records the request once; a closed request is refused', () => {
    const state = open();
    expect(state.handoff).toMatchObject({ requestId: 'h1', trigger: 'explicit', requestedAt: T0 });
    const again = nextHandoffState(state, {
      kind: 'open',
      requestId: 'h1',
      trigger: 'explicit',
      requestedAt: T0,
      now: at(1),
    });
    expect(again).toEqual({ next: state, changed: false });
    expect(
      nextHandoffState(bot(), {
        kind: 'open',
        requestId: 'h1',
        trigger: 'explicit',
        requestedAt: T0,
        now: T0,
      }),
    ).toEqual({
      refused: 'not_in_handoff',
      reason: 'The request was closed',
    });
  });

  it('one person claims; the same person again changes nothing; anyone else is told who has it', () => {
    const state = claimedBy(ALICE, 2);
    expect(state).toMatchObject({ mode: 'claimed', claimedBy: ALICE.id });
    expect(state.handoff).toMatchObject({ claimedByName: 'Alice', claimedAt: at(2), lastActivityAt: at(2) });
    expect(nextHandoffState(state, { kind: 'claim', actor: ALICE, now: at(3) })).toEqual({
      next: state,
      changed: false,
    });
    expect(nextHandoffState(state, { kind: 'claim', actor: BOB, now: at(3) })).toEqual({
      refused: 'already_claimed',
      owner: 'Alice',
      ownerId: ALICE.id,
    });
    expect(isRefusal(nextHandoffState(bot(), { kind: 'claim', actor: BOB, now: T0 }))).toBe(true);
  });

  it('a claim without a recorded request gets the request id its request time maps to', () => {
    const step = nextHandoffState(requested(), { kind: 'claim', actor: BOB, now: at(1) });
    expect(isRefusal(step) ? undefined : step.next.handoff?.requestId).toBe(requestIdFor('demo', 'c1', T0));
  });

  it('returning to the bot resets the streaks; the idle return needs the conversation still idle', () => {
    const claimed = { ...claimedBy(ALICE, 1), unansweredStreak: 1, downvoteStreak: 1 };
    const byMerchant = nextHandoffState(claimed, { kind: 'release', reason: 'merchant', now: at(5) });
    expect(byMerchant).toMatchObject({
      changed: true,
      next: { mode: 'bot', claimedBy: undefined, unansweredStreak: 0, downvoteStreak: 0 },
    });
    expect(isRefusal(byMerchant) ? undefined : byMerchant.next.handoff).toMatchObject({
      releasedAt: at(5),
      releaseReason: 'merchant',
    });

    const idle = (minutes: number): HandoffCommand => ({
      kind: 'release',
      reason: 'idle',
      now: at(minutes),
      asOf: new Date(at(minutes)),
      idleMinutes: 30,
    });
    expect(nextHandoffState(claimed, idle(20))).toEqual({
      refused: 'not_in_handoff',
      reason: 'No longer idle',
    });
    expect(nextHandoffState(claimed, idle(31))).toMatchObject({ changed: true, next: { mode: 'bot' } });
    expect(nextHandoffState(bot(), { kind: 'release', reason: 'merchant', now: T0 })).toEqual({
      refused: 'not_in_handoff',
      reason: 'Already with the bot',
    });
  });

  it('an email is kept while waiting; the unclaimed notice is given once; activity keeps a claim awake', () => {
    const withEmail = nextHandoffState(open(), { kind: 'leave_email', email: 'a@b.co', now: at(2) });
    expect(isRefusal(withEmail) ? undefined : withEmail.next.handoff).toMatchObject({
      email: 'a@b.co',
      lastActivityAt: at(2),
    });
    expect(isRefusal(nextHandoffState(bot(), { kind: 'leave_email', email: 'a@b.co', now: T0 }))).toBe(true);

    const noticed = nextHandoffState(open(), { kind: 'notice_unclaimed', now: at(6) });
    if (isRefusal(noticed)) throw new Error('notice refused');
    expect(noticed.next.handoff?.unclaimedNoticeAt).toBe(at(6));
    expect(isRefusal(nextHandoffState(noticed.next, { kind: 'notice_unclaimed', now: at(7) }))).toBe(true);
    expect(isRefusal(nextHandoffState(claimedBy(), { kind: 'notice_unclaimed', now: at(7) }))).toBe(true);

    const touched = nextHandoffState(claimedBy(ALICE, 1), { kind: 'touch', now: at(9) });
    expect(isRefusal(touched) ? undefined : touched.next.handoff?.lastActivityAt).toBe(at(9));
    expect(isRefusal(nextHandoffState(bot(), { kind: 'touch', now: at(9) }))).toBe(true);
  });

  it('never changes the state it is given', () => {
    const commands: HandoffCommand[] = [
      { kind: 'open', requestId: 'h2', trigger: 'downvotes', requestedAt: at(1), now: at(1) },
      { kind: 'claim', actor: BOB, now: at(2) },
      { kind: 'release', reason: 'merchant', now: at(3) },
      { kind: 'release', reason: 'idle', now: at(99), asOf: new Date(at(99)), idleMinutes: 30 },
      { kind: 'leave_email', email: 'x@y.z', now: at(4) },
      { kind: 'notice_unclaimed', now: at(5) },
      { kind: 'touch', now: at(6) },
    ];
    for (const state of [bot(), requested(), open(), claimedBy()]) {
      const before = structuredClone(state);
      for (const command of commands) nextHandoffState(state, command);
      expect(state).toEqual(before);
    }
  });
});
