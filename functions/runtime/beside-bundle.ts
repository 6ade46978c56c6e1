import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Heavy SDKs that a function needs only on some requests (botbuilder on the first Teams request, `openai` on
 * the first LLM turn) ship as their own file beside the Lambda bundle, so a cold start does not parse them.
 * `loadBeside` imports that file when it exists and the TypeScript module otherwise (local server, tests).
 * The specifier is computed, which keeps esbuild from inlining the module into the function bundle.
 */
export async function loadBeside<T extends object>(
  dir: string,
  file: string,
  source: string,
  marker: keyof T,
) {
  const prebuilt = path.join(dir, file);
  const specifier = existsSync(prebuilt) ? prebuilt : path.join(dir, source);
  // Node's import() of a CommonJS file may present its exports under `default`.
  const loaded = (await import(specifier)) as Partial<T> & { default?: T };
  return (loaded[marker] ? loaded : loaded.default) as T;
}

/** Bundles `entry` with its dependencies into `outFile` (a CDK bundling hook). */
export async function buildBesideFile(entry: string, outFile: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'error',
  });
}
