// Firefox over WebDriver BiDi (puppeteer-core): the extension as a temporary add-on, and host
// pages (Gmail, CRMs...) served from fixtures on their real origins, so the real match patterns
// and content scripts run. BiDi cannot drive moz-extension:// pages: use marionette.ts for those.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { DEFAULT_EXTENSION_DIR, TEST_PREFS, assertBuilt, firefoxEnv, firefoxPath, type Prefs } from './prefs.ts';

/** What a routed URL answers with. `contentType` defaults to HTML. */
export interface HostResponse {
  body: string | Buffer;
  headers?: Record<string, string>;
  status?: number;
  contentType?: string;
}
/** URL prefix (e.g. 'https://mail.google.com/') -> response. The longest matching prefix wins. */
export type HostRoutes = Record<string, HostResponse>;

export interface RouteLog {
  /** URLs answered from `routes`. */
  served: string[];
  /** http(s) URLs that matched no route: aborted, never sent to the network. */
  blocked: string[];
}

export interface LaunchOptions {
  /** Built extension to install; `null` launches Firefox without it. */
  extensionDir?: string | null;
  prefs?: Prefs;
  args?: string[];
}

export interface FirefoxBidi {
  browser: Browser;
  /** The id `installExtension` returned (the gecko id), or undefined without an extension. */
  extensionId: string | undefined;
  profileDir: string;
  /** A new tab; with `routes`, its requests are served by `routeHostPages`. */
  newPage(routes?: HostRoutes): Promise<{ page: Page; log: RouteLog }>;
  /** Closes Firefox (killing it if it hangs) and always deletes the profile. Safe to call twice. */
  close(): Promise<void>;
}

export async function launchFirefoxBidi(opts: LaunchOptions = {}): Promise<FirefoxBidi> {
  const extensionDir = opts.extensionDir === null ? null : assertBuilt(opts.extensionDir ?? DEFAULT_EXTENSION_DIR);
  const profileDir = await mkdtemp(path.join(tmpdir(), 'tandem-ff-bidi-'));
  let browser: Browser | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (browser) {
        const b = browser;
        const ok = await Promise.race([b.close().then(() => true, () => false), sleep(10_000, false, { ref: false })]);
        if (!ok) b.process()?.kill('SIGKILL');
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
    }
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      env: firefoxEnv(),
      userDataDir: profileDir,
      extraPrefsFirefox: { ...TEST_PREFS, ...opts.prefs },
      args: opts.args ?? [],
    });
    const extensionId = extensionDir ? await browser.installExtension(extensionDir) : undefined;
    const b = browser;
    return {
      browser: b,
      extensionId,
      profileDir,
      close,
      async newPage(routes) {
        const page = await b.newPage();
        const log = routes ? await routeHostPages(page, routes) : { served: [], blocked: [] };
        return { page, log };
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Serves `routes` to `page` through request interception. http(s) requests matching no prefix
 * are aborted (and listed in the returned log); other schemes (data:, moz-extension:) go through.
 */
export async function routeHostPages(page: Page, routes: HostRoutes): Promise<RouteLog> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const log: RouteLog = { served: [], blocked: [] };
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const prefix = prefixes.find((p) => url.startsWith(p));
    const route = prefix === undefined ? undefined : routes[prefix];
    const done = route
      ? request.respond({
          status: route.status ?? 200,
          headers: route.headers ?? {},
          contentType: route.contentType ?? 'text/html; charset=utf-8',
          body: route.body,
        }).then(() => { log.served.push(url); })
      : /^https?:/.test(url)
        ? request.abort('blockedbyclient').then(() => { log.blocked.push(url); })
        : request.continue();
    done.catch(() => { /* the page or browser closed meanwhile */ });
  });
  return log;
}
