import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { WebClientOptions } from '@slack/web-api';
import type { Composition } from '../../app/compose';
import { html } from '../../http/respond';
import type { HttpRequest, HttpResponse } from '../../http/http-types';
import { slackClientOptions } from './client-options';
import { SlackNotConfiguredError } from './errors';
import { SLACK_BOT_SCOPES } from './manifest';
import { toSlackLogger } from './slack-logger';

export interface SlackOAuth {
  install(request: HttpRequest): Promise<HttpResponse>;
  callback(request: HttpRequest): Promise<HttpResponse>;
}

/**
 * Collects what InstallProvider writes to a Node response, so the same code answers API Gateway and the local
 * server. InstallProvider only uses setHeader/getHeader/writeHead/end.
 */
class ResponseRecorder {
  statusCode = 200;
  private readonly headers = new Map<string, string | string[]>();
  private chunks: string[] = [];

  setHeader(name: string, value: string | string[]) {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  writeHead(status: number, headers?: Record<string, string>) {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
    return this;
  }
  end(chunk?: string | Buffer) {
    if (chunk !== undefined) this.chunks.push(chunk.toString());
    return this;
  }
  toResponse(): HttpResponse {
    const headers: Record<string, string> = {};
    for (const [name, value] of this.headers)
      headers[name] = Array.isArray(value) ? (value[value.length - 1] ?? '') : value;
    return { status: this.statusCode, headers, body: this.chunks.join('') };
  }
}

function toNodeRequest(request: HttpRequest): IncomingMessage {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) if (value !== undefined) query.set(name, value);
  const search = query.toString();
  return {
    url: search ? `${request.path}?${search}` : request.path,
    headers: request.headers,
  } as unknown as IncomingMessage;
}

function baseUrlOf(request: HttpRequest, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const proto = request.headers['x-forwarded-proto'] ?? 'http';
  return `${proto}://${request.headers.host ?? 'localhost'}`;
}

/**
 * Multi-workspace install: `/slack/install` sets a signed state in a cookie and redirects to Slack;
 * `/slack/oauth_redirect` checks the state against the cookie, exchanges the code with `oauth.v2.access`
 * and stores the installation in DynamoDB.
 */
export function createSlackOAuth(
  services: Composition,
  clientOverrides: Partial<WebClientOptions> = {},
): SlackOAuth {
  const { config, logger } = services;
  const { clientId, clientSecret, stateSecret } = config.slack;
  if (!clientId || !clientSecret || !stateSecret) {
    throw new SlackNotConfiguredError(
      'Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
    );
  }
  const provider = new InstallProvider({
    clientId,
    clientSecret,
    stateSecret,
    stateVerification: true,
    directInstall: true,
    installationStore: services.slackInstallations,
    logger: toSlackLogger(logger, 'slack-oauth'),
    clientOptions: slackClientOptions(config, logger, clientOverrides),
  });
  const installOptions = (request: HttpRequest): InstallURLOptions => ({
    scopes: SLACK_BOT_SCOPES,
    redirectUri: `${baseUrlOf(request, config.publicBaseUrl)}/slack/oauth_redirect`,
  });

  return {
    async install(request) {
      const res = new ResponseRecorder();
      await provider.handleInstallPath(
        toNodeRequest(request),
        res as unknown as ServerResponse,
        {},
        installOptions(request),
      );
      return res.toResponse();
    },
    async callback(request) {
      const res = new ResponseRecorder();
      await provider.handleCallback(toNodeRequest(request), res as unknown as ServerResponse, {
        success: (installation) => {
          logger.info('Slack app installed', { teamId: installation.team?.id });
          const page = html(
            '<!doctype html><meta charset="utf-8"><title>ShopGuide installed</title><p>ShopGuide is installed. Run <code>/shopguide link &lt;code&gt;</code> in Slack to connect your store.</p>',
          );
          res.writeHead(200, page.headers);
          res.end(String(page.body));
        },
        failure: (error) => {
          logger.warn('Slack install failed', { error: error.name, code: (error as { code?: string }).code });
          const page = html(
            '<!doctype html><meta charset="utf-8"><title>Install failed</title><p>The Slack install did not complete. Please <a href="/slack/install">start again</a>.</p>',
            400,
          );
          res.writeHead(400, page.headers);
          res.end(String(page.body));
        },
      });
      return res.toResponse();
    },
  };
}
