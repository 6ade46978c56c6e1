import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from './table-schema';

/** Creates the table on a local engine when it is missing, and waits until it is active. */
export async function ensureTable(client: DynamoDBDocumentClient | DynamoDBClient, tableName: string) {
  const send = client.send.bind(client) as DynamoDBClient['send'];
  try {
    const out = await send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return false;
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
    await send(new CreateTableCommand(createTableInput(tableName)));
  }
  for (let i = 0; i < 200; i++) {
    const out = await send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Table ${tableName} did not become active`);
}
