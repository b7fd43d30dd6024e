// The extension on a hostile Gmail page, served on its real origin (no network): a Gmail
// thread with a strict CSP, a global CSS reset that reaches every element of the page (Tandem's
// own too), a full-page cover on top, and clobbered globals an extension might lean on. First
// the page is shown to be all that (so the checks after it mean something), then Tandem is
// shown to dock its sidebar, name the thread's sender and keep the team's data out of the page.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxBidi, type FirefoxBidi } from './helpers/bidi.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const THREAD = '#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB';
const TITLE = 'Re: Pilot pricing for the Northwind fleet - maya.okafor@brightline.example - Brightline Mail';
const CSP = "default-src 'self'; script-src 'nonce-n0nce'; style-src 'unsafe-inline'";
const hostile = {
  head: `<style>* { all: unset !important; } html, body { display: block !important; }
#cover { display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; }</style>`,
  body: `<div id="cover"></div>
<script nonce="n0nce">window.browser = 'hijacked'; window.chrome = {}; window.define = function () {};</script>
<script>window.cspBypassed = true;</script>`,
};
const FIXTURE = readFileSync(new URL('../fixtures/gmail/thread.html', import.meta.url), 'utf8')
  .replace('</head>', `${hostile.head}</head>`)
  .replace('</body>', `${hostile.body}</body>`);
// The team's data as the demo workspace has it: shown in Tandem's frame, never in the page.
const teamData = ['Ideal customer: mid-market B2B teams', 'Company of 50 to 5,000 people', 'Lead definition'];

let firefox: FirefoxBidi | undefined;
beforeAll(async () => { firefox = await launchFirefoxBidi(); });
afterAll(async () => { await firefox?.close(); });

async function overlayText(page: Page, expected: string[], timeout = 10_000): Promise<string> {
  const handle = await page.waitForSelector('iframe[title="Tandem"]', { timeout });
  const frame: Frame | null = (await handle!.contentFrame()) ?? null;
  if (!frame) throw new Error('the Tandem iframe has no frame');
  const deadline = Date.now() + timeout;
  let text = '';
  let error: unknown;
  while (Date.now() < deadline) {
    try {
      text = await frame.evaluate(() => document.body?.innerText ?? '');
      error = undefined;
    } catch (e) {
      error = e; // the frame may still be loading
    }
    if (expected.every((t) => text.includes(t))) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sidebar never showed ${JSON.stringify(expected.filter((t) => !text.includes(t)))}; it shows: ${JSON.stringify(text.slice(0, 400))}${error ? ` (last read failed: ${String(error)})` : ''}`);
}

/** Everything the page's own scripts could read: the DOM's text and attributes, open shadow roots, storage. */
function pageText(page: Page) {
  return page.evaluate(() => {
    const parts: string[] = [document.title, document.documentElement.textContent ?? ''];
    const visit = (root: Node) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!(node instanceof Element)) parts.push(node.nodeValue ?? '');
        else {
          for (const attribute of node.attributes) parts.push(attribute.value);
          if (node.shadowRoot) visit(node.shadowRoot);
        }
      }
    };
    visit(document);
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) parts.push(storage.key(i) ?? '', storage.getItem(storage.key(i) ?? '') ?? '');
    }
    return parts.join('\n');
  });
}

describe('a hostile Gmail page', () => {
  let page: Page;
  let served: string[];
  beforeAll(async () => {
    expect(firefox!.extensionId).toBe('tandem@tandem.example');
    const opened = await firefox!.newPage({ 'https://mail.google.com/': { body: FIXTURE, headers: { 'content-security-policy': CSP } } });
    page = opened.page;
    served = opened.log.served;
    const response = await page.goto(`${GMAIL}${THREAD}`);
    expect(response?.status()).toBe(200);
  });

  it('is as hostile as it says: CSP in force, globals clobbered, every element reset, a cover over everything', async () => {
    expect(page.url()).toBe(`${GMAIL}${THREAD}`);
    expect(await page.title()).toBe(TITLE);
    expect(served).toContain(`${GMAIL}${THREAD}`);
    const state = await page.evaluate(() => {
      const w = window as unknown as { browser: unknown; cspBypassed?: boolean };
      const subject = document.querySelector('h2.hP');
      const hit = document.elementFromPoint(innerWidth / 4, innerHeight / 2);
      return {
        browser: w.browser,
        cspBypassed: w.cspBypassed ?? false,
        subject: subject?.textContent,
        subjectDisplay: subject ? getComputedStyle(subject).display : null,
        hit: hit?.id ?? hit?.tagName,
      };
    });
    expect(state).toEqual({
      // The nonce'd script ran; the other inline script was blocked by the CSP.
      browser: 'hijacked',
      cspBypassed: false,
      subject: 'Re: Pilot pricing for the Northwind fleet',
      // An h2 is a block unless the reset reached it.
      subjectDisplay: 'inline',
      hit: 'cover',
    });
  });

  it('docks one sidebar frame, on screen at the right edge, that the page cannot read into', async () => {
    await page.waitForSelector('div[data-tandem="controls"] >>> button[aria-label="Hide Tandem"]', { timeout: 10_000 });
    const state = await page.evaluate(() => {
      const iframes = [...document.querySelectorAll<HTMLIFrameElement>('iframe[title="Tandem"]')];
      const iframe = iframes[0];
      const rect = iframe?.getBoundingClientRect();
      return {
        iframes: iframes.length,
        src: iframe?.src,
        pageCanReadFrame: !!iframe?.contentDocument,
        top: rect?.top,
        height: rect?.height,
        width: rect?.width ?? 0,
        right: rect?.right,
        viewport: { width: document.documentElement.clientWidth, height: innerHeight },
        visibility: iframe ? getComputedStyle(iframe).visibility : undefined,
      };
    });
    expect(state).toMatchObject({ iframes: 1, pageCanReadFrame: false, top: 0, height: state.viewport.height, right: state.viewport.width, visibility: 'visible' });
    expect(state.src).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}\/overlay\.html$/);
    expect(state.width).toBeGreaterThanOrEqual(300);
  });

  it('shows the thread’s sender and her verdict in the frame, and none of the team’s data in the page', async () => {
    const text = await overlayText(page, [
      'In view on Gmail: Dana Whitfield · dana.whitfield@northwind-logistics.example',
      // Dana's message is collapsed: nothing on the page says more than who she is.
      'Not enough data: 7 of 8 criteria are unknown.',
      // The team's data is there, inside the frame: the check below is not vacuous.
      ...teamData.slice(0, 2),
    ]);
    expect(text).not.toContain('In view on Gmail: Maya Okafor');
    const seen = await pageText(page);
    expect(seen).toContain('Dana Whitfield'); // the page's own content is read
    expect(teamData.filter((s) => seen.includes(s))).toEqual([]);
  });
});
