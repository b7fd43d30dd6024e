import { expect } from '@playwright/test';
import { demoOutbox, test } from './extension';
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
    for (const text of teamData) expect(collected).not.toContain(text);

    // The frame ignored the page's messages: nothing was written, the view is unchanged.
    await page.waitForTimeout(300);
    await expect(frame.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
    expect(await frame.getByRole('tab', { name: /Feedback/ }).textContent()).toBe(feedbackBefore);
    // (A CRM record's facts are remembered by the background on its own: that is Tandem's write, not the page's.)
    expect((await demoOutbox(browser.worker)).filter((name) => name !== 'fact.put')).toEqual([]);
  });
}

test('the overlay page shows nothing when another site frames it, or when opened on its own', async ({ extension: browser }) => {
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
  expect((await direct.locator('body').innerText()).trim()).toBe('Tandem shows its sidebar only where Tandem itself put it. Open Tandem from the toolbar button instead.');
});
