#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly through tsx, so `npx shopguide` works right after `npm install`
// with no build step. Lambda bundles are built separately by esbuild (CDK).
// Node 20 is supported by this release; the SDK's upgrade notice would only clutter the CLI output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Both hooks: `require` for the CommonJS sources, and the ESM loader for the lazy `await import()`s that keep
// heavy SDKs off the cold path (they resolve extensionless .ts specifiers only through tsx's loader).
// `shopguide ... | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
require('tsx/cjs');
import('tsx/esm')
  .then(() => require('./cli/main.ts').main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
