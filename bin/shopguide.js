#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly through tsx, so `npx shopguide` works right after `npm install`
// with no build step. Lambda bundles are built separately by esbuild (CDK).
require('tsx/cjs');
require('./cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
