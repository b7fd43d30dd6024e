import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServerDemo } from '../../server/demo';
import { openDatabase } from '../../server/db/connect';
import { demoIds } from '../../utils/demo';
import { launchExtension, makeProfile, removeProfile, type ExtensionBrowser } from './extension';
import { freePort, pushAs, startServerProcess, type ServerProcess } from './server-process';

// Two people on two browsers, one real server process on SQLite.
let dir: string;
let database: string;
let server: ServerProcess | undefined;
const browsers: ExtensionBrowser[] = [];
const profiles: string[] = [];

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-sync-'));
  database = join(dir, 'tandem.sqlite');
});
test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close();
  await server?.stop();
  for (const p of profiles.splice(0)) removeProfile(p);
  rmSync(dir, { recursive: true, force: true });
});

async function browser() {
  const profile = makeProfile();
  profiles.push(profile);
  const b = await launchExtension(profile);
  browsers.push(b);
  return b;
}

async function enterContact(page: Page, email: string, name: string) {
  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Show this contact' }).click();
}

test('feedback given offline reaches Marketing once the server is back, the reply comes back, and a new definition arrives without a click', async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const seed = await openDatabase(database);
  const { codes } = await ensureServerDemo(seed, url, join(dir, 'codes.json'));
  await seed.close();
  const code = (role: string) => codes.members.find((m) => m.role === role)!.connectCode;
  server = await startServerProcess(database, port);

  // The rep tried the demo first, then connects from the sidebar and drops the demo feedback.
  const rep = await (await browser()).openPage('sidepanel.html#feedback');
  await rep.getByLabel('Accept').check();
  await rep.getByRole('button', { name: 'Send feedback' }).click();
  await expect(rep.getByRole('status').filter({ hasText: 'Feedback saved.' })).toBeVisible();
  await rep.getByText('Connect to your team’s server').click();
  await rep.getByLabel('Connect code').fill(code('sales'));
  await rep.getByRole('button', { name: 'Connect' }).click();
  await expect(rep.getByText(/holds 1 change you made on this device/)).toBeVisible();
  await rep.getByRole('button', { name: 'Discard demo data' }).click();
  await expect(rep.getByText('Jordan Lee (sales)')).toBeVisible();
  await expect(rep.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });

  // The marketer connects from the options page.
  const marketerBrowser = await browser();
  const options = await marketerBrowser.openPage('options.html');
  await options.getByLabel('Connect code').fill(code('marketing'));
  await options.getByRole('button', { name: 'Connect' }).click();
  await expect(options.getByText('Connected to Demo workspace as Priya Shah (marketing).')).toBeVisible();
  const marketer = await marketerBrowser.openPage('sidepanel.html#feedback');
  await expect(marketer.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });

  // The server goes away; the rep gives feedback anyway and sees it waiting.
  await enterContact(rep, 'dana.whitfield@contoso.com', 'Dana Whitfield');
  await server.stop();
  await rep.getByLabel('Nurture').check();
  await rep.getByLabel('No budget').check();
  await rep.getByLabel('Note for Marketing (optional)').fill('Budget frozen until Q2.');
  await rep.getByRole('button', { name: 'Send feedback' }).click();
  await expect(rep.getByTestId('sync-status')).toContainText('1 waiting', { timeout: 15_000 });
  await expect(rep.getByText('Budget frozen until Q2.')).toBeVisible();

  // The server is back: the feedback leaves by itself and reaches the marketer.
  server = await startServerProcess(database, port);
  await expect(rep.getByTestId('sync-status')).toHaveText(/Synced/, { timeout: 30_000 });
  await enterContact(marketer, 'Dana.Whitfield@contoso.com', 'Dana Whitfield');
  const thread = marketer.getByRole('tabpanel');
  await expect(thread.getByText('Budget frozen until Q2.')).toBeVisible({ timeout: 20_000 });
  await expect(thread.getByText('Jordan Lee')).toBeVisible();

  // The marketer answers; the rep sees it without doing anything.
  await thread.getByRole('button', { name: 'Reply' }).first().click();
  await marketer.getByLabel('Your reply').fill('Thanks, we will call in April.');
  await marketer.getByRole('button', { name: 'Send reply' }).click();
  await expect(rep.getByRole('list', { name: 'Replies' })).toContainText('Thanks, we will call in April.', { timeout: 20_000 });

  // Marketing publishes version 2 through the API; the rep's sidebar shows it, no click.
  const marketingToken = codes.members.find((m) => m.role === 'marketing')!.token;
  const published = await pushAs(url, marketingToken, [
    {
      name: 'definition.publish',
      args: {
        id: crypto.randomUUID(),
        basedOn: 1,
        name: 'Ideal customer: mid-market B2B teams',
        criteria: [{ id: demoIds.definition.replace(/10$/, '99'), label: 'Company of 100 or more', field: 'employees', op: 'atLeast', value: 100, weight: 50 }],
        disqualifiers: [],
        threshold: 50,
        stages: [],
        sla: { acceptWithinHours: 48, minAttempts: 2, notes: '' },
        notes: '',
        changeNote: 'Only companies of 100 or more.',
      },
    },
  ]);
  expect(published).toEqual([{ id: 1, status: 'applied' }]);
  await rep.getByRole('tab', { name: 'Definition' }).click();
  await expect(rep.getByText(/Version 2, published by Priya Shah/)).toBeVisible({ timeout: 20_000 });
  await expect(rep.getByText('Company of 100 or more')).toBeVisible();
});

test('a revoked member is told so and can wipe the workspace from the device', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const seed = await openDatabase(database);
  const { codes } = await ensureServerDemo(seed, url, join(dir, 'codes.json'));
  await seed.close();
  server = await startServerProcess(database, port);
  const rep = await (await browser()).openPage('sidepanel.html');
  await rep.getByText('Connect to your team’s server').click();
  await rep.getByLabel('Connect code').fill(codes.members.find((m) => m.role === 'sales')!.connectCode);
  await rep.getByRole('button', { name: 'Connect' }).click();
  await expect(rep.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });

  const admin = await openDatabase(database);
  const { revokeMember } = await import('../../server/team');
  await revokeMember(admin, demoIds.rep);
  await admin.close();

  await expect(rep.getByTestId('sync-status')).toHaveText(/Access revoked/, { timeout: 20_000 });
  rep.once('dialog', (dialog) => void dialog.accept());
  await rep.getByRole('button', { name: 'Wipe this workspace’s data' }).click();
  await expect(rep.getByText('Demo data')).toBeVisible();
});
