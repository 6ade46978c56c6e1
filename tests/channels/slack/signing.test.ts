import { verifySlackSignature } from '../../../functions/channels/slack/signature';
import { UnauthorizedError } from '../../../functions/errors/errors';
import { fixtureJson, startSlackHarness, type SlackHarness } from './slack-harness';

interface SigningVector {
  signingSecret: string;
  timestamp: string;
  body: string;
  expectedSignature: string;
  contentType: string;
}

const vector = fixtureJson<SigningVector>('signing-vector.json');
const vectorMs = Number(vector.timestamp) * 1000;
const signed = (signature = vector.expectedSignature, timestamp = vector.timestamp, body = vector.body) => ({
  headers: { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
  body: Buffer.from(body, 'utf8'),
});

describe('Slack request signing', () => {
  it("accepts Slack's documented test vector with the clock frozen at its timestamp", () => {
    expect(() => verifySlackSignature(signed(), vector.signingSecret, vectorMs)).not.toThrow();
  });

  it('rejects the same request five minutes and one second later, and earlier', () => {
    expect(() => verifySlackSignature(signed(), vector.signingSecret, vectorMs + 301_000)).toThrow(
      UnauthorizedError,
    );
    expect(() => verifySlackSignature(signed(), vector.signingSecret, vectorMs - 301_000)).toThrow(
      UnauthorizedError,
    );
  });

  it('accepts the edge of the window (exactly five minutes)', () => {
    expect(() => verifySlackSignature(signed(), vector.signingSecret, vectorMs + 300_000)).not.toThrow();
  });

  it('rejects a signature of another length without throwing a RangeError', () => {
    expect(() => verifySlackSignature(signed('v0=abc'), vector.signingSecret, vectorMs)).toThrow(
      UnauthorizedError,
    );
  });
});

describe('Slack front door security', () => {
  let harness: SlackHarness;
  let clock = vectorMs;
  let enqueued = 0;

  beforeAll(async () => {
    harness = await startSlackHarness({
      env: { SLACK_SIGNING_SECRET: vector.signingSecret },
      overrides: { now: () => new Date(clock) },
    });
    const enqueue = harness.queue.enqueue.bind(harness.queue);
    harness.queue.enqueue = async (job) => {
      enqueued += 1;
      await enqueue(job);
    };
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    clock = vectorMs;
    enqueued = 0;
  });

  const send = (headers: Record<string, string | undefined>, body = vector.body) =>
    fetch(`${harness.url}/slack/events`, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries({ 'content-type': vector.contentType, ...headers }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
      body,
    });

  const vectorHeaders = {
    'x-slack-request-timestamp': vector.timestamp,
    'x-slack-signature': vector.expectedSignature,
  };

  it('answers the signed vector (a slash command) over HTTP with the clock frozen', async () => {
    const response = await send(vectorHeaders);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ response_type: 'ephemeral' });
  });

  it('refuses the vector five minutes and one second later with 401, enqueuing nothing', async () => {
    clock = vectorMs + 301_000;
    expect((await send(vectorHeaders)).status).toBe(401);
    expect(enqueued).toBe(0);
  });

  it.each([
    ['a wrong signature', { ...vectorHeaders, 'x-slack-signature': `v0=${'0'.repeat(64)}` }, vector.body],
    ['a missing signature header', { 'x-slack-request-timestamp': vector.timestamp }, vector.body],
    ['a missing timestamp header', { 'x-slack-signature': vector.expectedSignature }, vector.body],
    ['a body altered by one byte', vectorHeaders, vector.body.replace('roadrunner', 'roadrunnes')],
  ])('refuses %s with 401 and enqueues nothing', async (_name, headers, body) => {
    const response = await send(headers, body);
    expect(response.status).toBe(401);
    expect(enqueued).toBe(0);
    expect(harness.stub.calls).toHaveLength(0);
  });

  it('refuses a timestamp in the future (six minutes ahead, correctly signed) with 401', async () => {
    const future = Math.floor(vectorMs / 1000) + 360;
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'EvFuture',
      team_id: 'T111',
      event: { type: 'app_mention', channel: 'C1', user: 'U1', ts: '1.1', text: '<@W111> hi' },
    });
    const response = await harness.post(event, { timestamp: future });
    expect(response.status).toBe(401);
    expect(enqueued).toBe(0);
  });
});
