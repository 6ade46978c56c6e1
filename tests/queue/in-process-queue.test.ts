import { silentLogger } from '../../functions/observability/logger';
import { InProcessQueue } from '../../functions/queue/in-process-queue';
import { DeadLetterRepository } from '../../functions/storage/dead-letter-repository';
import { createJobRouter, decodeJob, encodeJob, UnknownJobKindError } from '../../functions/queue/job-router';
import type { WorkJob } from '../../functions/ports/work-queue';
import { startTestEnv, type TestEnv } from '../support/test-env';

describe('InProcessQueue (local at-least-once queue)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  const queue = (maxAttempts = 3) =>
    new InProcessQueue({
      logger: silentLogger,
      deadLetters: new DeadLetterRepository(env.services.table),
      maxAttempts,
      baseDelayMs: 5,
    });

  it('delivers after enqueue returns, not during it', async () => {
    const q = queue();
    const seen: string[] = [];
    q.consume(async (job) => {
      seen.push(job.id);
    });
    await q.enqueue({ kind: 'k', id: 'a', payload: { n: 1 } });
    expect(seen).toEqual([]);
    await q.drain();
    expect(seen).toEqual(['a']);
  });

  it('hands consumers a serialised copy, as SQS would', async () => {
    const q = queue();
    const payload = { items: [1, 2] };
    let received: unknown;
    q.consume(async (job) => {
      received = job.payload;
    });
    await q.enqueue({ kind: 'k', id: 'copy', payload });
    payload.items.push(3);
    await q.drain();
    expect(received).toEqual({ items: [1, 2] });
  });

  it('retries a failing consumer with growing delays, then succeeds', async () => {
    // Delays of 40 then 80 ms: each gap must be at least its delay (timers never fire early; a loaded machine
    // only makes gaps longer, so comparing one gap with the other was flaky).
    const q = new InProcessQueue({
      logger: silentLogger,
      deadLetters: new DeadLetterRepository(env.services.table),
      maxAttempts: 3,
      baseDelayMs: 40,
    });
    const attempts: number[] = [];
    q.consume(async () => {
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error('transient');
    });
    await q.enqueue({ kind: 'k', id: 'retry', payload: null });
    await q.drain();
    expect(attempts).toHaveLength(3);
    const [a = 0, b = 0, c = 0] = attempts;
    expect(b - a).toBeGreaterThanOrEqual(40 - 1);
    expect(c - b).toBeGreaterThanOrEqual(80 - 1);
    expect(await new DeadLetterRepository(env.services.table).list('k')).toEqual([]);
  });

  it('writes a dead-letter record in DynamoDB after the last attempt', async () => {
    const q = queue(2);
    q.consume(async () => {
      throw new Error('always broken');
    });
    await q.enqueue({ kind: 'dead', id: 'job-1', payload: { x: 1 } });
    await q.drain();
    const letters = await new DeadLetterRepository(env.services.table).list('dead');
    expect(letters).toEqual([
      expect.objectContaining({
        attempts: 2,
        error: 'Error: always broken',
        job: { kind: 'dead', id: 'job-1', payload: { x: 1 } },
      }),
    ]);
  });

  it('holds jobs enqueued before a consumer is attached', async () => {
    const q = queue();
    const seen: WorkJob[] = [];
    await q.enqueue({ kind: 'k', id: 'early', payload: 1 });
    q.consume(async (job) => {
      seen.push(job);
    });
    await q.drain();
    expect(seen.map((j) => j.id)).toEqual(['early']);
  });
});

describe('job router', () => {
  it('dispatches by kind and refuses unknown kinds', async () => {
    const seen: string[] = [];
    const route = createJobRouter({ 'slack.request': async (job) => void seen.push(job.id) });
    await route({ kind: 'slack.request', id: 'a', payload: null });
    expect(seen).toEqual(['a']);
    await expect(route({ kind: 'toString', id: 'b', payload: null })).rejects.toBeInstanceOf(
      UnknownJobKindError,
    );
  });

  it('round-trips jobs through a queue message body and rejects malformed ones', () => {
    const job = { kind: 'k', id: 'i', payload: { text: '中文' } };
    expect(decodeJob(encodeJob(job))).toEqual(job);
    expect(() => decodeJob('nope')).toThrow(/not JSON/);
    expect(() => decodeJob('{"kind":1}')).toThrow(/not a job/);
  });
});
