import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServerDemo } from '../../server/demo';
import { openDatabase } from '../../server/db/connect';
import { launchExtension, makeProfile, removeProfile, type ExtensionBrowser } from './extension';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { freePort, startServerProcess, type ServerProcess } from './server-process';

// The extension syncs through a proxy that drops answers, fails and stalls, and its service
// worker is stopped in the middle of a sync: nothing is lost, nothing is applied twice.
let dir: string;
let server: ServerProcess | undefined;
let proxy: FaultProxy | undefined;
let browser: ExtensionBrowser | undefined;
let profile: string;

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-faults-'));
  profile = makeProfile();
});
test.afterEach(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.stop();
  removeProfile(profile);
  rmSync(dir, { recursive: true, force: true });
});

test('dropped answers, a failing server, a stall and a stopped service worker lose nothing and apply nothing twice', async () => {
  test.setTimeout(120_000);
  const database = join(dir, 'tandem.sqlite');
  const serverPort = await freePort();
  proxy = await startFaultProxy(`http://127.0.0.1:${serverPort}`, await freePort());
  const seed = await openDatabase(database);
  const { codes } = await ensureServerDemo(seed, proxy.url, join(dir, 'codes.json'));
  await seed.close();
  server = await startServerProcess(database, serverPort);

  browser = await launchExtension(profile);
  const rep = await browser.openPage('sidepanel.html');
  await rep.getByText('Connect to your team’s server').click();
  await rep.getByLabel('Connect code').fill(codes.members.find((m) => m.role === 'sales')!.connectCode);
  await rep.getByRole('button', { name: 'Connect' }).click();
  await expect(rep.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });
  await rep.getByRole('button', { name: 'New…' }).click();
  await rep.getByLabel('Email').fill('dana.whitfield@contoso.com');
  await rep.getByRole('button', { name: 'Show this contact' }).click();
  await rep.getByRole('tab', { name: 'Feedback' }).click();

  // 1. The server applies the push, the answer is lost on the way back.
  proxy.mode = 'drop-after-push';
  await rep.getByLabel('Accept').check();
  await rep.getByLabel('Note for Marketing (optional)').fill('Ready for a demo next week.');
  await rep.getByRole('button', { name: 'Send feedback' }).click();
  await expect.poll(() => proxy!.seen.filter((s) => s === 'POST /v1/push').length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await expect(rep.getByTestId('sync-status')).toContainText('1 waiting', { timeout: 15_000 });

  // 2. The server answers 500 (without applying anything).
  proxy.mode = 'fail-500';
  const pushesBefore = proxy.seen.filter((s) => s === 'POST /v1/push').length;
  await rep.getByRole('button', { name: 'Retry now' }).click();
  await expect.poll(() => proxy!.seen.filter((s) => s === 'POST /v1/push').length, { timeout: 15_000 }).toBeGreaterThan(pushesBefore);
  await expect(rep.getByTestId('sync-status')).toContainText('1 waiting');

  // 3. Every request stalls, and the service worker is stopped while one hangs.
  proxy.mode = 'stall';
  const seenBefore = proxy.seen.length;
  await rep.getByRole('button', { name: 'Retry now' }).click();
  await expect.poll(() => proxy!.seen.length, { timeout: 15_000 }).toBeGreaterThan(seenBefore);
  const cdp = await browser.context.newCDPSession(rep);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => states.push(...versions.map((v) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => states, { timeout: 10_000 }).toContain('stopped');

  // 4. The network heals. The sidebar's next poll wakes the worker, which resumes from IndexedDB.
  proxy.mode = 'pass';
  await expect(rep.getByTestId('sync-status')).toHaveText(/Synced/, { timeout: 40_000 });

  // A connect code is spent once by a browser; the demo keeps an API token per member for reading the server.
  const marketingToken = codes.members.find((m) => m.role === 'marketing')!.token;
  const pull = await fetch(`http://127.0.0.1:${serverPort}/v1/pull?clientId=${crypto.randomUUID()}&cursor=0`, {
    headers: { authorization: `Bearer ${marketingToken}` },
  });
  const { changes } = (await pull.json()) as { changes: { type: string; value: { note: string } }[] };
  const feedback = changes.filter((c) => c.type === 'feedback' && c.value.note === 'Ready for a demo next week.');
  expect(feedback).toHaveLength(1);
  await expect(rep.getByText('Ready for a demo next week.')).toHaveCount(1);
  await expect(rep.getByTestId('sync-status')).not.toContainText('waiting');
});
