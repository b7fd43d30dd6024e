import { expect, test } from '@playwright/test';
import { launchExtension, makeProfile, removeProfile, type ExtensionBrowser } from './extension';
import { hostCsp, routeHost, sidebarFrame } from './hosts';

// DESIGN.md rules 1, 2 and 8: team data never enters the host page, the overlay ignores the
// page's messages, and the overlay page framed by anyone else shows nothing.
let profile: string;
let browser: ExtensionBrowser;
test.beforeEach(async () => {
  profile = makeProfile();
  browser = await launchExtension(profile);
});
test.afterEach(async () => {
  await browser.close();
  removeProfile(profile);
});

/** Strings that exist only in the team's data (the demo workspace), never in the fixture. */
const teamData = [
  'Ideal customer: mid-market B2B teams',
  'Company of 50 to 5,000 people',
  'Student or academic email',
  'Lovely conversation, but 45 people',
  'Forecasting for named accounts',
  'Budget frozen until Q2',
];

// A page script that does what a hostile host page could: read all text, walk the DOM and
// every open shadow root, try to reach into frames, and post messages at them.
const hostile = `<script nonce="tandemtest">
window.__hostile = { collect() {
  const seen = [document.body.innerText, document.documentElement.outerHTML];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { seen.push(el.shadowRoot.innerHTML, el.shadowRoot.textContent); walk(el.shadowRoot); }
      if (el.tagName === 'IFRAME') {
        try { seen.push(el.contentDocument ? el.contentDocument.documentElement.outerHTML : 'no document'); } catch (e) { seen.push('blocked: ' + e.name); }
        try { seen.push(String(el.contentWindow.document.title)); } catch (e) { seen.push('blocked: ' + e.name); }
        for (const message of [
          { type: 'toBackground.sidebar', request: { op: 'write', name: 'feedback.create', args: {} } },
          { type: 'toBackground.syncRequest', workspaceId: 'demo', reason: 'manual' },
          JSON.stringify({ type: 'toViews.changed', workspaceId: 'demo', topics: ['workspaces'] }),
        ]) el.contentWindow.postMessage(message, '*');
      }
    }
  };
  walk(document);
  try { seen.push(JSON.stringify(localStorage)); } catch (e) { seen.push('no storage'); }
  return seen.join('\\n');
} };
</script>`;

test('a hostile Gmail page finds none of the team’s data, and its messages change nothing', async () => {
  await routeHost(browser.context, 'https://mail.google.com', { '/mail/u/0/': 'gmail/thread.html' }, hostCsp.gmail, hostile);
  const page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB');
  const frame = sidebarFrame(page);
  // The team's data is on screen, inside the frame.
  await frame.getByRole('tab', { name: 'Definition' }).click();
  await expect(frame.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
  await expect(frame.getByText('Company of 50 to 5,000 people')).toBeVisible();
  const feedbackBefore = await frame.getByRole('tab', { name: /Feedback/ }).textContent();

  const collected = await page.evaluate(() => (window as unknown as { __hostile: { collect(): string } }).__hostile.collect());
  expect(collected).toContain('Inbox'); // it did read the page
  expect(collected).toMatch(/no document|blocked/); // but not the frame
  for (const text of teamData) expect(collected).not.toContain(text);

  // The frame ignored the page's messages: nothing was written, the view is unchanged.
  await page.waitForTimeout(500);
  await expect(frame.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
  expect(await frame.getByRole('tab', { name: /Feedback/ }).textContent()).toBe(feedbackBefore);
  const outbox = await browser.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const r = indexedDB.open('tandem-ws-demo');
      r.onsuccess = () => done(r.result);
      r.onerror = () => fail(r.error);
    });
    return new Promise<number>((done) => {
      const r = db.transaction('outbox').objectStore('outbox').count();
      r.onsuccess = () => done(r.result);
    });
  });
  expect(outbox).toBe(0);
});

test('the overlay page shows nothing when another site frames it, or when opened on its own', async () => {
  const overlayUrl = `chrome-extension://${browser.extensionId}/overlay.html`;
  await browser.context.route('https://attacker.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<title>Not Gmail</title><h1>Look</h1><iframe src="${overlayUrl}" width="400" height="600"></iframe>` }),
  );
  const page = await browser.context.newPage();
  await page.goto('https://attacker.example/');
  await page.waitForTimeout(1500);
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    for (const data of [...teamData, 'Lead definition', 'Demo data']) expect(text).not.toContain(data);
  }

  const direct = await browser.openPage('overlay.html');
  await direct.waitForTimeout(1500);
  expect((await direct.locator('body').innerText()).trim()).toBe('');
});
