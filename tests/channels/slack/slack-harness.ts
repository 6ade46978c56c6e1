import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose, type ComposeOptions, type Composition } from '../../../functions/app/compose';
import { createSlackConsumers } from '../../../functions/channels/slack/consumers';
import { createSlackRoutes } from '../../../functions/channels/slack/routes';
import { signSlackRequest } from '../../../functions/channels/slack/signature';
import type { SlackWorkerOptions } from '../../../functions/channels/slack/slack-worker';
import { loadConfig } from '../../../functions/config/config';
import { fromNodeRequest, writeNodeResponse } from '../../../functions/http/node-adapter';
import { Router } from '../../../functions/http/router';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../../functions/local/embedded-dynamodb';
import { silentLogger } from '../../../functions/observability/logger';
import { InProcessQueue } from '../../../functions/queue/in-process-queue';
import { DeadLetterRepository } from '../../../functions/storage/dead-letter-repository';
import { createJobRouter } from '../../../functions/queue/job-router';
import { createDocumentClient } from '../../../functions/storage/dynamo-client';
import { ensureTable } from '../../../functions/storage/ensure-table';
import { Table } from '../../../functions/storage/table';
import type { Store } from '../../../functions/stores/store';
import { SlackApiStub } from '../../support/slack-api-stub';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackHarness {
  url: string;
  services: Composition;
  stub: SlackApiStub;
  queue: InProcessQueue;
  dynamo: EmbeddedDynamo;
  /** POSTs a body to /slack/events, signed unless `sign: false`. */
  post(
    body: string | Buffer,
    options?: PostOptions,
  ): Promise<{ status: number; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export interface PostOptions {
  contentType?: string;
  timestamp?: number;
  signature?: string;
  sign?: boolean;
  headers?: Record<string, string>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  worker?: SlackWorkerOptions;
  overrides?: ComposeOptions;
  maxAttempts?: number;
}

/**
 * The Slack path end to end on loopback: a local HTTP server running `createSlackRoutes` over dynalite, the
 * in-process queue feeding the Bolt worker, and the Slack API stub behind `SLACK_API_URL`.
 */
export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const dynamo = await startEmbeddedDynamo();
  const stub = new SlackApiStub();
  await stub.start();
  const config = loadConfig({
    SHOPGUIDE_RUNTIME: 'test',
    LOG_LEVEL: 'SILENT',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: `slack-${randomUUID().slice(0, 8)}`,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_BOT_USER_ID: 'W111',
    SLACK_API_URL: stub.apiUrl,
    ...options.env,
  });
  const documentClient = createDocumentClient({ region: config.storage.region, endpoint: dynamo.endpoint });
  await ensureTable(documentClient, config.storage.tableName);
  const queue = new InProcessQueue({
    logger: silentLogger,
    deadLetters: new DeadLetterRepository(new Table(documentClient, config.storage.tableName)),
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: 20,
  });
  const services = compose(config, {
    documentClient,
    logger: silentLogger,
    queue,
    ...options.overrides,
  });
  queue.consume(
    createJobRouter(
      createSlackConsumers(services, {
        ...options.worker,
        clientOptions: {
          retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
          ...options.worker?.clientOptions,
        },
      }),
    ),
  );
  const router = new Router(createSlackRoutes(services), silentLogger);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const request = await fromNodeRequest(req, router.maxBodyBytes);
      if (request === 'too_large') return writeNodeResponse(res, { status: 413 });
      writeNodeResponse(res, await router.handle(request));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    services,
    stub,
    queue,
    dynamo,
    async post(body, postOptions = {}) {
      const timestamp = String(postOptions.timestamp ?? Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = {
        'content-type': postOptions.contentType ?? 'application/json',
        ...postOptions.headers,
      };
      if (postOptions.sign !== false) {
        headers['x-slack-request-timestamp'] = timestamp;
        headers['x-slack-signature'] =
          postOptions.signature ??
          signSlackRequest(config.slack.signingSecret ?? SIGNING_SECRET, timestamp, body);
      }
      const response = await fetch(`${url}/slack/events`, {
        method: 'POST',
        headers,
        body: new Uint8Array(Buffer.from(body)),
      });
      return { status: response.status, text: await response.text(), headers: response.headers };
    },
    async close() {
      await queue.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stub.close();
      documentClient.destroy();
      await dynamo.close();
    },
  };
}

export async function createStore(services: Composition, id: string, name = `Store ${id}`): Promise<Store> {
  const store: Store = {
    id,
    name,
    currency: 'USD',
    locale: 'en-US',
    timezone: 'UTC',
    policies: { shipping: 'Ships in 2 days', returns: '30 days', warranty: '1 year' },
    secret: `secret-${id}`,
    catalogVersion: 0,
    createdAt: new Date().toISOString(),
  };
  await services.stores.create(store);
  return store;
}

/** Binds a workspace to a store the way a merchant does: a link code, redeemed. */
export async function linkWorkspace(
  services: Composition,
  storeId: string,
  teamId: string,
  purpose: 'merchant' | 'shopper' = 'merchant',
  channel = 'C111',
) {
  const code = await services.partnerService.createLinkCode(storeId, { purpose });
  const result = await services.partnerService.redeemLinkCode(code.code, {
    platform: 'slack',
    tenantId: teamId,
    conversationId: channel,
    userId: 'UOWNER',
  });
  if (!result.ok) throw new Error('link failed');
  return result;
}

/** The shop most Slack tests talk to: `shop-a`, with workspace T111 linked for shoppers in `channels`. */
export async function linkShopperShop(services: Composition, channels = ['C111']): Promise<void> {
  await createStore(services, 'shop-a');
  for (const channel of channels) await linkWorkspace(services, 'shop-a', 'T111', 'shopper', channel);
}

export interface MentionEnvelope {
  event_id: string;
  event: { ts: string; event_ts: string; text: string; type: string; channel_type?: string };
}

let mentions = 0;
/** The fixture's app_mention with a new event id and ts, as Slack sends for a new post; `text` replaces its text. */
export function freshMention(text?: string): MentionEnvelope {
  const body = fixtureJson<MentionEnvelope>('app_mention.event_callback.json');
  mentions += 1;
  body.event_id = `EvMention${mentions}`;
  body.event.ts = body.event.event_ts = `1595926230.${String(mentions).padStart(6, '0')}`;
  if (text !== undefined) body.event.text = text;
  return body;
}

export function fixture(name: string): string {
  return readFileSync(path.join(__dirname, '../../fixtures/slack', name), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixture(name)) as T;
}

/** A slash command body, form-encoded as Slack sends it. */
export function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'verification_token',
    team_id: 'T111',
    team_domain: 'test',
    channel_id: 'C111',
    channel_name: 'general',
    user_id: 'W222',
    user_name: 'merchant',
    command: '/shopguide',
    text: '',
    api_app_id: 'A111',
    trigger_id: `trigger-${randomUUID()}`,
    ...fields,
  }).toString();
}
