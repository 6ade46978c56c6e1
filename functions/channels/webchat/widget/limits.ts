/** Numbers the widget behaves by. */

export const WIDGET_VERSION = '1.0.0';
/** Polling for a person's messages during a handoff, and its backoff after failures. */
export const POLL_INTERVAL_MS = 1500;
export const MAX_POLL_BACKOFF_MS = 15000;
export const STORAGE_PREFIX = 'shopguide:v1:';
