#!/usr/bin/env node
// `npm start`: builds Tandem for Chrome and Firefox, says how to load each package, then runs
// the sync server on SQLite with a demo workspace and prints a connect code for each role.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

console.log('Building Tandem for Chrome and Firefox…');
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('The build failed (see above). Run `npm install` first if you have not.');
  process.exit(build.status ?? 1);
}

const chrome = resolve('.output/chrome-mv3');
const firefox = resolve('.output/firefox-mv2');
console.log(`
Tandem is built.

Chrome / Chromium / Edge
  1. Open chrome://extensions and switch on "Developer mode" (top right).
  2. Click "Load unpacked" and choose:
       ${chrome}
  3. Click Tandem's toolbar button (pin it from the puzzle-piece menu): the side panel opens.

Firefox (142 or newer)
  1. Open about:debugging#/runtime/this-firefox
  2. Click "Load Temporary Add-on…" and choose:
       ${resolve(firefox, 'manifest.json')}
  3. Click Tandem's toolbar button, or View → Sidebar → Tandem.

Until you connect a server, Tandem shows a demo workspace (labelled "Demo data") kept on
this device: a lead definition, four campaigns, two sales plays and six contacts.

Starting the sync server…`);

const server = spawn('npx', ['tsx', 'server/start.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: process.env.PORT ?? '8787', HOST: process.env.HOST ?? '127.0.0.1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
