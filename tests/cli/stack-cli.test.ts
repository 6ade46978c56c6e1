import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../bin/cli/main';
import { compose, type Composition } from '../../functions/app/compose';
import { loadConfig } from '../../functions/config/config';
import { createDocumentClient } from '../../functions/storage/dynamo-client';
import { ensureTable } from '../../functions/storage/ensure-table';
import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import {
  startCloudFormationStandIn,
  startDynaliteProcess,
  startLambdaStandIn,
  startS3StandIn,
  type StandIn,
} from '../support/aws-stand-ins';
import { javaAvailable, startDynamoDbLocal } from '../support/dynamodb-local';

const STACK = 'ShopGuide-test';
const TABLE = 'ShopGuide-test-Table';
const REGION = 'eu-west-1';
const AGGREGATE = 'ShopGuide-test-Aggregate';
const BUCKET = 'shopguide-test-catalog';

const engines: [string, () => Promise<StandIn>][] = [
  ['dynalite in its own process', () => startDynaliteProcess()],
];
if (javaAvailable()) {
  engines.push([
    'DynamoDB Local',
    async () => {
      // A JVM start on a loaded two-core machine can take a minute.
      const local = await startDynamoDbLocal({ startTimeoutMs: 120_000 });
      return { endpoint: local.endpoint, close: local.stop };
    },
  ]);
} else {
  // Said, not silently skipped: the dynalite run above still covers the commands.
  process.stderr.write('java not found: the DynamoDB Local run of the stack CLI suite is skipped\n');
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe.each(engines)('the CLI on a deployed stack (%s)', (_engine, startEngine) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sg-stack-cli-'));
  const files = mkdtempSync(path.join(tmpdir(), 'sg-stack-files-'));
  const savedEnv = { ...process.env };
  let dynamo: StandIn;
  let standIns: StandIn[] = [];
  let deployed: Composition;
  let lambda: Awaited<ReturnType<typeof startLambdaStandIn>>;
  let s3: Awaited<ReturnType<typeof startS3StandIn>>;
  const run = async (...argv: string[]) => {
    const io = capture();
    const code = await main([...argv, '--stack', STACK], io.io);
    return { code, ...io };
  };

  beforeAll(async () => {
    dynamo = await startEngine();
    // What `cdk deploy` made: the table exists and is empty. The CLI must use it as it is.
    const admin = createDocumentClient({ region: REGION, endpoint: dynamo.endpoint });
    await ensureTable(admin, TABLE);
    const deployedConfig = loadConfig({ SHOPGUIDE_RUNTIME: 'test', LOG_LEVEL: 'SILENT', TABLE_NAME: TABLE });
    deployed = compose(deployedConfig, { documentClient: admin, snapshotStore: null });
    // The deployed aggregate function, as the Lambda stand-in runs it.
    lambda = await startLambdaStandIn({
      [AGGREGATE]: async (payload) => ({
        stores: await runAggregation(deployed.feedbackLoopDeps, {
          storeId: (payload as { storeId?: string }).storeId,
          now: new Date(),
        }),
      }),
    });
    s3 = await startS3StandIn();
    const cloudFormation = await startCloudFormationStandIn({
      [STACK]: {
        region: REGION,
        outputs: {
          TableName: TABLE,
          Region: REGION,
          WorkQueueUrl: `https://sqs.${REGION}.amazonaws.com/123456789012/ShopGuide-test-WorkQueue`,
          CatalogBucketName: BUCKET,
          AggregateFunctionName: AGGREGATE,
        },
      },
    });
    standIns = [lambda, s3, cloudFormation, dynamo];
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      // DynamoDB Local keeps one database per access key: the same key as the "deployed" side's client.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
      DATA_DIR: dataDir,
      SHOPGUIDE_RUNTIME: 'local',
    });
    delete process.env.DYNAMODB_ENDPOINT;
    delete process.env.SHOPGUIDE_STACK;
  }, 180_000);

  afterAll(async () => {
    process.env = savedEnv;
    deployed?.documentClient.destroy();
    for (const standIn of standIns) await standIn.close();
  });

  test('store create says which stack and region before writing, and seeds nothing', async () => {
    const created = await run(
      'store',
      'create',
      'acme',
      '--name',
      'Acme Outdoor',
      '--currency',
      'EUR',
      '--json',
    );
    expect(created.code).toBe(0);
    expect(created.err[0]).toBe(`Using stack ${STACK} in ${REGION} (table ${TABLE}).`);
    expect(JSON.parse(created.out[0] ?? '{}')).toMatchObject({ id: 'acme', secret: expect.any(String) });
    expect(await deployed.stores.get('acme')).toMatchObject({ name: 'Acme Outdoor', currency: 'EUR' });
    expect(await deployed.stores.get('demo')).toBeUndefined();
  });

  test('import products: --dry-run writes nothing, the import writes products and the snapshot', async () => {
    const file = path.join(files, 'catalog.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'tent-2', title: 'Ridge 2 Tent', category: 'camping', price: 249, stock: 7, brand: 'Acme' },
        { id: 'lamp-1', title: 'Camp Lantern', category: 'camping', price: 29.5, stock: 40 },
        { id: 'bad', title: 'No price', category: 'camping', stock: 1 },
      ]),
    );
    const dry = await run('import', 'products', file, '--store', 'acme', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out[0] ?? '{}')).toMatchObject({ dryRun: true, added: 2, changed: 0, rejected: 1 });
    expect(await deployed.products.list('acme')).toEqual([]);

    const real = await run('import', 'products', file, '--store', 'acme', '--json');
    expect(real.code).toBe(0);
    expect(real.err[0]).toContain(`Using stack ${STACK} in ${REGION}`);
    expect(JSON.parse(real.out[0] ?? '{}')).toMatchObject({ imported: 2, rejected: 1, catalogVersion: 1 });
    expect((await deployed.products.list('acme')).map((p) => p.id).sort()).toEqual(['lamp-1', 'tent-2']);
    expect(s3.objects.has(`${BUCKET}/catalog-snapshots/acme.json.gz`)).toBe(true);

    writeFileSync(
      file,
      JSON.stringify([{ id: 'lamp-1', title: 'Camp Lantern', category: 'camping', price: 25, stock: 40 }]),
    );
    const again = await run('import', 'products', file, '--store', 'acme', '--dry-run', '--json');
    expect(JSON.parse(again.out[0] ?? '{}')).toMatchObject({ added: 0, changed: 1, changedIds: ['lamp-1'] });
  });

  test('import orders, partner link-code and list, strategy show work on the stack', async () => {
    const orders = path.join(files, 'orders.json');
    writeFileSync(
      orders,
      JSON.stringify([
        {
          id: 'A-1',
          customerId: 'c1',
          createdAt: new Date().toISOString(),
          status: 'paid',
          items: [{ productId: 'tent-2', title: 'Ridge 2 Tent', price: 249, quantity: 1 }],
        },
      ]),
    );
    expect((await run('import', 'orders', orders, '--store', 'acme', '--dry-run')).out[0]).toContain(
      '1 new orders',
    );
    expect(await deployed.orders.get('acme', 'A-1')).toBeUndefined();
    expect((await run('import', 'orders', orders, '--store', 'acme')).code).toBe(0);
    expect(await deployed.orders.get('acme', 'A-1')).toMatchObject({ total: 249 });

    const link = await run('partner', 'link-code', 'acme', '--json');
    expect(link.code).toBe(0);
    const { code } = JSON.parse(link.out[0] ?? '{}') as { code: string };
    expect(code).toEqual(expect.any(String));
    const list = await run('partner', 'list', '--store', 'acme', '--json');
    expect(JSON.parse(list.out[0] ?? '{}').audit[0]).toMatchObject({ action: 'link_code' });

    expect((await run('strategy', 'show', '--store', 'acme')).code).toBe(0);
  });

  test('aggregate invokes the deployed function through Lambda Invoke', async () => {
    const result = await run('aggregate', '--store', 'acme', '--json');
    expect(result.code).toBe(0);
    expect(lambda.invocations).toEqual([{ name: AGGREGATE, payload: { storeId: 'acme' } }]);
    expect(JSON.parse(result.out[0] ?? '{}').stores).toEqual([expect.objectContaining({ storeId: 'acme' })]);
  });

  test('an unknown stack is one clear error line; nothing was created anywhere', async () => {
    const io = capture();
    expect(await main(['store', 'create', 'x1', '--name', 'X', '--stack', 'NoSuchStack'], io.io)).toBe(1);
    expect(io.err).toEqual([
      expect.stringMatching(/^error: Cannot read stack NoSuchStack in us-east-1: .*does not exist/),
    ]);

    const tables = await deployed.documentClient.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual([TABLE]);
    expect(await deployed.stores.list()).toEqual([expect.objectContaining({ id: 'acme' })]);
    // The local DATA_DIR was never opened: no embedded database, no demo seed.
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
