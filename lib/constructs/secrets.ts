import type { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ShopGuideSecretsProps {
  readonly stage: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The credentials, held in Secrets Manager and handed to functions as ARNs only (functions/config/secrets.ts
 * reads them at cold start, cached). Third-party values start empty and the admin fills them in with
 * `aws secretsmanager put-secret-value` (docs/deploy.md); values we can make ourselves are generated here.
 *
 * Shapes (JSON), read by `resolveSecrets`:
 * - openai: `{"apiKey":"sk-..."}` (a bare key string is accepted too); empty keeps the offline assistant;
 * - slack: `{"signingSecret","clientId","clientSecret","stateSecret","botToken"?,"botUserId"?}`;
 * - microsoft: `{"appId","appPassword","appTenantId"?}`;
 * - webchat token: a generated random string, the HMAC key for shopper session tokens.
 */
export class ShopGuideSecrets extends Construct {
  readonly openAi: secretsmanager.Secret;
  readonly slack: secretsmanager.Secret;
  readonly microsoft: secretsmanager.Secret;
  readonly webchatToken: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ShopGuideSecretsProps) {
    super(scope, id);
    const name = (suffix: string) => `shopguide/${props.stage}/${suffix}`;
    // CloudFormation cannot create a secret without a value, so each JSON template also gets one generated
    // key that nothing reads (`_generated`) while the real fields start empty.
    const template = (fields: Record<string, string>) => ({
      secretStringTemplate: JSON.stringify(fields),
      generateStringKey: '_generated',
      excludePunctuation: true,
    });

    this.openAi = new secretsmanager.Secret(this, 'OpenAi', {
      secretName: name('openai'),
      description: 'OpenAI (or compatible) API key: {"apiKey":"sk-..."}. Empty keeps the offline assistant.',
      generateSecretString: template({ apiKey: '' }),
      removalPolicy: props.removalPolicy,
    });
    this.slack = new secretsmanager.Secret(this, 'Slack', {
      secretName: name('slack'),
      description:
        'Slack app credentials: signingSecret, clientId, clientSecret, stateSecret, optional botToken',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({
          signingSecret: '',
          clientId: '',
          clientSecret: '',
          botToken: '',
        }),
        // The OAuth state secret is ours to choose, so CDK generates it.
        generateStringKey: 'stateSecret',
        excludePunctuation: true,
        passwordLength: 48,
      },
      removalPolicy: props.removalPolicy,
    });
    this.microsoft = new secretsmanager.Secret(this, 'Microsoft', {
      secretName: name('microsoft'),
      description: 'Bot Framework / Entra app registration: appId, appPassword, optional appTenantId',
      generateSecretString: template({ appId: '', appPassword: '', appTenantId: '' }),
      removalPolicy: props.removalPolicy,
    });
    this.webchatToken = new secretsmanager.Secret(this, 'WebchatToken', {
      secretName: name('webchat-token'),
      description: 'HMAC key for shopper web chat session tokens (generated; rotate by putting a new value)',
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      removalPolicy: props.removalPolicy,
    });
  }

  /** Name → secret, for outputs and docs. */
  all(): Record<string, secretsmanager.Secret> {
    return {
      OpenAiSecretName: this.openAi,
      SlackSecretName: this.slack,
      MicrosoftSecretName: this.microsoft,
      WebchatTokenSecretName: this.webchatToken,
    };
  }
}
