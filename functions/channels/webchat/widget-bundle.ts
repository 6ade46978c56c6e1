import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ShopGuideError } from '../../errors/errors';

/**
 * The widget script served at `GET /webchat/widget.js`.
 *
 * In Lambda the CDK bundling hook writes a prebuilt `widget.js` next to the function bundle, and that file is
 * served as is. Locally and in tests there is no prebuilt file, so the widget is built in memory with esbuild,
 * once per process. esbuild is loaded lazily so the Lambda path never pays for it (and the function bundle
 * should list `esbuild` as an external module).
 */

/** Raised when neither a prebuilt widget nor its source is available. */
export class WidgetUnavailableError extends ShopGuideError {
  override name = 'WidgetUnavailableError';
  override readonly status = 503;
}

export const WIDGET_ENTRY_POINT = path.join(__dirname, 'widget', 'widget.ts');
export const PREBUILT_WIDGET_FILE = path.join(__dirname, 'widget.js');

export interface WidgetScriptSource {
  /** A prebuilt bundle, preferred when it exists. */
  prebuiltFile?: string;
  /** The TypeScript entry point built when there is no prebuilt bundle. */
  entryPoint?: string;
}

/** Builds the widget bundle in memory: minified, one IIFE, ES2019 so older mobile browsers run it. */
export async function buildWidgetScript(entryPoint = WIDGET_ENTRY_POINT): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    // The stylesheet is a plain .css file, imported as a string and put in the shadow root's <style>.
    loader: { '.css': 'text' },
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new WidgetUnavailableError('The chat widget is unavailable');
  return output.text;
}

/** Writes the built widget to `outFile`; the CDK bundling hook calls this to ship `widget.js` with a function. */
export async function buildWidgetFile(outFile: string, entryPoint = WIDGET_ENTRY_POINT): Promise<void> {
  await writeFile(outFile, await buildWidgetScript(entryPoint), 'utf8');
}

/** Returns a loader that reads the prebuilt file or builds the widget, at most once, then serves from memory. */
export function createWidgetScriptLoader(source: WidgetScriptSource = {}): () => Promise<string> {
  const prebuiltFile = source.prebuiltFile ?? PREBUILT_WIDGET_FILE;
  const entryPoint = source.entryPoint ?? WIDGET_ENTRY_POINT;
  let pending: Promise<string> | undefined;
  const load = async (): Promise<string> => {
    try {
      return await readFile(prebuiltFile, 'utf8');
    } catch (error) {
      if (!isMissingFile(error))
        throw new WidgetUnavailableError('The chat widget is unavailable', { cause: error });
    }
    try {
      return await buildWidgetScript(entryPoint);
    } catch (error) {
      throw new WidgetUnavailableError('The chat widget is unavailable', { cause: error });
    }
  };
  return () => {
    // A failed load is not cached, so a transient error does not break the widget for the process's lifetime.
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** The widget script for this process (see the module comment for where it comes from). */
export const getWidgetScript: () => Promise<string> = createWidgetScriptLoader();

function isMissingFile(error: unknown): boolean {
  // Checked by shape: errors from node:fs may come from another realm (jest's VM contexts), failing instanceof.
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
