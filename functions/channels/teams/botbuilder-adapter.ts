/**
 * The only module that imports botbuilder (past its end of support). Moving to `@microsoft/agents-hosting`
 * means rewriting this file against the `BotChannel` port in `activity.ts`, nothing else.
 */
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import {
  AppCredentials,
  AuthenticationError,
  ServiceClientCredentialsFactory,
  type AuthenticatorResult,
} from 'botframework-connector';
import type { Config } from '../../config/config';
import type { Logger } from '../../observability/logger';
import type {
  BotChannel,
  BotLogic,
  BotTurn,
  ConversationRef,
  InboundActivity,
  InvokeReply,
  OutboundMessage,
  ProactiveLogic,
} from './activity';
import { isAllowedServiceUrl } from './service-url';
import { referenceOf } from './activity';

type TeamsConfig = Config['teams'];

// Microsoft's own login hosts go through botbuilder's MSAL credentials; MSAL insists on https and on
// instance discovery against login.microsoftonline.com, which a private cloud endpoint may not offer.
const MICROSOFT_LOGIN_PREFIXES = ['https://login.microsoftonline.com/', 'https://login.microsoftonline.us/'];

/** Client-credentials grant against a non-Microsoft login endpoint (private clouds, loopback tests). */
class OAuthClientCredentials extends AppCredentials {
  constructor(
    appId: string,
    private readonly appPassword: string,
    private readonly tokenUrl: string,
    scope: string | undefined,
  ) {
    // An empty scope makes AppCredentials fall back to the Bot Framework default.
    super(appId, undefined, scope ?? '');
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.appId,
        client_secret: this.appPassword,
        scope,
      }),
    });
    if (!response.ok) throw new Error(`Token endpoint answered ${response.status}`);
    const token = (await response.json()) as { access_token?: string; expires_in?: number };
    if (typeof token.access_token !== 'string') throw new Error('Token endpoint returned no access_token');
    return {
      accessToken: token.access_token,
      expiresOn: new Date(Date.now() + (token.expires_in ?? 3600) * 1000),
    };
  }
}

/** botbuilder's configuration-driven factory, except for password credentials at a custom login URL. */
class CredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly inner: ConfigurationServiceClientCredentialFactory;

  constructor(private readonly teams: TeamsConfig) {
    super();
    this.inner = new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: teams.appId,
      MicrosoftAppPassword: teams.appPassword,
      MicrosoftAppType: teams.appType,
      MicrosoftAppTenantId: teams.appTenantId,
    });
  }

  isValidAppId(appId: string) {
    return this.inner.isValidAppId(appId);
  }

  isAuthenticationDisabled() {
    return this.inner.isAuthenticationDisabled();
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
    validate: boolean,
  ) {
    const { appPassword, appType } = this.teams;
    const custom =
      loginEndpoint && !MICROSOFT_LOGIN_PREFIXES.some((p) => loginEndpoint.toLowerCase().startsWith(p));
    if (custom && appPassword && appType !== 'UserAssignedMSI' && !(await this.isAuthenticationDisabled())) {
      if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
      const tokenUrl = `${loginEndpoint.replace(/\/+$/, '')}/oauth2/v2.0/token`;
      return new OAuthClientCredentials(appId, appPassword, tokenUrl, audience);
    }
    return this.inner.createCredentials(appId, audience ?? '', loginEndpoint, validate);
  }
}

/** CloudAdapter with its authenticated-turn entry made public: we authenticate first, then run the turn. */
class AuthenticatedCloudAdapter extends CloudAdapter {
  runTurn(...args: Parameters<CloudAdapter['processActivity']>) {
    return this.processActivity(...args);
  }
}

/** Failures of the identity provider itself are not the caller's fault: answer 503 so the channel retries. */
function isProviderFailure(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode >= 500;
  return error instanceof Error && error.name === 'FetchError';
}

function toActivity(message: OutboundMessage, activity: InboundActivity): Partial<Activity> {
  const out: Partial<Activity> = { type: ActivityTypes.Message };
  if (message.text) out.text = message.text;
  if (message.cards?.length) {
    out.attachments = message.cards.map((content) => ({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content,
    }));
  }
  if (message.suggestions?.length) {
    out.suggestedActions = {
      to: activity.from?.id ? [activity.from.id] : [],
      actions: message.suggestions.map((s) => ({ type: 'imBack', title: s, value: s })),
    };
  }
  return out;
}

function turnOf(context: TurnContext): BotTurn {
  const activity = context.activity as unknown as InboundActivity;
  return {
    activity,
    reference: referenceOf(activity),
    async sendTyping() {
      await context.sendActivity({ type: ActivityTypes.Typing });
    },
    async send(message) {
      const sent = await context.sendActivity(toActivity(message, activity));
      return sent?.id || undefined;
    },
  };
}

export interface BotFrameworkChannelOptions {
  /**
   * Accept unauthenticated calls when no app id is configured (local Bot Framework Emulator only).
   * Off in Lambda and whenever the local server listens beyond loopback: a server missing its app id
   * refuses everything instead of trusting everyone.
   */
  allowAnonymous: boolean;
  /** Accept loopback `serviceUrl`s (the Emulator, test stand-ins); never in Lambda. */
  allowLoopbackServiceUrl: boolean;
}

/** Builds the botbuilder-backed `BotChannel` from validated config. */
export function createBotFrameworkChannel(
  teams: TeamsConfig,
  logger: Logger,
  options: BotFrameworkChannelOptions,
): BotChannel {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: teams.appId,
      MicrosoftAppPassword: teams.appPassword,
      MicrosoftAppType: teams.appType,
      MicrosoftAppTenantId: teams.appTenantId,
      ...(teams.authOverrides ?? {}),
    },
    new CredentialsFactory(teams),
  );
  const adapter = new AuthenticatedCloudAdapter(auth);
  const serviceUrlPolicy = { allowLoopback: options.allowLoopbackServiceUrl };
  adapter.onTurnError = async (_context, error) => {
    // Rethrown so the turn fails as a whole and processActivity reports it; no half-sent error text.
    throw error;
  };

  return {
    async handle(request, logic: BotLogic) {
      if (!teams.appId && !options.allowAnonymous) {
        logger.warn('Teams request refused: MICROSOFT_APP_ID is not configured');
        return { status: 401 };
      }
      let activity: Activity;
      try {
        const parsed: unknown = JSON.parse(request.body.toString('utf8'));
        if (!parsed || typeof parsed !== 'object' || typeof (parsed as Activity).type !== 'string') {
          return { status: 400, body: { error: 'Expected a Bot Framework activity' } };
        }
        activity = parsed as Activity;
      } catch {
        return { status: 400, body: { error: 'Expected a JSON body' } };
      }

      if (!isAllowedServiceUrl(String(activity.serviceUrl), serviceUrlPolicy)) {
        logger.warn('Teams request refused: serviceUrl is not a Bot Framework host', {
          channelId: activity.channelId,
        });
        return { status: 400, body: { error: 'serviceUrl is not a Bot Framework host' } };
      }

      // Authenticate before building any turn, so a forged request never reaches the bot logic.
      let authResult: Awaited<ReturnType<typeof auth.authenticateRequest>>;
      try {
        authResult = await auth.authenticateRequest(activity, request.headers.authorization ?? '');
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown';
        if (isProviderFailure(error)) {
          logger.error('Bot Framework identity provider unavailable', { reason });
          return { status: 503 };
        }
        logger.warn('Teams request rejected', { reason, channelId: activity.channelId });
        return { status: 401 };
      }

      let invoke: InvokeReply | void = undefined;
      const result = await adapter.runTurn(authResult, activity, async (context) => {
        invoke = await logic(turnOf(context));
        if (invoke && context.activity.type === (ActivityTypes.Invoke as string)) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: invoke });
        }
      });
      return { status: result?.status ?? 200, body: result?.body };
    },

    async continueConversation(reference: ConversationRef, logic: ProactiveLogic) {
      if (!isAllowedServiceUrl(reference.serviceUrl, serviceUrlPolicy)) {
        throw new Error('Refusing to write to a serviceUrl that is not a Bot Framework host');
      }
      await adapter.continueConversationAsync(
        teams.appId ?? '',
        reference as unknown as Partial<ConversationReference>,
        async (context) => logic(turnOf(context)),
      );
    },
  };
}
