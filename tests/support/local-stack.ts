import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ComposeOptions, Composition } from '../../functions/app/compose';
import { signSlackRequest } from '../../functions/channels/slack/signature';
import { loadConfig } from '../../functions/config/config';
import { startLocalServer, type LocalServer } from '../../functions/local/server';
import { InProcessQueue } from '../../functions/queue/in-process-queue';
import { SlackApiStub } from './slack-api-stub';
import { BotFrameworkStandIn } from './teams-bot-framework';
import { postActivity, teamsFixture } from './teams-front-door';
import { WebChatClient } from './webchat-client';

/**
 * The whole product as `npm start` runs it (the local server: every route, embedded DynamoDB, the in-process
 * queue), in a fresh data directory, with the loopback stand-ins of the platforms it talks to: the Slack Web
 * API stub and the Bot Framework (Teams) stand-in. The end-to-end suites start one per file.
 */
export interface LocalStackOptions {
  /** Names the temporary data directory, so a leftover one says which suite wrote it. */
  name: string;
  /** Environment for `loadConfig`, on top of a silent test runtime on port 0. */
  env?: Record<string, string>;
  overrides?: ComposeOptions;
}

export interface LocalStack {
  server: LocalServer;
  url: string;
  services: Composition;
  webchat: WebChatClient;
  /** The demo store's identity secrets: the site's keys for vouching for a signed-in customer. */
  setIdentitySecrets(secrets: string[]): Promise<void>;
  /** Resolves once every queued job (Slack and Teams work, handoff relays), retries included, is done. */
  drainQueue(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `sg-${options.name}-`));
  const server = await startLocalServer({
    config: loadConfig({
      SHOPGUIDE_RUNTIME: 'test',
      LOG_LEVEL: 'SILENT',
      PORT: '0',
      DATA_DIR: dataDir,
      ...options.env,
    }),
    overrides: options.overrides,
  });
  return {
    server,
    url: server.url,
    services: server.services,
    webchat: new WebChatClient(server.url),
    async setIdentitySecrets(secrets) {
      const store = await server.services.stores.get('demo');
      if (!store) throw new Error('demo store missing');
      await server.services.stores.save({ ...store, identitySecrets: secrets });
    },
    async drainQueue() {
      const { queue } = server.services;
      if (!(queue instanceof InProcessQueue)) throw new Error('the local stack has no in-process queue');
      await queue.drain();
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SlackStackOptions extends LocalStackOptions {
  signingSecret: string;
  /** A single-workspace bot token (user id `UBOT`); without it, installs go through OAuth (`env`). */
  botToken?: string;
}

/** A Slack slash command, as Slack posts it. */
export interface SlashCommand {
  teamId: string;
  channelId: string;
  text: string;
  triggerId: string;
  /** The id of the stub's response_url for this command. */
  responseId: string;
  userId?: string;
}

export interface SlackLocalStack extends LocalStack {
  stub: SlackApiStub;
  /** POSTs a body to /slack/events, signed as Slack signs it; Slack retries anything but 200. */
  postToSlack(body: string, contentType?: string): Promise<string>;
  slashCommand(command: SlashCommand): Promise<string>;
  /** An interactivity payload (button click, modal submission), form-encoded as Slack sends it. */
  interaction(payload: Record<string, unknown>): Promise<string>;
  /** A person's message in a channel thread, as the Events API delivers it (each with a new event id and ts). */
  threadMessage(message: ThreadMessage): Promise<string>;
  /** Links a channel of a workspace to the demo store, as a merchant does with `/shopguide link <code>`. */
  linkChannel(teamId: string, channelId: string): Promise<void>;
}

export interface ThreadMessage {
  teamId: string;
  channelId: string;
  userId: string;
  text: string;
  threadTs: string;
  /** The user's own workspace when it is another one (Slack Connect). */
  userTeam?: string;
}

/** The local stack behind the Slack API stub, signed with `signingSecret`. */
export async function startSlackLocalStack(options: SlackStackOptions): Promise<SlackLocalStack> {
  const stub = new SlackApiStub();
  await stub.start();
  const bot = options.botToken
    ? { SLACK_BOT_TOKEN: options.botToken, SLACK_BOT_USER_ID: 'UBOT' }
    : ({} as Record<string, string>);
  const stack = await startLocalStack({
    ...options,
    env: { SLACK_SIGNING_SECRET: options.signingSecret, ...bot, SLACK_API_URL: stub.apiUrl, ...options.env },
  }).catch(async (error: unknown) => {
    await stub.close();
    throw error;
  });
  const postToSlack = async (body: string, contentType = 'application/json') => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${stack.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(options.signingSecret, timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const form = 'application/x-www-form-urlencoded';
  const slashCommand = (command: SlashCommand) =>
    postToSlack(
      new URLSearchParams({
        team_id: command.teamId,
        channel_id: command.channelId,
        user_id: command.userId ?? 'UOWNER',
        user_name: 'owner',
        command: '/shopguide',
        text: command.text,
        trigger_id: command.triggerId,
        response_url: stub.responseUrl(command.responseId),
      }).toString(),
      form,
    );
  let events = 0;
  return {
    ...stack,
    stub,
    postToSlack,
    slashCommand,
    threadMessage(message) {
      events += 1;
      return postToSlack(
        JSON.stringify({
          type: 'event_callback',
          team_id: message.teamId,
          api_app_id: 'A111',
          event_id: `EvThread${events}`,
          event_time: Math.floor(Date.now() / 1000),
          event: {
            type: 'message',
            channel: message.channelId,
            channel_type: 'channel',
            user: message.userId,
            text: message.text,
            ts: `1800000000.${String(events).padStart(6, '0')}`,
            thread_ts: message.threadTs,
            team: message.teamId,
            ...(message.userTeam ? { user_team: message.userTeam } : {}),
          },
        }),
      );
    },
    interaction: (payload) => postToSlack(`payload=${encodeURIComponent(JSON.stringify(payload))}`, form),
    async linkChannel(teamId, channelId) {
      const { code } = await stack.services.partnerService.createLinkCode('demo');
      const responseId = `link-${channelId}`;
      await slashCommand({ teamId, channelId, text: `link ${code}`, triggerId: responseId, responseId });
      await stub.waitFor(() => stub.responses.some((r) => String(r.body.text).includes('Linked')));
    },
    async close() {
      await stack.close();
      await stub.close();
    },
  };
}

/** The Teams channel of the `teamActivity` fixture, and its tenant. */
export const TEAMS_CHANNEL = '19:generalChannelIdgeneralChannelId@thread.skype';
export const TEAMS_TENANT = 'tenantId-Guid';

export interface TeamsStackOptions extends LocalStackOptions {
  /** The bot's Microsoft app id: the audience of the channel's tokens. */
  appId: string;
}

export interface TeamsLocalStack extends LocalStack {
  standIn: BotFrameworkStandIn;
  /** An activity in the fixture's team channel (changes on top), signed by the channel, each with a new id. */
  sendActivity(changes: Record<string, unknown>): Promise<{ status: number; body: string }>;
  /** A click on an Adaptive Card button (`Action.Execute`) in the reply chain of the card's activity. */
  invokeCardAction(
    verb: string,
    cardId: string,
    data: Record<string, unknown>,
    from?: Record<string, string>,
  ): Promise<{ type: string; value: unknown }>;
  /** Links the team channel to the demo store, as a merchant does with `@bot link <code>`. */
  linkChannel(): Promise<void>;
}

/** The local stack as the bot `appId`, with the Bot Framework's cloud on loopback. */
export async function startTeamsLocalStack(options: TeamsStackOptions): Promise<TeamsLocalStack> {
  const standIn = await new BotFrameworkStandIn().start();
  const stack = await startLocalStack({
    ...options,
    env: {
      ...standIn.botEnv(options.appId),
      ...options.env,
    },
  }).catch(async (error: unknown) => {
    await standIn.stop();
    throw error;
  });
  let activities = 0;
  const sendActivity = (changes: Record<string, unknown>) =>
    postActivity(
      stack.url,
      teamsFixture('teamActivity', { serviceUrl: standIn.serviceUrl, id: `act-${++activities}`, ...changes }),
      standIn.channelToken({ audience: options.appId }),
    );
  return {
    ...stack,
    standIn,
    sendActivity,
    async invokeCardAction(verb, cardId, data, from) {
      const response = await sendActivity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        conversation: {
          isGroup: true,
          conversationType: 'channel',
          tenantId: TEAMS_TENANT,
          id: `${TEAMS_CHANNEL};messageid=${cardId}`,
        },
        value: { action: { type: 'Action.Execute', verb, data } },
        ...(from ? { from } : {}),
      });
      expect(response.status).toBe(200);
      return JSON.parse(response.body) as { type: string; value: unknown };
    },
    async linkChannel() {
      const { code } = await stack.services.partnerService.createLinkCode('demo');
      const linked = await sendActivity({ text: `<at>Teams Bot</at> link ${code}` });
      expect(linked.status).toBe(200);
    },
    async close() {
      await stack.close();
      await standIn.stop();
    },
  };
}
