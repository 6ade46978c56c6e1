import { Match, Template } from 'aws-cdk-lib/assertions';
import { TABLE_KEYS } from '../../functions/storage/table-schema';
import { FUNCTION_SPECS } from '../../lib/function-specs';
import { synthStack } from './synth';

type Resource = { Type: string; Properties?: Record<string, unknown> };

describe('ShopGuide stack template', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;

  it('has one on-demand, encrypted table with the shared key schema, both GSIs, TTL and PITR', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2].map((gsi) =>
          Match.objectLike({
            IndexName: gsi.name,
            KeySchema: [
              { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
              { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ),
      }),
    });
  });

  it('destroys the table in dev stages only', () => {
    const dev = Template.fromStack(synthStack({ stage: 'dev' }).stack);
    dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('has one arm64 Node 22+ function per entry point, each with its own log group and retention', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(FUNCTION_SPECS.length);
    for (const fn of functions) {
      const props = fn.Properties ?? {};
      expect(props.Architectures).toEqual(['arm64']);
      expect(Number(/^nodejs(\d+)\.x$/.exec(String(props.Runtime))?.[1])).toBeGreaterThanOrEqual(22);
      expect(props.Handler).toBe('index.handler');
      expect(props.LoggingConfig).toEqual(expect.objectContaining({ LogFormat: 'JSON' }));
    }
    for (const spec of FUNCTION_SPECS) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        MemorySize: spec.memorySize,
        Timeout: spec.timeoutSeconds,
        Environment: {
          Variables: Match.objectLike({ SHOPGUIDE_RUNTIME: 'lambda', TABLE_NAME: Match.anyValue() }),
        },
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('passes secrets to functions as ARNs only, never as values', () => {
    const variables = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .flatMap((r) => Object.keys((r.Properties?.Environment as { Variables: object }).Variables));
    for (const plain of [
      'OPENAI_API_KEY',
      'SLACK_SIGNING_SECRET',
      'SLACK_CLIENT_SECRET',
      'MICROSOFT_APP_PASSWORD',
      'WEBCHAT_TOKEN_SECRET',
    ]) {
      expect(variables).not.toContain(plain);
    }
    expect(variables).toEqual(
      expect.arrayContaining([
        'OPENAI_SECRET_ARN',
        'SLACK_SECRET_ARN',
        'MICROSOFT_SECRET_ARN',
        'WEBCHAT_TOKEN_SECRET_ARN',
      ]),
    );
    template.resourceCountIs('AWS::SecretsManager::Secret', 4);
  });

  it('routes every public path to its function', () => {
    const routeKeys = Object.values(resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties?.RouteKey);
    expect(routeKeys.sort()).toEqual(
      [
        'GET /',
        'GET /health',
        'GET /webchat/widget.js',
        'GET /webchat/{storeId}',
        'ANY /webchat/{proxy+}',
        'POST /slack/events',
        'GET /slack/install',
        'GET /slack/oauth_redirect',
        'POST /api/messages',
        'POST /stores/{storeId}/orders',
        'POST /stores/{storeId}/products',
        'POST /stores/{storeId}/shopify/webhooks',
      ].sort(),
    );
  });

  it('throttles the default stage, writes access logs, and limits CORS to the configured origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://shop.example.com'] }),
    });
  });

  it('feeds the worker from an SSL-only queue with a DLQ and partial batch failure reporting', () => {
    template.resourceCountIs('AWS::SQS::Queue', 3);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
    }
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
  });

  it('runs the aggregation on a schedule with retries and a failure destination', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('lets the aggregate function deliver cluster cards and the worker handle the Write answer modal', () => {
    const fn = (id: string) => {
      const spec = FUNCTION_SPECS.find((s) => s.id === id);
      const found = Object.values(resources).find(
        (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Description === spec?.description,
      );
      return (found?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    };
    // Cards go to Slack and Teams from the scheduled run, with the configurable threshold.
    expect(fn('Aggregate').FAQ_CLUSTER_MIN_ASKERS).toBe('3');
    expect(Object.keys(fn('Aggregate'))).toEqual(
      expect.arrayContaining(['SLACK_SECRET_ARN', 'MICROSOFT_SECRET_ARN']),
    );
    // Button clicks and the modal's view_submission reach the worker through the Slack front door's queue.
    expect(Object.keys(fn('SlackEvents'))).toEqual(
      expect.arrayContaining(['SLACK_SECRET_ARN', 'WORK_QUEUE_URL']),
    );
    expect(Object.keys(fn('Worker'))).toEqual(
      expect.arrayContaining(['SLACK_SECRET_ARN', 'MICROSOFT_SECRET_ARN']),
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms on errors, throttles, DLQ depth, API 5xx and front-door p99, notifying the alarm email', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    const byMetric = (name: string) => alarms.filter((a) => a.Properties?.MetricName === name);
    expect(byMetric('Errors')).toHaveLength(FUNCTION_SPECS.length);
    expect(byMetric('Throttles')).toHaveLength(FUNCTION_SPECS.length);
    expect(byMetric('ApproximateNumberOfMessagesVisible')).toHaveLength(2);
    expect(byMetric('5xx')).toHaveLength(1);
    const p99 = byMetric('Duration').filter((a) => a.Properties?.ExtendedStatistic === 'p99');
    expect(p99).toHaveLength(FUNCTION_SPECS.filter((s) => s.frontDoor).length);
    for (const alarm of alarms) expect(alarm.Properties?.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it('creates no SNS topic when no alarm email is configured', () => {
    Template.fromStack(synthStack({ alarmEmail: undefined }).stack).resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('grants no wildcard actions, and wildcard resources only for X-Ray', () => {
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
    expect(statements.length).toBeGreaterThan(0);
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
    for (const statement of statements) {
      for (const action of list(statement.Action)) expect(String(action)).not.toMatch(/(^\*$)|(:\*$)/);
      if (list(statement.Resource).includes('*')) {
        expect(list(statement.Action).every((a) => String(a).startsWith('xray:'))).toBe(true);
      }
    }
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  it('outputs the endpoints and the secret names', () => {
    const outputs = template.toJSON().Outputs as Record<string, unknown>;
    for (const name of [
      'ApiUrl',
      'SlackRequestUrl',
      'TeamsMessagingEndpoint',
      'OpenAiSecretName',
      'SlackSecretName',
      'MicrosoftSecretName',
      'WebchatTokenSecretName',
      'TableName',
      'Region',
      'WorkQueueUrl',
      'CatalogBucketName',
      'AggregateFunctionName',
    ]) {
      expect(outputs).toHaveProperty(name);
    }
  });

  describe('catalog sync and snapshots', () => {
    const bucketRef = { Ref: Match.stringLikeRegexp('^CatalogBucket') };
    const policyStatements = () =>
      Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
        .flatMap(([, r]) =>
          (
            r.Properties?.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
          ).Statement.map((statement) => ({ roles: JSON.stringify(r.Properties?.Roles), ...statement })),
        );
    const s3Statements = () => policyStatements().filter((st) => JSON.stringify(st.Action).includes('s3:'));

    it('keeps snapshots in one private, encrypted, SSL-only bucket', () => {
      template.resourceCountIs('AWS::S3::Bucket', 1);
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        }),
      });
      const bucketPolicy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy');
      expect(JSON.stringify(bucketPolicy?.Properties)).toContain('"aws:SecureTransport":"false"');
    });

    it('grants only GetObject to the catalog readers and PutObject to the two writers, on the snapshot prefix', () => {
      const statements = s3Statements();
      const actions = statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
      expect([...new Set(actions)].sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      for (const statement of statements) {
        expect(JSON.stringify(statement.Resource)).toContain('/catalog-snapshots/*');
      }
      const writers = statements.filter((st) => JSON.stringify(st.Action).includes('PutObject'));
      expect(writers).toHaveLength(2);
      expect(writers.map((w) => w.roles).join()).toMatch(
        /StoreCatalogRole.*FeedPullRole|FeedPullRole.*StoreCatalogRole/,
      );
      const readers = statements
        .filter((st) => JSON.stringify(st.Action).includes('GetObject'))
        .map((st) => st.roles);
      for (const id of ['Webchat', 'TeamsMessages', 'Worker', 'Aggregate', 'StoreCatalog', 'FeedPull']) {
        expect(readers.join()).toContain(`${id}Role`);
      }
      for (const id of ['SlackEvents', 'SlackOAuth', 'StoreOrders'])
        expect(readers.join()).not.toContain(`${id}Role`);
    });

    it('tells the catalog functions where the bucket is', () => {
      for (const spec of FUNCTION_SPECS.filter((f) =>
        ['Webchat', 'StoreCatalog', 'FeedPull', 'Worker'].includes(f.id),
      )) {
        template.hasResourceProperties('AWS::Lambda::Function', {
          Description: spec.description,
          Environment: { Variables: Match.objectLike({ CATALOG_BUCKET: bucketRef }) },
        });
      }
    });

    it('pulls the feeds on their own schedule with retries and a failure destination', () => {
      const feedFunction = Object.entries(resources).find(
        ([, r]) =>
          r.Type === 'AWS::Lambda::Function' && String(r.Properties?.Description).includes('catalog feed'),
      )?.[0];
      expect(feedFunction).toBeDefined();
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(30 minutes)',
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [feedFunction, 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
            DeadLetterConfig: { Arn: Match.anyValue() },
          }),
        ],
      });
    });
  });
});
