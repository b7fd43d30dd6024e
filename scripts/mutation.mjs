#!/usr/bin/env node
// `npm run test:mutation [-- --mutate <file or glob>[,…]]`: StrykerJS over Tandem's core
// modules (stryker.config.mjs), the extension's part then the server's, then the mutation
// score per module. Slow (see README, "Mutation testing"); not part of `npm test`.
//
// Each part writes reports/mutation/<part>.json and .html; both go into
// reports/mutation/mutation.json, which scripts/mutation-report.mjs reads. With --mutate,
// only those files are mutated, and their results replace theirs in mutation.json (the rest
// stays from earlier runs), so a module can be run again on its own.
//
// StrykerJS 10 declares Node ≥ 22 and its CLI refuses older versions at start-up; Tandem
// supports Node 20.19, on which Stryker itself runs fine, so this starts it through its API.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parts } from '../stryker.config.mjs';
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

const combined = 'reports/mutation/mutation.json';
const { Stryker } = await import(pathToFileURL(resolve('node_modules/@stryker-mutator/core/dist/src/stryker.js')).href);
const started = Date.now();
mkdirSync('reports/mutation', { recursive: true });
let report;

for (const [part, patterns] of Object.entries(parts)) {
  // A file named on the command line goes to the part whose modules it is in (server/ or not).
  const own = mutate.length ? mutate.filter((m) => m.startsWith('server/') === (part === 'server')) : patterns;
  if (!own.length) continue;
  console.log(`\n▶ Mutation testing, ${part} part: ${own.join(' ')}`);
  process.env.MUTATION_PART = part;
  const partStarted = Date.now();
  const json = `reports/mutation/${part}.json`;
  const stryker = new Stryker({
    configFile: 'stryker.config.mjs',
    mutate: own,
    jsonReporter: { fileName: json },
    htmlReporter: { fileName: `reports/mutation/${part}.html` },
  });
  await stryker.runMutationTest();
  console.log(`${part} part: ${((Date.now() - partStarted) / 60_000).toFixed(1)} min`);
  const partReport = JSON.parse(readFileSync(json, 'utf8'));
  report = report ? { ...report, files: { ...report.files, ...partReport.files } } : partReport;
}

// Read only now: another run may have updated it meanwhile.
if (report && mutate.length && existsSync(combined)) {
  const earlier = JSON.parse(readFileSync(combined, 'utf8'));
  report = { ...earlier, files: { ...earlier.files, ...report.files } };
}

if (!report) {
  console.error('Nothing to mutate.');
  process.exit(2);
}
writeFileSync(combined, JSON.stringify(report));
printSummary([combined]);
console.log(`\n${((Date.now() - started) / 60_000).toFixed(1)} min in all. Reports: ${combined}, reports/mutation/{unit,server}.html`);
