import { json } from '../../http/respond';
import type { HttpRequest, HttpResponse } from '../../http/http-types';
import type { Logger } from '../../observability/logger';
import type { WorkQueue } from '../../ports/work-queue';
import type { ClaimRepository } from '../../storage/claim-repository';
import { SlackNotConfiguredError } from './errors';
import { botUserIdsOf, parseSlackRequest } from './request';
import { verifySlackSignature } from './signature';
import {
  SLACK_REQUEST_JOB,
  type SlackEventEnvelope,
  type SlackInbound,
  type SlackRequestJobPayload,
} from './slack-types';
import { helpText } from './texts';

/** Slack retries for about an hour; claims outlive that comfortably. */
export const SLACK_CLAIM_TTL_SECONDS = 6 * 60 * 60;

export interface SlackFrontDoorDeps {
  signingSecret?: string;
  botUserId?: string;
  claims: Pick<ClaimRepository, 'claim' | 'release'>;
  queue?: WorkQueue;
  logger: Logger;
  now?: () => number;
}

/** Events the worker has listeners for; everything else is acknowledged and dropped here. */
const HANDLED_EVENTS = new Set([
  'app_mention',
  'message',
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
]);
const ANSWERED_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

interface Plan {
  /** Claims that must all be won for this request to be processed: the first one is the job id. */
  claims: { scope: string; id: string; eventId?: string }[];
  /** The HTTP answer once enqueued. */
  response: HttpResponse;
}

const ok = (): HttpResponse => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: '' });

/**
 * `POST /slack/events`: verify, answer the handshakes, claim, enqueue, acknowledge. Nothing slow happens here,
 * and nothing here loads Bolt or the Web API: Slack wants a 2xx within 3 seconds.
 */
export function createSlackFrontDoor(
  deps: SlackFrontDoorDeps,
): (request: HttpRequest) => Promise<HttpResponse> {
  const now = deps.now ?? Date.now;
  return async (request) => {
    if (!deps.signingSecret) throw new SlackNotConfiguredError('Slack is not configured');
    verifySlackSignature(request, deps.signingSecret, now());
    const contentType = request.headers['content-type'] ?? '';
    const inbound = parseSlackRequest(request.body, contentType);
    if (inbound.kind === 'url_verification') return json(200, { challenge: inbound.challenge });
    if (inbound.kind === 'ssl_check' || inbound.kind === 'unknown') return ok();
    const immediate = commandAck(inbound);
    if (immediate) return immediate;

    const plan = planRequest(inbound, deps.botUserId);
    if (!plan) return ok();
    if (!deps.queue) throw new SlackNotConfiguredError('Slack work queue is not configured');

    const won: Plan['claims'] = [];
    for (const claim of plan.claims) {
      const attributes = claim.eventId ? { eventId: claim.eventId } : {};
      if (!(await deps.claims.claim(claim.scope, claim.id, SLACK_CLAIM_TTL_SECONDS, attributes))) {
        deps.logger.debug('Slack duplicate acknowledged', {
          scope: claim.scope,
          retryNum: retryNum(request),
        });
        // Acknowledge the duplicate; keep the claims already won (the first delivery owns them).
        return { ...ok(), headers: { 'content-type': 'text/plain', 'x-slack-no-retry': '1' } };
      }
      won.push(claim);
    }

    const payload: SlackRequestJobPayload = {
      body: request.body.toString('utf8'),
      contentType,
      retryNum: retryNum(request),
      retryReason: request.headers['x-slack-retry-reason'],
      receivedAt: new Date(now()).toISOString(),
    };
    try {
      await deps.queue.enqueue({ kind: SLACK_REQUEST_JOB, id: jobId(won[0]), payload });
    } catch (error) {
      // Give the claims back so Slack's retry of this request can succeed: never lose a message to dedupe.
      await Promise.allSettled(won.map((c) => deps.claims.release(c.scope, c.id)));
      throw error;
    }
    return plan.response;
  };
}

function jobId(claim: { scope: string; id: string } | undefined): string {
  return claim ? `${claim.scope}:${claim.id}` : 'unknown';
}

function retryNum(request: HttpRequest): number | undefined {
  const raw = request.headers['x-slack-retry-num'];
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** Decides what a verified request claims and how it is acknowledged; undefined means "ack and drop". */
export function planRequest(inbound: SlackInbound, configuredBotUserId?: string): Plan | undefined {
  switch (inbound.kind) {
    case 'event':
      return planEvent(inbound.body, configuredBotUserId);
    case 'command': {
      const { body } = inbound;
      const sub = body.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      // Help is static: answer it in the acknowledgement itself, no queue trip.
      if (sub === '' || sub === 'help') return undefined;
      const id = body.trigger_id ?? `${body.team_id}.${body.channel_id}.${body.user_id}.${body.text}`;
      return {
        claims: [{ scope: 'slack-trigger', id }],
        response: json(200, { response_type: 'ephemeral', text: 'Working on it…' }),
      };
    }
    case 'interactive': {
      const { body } = inbound;
      const action = body.actions?.[0];
      const id = body.trigger_id ?? `${body.container?.message_ts ?? ''}.${action?.action_ts ?? ''}`;
      return { claims: [{ scope: 'slack-trigger', id }], response: ok() };
    }
    default:
      return undefined;
  }
}

/** The immediate answer of `/shopguide` and `/shopguide help`. */
export function commandAck(inbound: SlackInbound): HttpResponse | undefined {
  if (inbound.kind !== 'command') return undefined;
  const sub = inbound.body.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (sub === '' || sub === 'help') return json(200, { response_type: 'ephemeral', text: helpText() });
  return undefined;
}

function planEvent(envelope: SlackEventEnvelope, configuredBotUserId?: string): Plan | undefined {
  const event = envelope.event;
  if (!HANDLED_EVENTS.has(event.type)) return undefined;
  if (event.type === 'message' || event.type === 'app_mention') {
    if (event.bot_id || !ANSWERED_SUBTYPES.has(event.subtype) || !event.channel || !event.ts)
      return undefined;
    const botIds = botUserIdsOf(envelope, configuredBotUserId);
    if (event.user && botIds.includes(event.user)) return undefined;
    if (event.type === 'message' && event.channel_type !== 'im') {
      // In channels only messages addressed to the bot are answered; they also arrive as app_mention.
      // Thread replies are kept too: one may be a merchant answering a handoff card (the worker checks).
      const threadReply = event.thread_ts !== undefined && event.thread_ts !== event.ts;
      if (!threadReply && !botIds.some((id) => event.text?.includes(`<@${id}>`))) return undefined;
    }
    // app_mention and message carry different event ids for the same post, and every retry of either
    // carries the same channel and ts: one conditional write on the post dedupes both, and keeps the ack to a
    // single round trip. The event id is kept on the claim for tracing.
    const team = envelope.team_id ?? event.team ?? '-';
    return {
      claims: [
        { scope: 'slack-post', id: `${team}.${event.channel}.${event.ts}`, eventId: envelope.event_id },
      ],
      response: ok(),
    };
  }
  return { claims: [{ scope: 'slack-event', id: envelope.event_id }], response: ok() };
}
