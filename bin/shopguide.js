#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly through tsx, so `npx shopguide` works right after `npm install`
// with no build step. Lambda bundles are built separately by esbuild (CDK).
// Node 20 is supported by this release; the SDK's upgrade notice would only clutter the CLI output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('./cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
