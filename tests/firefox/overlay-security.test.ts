// Issue 16 in Firefox: copies of Tandem's own in-page frame show a notice and nothing else,
// whether the page frames it again or the next site the tab goes to does; a faded frame's
// write waits for the browser's own dialog. Each test first sees Tandem's frame show the
// team's data.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dialog, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefoxBidi, type FirefoxBidi } from './helpers/bidi.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/';
const thread = '#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB';
// The Gmail-like CSP of tests/e2e/hosts.ts, with the nonce the page script below carries.
const gmailCsp =
  "script-src 'nonce-tandemtest' 'strict-dynamic' 'report-sample'; object-src 'none'; base-uri 'self'; require-trusted-types-for 'script'; frame-ancestors 'self'";
const hostile = `<script nonce="tandemtest">
window.__copy = () => {
  const src = document.querySelector('iframe[title="Tandem"]').src;
  const copy = document.createElement('iframe');
  copy.id = 'tandem-copy';
  copy.src = src;
  copy.style.cssText = 'position:fixed;left:0;top:0;width:420px;height:700px;border:0;opacity:0.01;z-index:2147483647';
  document.body.append(copy);
  return src;
};
// The copy says it loaded; the page answers as Tandem's content script would, with a guessed secret.
addEventListener('message', (e) => {
  const copy = document.getElementById('tandem-copy');
  if (copy && e.source === copy.contentWindow && e.data && e.data.type === 'tandem:ready') {
    copy.contentWindow.postMessage({ type: 'tandem:vouch', secret: crypto.randomUUID() }, '*');
    window.__answered = (window.__answered || 0) + 1;
  }
});
window.__handOver = () => {
  const widget = document.createElement('iframe');
  widget.id = 'widget';
  widget.src = 'https://widgets.example/embed';
  widget.style.cssText = 'position:fixed;left:0;bottom:0;width:420px;height:640px';
  widget.onload = () => widget.contentWindow.postMessage(document.querySelector('iframe[title="Tandem"]').src, '*');
  document.body.append(widget);
};
window.__fade = (opacity) => { document.querySelector('[data-tandem="sidebar"]').style.opacity = String(opacity); };
</script>`;
const page = () => readFileSync(new URL('../fixtures/gmail/thread.html', import.meta.url), 'utf8').replace('</body>', `${hostile}</body>`);
const refusal = 'Tandem shows its sidebar only where Tandem itself put it. Open Tandem from the toolbar button instead.';
const teamData = ['Ideal customer: mid-market B2B teams', 'Company of 50 to 5,000 people', 'Lead definition'];

let firefox: FirefoxBidi | undefined;
beforeAll(async () => {
  firefox = await launchFirefoxBidi();
});
afterAll(async () => {
  await firefox?.close();
});

/** A frame's visible text; a frame that cannot be read fails the test rather than reading as empty. */
async function text(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.body.innerText);
}

/** Only a frame still loading its document may be unreadable for a moment. */
const stillLoading = (error: unknown) => /context was destroyed|Cannot find context|document\.body is null|Execution context/i.test(String(error));

/** The frame of the iframe `selector` in the page (Firefox's BiDi names extension frames about:blank, so not by URL). */
async function frameOf(p: Page, selector: string): Promise<Frame> {
  const handle = await p.waitForSelector(selector, { timeout: 10_000 });
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  return frame;
}

/** Polls a frame's text until it holds `wanted`. */
async function waitForText(frame: Frame, wanted: string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const t = await text(frame).catch((error: unknown) => {
      if (stillLoading(error)) return '';
      throw error;
    });
    if (t.includes(wanted)) return t;
    if (Date.now() > deadline) throw new Error(`the frame never showed ${JSON.stringify(wanted)}; it shows ${JSON.stringify(t.slice(0, 300))}`);
    await sleep(150);
  }
}

async function openGmail(): Promise<{ page: Page; own: Frame }> {
  const { page: p } = await firefox!.newPage({
    [GMAIL]: { body: page(), headers: { 'content-security-policy': gmailCsp } },
    'https://attacker.example/': { body: '<title>Not Gmail</title><p>Look</p>' },
    // A third-party frame inside the page (a chat widget), which frames what it is handed.
    'https://widgets.example/': {
      body: `<title>Chat</title><script>addEventListener('message', (e) => { const f = document.createElement('iframe'); f.id = 'nested'; f.src = e.data; f.width = 400; f.height = 600; document.body.append(f); });</script>`,
    },
  });
  await p.goto(`${GMAIL}${thread}`);
  const frame = await frameOf(p, 'iframe[title="Tandem"]');
  await waitForText(frame, 'In view on Gmail: Dana Whitfield');
  // The team's data is on screen, in Tandem's own frame.
  await frame.click('#tab-definition');
  await waitForText(frame, 'Ideal customer: mid-market B2B teams');
  return { page: p, own: frame };
}

it('a copy the page frames over a decoy shows the notice alone, beside Tandem’s frame with the data', async () => {
  const { page: p, own } = await openGmail();
  const src = await p.evaluate(() => (window as unknown as { __copy(): string }).__copy());
  expect(src).toMatch(/^moz-extension:\/\/[\w-]+\/overlay\.html$/);
  const copied = await waitForText(await frameOf(p, '#tandem-copy'), refusal);
  expect(copied.trim()).toBe(refusal);
  // The page did answer the copy's hello with a secret of its own.
  expect(await p.evaluate(() => (window as unknown as { __answered?: number }).__answered ?? 0)).toBeGreaterThan(0);
  for (const data of teamData) expect(copied).not.toContain(data);
  expect(await text(own)).toContain('Ideal customer: mid-market B2B teams');
  await p.close();
});

it('a copy framed by a third-party frame inside the page shows the notice alone', async () => {
  const { page: p, own } = await openGmail();
  await p.evaluate(() => (window as unknown as { __handOver(): void }).__handOver());
  const widget = await frameOf(p, '#widget');
  const handle = await widget.waitForSelector('#nested', { timeout: 10_000 });
  const nested = await handle!.contentFrame();
  if (!nested) throw new Error('the widget’s frame has no frame');
  const copied = await waitForText(nested, refusal);
  expect(copied.trim()).toBe(refusal);
  expect(await text(own)).toContain('Ideal customer: mid-market B2B teams');
  await p.close();
});

it('after the tab goes from Gmail to another site, that site’s copy shows the notice alone', async () => {
  const { page: p } = await openGmail();
  const src = await p.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[title="Tandem"]')!.src);
  await p.goto('https://attacker.example/');
  await p.evaluate((s) => {
    const f = document.createElement('iframe');
    f.id = 'copy';
    f.src = s;
    f.width = '400';
    f.height = '600';
    document.body.append(f);
  }, src);
  const copied = await waitForText(await frameOf(p, '#copy'), refusal);
  expect(copied.trim()).toBe(refusal);
  for (const frame of p.frames()) for (const data of teamData) expect(await text(frame)).not.toContain(data);
  await p.close();
});

it('a write from a faded frame waits for the browser’s own dialog; dismissed, nothing is sent', async () => {
  const { page: p, own } = await openGmail();
  const asked: string[] = [];
  const answer = { accept: false };
  const onDialog = (dialog: Dialog) => {
    asked.push(dialog.message());
    void (answer.accept ? dialog.accept() : dialog.dismiss());
  };
  p.on('dialog', onDialog);
  await p.evaluate(() => (window as unknown as { __fade(o: number): void }).__fade(0.01));
  await own.click('#tab-fit');
  await waitForText(own, 'Employees is not known for this contact.');
  await own.click('button[aria-label="Add employees for this contact"]');
  const input = await own.waitForSelector('[data-testid="fact-ask"] input[type="number"]', { timeout: 5_000 });
  await input!.type('75');
  await input!.press('Enter');
  await waitForText(own, 'Nothing was sent.');
  expect(asked).toEqual(['Tandem: save employees “75” for the whole team?']);
  expect(await text(own)).toContain('Employees is not known for this contact.');

  // The person meant it: confirmed in the dialog, it is saved.
  answer.accept = true;
  await own.click('[data-testid="fact-ask"] button[type="submit"]');
  await waitForText(own, 'Employees 75 is between 50 and 5000.');
  expect(asked).toHaveLength(2);
  p.off('dialog', onDialog);
  await p.close();
});
