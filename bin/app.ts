import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { readSettings } from '../lib/settings';
import { ShopGuideStack } from '../lib/shopguide-stack';

/**
 * CDK app entry (`cdk.json`: `npx tsx bin/app.ts`). Settings come from CDK context (`cdk.json` or `-c key=value`).
 * No account or region is resolved here, so `cdk synth` works offline; `cdk deploy` uses the CLI's credentials.
 */
const app = new App();
const settings = readSettings(app.node);
new ShopGuideStack(app, `ShopGuide-${settings.stage}`, {
  settings,
  description: 'ShopGuide: serverless shopping guide and partner bot (web chat, Slack, Teams)',
});
// The same checks the nag test enforces: `cdk synth` fails on any unacknowledged finding.
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true }),
  new ServerlessChecks(app, { verbose: true }),
);
