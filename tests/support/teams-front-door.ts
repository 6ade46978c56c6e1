import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Composition } from '../../functions/app/compose';
import { createTeamsRoutes } from '../../functions/channels/teams/routes';
import { fromNodeRequest, writeNodeResponse } from '../../functions/http/node-adapter';
import { Router } from '../../functions/http/router';

/** `POST /api/messages` served on loopback over real HTTP, the way the local server and API Gateway do. */
export async function startTeamsFrontDoor(
  services: Composition,
): Promise<{ url: string; close(): Promise<void> }> {
  const router = new Router(createTeamsRoutes(services), services.logger);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const request = await fromNodeRequest(req, router.maxBodyBytes);
      if (request === 'too_large') return writeNodeResponse(res, { status: 413 });
      writeNodeResponse(res, await router.handle(request));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TeamsFixture = 'oneOnOneActivity' | 'groupChatActivity' | 'teamActivity';

/** A real Teams activity from tests/fixtures/teams, pointed at the loopback connector. */
export function teamsFixture(
  name: TeamsFixture,
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  const file = path.resolve(__dirname, '../fixtures/teams', `${name}.json`);
  const activity = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { ...activity, ...changes };
}

export async function postActivity(url: string, activity: unknown, token?: string) {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text };
}
