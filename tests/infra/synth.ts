import { App } from 'aws-cdk-lib';
import { ShopGuideStack, type ShopGuideSettings } from '../../lib/shopguide-stack';

export const TEST_SETTINGS: ShopGuideSettings = {
  stage: 'prod',
  openAiModel: 'gpt-4o-mini',
  aggregateSchedule: 'rate(1 hour)',
  feedSchedule: 'rate(30 minutes)',
  logRetentionDays: 30,
  alarmEmail: 'ops@example.com',
  allowedOrigins: ['https://shop.example.com'],
  reservedConcurrency: 0,
};

/**
 * The stack with bundling skipped (`aws:cdk:bundling-stacks: []`): template tests stay fast and offline; the
 * bundles themselves are built and checked by bundles.test.ts with the same esbuild options.
 */
export function synthStack(settings: Partial<ShopGuideSettings> = {}): { app: App; stack: ShopGuideStack } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ShopGuideStack(app, 'ShopGuideTest', { settings: { ...TEST_SETTINGS, ...settings } });
  return { app, stack };
}
