#!/usr/bin/env node
// `npm test`: every check Tandem has, in order, with what to install when something is
// missing. Steps that need the built extension are skipped when the build fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const missing = [];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) missing.push(`Node.js 20.19 or newer (this is ${process.version}).`);
if (!existsSync(chromium)) {
  missing.push(`Chromium at ${chromium}: run \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH to your Chromium.`);
}
if (!existsSync(firefox)) {
  missing.push(`Firefox at ${firefox}: run \`sudo apt-get install -y firefox-esr\`, or set FIREFOX_PATH to your Firefox.`);
}
const pgRoot = '/usr/lib/postgresql';
const hasPostgres =
  process.env.PG_BIN ? existsSync(process.env.PG_BIN) : existsSync(pgRoot) && readdirSync(pgRoot).some((v) => existsSync(`${pgRoot}/${v}/bin/initdb`));
if (!hasPostgres) {
  missing.push('PostgreSQL (the server tests start a throwaway cluster): run `sudo apt-get install -y postgresql`, or set PG_BIN to the folder with initdb and pg_ctl.');
}
if (missing.length) {
  console.error('npm test needs:\n' + missing.map((m) => `  - ${m}`).join('\n'));
  console.error('On Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y chromium firefox-esr postgresql');
  process.exit(1);
}

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  { name: 'unit tests', cmd: ['npx', 'vitest', 'run'] },
  { name: 'server tests (SQLite and PostgreSQL)', cmd: ['npx', 'vitest', 'run', '--config', 'vitest.server.config.ts'] },
  { name: 'build (Chrome and Firefox)', cmd: ['npm', 'run', '--silent', 'build'], build: true },
  { name: 'web-ext lint (Firefox package)', cmd: ['npm', 'run', '--silent', 'lint:firefox'], needsBuild: true },
  { name: 'e2e in Chromium', cmd: ['npx', 'playwright', 'test'], needsBuild: true },
  { name: 'e2e in Firefox', cmd: ['npx', 'vitest', 'run', '--config', 'vitest.firefox.config.ts'], needsBuild: true },
];

const results = [];
let built = true;
for (const step of steps) {
  if (step.needsBuild && !built) {
    results.push({ ...step, status: 'skipped (build failed)', seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.cmd.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = run.status === 0;
  if (step.build && !ok) built = false;
  results.push({ ...step, status: ok ? 'passed' : 'FAILED', seconds: (Date.now() - started) / 1000 });
}

console.log('\nTandem test summary');
for (const r of results) console.log(`  ${r.status.padEnd(22)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.name}`);
const failed = results.filter((r) => r.status !== 'passed');
console.log(failed.length ? `\n${failed.length} of ${results.length} steps did not pass.` : `\nAll ${results.length} steps passed.`);
process.exit(failed.length ? 1 : 0);
