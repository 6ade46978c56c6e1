import type { Logger } from '../observability/logger';
import type { Clock } from '../ports/stores';
import { runDailyDigests, type DigestDeps, type DigestRunResult, type DigestSender } from './digest';

/**
 * The digest step of a scheduled run: sends what is due through the senders the composition root built
 * (`app/compose.ts`, one per configured platform) and logs the outcome. It never throws, so a digest
 * problem cannot fail the aggregation it runs after.
 */
export async function runDigestStep(
  deps: DigestDeps & { logger: Logger; now: Clock },
  senders: () => Promise<DigestSender[]>,
  now: Date = deps.now(),
): Promise<DigestRunResult | undefined> {
  try {
    const active = await senders();
    if (active.length === 0) return { sent: 0, skipped: 0, failed: 0 };
    const result = await runDailyDigests(deps, active, now);
    deps.logger.info('Daily digests ran', { ...result });
    return result;
  } catch (error) {
    deps.logger.error('Daily digests failed', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
    });
    return undefined;
  }
}
