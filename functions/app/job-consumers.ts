import { createSlackConsumers } from '../channels/slack/consumers';
import type { SlackWorkerOptions } from '../channels/slack/slack-worker';
import { createSlackHandoffNotifier } from '../channels/slack/handoff-notifier';
import { createTeamsHandoffNotifier } from '../channels/teams/handoff';
import { createTeamsConsumers } from '../channels/teams/routes';
import { createHandoffConsumers } from '../handoff/delivery';
import type { JobConsumer } from '../ports/work-queue';
import type { Composition } from './compose';

/**
 * Every consumer of the work queue, keyed by job kind: Slack and Teams turns, and handoff deliveries to both
 * platforms. The worker Lambda and the local server's in-process queue dispatch to these.
 */
export function createJobConsumers(
  app: Composition,
  options: { slack?: SlackWorkerOptions } = {},
): Record<string, JobConsumer> {
  return {
    ...createSlackConsumers(app, options.slack),
    ...createTeamsConsumers(app),
    ...createHandoffConsumers(app, [createSlackHandoffNotifier(app), createTeamsHandoffNotifier(app)]),
  };
}
