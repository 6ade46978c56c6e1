import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoredFunction {
  readonly id: string;
  readonly fn: lambda.IFunction;
  /** p99 duration threshold for front doors; undefined means no duration alarm. */
  readonly p99Threshold?: Duration;
}

export interface ShopGuideAlarmsProps {
  readonly functions: readonly MonitoredFunction[];
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  readonly api: apigwv2.HttpApi;
  /** When set, alarms notify this address through an encrypted SNS topic. */
  readonly alarmEmail?: string;
}

/**
 * Alarms that mean "a shopper or merchant is affected": function errors and throttles, anything in a DLQ,
 * API 5xx, and front doors slow enough to miss a platform deadline (Slack retries after 3 s).
 */
export class ShopGuideAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: ShopGuideAlarmsProps) {
    super(scope, id);
    if (props.alarmEmail) {
      this.topic = new sns.Topic(this, 'Topic', {
        displayName: 'ShopGuide alarms',
        enforceSSL: true,
        masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const fiveMinutes = Duration.minutes(5);

    for (const { id: name, fn, p99Threshold } of props.functions) {
      this.add(
        `${name}Errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `${name} threw`,
      );
      this.add(
        `${name}Throttles`,
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `${name} throttled`,
      );
      if (p99Threshold) {
        this.add(
          `${name}P99Duration`,
          fn.metricDuration({ period: fiveMinutes, statistic: 'p99' }),
          p99Threshold.toMilliseconds(),
          `${name} p99 duration above ${p99Threshold.toMilliseconds()} ms`,
          3,
        );
      }
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(
        `${name}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        1,
        `${name} holds failed work`,
      );
    }
    this.add(
      'Api5xx',
      props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      5,
      'API 5xx responses',
    );
  }

  private add(
    id: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    description: string,
    evaluationPeriods = 1,
  ) {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `ShopGuide: ${description}`,
    });
    if (this.topic) alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
