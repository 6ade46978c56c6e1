import type { Node } from 'constructs';
import type { ShopGuideSettings } from './shopguide-stack';

/** Stack settings from CDK context (`cdk.json` or `-c key=value`), validated; errors name the key. */
export function readSettings(node: Node): ShopGuideSettings {
  const ctx = (key: string): unknown => node.tryGetContext(key);
  const text = (key: string, fallback: string) => {
    const value = ctx(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  };
  const num = (key: string, fallback: number) => {
    const value = Number(ctx(key) ?? fallback);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`Context ${key} must be a non-negative integer`);
    return value;
  };
  const origins = ctx('allowedOrigins');
  const allowedOrigins = Array.isArray(origins)
    ? origins.map(String)
    : typeof origins === 'string'
      ? origins
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : ['*'];
  return {
    stage: text('stage', 'dev'),
    openAiModel: text('openAiModel', 'gpt-4o-mini'),
    aggregateSchedule: text('aggregateSchedule', 'rate(1 hour)'),
    feedSchedule: text('feedSchedule', 'rate(30 minutes)'),
    logRetentionDays: num('logRetentionDays', 30),
    alarmEmail: text('alarmEmail', '') || undefined,
    allowedOrigins: allowedOrigins.length > 0 ? allowedOrigins : ['*'],
    reservedConcurrency: num('reservedConcurrency', 0),
    faqClusterMinAskers: num('faqClusterMinAskers', 3),
  };
}
