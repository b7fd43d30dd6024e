#!/usr/bin/env node
// `npm run test:mutation [-- --mutate <file or glob> …]`: StrykerJS over Tandem's core modules
// (stryker.config.mjs), then the mutation score per module. Slow (see README, "Mutation
// testing"); not part of `npm test`. With --mutate, only those files are mutated and their
// report is kept beside the full one (reports/mutation/mutation-<files>.json).
//
// StrykerJS 10 declares Node ≥ 22 and its CLI refuses older versions at start-up; Tandem
// supports Node 20.19, on which Stryker itself runs fine, so this starts it through its API.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { printSummary } from './mutation-report.mjs';

const mutate = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mutate' && args[i + 1]) mutate.push(...args[++i].split(','));
  else if (args[i]?.startsWith('--mutate=')) mutate.push(...args[i].slice('--mutate='.length).split(','));
  else {
    console.error(`Unknown argument ${args[i]}. Usage: npm run test:mutation [-- --mutate <file or glob>[,…]]`);
    process.exit(2);
  }
}

const report = mutate.length
  ? `reports/mutation/mutation-${mutate.join('+').replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '')}.json`
  : 'reports/mutation/mutation.json';

const { Stryker } = await import(pathToFileURL(resolve('node_modules/@stryker-mutator/core/dist/src/stryker.js')).href);
const started = Date.now();
const stryker = new Stryker({
  configFile: 'stryker.config.mjs',
  ...(mutate.length ? { mutate } : {}),
  jsonReporter: { fileName: report },
});
await stryker.runMutationTest();
const minutes = (Date.now() - started) / 60_000;
printSummary([report]);
console.log(`\n${minutes.toFixed(1)} min. Report: ${report} (and reports/mutation/mutation.html for the full run).`);
