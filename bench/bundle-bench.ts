import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BuildOptions, Metafile } from 'esbuild';
import {
  ESBUILD_OPTIONS,
  FUNCTION_SPECS,
  PROJECT_ROOT,
  type FunctionSpec,
  type SdkClient,
} from '../lib/function-specs';
import type { BenchRow } from './bench-row';

/**
 * Cold-start cost per Lambda function: bundle size (minified and gzip) and the time a fresh Node process takes
 * to `require` the bundle, each compared with a bare handler that only builds the AWS SDK clients that function
 * uses, bundled the same way. Bar (docs/quality-bars.md): front doors ≤ 1.5× that baseline.
 */

const run = promisify(execFile);
const IMPORT_SAMPLES = 7;
export const FRONT_DOOR_BAR = 1.5;

export interface BuiltBundle {
  file: string;
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

/** Builds one bundle with the stack's esbuild options (lib/function-specs.ts). */
export async function bundleEntry(
  source: { entry: string } | { contents: string },
  outFile: string,
): Promise<BuiltBundle> {
  const { build } = await import('esbuild');
  const input: BuildOptions =
    'entry' in source
      ? { entryPoints: [path.join(PROJECT_ROOT, source.entry)] }
      : {
          stdin: {
            contents: source.contents,
            resolveDir: PROJECT_ROOT,
            loader: 'ts',
            sourcefile: 'baseline.ts',
          },
        };
  const result = await build({
    ...ESBUILD_OPTIONS,
    mainFields: [...ESBUILD_OPTIONS.mainFields],
    external: [...ESBUILD_OPTIONS.external],
    ...input,
    absWorkingDir: PROJECT_ROOT,
    outfile: outFile,
    metafile: true,
    logLevel: 'error',
  });
  const code = await readFile(outFile);
  return { file: outFile, bytes: code.length, gzipBytes: gzipSync(code).length, metafile: result.metafile };
}

/** npm packages a bundle contains, from esbuild's metafile (`@scope/name` or `name`). */
export function bundledPackages(metafile: Metafile): Set<string> {
  const packages = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) packages.add(match[1]);
  }
  return packages;
}

const CLIENT_CODE: Record<SdkClient, { imports: string; build: string }> = {
  dynamodb: {
    imports:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    build: 'DynamoDBDocumentClient.from(new DynamoDBClient({}))',
  },
  sqs: { imports: "import { SQSClient } from '@aws-sdk/client-sqs';", build: 'new SQSClient({})' },
  'secrets-manager': {
    imports: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    build: 'new SecretsManagerClient({})',
  },
};

/** The baseline: a handler that builds the function's SDK clients at module scope and does nothing else. */
export function baselineSource(clients: readonly SdkClient[]): string {
  return [
    ...clients.map((c) => CLIENT_CODE[c].imports),
    `export const clients = [${clients.map((c) => CLIENT_CODE[c].build).join(', ')}];`,
    'export const handler = async (_event: unknown, _context: unknown) => ({ statusCode: 200, body: "" });',
  ].join('\n');
}

/** What a handler module needs in its environment to initialise, with nothing reachable over the network. */
export const BENCH_ENV: Record<string, string> = {
  SHOPGUIDE_RUNTIME: 'lambda',
  LOG_LEVEL: 'SILENT',
  TABLE_NAME: 'shopguide-bench',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  WORK_QUEUE_URL: 'http://127.0.0.1:9/123456789012/bench',
  WEBCHAT_TOKEN_SECRET: 'bench-token-secret-bench-token-secret',
  SLACK_SIGNING_SECRET: 'bench-signing-secret',
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000000',
  MICROSOFT_APP_PASSWORD: 'bench',
};

/**
 * Fastest wall time of `require(bundle)` over fresh Node processes, in milliseconds. The minimum, not the
 * median: on a shared machine the noise is all upward, and the fastest run is the closest to the bundle's
 * intrinsic cost, which is what the ratio to the baseline compares.
 */
export async function coldImportMs(file: string, samples = IMPORT_SAMPLES): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await importOnceMs(file));
  return times.length > 0 ? Math.min(...times) : Number.NaN;
}

/**
 * The bundle's and its baseline's fastest imports, sampled alternately: a machine whose load drifts during the
 * bench then moves both the same way, so their ratio compares like with like.
 */
export async function coldImportPairMs(
  bundleFile: string,
  baselineFile: string,
  samples = IMPORT_SAMPLES,
): Promise<{ bundleMs: number; baselineMs: number }> {
  const bundle: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < samples; i++) {
    baseline.push(await importOnceMs(baselineFile));
    bundle.push(await importOnceMs(bundleFile));
  }
  return { bundleMs: Math.min(...bundle), baselineMs: Math.min(...baseline) };
}

async function importOnceMs(file: string): Promise<number> {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6);process.exit(0);`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', ...BENCH_ENV },
    cwd: path.dirname(file),
    timeout: 30_000,
  });
  return Number(stdout.trim().split('\n').pop());
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const kb = (bytes: number) => round(bytes / 1024);

export async function benchBundles(specs: readonly FunctionSpec[] = FUNCTION_SPECS): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shopguide-bundles-'));
  const rows: BenchRow[] = [];
  try {
    const baselines = new Map<string, { bundle: BuiltBundle; importMs: number }>();
    for (const spec of specs) {
      const key = [...spec.sdkClients].sort().join('+');
      let baseline = baselines.get(key);
      if (!baseline) {
        const out = path.join(dir, `baseline-${key}`, 'index.js');
        await mkdir(path.dirname(out), { recursive: true });
        const bundle = await bundleEntry({ contents: baselineSource(spec.sdkClients) }, out);
        baseline = { bundle, importMs: await coldImportMs(out) };
        baselines.set(key, baseline);
      }
      const bundle = await bundleEntry({ entry: spec.entry }, path.join(dir, spec.id, 'index.js'));
      const { bundleMs: importMs, baselineMs } = await coldImportPairMs(bundle.file, baseline.bundle.file);
      const area = `bundle ${spec.id}`;
      const importRatio = importMs / baselineMs;
      const gzipRatio = bundle.gzipBytes / baseline.bundle.gzipBytes;
      const bar = spec.frontDoor ? `≤ ${FRONT_DOOR_BAR}× baseline (${key})` : undefined;
      rows.push(
        { area, metric: 'size minified', value: kb(bundle.bytes), unit: 'KiB' },
        { area, metric: 'size gzip', value: kb(bundle.gzipBytes), unit: 'KiB' },
        { area, metric: 'gzip ratio to baseline', value: round(gzipRatio, 2), unit: '×' },
        { area, metric: 'cold import', value: round(importMs), unit: 'ms' },
        {
          area,
          metric: 'cold import ratio to baseline',
          value: round(importRatio, 2),
          unit: '×',
          ...(bar ? { bar, pass: importRatio <= FRONT_DOOR_BAR } : {}),
        },
      );
    }
    for (const [key, { bundle, importMs }] of baselines) {
      const area = `baseline ${key}`;
      rows.push(
        { area, metric: 'size minified', value: kb(bundle.bytes), unit: 'KiB' },
        { area, metric: 'size gzip', value: kb(bundle.gzipBytes), unit: 'KiB' },
        { area, metric: 'cold import', value: round(importMs), unit: 'ms' },
      );
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sizes of one file on disk (used by tests to check the shipped widget). */
export async function fileBytes(file: string): Promise<number> {
  return (await stat(file)).size;
}
