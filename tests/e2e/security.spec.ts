import { expect, type Frame } from '@playwright/test';
import { ToBackground } from '../../utils/messages';
import { feedbackCreate } from '../../utils/mutators/feedback';
import { demoOutbox, test, type ChromeApi } from './extension';
import { hostCsp, routeHost, sidebarFrame } from './hosts';

// DESIGN.md rules 1, 2 and 8: team data never enters the host page, the overlay ignores the
// page's messages, and the overlay page framed by anyone else shows nothing.

/** Strings that exist only in the team's data (the demo workspace), never in the fixture. */
const teamData = [
  'Ideal customer: mid-market B2B teams',
  'Company of 50 to 5,000 people',
  'Student or academic email',
  'Lovely conversation, but 45 people',
  'Forecasting for named accounts',
  'Budget frozen until Q2',
];

// Messages a hostile page forges at Tandem's frame: a feedback write with arguments the
// mutator would accept, a sync request, a "views changed" broadcast, and both halves of the
// vouching handshake with guessed secrets. Each is checked against the shared schemas first,
// so the test proves Tandem ignores them, not that validation refuses junk.
const forgedWrite = {
  type: 'toBackground.sidebar',
  request: {
    op: 'write',
    name: 'feedback.create',
    args: { id: '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f', subject: { contactKey: 'email:dana.whitfield@northwind.example' }, verdict: 'reject', reasons: ['no-budget'], note: 'Forged by the page' },
  },
} as const;
const forgedMessages = [
  forgedWrite,
  { type: 'toBackground.syncRequest', workspaceId: 'demo', reason: 'manual' },
  { type: 'toViews.changed', workspaceId: 'demo', topics: ['workspaces'] },
  { type: 'tandem:vouch', secret: '0b9f1f0e-2d4c-4a8e-b1f3-7c6d5e4a3b2c' },
  { type: 'tandem:ready' },
];

// A page script that does what a hostile host page could: read all text, walk the DOM and
// every open shadow root, try to reach into frames, post the forged messages at them, and
// try the extension's runtime directly.
const hostile = `<script nonce="tandemtest">
window.__hostile = { collect() {
  const forged = ${JSON.stringify(forgedMessages)};
  const seen = [document.body.innerText, document.documentElement.outerHTML];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { seen.push(el.shadowRoot.innerHTML, el.shadowRoot.textContent); walk(el.shadowRoot); }
      if (el.tagName === 'IFRAME') {
        try { seen.push(el.contentDocument ? el.contentDocument.documentElement.outerHTML : 'no document'); } catch (e) { seen.push('blocked: ' + e.name); }
        try { seen.push(String(el.contentWindow.document.title)); } catch (e) { seen.push('blocked: ' + e.name); }
        for (const message of forged) { el.contentWindow.postMessage(message, '*'); el.contentWindow.postMessage(JSON.stringify(message), '*'); }
      }
    }
  };
  walk(document);
  try { seen.push(JSON.stringify(localStorage)); } catch (e) { seen.push('no storage'); }
  seen.push(typeof chrome !== 'undefined' && chrome.runtime && chrome.runtime.sendMessage ? 'runtime reachable' : 'no runtime');
  return seen.join('\\n');
} };
</script>`;

const hostilePages = [
  { host: 'Gmail', origin: 'https://mail.google.com', path: '/mail/u/0/', hash: '#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB', file: 'gmail/thread.html', csp: hostCsp.gmail },
  { host: 'Salesforce', origin: 'https://acme.lightning.force.com', path: '/lightning/r/Lead/00Q5e00000AbCdEEAV/view', hash: '', file: 'salesforce/lead.html', csp: hostCsp.salesforce },
  { host: 'HubSpot', origin: 'https://app.hubspot.com', path: '/contacts/4829361/record/0-1/51234', hash: '', file: 'hubspot/contact.html', csp: hostCsp.salesforce },
  { host: 'Pipedrive', origin: 'https://tandem-demo.pipedrive.com', path: '/person/1042', hash: '', file: 'pipedrive/person.html', csp: hostCsp.salesforce },
  { host: 'Zoho CRM', origin: 'https://crm.zoho.com', path: '/crm/org60012345678/tab/Leads/5725767000001234567', hash: '', file: 'zoho/lead.html', csp: hostCsp.salesforce },
  { host: 'Dynamics 365', origin: 'https://acme.crm.dynamics.com', path: '/main.aspx', hash: '?appid=3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77&pagetype=entityrecord&etn=lead&id=b3f1c2d4-6a7e-4f10-9c21-5e8d7a6b4c01', file: 'dynamics/lead.html', csp: hostCsp.salesforce },
  { host: 'Apptivo', origin: 'https://app.apptivo.com', path: '/app/contacts.jsp', hash: '#/view/80451277/overview', file: 'apptivo/contact.html', csp: hostCsp.salesforce },
] as const;

for (const hostPage of hostilePages) {
  test(`a hostile ${hostPage.host} page finds none of the team’s data, and its messages change nothing`, async ({ extension: browser }) => {
    // The forged messages are ones Tandem would act on if it listened to the page.
    for (const message of forgedMessages.filter((m) => m.type.startsWith('toBackground.'))) expect(ToBackground.safeParse(message).success).toBe(true);
    expect(feedbackCreate.args.safeParse(forgedWrite.request.args).success).toBe(true);
    await routeHost(browser.context, hostPage.origin, { [hostPage.path]: hostPage.file }, hostPage.csp, hostile);
    const page = await browser.context.newPage();
    await page.goto(`${hostPage.origin}${hostPage.path}${hostPage.hash}`);
    const frame = sidebarFrame(page);
    // The team's data is on screen, inside the frame.
    await expect(frame.getByTestId('page-contact')).toContainText(`In view on ${hostPage.host}`);
    await frame.getByRole('tab', { name: 'Definition' }).click();
    await expect(frame.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
    await expect(frame.getByText('Company of 50 to 5,000 people')).toBeVisible();
    const feedbackBefore = await frame.getByRole('tab', { name: /Feedback/ }).textContent();

    const collected = await page.evaluate(() => (window as unknown as { __hostile: { collect(): string } }).__hostile.collect());
    expect(collected.length).toBeGreaterThan(1000); // it did read the page
    expect(collected).toMatch(/no document|blocked/); // but not the frame
    expect(collected).toContain('no runtime'); // and cannot message the extension itself
    for (const text of teamData) expect(collected).not.toContain(text);

    // The frame ignored the page's messages: nothing was written, the view is unchanged.
    await page.waitForTimeout(300);
    await expect(frame.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
    expect(await frame.getByRole('tab', { name: /Feedback/ }).textContent()).toBe(feedbackBefore);
    // (A CRM record's facts are remembered by the background on its own: that is Tandem's write, not the page's.)
    expect((await demoOutbox(browser.worker)).filter((name) => name !== 'fact.put')).toEqual([]);
  });
}

// Issue 16: copies of Tandem's own frame. A page can read the frame's src from its DOM (in
// Chrome, the per-session URL) and frame it again: from the page itself, from a third-party
// frame inside it, or from the next site the tab goes to. Only the frame Tandem mounted may
// show anything; each test first sees that frame show the team's data.
const copyFrame = `<script nonce="tandemtest">
window.__copy = () => {
  const src = document.querySelector('iframe[title="Tandem"]').src;
  const copy = document.createElement('iframe');
  copy.id = 'tandem-copy';
  copy.src = src;
  // Nearly invisible, on top, over a decoy the person means to click.
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
</script>`;

const gmail = { origin: 'https://mail.google.com', path: '/mail/u/0/', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB' };
const refusal = 'Tandem shows its sidebar only where Tandem itself put it.';

/** Opens the Gmail thread with `inject` in the page, and waits for Tandem's own frame to show the team's data. */
async function openGmailWith(browser: { context: import('@playwright/test').BrowserContext }, inject: string) {
  await routeHost(browser.context, gmail.origin, { [gmail.path]: 'gmail/thread.html' }, hostCsp.gmail, inject);
  const page = await browser.context.newPage();
  await page.goto(gmail.url);
  const own = sidebarFrame(page);
  await own.getByRole('tab', { name: 'Definition' }).click();
  await expect(own.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
  return { page, own };
}

/** A frame's visible text; a frame that cannot be read fails the test rather than reading as empty. */
async function frameText(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.body.innerText);
}

/** The per-session URL of Tandem's own frame, as the page reads it from its DOM. */
const ownSrc = (page: import('@playwright/test').Page) => page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[title="Tandem"]')!.src);

test('the real frame’s URL framed by a site in another tab, and the overlay page opened on its own, show the notice alone', async ({ extension: browser }) => {
  const { page, own } = await openGmailWith(browser, '');
  const src = await ownSrc(page);
  // Chrome's per-session URL (use_dynamic_url), not the extension's static one.
  expect(src).toMatch(/^chrome-extension:\/\/[\w-]+\/overlay\.html$/);
  expect(new URL(src).host).not.toBe(browser.extensionId);

  await browser.context.route('https://attacker.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<title>Not Gmail</title><h1>Look</h1><iframe id="copy" src="${src}" width="400" height="600"></iframe>` }),
  );
  const attacker = await browser.context.newPage();
  await attacker.goto('https://attacker.example/');
  await expect(attacker.frameLocator('#copy').getByTestId('overlay-refused')).toHaveText(`${refusal} Open Tandem from the toolbar button instead.`);
  const framed = attacker.frames().filter((f) => f !== attacker.mainFrame());
  expect(framed).toHaveLength(1);
  for (const frame of attacker.frames()) for (const data of [...teamData, 'Lead definition', 'Demo data']) expect(await frameText(frame)).not.toContain(data);

  // A tab cannot load the per-session URL at all (Chrome blocks it); the extension's own URL
  // of the page, opened in a tab, is Tandem's to refuse.
  const direct = await browser.openPage('overlay.html');
  await expect(direct.getByTestId('overlay-refused')).toHaveText(`${refusal} Open Tandem from the toolbar button instead.`);
  expect((await direct.locator('body').innerText()).trim()).toBe(`${refusal} Open Tandem from the toolbar button instead.`);

  // Meanwhile the same URL in the frame Tandem mounted still shows the team's data.
  await expect(own.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
});

test('a copy of the sidebar framed by the page shows a notice only, and blind clicks on it create nothing', async ({ extension: browser }) => {
  const { page, own } = await openGmailWith(browser, copyFrame);
  const src = await page.evaluate(() => (window as unknown as { __copy(): string }).__copy());
  expect(src).toMatch(/^chrome-extension:\/\/[\w-]+\/overlay\.html$/);
  const copy = page.frameLocator('#tandem-copy');
  // The page did answer the copy's hello with a secret of its own.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __answered?: number }).__answered ?? 0)).toBeGreaterThan(0);
  await expect(copy.getByTestId('overlay-refused')).toHaveText(/^Tandem shows its sidebar only where Tandem itself put it\./);
  // Two overlay frames now: Tandem's, with the data, and the copy, with the notice alone.
  const overlays = page.frames().filter((f) => f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === '/overlay.html');
  const texts = await Promise.all(overlays.map(frameText));
  expect(texts).toHaveLength(2);
  const copyText = texts.find((t) => t.includes(refusal))!;
  expect(copyText.trim()).toBe('Tandem shows its sidebar only where Tandem itself put it. Open Tandem from the toolbar button instead.');
  expect(texts.find((t) => t !== copyText)).toContain('Ideal customer: mid-market B2B teams');
  // Blind clicks where the real sidebar has its buttons: nothing is written.
  for (const [x, y] of [[60, 200], [200, 300], [300, 420], [120, 560], [380, 650]] as const) await page.mouse.click(x, y);
  await page.waitForTimeout(500);
  expect((await demoOutbox(browser.worker)).filter((name) => name !== 'fact.put')).toEqual([]);
  // Tandem's own frame still shows the data.
  await expect(own.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
});

test('a copy framed by a third-party frame inside the page shows a notice only', async ({ extension: browser }) => {
  await browser.context.route('https://widgets.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<title>Chat widget</title><script>addEventListener('message', (e) => {
        const f = document.createElement('iframe'); f.id = 'nested'; f.src = e.data; f.width = 400; f.height = 600; document.body.append(f);
      });</script>`,
    }),
  );
  const widget = `<iframe id="widget" src="https://widgets.example/embed" style="position:fixed;left:0;bottom:0;width:420px;height:640px"></iframe>
<script nonce="tandemtest">window.__handOver = () => { const src = document.querySelector('iframe[title="Tandem"]').src; document.getElementById('widget').contentWindow.postMessage(src, '*'); return src; };</script>`;
  const { page, own } = await openGmailWith(browser, widget);
  await page.evaluate(() => (window as unknown as { __handOver(): string }).__handOver());
  const nested = page.frameLocator('#widget').frameLocator('#nested');
  await expect(nested.getByTestId('overlay-refused')).toBeVisible();
  for (const frame of page.frames()) {
    if (frame.parentFrame()?.url().startsWith('https://widgets.example/')) for (const data of teamData) expect(await frameText(frame)).not.toContain(data);
  }
  await expect(own.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
});

test('after the tab goes from Gmail to another site, that site’s copy shows a notice only, and the tab’s context is gone', async ({ extension: browser }) => {
  const { page } = await openGmailWith(browser, copyFrame);
  const src = await ownSrc(page);
  const tabId = await browser.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    return (await chrome.tabs.query({ url: 'https://mail.google.com/*' }))[0]!.id!;
  });
  const sessionKeys = () =>
    browser.worker.evaluate(async (id) => {
      const { chrome } = globalThis as unknown as { chrome: ChromeApi };
      return Object.keys(await chrome.storage.session.get(null)).filter((k) => k.endsWith(`:${id}`)).sort();
    }, tabId);
  await expect.poll(sessionKeys).toEqual([`frame:${tabId}`, `tab:${tabId}`]);
  await browser.context.route('https://attacker.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<title>Not Gmail</title><iframe id="copy" src="${src}" width="400" height="600"></iframe>` }),
  );
  await page.goto('https://attacker.example/');
  await expect(page.frameLocator('#copy').getByTestId('overlay-refused')).toBeVisible();
  for (const frame of page.frames()) for (const data of [...teamData, 'Lead definition', 'Demo data']) expect(await frameText(frame)).not.toContain(data);
  // What the background knew of the Gmail page went with it.
  await expect.poll(sessionKeys).toEqual([]);
});

test('a faded or covered sidebar takes no writes: clicks that fall through a decoy onto Tandem’s own frame send nothing', async ({ extension: browser }) => {
  const decoy = `<script nonce="tandemtest">
window.__fade = (opacity) => { document.querySelector('[data-tandem="sidebar"]').style.opacity = String(opacity); };
window.__cover = () => {
  const d = document.createElement('div');
  d.id = 'decoy';
  d.textContent = 'Claim your prize';
  d.style.cssText = 'position:fixed;top:0;right:0;width:360px;height:100vh;background:rgba(255,255,255,0.6);z-index:2147483647;pointer-events:none';
  document.body.append(d);
};
window.__uncover = () => document.getElementById('decoy').remove();
</script>`;
  const { page, own } = await openGmailWith(browser, decoy);
  await own.getByRole('tab', { name: /Feedback/ }).click();
  const send = async () => {
    await own.getByLabel('Nurture').check();
    await own.getByLabel('Note for Marketing (optional)').fill('Sent through a decoy?');
    await own.getByRole('button', { name: 'Send feedback' }).click();
  };
  const feedbackWrites = async () => (await demoOutbox(browser.worker)).filter((name) => name === 'feedback.create').length;

  // Faded to nearly nothing by the page: refused, and the form keeps what was typed.
  await page.evaluate(() => (window as unknown as { __fade(o: number): void }).__fade(0.01));
  await page.waitForTimeout(700);
  await send();
  await expect(own.getByRole('alert')).toContainText('Nothing was sent: Tandem’s sidebar was covered or faded by the page');
  await expect(own.getByLabel('Note for Marketing (optional)')).toHaveValue('Sent through a decoy?');
  expect(await feedbackWrites()).toBe(0);

  // Covered by something of the page's that lets clicks through: refused too.
  await page.evaluate(() => (window as unknown as { __fade(o: number): void; __cover(): void }).__fade(1));
  await page.evaluate(() => (window as unknown as { __cover(): void }).__cover());
  await page.waitForTimeout(700);
  await send();
  await expect(own.getByRole('alert')).toContainText('Nothing was sent');
  expect(await feedbackWrites()).toBe(0);

  // In plain view for half a second: the same click goes through.
  await page.evaluate(() => (window as unknown as { __uncover(): void }).__uncover());
  await page.waitForTimeout(700);
  await send();
  await expect.poll(feedbackWrites).toBe(1);
});
