import { App, type Authorize, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Composition } from '../../app/compose';
import type { ShopperReply, ShopperTurnInput } from '../../assistant/types';
import type { InsightAnswer, MerchantQuestion } from '../../insights/merchant-assistant';
import type { WorkJob } from '../../ports/work-queue';
import type { DynamoInstallationStore } from '../../storage/slack-installation-store';
import { slackClientOptions } from './client-options';
import { SlackJobError, SlackNotConfiguredError } from './errors';
import { registerSlackHandoffListeners } from './handoff-listeners';
import { registerSlackFaqListeners } from './faq-listeners';
import { registerSlackListeners } from './listeners';
import { SlackReplier } from './replier';
import { parseSlackRequest } from './request';
import { toSlackLogger } from './slack-logger';
import type { SlackRequestJobPayload } from './slack-types';

export interface SlackWorkerOptions {
  /** Web API client overrides (tests shorten retry delays). */
  clientOptions?: Partial<WebClientOptions>;
  /** The merchant insights core; injectable so adapters can be tested on their own. */
  answerMerchant?: (services: Composition, request: MerchantQuestion) => Promise<InsightAnswer>;
  /** The shopper core. */
  assistant?: { handleMessage(input: ShopperTurnInput): Promise<ShopperReply> };
}

/** Feeds queued requests to Bolt. Slack was acknowledged by the front door long ago, so `ack` does nothing. */
class QueueReceiver implements Receiver {
  private app?: App;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async dispatch(event: Omit<ReceiverEvent, 'ack'>): Promise<void> {
    if (!this.app) throw new SlackJobError('Slack worker is not initialised');
    await this.app.processEvent({ ...event, ack: async () => undefined });
  }
}

export interface SlackWorker {
  handle(job: WorkJob): Promise<void>;
  readonly app: App;
  readonly installations: DynamoInstallationStore;
}

/**
 * The Bolt app of the worker. Tokens come from `SLACK_BOT_TOKEN` (one workspace) or the installation store
 * (OAuth); `authorize` returns them without `auth.test`, so a cold start makes no Slack call.
 */
export function createSlackWorker(services: Composition, options: SlackWorkerOptions = {}): SlackWorker {
  const { config } = services;
  const installations = services.slackInstallations;
  const receiver = new QueueReceiver();
  const ledger = services.slackReplies;

  const authorize: Authorize<boolean> = async (source) => {
    if (config.slack.botToken) {
      return { botToken: config.slack.botToken, botUserId: config.slack.botUserId, teamId: source.teamId };
    }
    if (!config.slack.clientId)
      throw new SlackNotConfiguredError('Set SLACK_BOT_TOKEN or the Slack OAuth settings');
    const installation = await installations.fetchInstallation({
      teamId: source.teamId,
      enterpriseId: source.enterpriseId,
      isEnterpriseInstall: source.isEnterpriseInstall,
    });
    return {
      botToken: installation.bot?.token,
      botId: installation.bot?.id,
      botUserId: installation.bot?.userId,
      teamId: installation.team?.id ?? source.teamId,
      enterpriseId: installation.enterprise?.id ?? source.enterpriseId,
    };
  };

  const app = new App({
    receiver,
    authorize,
    logger: toSlackLogger(services.logger, 'bolt'),
    clientOptions: slackClientOptions(config, services.logger, options.clientOptions),
    convoStore: false,
    tokenVerificationEnabled: false,
  });

  registerSlackListeners(app, {
    services,
    installations,
    replier: new SlackReplier(services.logger),
    assistant: options.assistant ?? {
      handleMessage: async (input) => (await services.assistant()).handleMessage(input),
    },
    answerMerchant:
      options.answerMerchant ??
      (async (app, request) => (await app.merchantAssistant()).answerMerchantQuestion(app, request)),
  });
  registerSlackHandoffListeners(app, services, services.handoff);
  registerSlackFaqListeners(app, services);

  return {
    app,
    installations,
    async handle(job) {
      const payload = job.payload as SlackRequestJobPayload;
      const inbound = parseSlackRequest(Buffer.from(payload.body, 'utf8'), payload.contentType);
      if (inbound.kind !== 'event' && inbound.kind !== 'command' && inbound.kind !== 'interactive') return;
      if (!(await ledger.begin(job.id))) {
        services.logger.debug('Slack job already answered', { jobId: job.id });
        return;
      }
      try {
        await receiver.dispatch({
          body: inbound.body,
          retryNum: payload.retryNum,
          retryReason: payload.retryReason,
          // When Slack's click reached the front door: how old a trigger_id is by now (faq-listeners.ts).
          customProperties: { jobId: job.id, receivedAt: payload.receivedAt },
        });
      } catch (error) {
        // Give the lease back so the queue's retry can answer; the error makes the queue retry.
        await ledger.release(job.id).catch(() => undefined);
        throw error;
      }
      await ledger.complete(job.id);
    },
  };
}
