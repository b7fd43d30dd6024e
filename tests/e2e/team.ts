import { expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServerDemo } from '../../server/demo';
import { openDatabase } from '../../server/db/connect';
import type { Role } from '../../utils/model';
import { launchExtension, makeProfile, removeProfile, type ExtensionBrowser } from './extension';
import { freePort, startServerProcess, type ServerProcess } from './server-process';

/** The API token of the member each demo connect code is for: codes work once, tokens stay. */
const tokenOfCode = new Map<string, string>();

/**
 * A team on separate browsers and one real server process on SQLite, seeded with the demo
 * workspace (admin Alex Admin, marketer Priya Shah, rep Jordan Lee). Call `cleanUp` after
 * each test.
 */
export function teamSession() {
  let dir: string | undefined;
  let server: ServerProcess | undefined;
  const browsers: ExtensionBrowser[] = [];
  const profiles: string[] = [];

  return {
    /** Starts the server; `env` adds to its environment. */
    async demoServer(env: Record<string, string> = {}) {
      dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-team-'));
      const database = join(dir, 'tandem.sqlite');
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const seed = await openDatabase(database);
      const { codes } = await ensureServerDemo(seed, url, join(dir, 'codes.json'));
      await seed.close();
      server = await startServerProcess(database, port, env);
      for (const m of codes.members) tokenOfCode.set(m.connectCode, m.token);
      const code = (role: Role) => codes.members.find((m) => m.role === role)!.connectCode;
      /** The member's API token (a device of its own), for requests a test makes by hand. */
      const token = (role: Role) => codes.members.find((m) => m.role === role)!.token;
      return { url, code, token };
    },

    /** A person on their own browser, connected with a connect code on the options page. */
    async person(code: string, as: string) {
      const profile = makeProfile();
      profiles.push(profile);
      const browser = await launchExtension(profile);
      browsers.push(browser);
      const options = await browser.openPage('options.html');
      await options.getByLabel('Connect code').fill(code);
      await options.getByRole('button', { name: 'Connect' }).click();
      await expect(options.getByText(`Connected to Demo workspace as ${as}`)).toBeVisible();
      await expect(options.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });
      return { browser, options };
    },

    async cleanUp() {
      for (const b of browsers.splice(0)) await b.close();
      await server?.stop();
      server = undefined;
      for (const p of profiles.splice(0)) removeProfile(p);
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** Types a contact into the sidebar with “New…”. */
export async function enterContact(page: Page, email: string, name: string) {
  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Show this contact' }).click();
}

/** Opens a section of the options page already open in `page`. */
export function gotoSection(page: Page, section: string) {
  return page.goto(page.url().replace(/#.*$/, '') + `#${section}`);
}

/** The records of a type as the server has them now, read through a fresh pull with the API token of the member whose demo connect code this is. */
export async function serverRecords(url: string, code: string, type: string): Promise<Record<string, unknown>[]> {
  const token = tokenOfCode.get(code);
  if (!token) throw new Error('serverRecords takes a connect code from demoServer().');
  const response = await fetch(`${url}/v1/pull?clientId=${crypto.randomUUID()}&cursor=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const { changes } = (await response.json()) as { changes: { type: string; value: Record<string, unknown> }[] };
  return changes.filter((c) => c.type === type).map((c) => c.value);
}
