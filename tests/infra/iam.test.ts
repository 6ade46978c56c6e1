import { Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_SPECS } from '../../lib/function-specs';
import { synthStack } from './synth';

type Resource = { Type: string; Properties?: Record<string, unknown> };
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string[]>>;
}

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Least privilege on the table: each function gets only the DynamoDB actions its code issues. */
describe('IAM: DynamoDB access per function', () => {
  const { stack } = synthStack();
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  const tableId = Object.keys(resources).find((id) => resources[id]?.Type === 'AWS::DynamoDB::Table');

  /** The DynamoDB statements of the role of the function with this description. */
  const dynamoStatements = (description: string): Statement[] => {
    const fn = Object.values(resources).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Description === description,
    );
    const roleId = (fn?.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    return Object.values(resources)
      .filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          (r.Properties?.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
      )
      .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')));
  };
  const onTable = (s: Statement) =>
    JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] });

  it.each(FUNCTION_SPECS.map((spec) => [spec.id, spec] as const))(
    '%s gets exactly its declared table actions, and no Scan, BatchGet or stream reads',
    (_id, spec) => {
      const statements = dynamoStatements(spec.description);
      const tableStatements = statements.filter(onTable);
      expect(tableStatements).toHaveLength(1);
      expect([...list(tableStatements[0]?.Action ?? [])].sort()).toEqual(
        [...spec.tableAccess.actions].sort(),
      );
      const everything = statements.flatMap((s) => list(s.Action));
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:GetRecords', 'dynamodb:*'])
        expect(everything).not.toContain(forbidden);
      const indexStatements = statements.filter((s) => !onTable(s));
      if (spec.tableAccess.queriesIndexes) {
        expect(indexStatements).toHaveLength(1);
        expect(indexStatements[0]?.Action).toBe('dynamodb:Query');
      } else expect(indexStatements).toEqual([]);
    },
  );

  it.each([
    ['SlackEvents', ['CLAIM#*'], ['dynamodb:DeleteItem', 'dynamodb:PutItem']],
    ['SlackOAuth', ['SLACKINSTALL#*'], ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']],
    [
      'StoreOrders',
      ['STORE#*', 'ORDERS#*', 'SUBJECT#*', 'EVENTS#*', 'EVENTID#*'],
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
    ],
  ])('%s is confined to its partition-key prefixes %j', (id, prefixes, actions) => {
    const spec = FUNCTION_SPECS.find((s) => s.id === id);
    const statement = dynamoStatements(spec?.description ?? '').find(onTable);
    expect(statement?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
    expect([...list(statement?.Action ?? [])].sort()).toEqual(actions);
  });
});
