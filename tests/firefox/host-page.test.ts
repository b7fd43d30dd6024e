// A host page served on its real origin (no network) with the extension installed.
// The content-script tests reuse this setup.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefoxBidi, type FirefoxBidi } from './helpers/bidi.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const TITLE = 'Inbox (3) - alice@example.com - Gmail';
// Hostile on purpose: a strict CSP, a full-page overlay on top, a global CSS reset, and
// clobbered globals an extension might lean on.
const FIXTURE = `<!doctype html>
<html><head><meta charset="utf-8"><title>${TITLE}</title>
<style>* { all: unset !important; } html, body { display: block !important; }</style></head>
<body><div role="main" id="root"><h1>Inbox</h1><p class="sender">Bob Buyer &lt;bob@acme.example&gt;</p></div>
<div style="position:fixed;inset:0;z-index:2147483647"></div>
<script nonce="n0nce">window.browser = 'hijacked'; window.chrome = {}; window.define = function () {};</script>
<script>window.cspBypassed = true;</script>
</body></html>`;

let firefox: FirefoxBidi | undefined;
beforeAll(async () => { firefox = await launchFirefoxBidi(); });
afterAll(async () => { await firefox?.close(); });

it('opens a routed Gmail page with the extension installed', async () => {
  expect(firefox!.extensionId).toBe('tandem@tandem.example');
  const { page, log } = await firefox!.newPage({
    'https://mail.google.com/': {
      body: FIXTURE,
      headers: { 'content-security-policy': "default-src 'self'; script-src 'nonce-n0nce'; style-src 'unsafe-inline'" },
    },
  });
  const response = await page.goto(GMAIL);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(GMAIL);
  expect(await page.title()).toBe(TITLE);
  // The routed headers apply: the nonce'd script ran, the other inline script was blocked by the CSP.
  const globals = await page.evaluate(() => {
    const w = window as unknown as { browser: unknown; cspBypassed?: boolean };
    return { browser: w.browser, cspBypassed: w.cspBypassed ?? false };
  });
  expect(globals).toEqual({ browser: 'hijacked', cspBypassed: false });
  expect(log.served).toContain(GMAIL);
});
