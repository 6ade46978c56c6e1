import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { synthStack } from './synth';

interface AcknowledgedRule {
  id: string;
  reason: string;
}

describe('cdk-nag', () => {
  const { app, stack } = synthStack();

  it.each([
    ['AwsSolutions', () => new AwsSolutionsChecks(app)],
    ['Serverless', () => new ServerlessChecks(app)],
  ])('%s pack reports no unacknowledged finding', (_name, pack) => {
    const report = pack().validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId ?? '').join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgement a written reason', () => {
    const acknowledgements = collect(stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.id).toMatch(/(AwsSolutions|Serverless)-[A-Za-z0-9]+/);
      expect(ack.reason.trim().length).toBeGreaterThan(30);
    }
  });
});

function collect(root: IConstruct): AcknowledgedRule[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      // Recorded by Validations.acknowledge as `{ [ruleId]: reason }`.
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })),
      ),
  );
}
