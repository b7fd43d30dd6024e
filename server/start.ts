import { resolve } from 'node:path';
import { ensureServerDemo } from './demo';
import { jsonLogger } from './log';
import { serveFromEnv } from './main';

/**
 * `npm start`'s server half: the sync API on 127.0.0.1:8787 with SQLite under ./data and the
 * demo workspace, printing a fresh connect code for each role on every run.
 */
const codesFile = resolve('data', 'demo-connect-codes.json');

async function main() {
  const running = await serveFromEnv();
  const { created, codes } = await ensureServerDemo(running.db, running.url, codesFile);
  const admin = codes.members.find((m) => m.role === 'admin');
  const expiresAt = codes.members[0] ? new Date(codes.members[0].expiresAt).toLocaleString() : '';
  const lines = [
    '',
    `Tandem's sync server is running at ${running.url} (${running.db.description}).`,
    created ? 'A demo workspace was created with one member of each role.' : 'The demo workspace from an earlier run is here.',
    '',
    ...codes.members.flatMap((m) => [`  ${m.role.padEnd(9)} ${m.name}`, `            ${m.connectCode}`]),
    '',
    `Paste one into Tandem's options page. Each works once, for one browser, until ${expiresAt};`,
    'the next run prints new ones, and browsers connected before stay connected.',
    `They are stored in ${codesFile} (readable only by you), with an API token per member.`,
    ...(admin
      ? [
          'Try the API with the admin token:',
          `  curl -H 'Authorization: Bearer ${admin.token}' ${running.url}/v1/me`,
          `  curl -H 'Authorization: Bearer ${admin.token}' '${running.url}/v1/pull?clientId=${crypto.randomUUID()}'`,
        ]
      : []),
    '',
    'Press Ctrl+C to stop the server.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  jsonLogger('error', 'could not start', { error: String(error) });
  if (String(error).includes('EADDRINUSE')) {
    console.error('Port 8787 is taken: stop the other server, or run with PORT=8788 npm start.');
  }
  process.exit(1);
});
