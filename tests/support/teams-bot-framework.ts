import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { waitFor } from './wait-for';

/**
 * Loopback stand-ins for the Bot Framework cloud:
 * - an identity service: OpenID metadata + JWKS (signing channel tokens with a locally generated RSA key;
 *   node:crypto rather than jose, whose v6 is ESM-only and cannot load under ts-jest's CommonJS),
 *   and the token endpoint the bot calls to get its own connector token;
 * - a connector at the activity's `serviceUrl`, recording every activity the bot sends.
 */
export const CONNECTOR_TOKEN = 'loopback-connector-token';
export const CHANNEL_ENDORSEMENTS = ['msteams', 'webchat', 'directline', 'emulator'];

export interface SentActivity {
  path: string;
  conversationId: string;
  authorization?: string;
  activity: {
    type: string;
    text?: string;
    replyToId?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    suggestedActions?: unknown;
    conversation?: { id: string };
  };
}

export interface TokenRequest {
  body: URLSearchParams;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined) {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export class BotFrameworkStandIn {
  readonly kid = 'loopback-key-1';
  readonly sent: SentActivity[] = [];
  readonly tokenRequests: TokenRequest[] = [];
  /** URL of the identity service; also the channel tokens' issuer. */
  identityUrl = '';
  /** The connector: put this in the activity's `serviceUrl`. */
  serviceUrl = '';
  private signingKey?: KeyObject;
  private jwk?: JsonWebKey;
  private identity?: Server;
  private connector?: Server;
  private counter = 0;

  get issuer() {
    return `${this.identityUrl}/issuer`;
  }

  async start(): Promise<this> {
    const { privateKey, publicKey } = newSigningKey();
    this.signingKey = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' };

    this.identity = createServer((req, res) => void this.handleIdentity(req, res));
    this.identityUrl = await listen(this.identity);
    this.connector = createServer((req, res) => void this.handleConnector(req, res));
    this.serviceUrl = `${await listen(this.connector)}/amer/`;
    return this;
  }

  async stop() {
    await close(this.identity);
    await close(this.connector);
  }

  /** The configuration of a bot `appId` that trusts this stand-in (with a loopback password). */
  botEnv(appId: string): Record<string, string> {
    return {
      MICROSOFT_APP_ID: appId,
      MICROSOFT_APP_PASSWORD: 'loopback-secret',
      BOT_FRAMEWORK_AUTH_OVERRIDES: JSON.stringify(this.authOverrides()),
    };
  }

  /** The `BOT_FRAMEWORK_AUTH_OVERRIDES` pointing every endpoint at loopback (one override disables all defaults). */
  authOverrides(): Record<string, string> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.identityUrl}/channel/.well-known/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.identityUrl}/emulator/.well-known/openidconfiguration`,
      ToBotFromChannelTokenIssuer: this.issuer,
      ToChannelFromBotLoginUrl: `${this.identityUrl}/botframework.com`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${this.identityUrl}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'false',
    };
  }

  /** A channel token as the Bot Framework signs it; override claims or the key to forge bad ones. */
  channelToken(options: {
    audience: string;
    serviceUrl?: string;
    issuer?: string;
    /** Expiry, epoch seconds (default: in 10 minutes). */
    expiresAt?: number;
    key?: KeyObject;
  }): string {
    const key = options.key ?? this.signingKey;
    if (!key) throw new Error('stand-in not started');
    const now = Math.floor(Date.now() / 1000);
    const exp = options.expiresAt ?? now + 600;
    return signJwt(
      { alg: 'RS256', kid: this.kid, typ: 'JWT' },
      {
        iss: options.issuer ?? this.issuer,
        aud: options.audience,
        serviceurl: options.serviceUrl ?? this.serviceUrl,
        nbf: Math.min(now, exp - 600) - 60,
        iat: Math.min(now, exp - 600),
        exp,
      },
      key,
    );
  }

  /** Messages (not typing indicators) the bot sent. */
  messages(): SentActivity[] {
    return this.sent.filter((s) => s.activity.type === 'message');
  }

  /** Resolves once `predicate` holds over what the connector received; see `waitFor` for the deadline. */
  async waitFor(predicate: (sent: SentActivity[]) => boolean, timeoutMs?: number): Promise<void> {
    await waitFor(() => predicate(this.sent), 'the connector to receive the expected activities', {
      timeoutMs,
      observed: () => this.sent.map((s) => s.activity.type),
    });
  }

  reset() {
    this.sent.length = 0;
    this.tokenRequests.length = 0;
  }

  private async handleIdentity(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.endsWith('/.well-known/openidconfiguration')) {
      return sendJson(res, 200, {
        issuer: this.issuer,
        jwks_uri: `${this.identityUrl}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && url === '/keys') {
      return sendJson(res, 200, { keys: [{ ...this.jwk, endorsements: CHANNEL_ENDORSEMENTS }] });
    }
    if (req.method === 'POST' && url === '/botframework.com/oauth2/v2.0/token') {
      const body = new URLSearchParams(await readBody(req));
      this.tokenRequests.push({ body });
      return sendJson(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: CONNECTOR_TOKEN });
    }
    sendJson(res, 404, { error: 'not found' });
  }

  private async handleConnector(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/amer\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) return sendJson(res, 404, { error: 'not found' });
    const activity = JSON.parse(await readBody(req)) as SentActivity['activity'];
    this.sent.push({
      path: req.url ?? '',
      conversationId: decodeURIComponent(match[1]),
      authorization: req.headers.authorization,
      activity,
    });
    sendJson(res, 200, { id: `sent-${++this.counter}` });
  }
}

/** A fresh RSA key pair, as the Bot Framework's signing keys are. */
export function newSigningKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function signJwt(header: object, payload: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}
