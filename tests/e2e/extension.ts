import { chromium, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The extension APIs as seen inside `worker.evaluate` (the service worker's `chrome`). */
export type ChromeApi = typeof import('wxt/browser').browser;

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const extensionDir = resolve('.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Opens one of the extension's pages (`sidepanel.html`) as an ordinary tab. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh profile folder; remove it with `removeProfile` when the test is done. */
export function makeProfile(): string {
  return mkdtempSync(join(tmpdir(), 'tandem-chromium-'));
}

export function removeProfile(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Launches Chromium with the built extension loaded in `profileDir`. */
export async function launchExtension(profileDir: string): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    close: () => context.close(),
  };
}

/** A Playwright test with the built extension loaded in a fresh profile, removed afterwards. */
export const test = base.extend<{ extension: ExtensionBrowser }>({
  // eslint-disable-next-line no-empty-pattern
  extension: async ({}, provide) => {
    const profile = makeProfile();
    const browser = await launchExtension(profile);
    try {
      await provide(browser);
    } finally {
      await browser.close();
      removeProfile(profile);
    }
  },
});

/** The names of the mutations waiting in the demo workspace's outbox, read in the service worker. */
export function demoOutbox(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const r = indexedDB.open('tandem-ws-demo');
      r.onsuccess = () => done(r.result);
      r.onerror = () => fail(r.error);
    });
    return new Promise<string[]>((done) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => done((r.result as { name: string }[]).map((m) => m.name));
    });
  });
}
