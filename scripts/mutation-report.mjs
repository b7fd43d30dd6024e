#!/usr/bin/env node
// The mutation score per module from Stryker's JSON report(s): `node scripts/mutation-report.mjs
// [report.json …]` (default reports/mutation/mutation.json). With several reports, a file's
// latest report counts (so module-by-module runs add up to one table).
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The modules the mutation run covers, in the order they are printed. */
export const modules = [
  { name: 'utils/sync', test: (f) => f.startsWith('utils/sync/') },
  { name: 'utils/fit.ts', test: (f) => f === 'utils/fit.ts' },
  { name: 'utils/mutators', test: (f) => f.startsWith('utils/mutators/') },
  { name: 'utils/merge.ts', test: (f) => f === 'utils/merge.ts' },
  { name: 'server/sync.ts', test: (f) => f === 'server/sync.ts' },
  { name: 'server/webhooks/queue.ts', test: (f) => f === 'server/webhooks/queue.ts' },
];

const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 });

function count(totals, mutant) {
  switch (mutant.status) {
    case 'Killed': totals.killed++; break;
    case 'Timeout': totals.timeout++; break;
    case 'Survived': totals.survived++; break;
    case 'NoCoverage': totals.noCoverage++; break;
    case 'Ignored': totals.ignored++; break;
    default: totals.errors++; // CompileError, RuntimeError
  }
}

/** Stryker's score: detected (killed or timed out) over all valid mutants (survived and uncovered too). */
export const score = (t) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid ? (100 * (t.killed + t.timeout)) / valid : NaN;
};

/** Per file, then per module: the counts from the given JSON reports. */
export function summarise(reportPaths) {
  const files = new Map();
  for (const path of reportPaths) {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    for (const [file, { mutants }] of Object.entries(report.files)) {
      const totals = empty();
      for (const m of mutants) count(totals, m);
      files.set(file.replaceAll('\\', '/'), totals);
    }
  }
  return modules
    .map((m) => {
      const own = [...files].filter(([f]) => m.test(f)).sort(([a], [b]) => a.localeCompare(b));
      const totals = empty();
      for (const [, t] of own) for (const k of Object.keys(totals)) totals[k] += t[k];
      return { module: m.name, files: own, totals };
    })
    .filter((m) => m.files.length);
}

export function printSummary(reportPaths) {
  const rows = summarise(reportPaths);
  const line = (name, t) =>
    `${name.padEnd(34)} ${score(t).toFixed(1).padStart(6)} % ${String(t.killed).padStart(7)} ${String(t.timeout).padStart(8)} ${String(t.survived).padStart(9)} ${String(t.noCoverage).padStart(12)} ${String(t.errors).padStart(7)}`;
  console.log('\nMutation score per module (target ≥ 80 %)');
  console.log(`${'module / file'.padEnd(34)} ${'score'.padStart(8)} ${'killed'.padStart(7)} ${'timeout'.padStart(8)} ${'survived'.padStart(9)} ${'no coverage'.padStart(12)} ${'errors'.padStart(7)}`);
  for (const { module, files, totals } of rows) {
    console.log(line(module, totals) + (score(totals) >= 80 ? '' : '   below target'));
    if (files.length > 1) for (const [file, t] of files) console.log(line(`  ${file.slice(file.lastIndexOf('/') + 1)}`, t));
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const paths = process.argv.slice(2);
  if (!paths.length) paths.push('reports/mutation/mutation.json');
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) {
    console.error(`No report at ${missing.join(', ')}: run \`npm run test:mutation\` first.`);
    process.exit(1);
  }
  printSummary(paths);
}
