/** Polls on a timer while a condition holds, backing off exponentially after failures. */
import { MAX_POLL_BACKOFF_MS, POLL_INTERVAL_MS } from './limits';

export class Poller {
  private timer?: number;
  private failures = 0;

  /** `tick` runs one poll and reports through `succeeded`/`failed`; `active` says whether polling is wanted. */
  constructor(
    private readonly tick: () => Promise<void>,
    private readonly active: () => boolean,
  ) {}

  /** Schedules the next poll; a delay of 0 replaces a pending one (to poll now), a longer one keeps it. */
  schedule(delay = POLL_INTERVAL_MS): void {
    if (!this.active()) return;
    if (this.timer !== undefined) {
      if (delay > 0) return;
      window.clearTimeout(this.timer);
    }
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, delay);
  }

  stop(): void {
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  succeeded(): void {
    this.failures = 0;
  }

  failed(): void {
    this.failures++;
    this.schedule(Math.min(MAX_POLL_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** this.failures));
  }
}
