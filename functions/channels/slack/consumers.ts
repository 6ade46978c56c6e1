import type { Composition } from '../../app/compose';
import type { JobConsumer } from '../../ports/work-queue';
import { SLACK_REQUEST_JOB } from './slack-types';
import type { SlackWorker, SlackWorkerOptions } from './slack-worker';

/**
 * The worker's Slack consumers, keyed by job kind. Bolt is built on the first job, so processes that only
 * register consumers (the local server at start) do not pay for it up front.
 */
export function createSlackConsumers(
  services: Composition,
  options: SlackWorkerOptions = {},
): Record<string, JobConsumer> {
  let worker: Promise<SlackWorker> | undefined;
  const load = () =>
    (worker ??= import('./slack-worker')
      .then((m) => m.createSlackWorker(services, options))
      .catch((error: unknown) => {
        worker = undefined;
        throw error;
      }));
  return {
    [SLACK_REQUEST_JOB]: async (job) => (await load()).handle(job),
  };
}
