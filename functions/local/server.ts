import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ComposeOptions, Composition } from '../app/compose';
import { clusterNotifiersOnce, digestSendersOnce } from '../app/digest-senders';
import { runKnowledgeStep } from '../faq/knowledge-step';
import { createJobConsumers } from '../app/job-consumers';
import type { ShopperAssistant } from '../assistant/shopper-assistant';
import { startHandoffTimer } from '../handoff/timers';
import { createSlackRoutes } from '../channels/slack/routes';
import { createTeamsRoutes } from '../channels/teams/routes';
import { createWebchatRoutes } from '../channels/webchat/routes';
import { createCatalogSyncRoutes } from '../catalog-sync/routes';
import { createOrderRoutes } from '../orders/order-webhook';
import { SessionTokens } from '../channels/webchat/session-token';
import type { Config } from '../config/config';
import type { Route } from '../http/http-types';
import { fromNodeRequest, writeNodeResponse } from '../http/node-adapter';
import { json } from '../http/respond';
import { InProcessQueue } from '../queue/in-process-queue';
import { createJobRouter } from '../queue/job-router';
import { startAggregationTimer } from '../feedback-loop/run-aggregation';
import { runDigestStep } from '../insights/digest-step';
import { Router } from '../http/router';
import { loadLocalSecrets } from './local-secrets';
import { openLocalRuntime, type LocalRuntime } from './local-runtime';

export interface LocalServer {
  url: string;
  services: Composition;
  runtime: LocalRuntime;
  assistant: ShopperAssistant;
  close(): Promise<void>;
}

export interface LocalServerOptions {
  config: Config;
  port?: number;
  overrides?: ComposeOptions;
  onProgress?: (message: string) => void;
  /** False serves an existing table as it is (the deployed-stack stand-ins): no demo store is seeded. */
  seed?: boolean;
}

/**
 * The whole product on one port: every HTTP route of the Lambda functions, over the embedded DynamoDB,
 * with in-process stand-ins for the queue and the schedule. `npm start` and the end-to-end tests use it.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { config } = options;
  // Slack and Teams defer slow work to the queue; locally it is in-process, with dead letters in DynamoDB.
  const runtime = await openLocalRuntime(config, {
    seed: options.seed,
    overrides: { ...options.overrides, queue: options.overrides?.queue ?? 'in-process' },
    onProgress: options.onProgress,
  });
  const { services } = runtime;
  const localQueue =
    !options.overrides?.queue && services.queue instanceof InProcessQueue ? services.queue : undefined;
  localQueue?.consume(createJobRouter(createJobConsumers(services)));
  const secret =
    config.webchat.tokenSecret ??
    (config.runtime === 'test'
      ? randomBytes(32).toString('base64url')
      : loadLocalSecrets(config.dataDir).webchatTokenSecret);
  const tokens = new SessionTokens(secret, config.webchat.tokenTtlHours, services.now);
  const assistant = await services.assistant();
  const digestSenders = digestSendersOnce(services);
  const clusterNotifiers = clusterNotifiersOnce(services);

  const routes: Route[] = [
    ...createWebchatRoutes(services, { assistant, tokens, handoff: services.handoff }),
    ...createTeamsRoutes(services),
    ...createSlackRoutes(services),
    ...createOrderRoutes(services),
    ...createCatalogSyncRoutes(services),
  ];
  const router = new Router(routes, services.logger);

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await fromNodeRequest(req, router.maxBodyBytes);
        if (request === 'too_large')
          return writeNodeResponse(res, json(413, { error: 'Request body too large' }));
        writeNodeResponse(res, await router.handle(request));
      } catch (error) {
        services.logger.error('Local server failed a request', { error });
        if (!res.headersSent)
          writeNodeResponse(res, json(500, { error: 'Something went wrong, please try again' }));
        else res.end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.port, config.host, () => resolve());
  });
  const stopAggregation = startAggregationTimer(
    services.feedbackLoopDeps,
    config.aggregateIntervalMinutes,
    async () => {
      await runDigestStep(services, digestSenders);
      await runKnowledgeStep(services.knowledgeLoopDeps, clusterNotifiers);
    },
  );
  // Handoff timers also run lazily on the next shopper message; this catches shoppers who went quiet.
  const stopHandoffTimer = startHandoffTimer(services.handoff, services);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  return {
    url,
    services,
    runtime,
    assistant,
    async close() {
      stopAggregation();
      stopHandoffTimer();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await localQueue?.drain();
      await runtime.close();
    },
  };
}
