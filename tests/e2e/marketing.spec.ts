import { expect, test } from '@playwright/test';
import { demoServerWorkspaceId } from '../../server/demo';
import { parseConnectCode } from '../../utils/model';
import type { ChromeApi, ExtensionBrowser } from './extension';
import { pushAs } from './server-process';
import { enterContact, gotoSection, serverRecords, teamSession } from './team';

// Marketing's side and the admin's, with people on separate browsers and one real server
// process on SQLite seeded with the demo workspace.
const session = teamSession();
const { demoServer, person } = session;
test.afterEach(() => session.cleanUp());

/** Every record document in the workspace's IndexedDB on that browser, as JSON text. */
function storedText(browser: ExtensionBrowser): Promise<string> {
  return browser.worker.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => done(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((done) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => done(r.result);
      });
    const text = JSON.stringify([await all('records'), await all('base')]);
    db.close();
    return text;
  }, `tandem-ws-${demoServerWorkspaceId}`);
}

/** A record as the server has it now, read with a member's token through a fresh pull. */
async function serverRecord(url: string, code: string, type: string, id: string): Promise<Record<string, unknown> | undefined> {
  return (await serverRecords(url, code, type)).find((r) => r.id === id);
}

/** The controls Marketing's editors offer (and a sales member must not see). */
const editingButtons = /Publish|Save|New|Add|Discard|Remove/;

function badgeText(browser: ExtensionBrowser): Promise<string> {
  return browser.worker.evaluate(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.action.getBadgeText({}));
}

test('a rep’s feedback gets an answer from the inbox that reaches the rep, counts as unread, and clears when read', async () => {
  test.setTimeout(120_000);
  const { code } = await demoServer();
  const rep = await person(code('sales'), 'Jordan Lee (sales)');
  const marketer = await person(code('marketing'), 'Priya Shah (marketing)');
  // Priya's answer to Jordan's demo feedback on Marco Rossi is not read yet.
  await expect.poll(() => badgeText(rep.browser), { timeout: 10_000 }).toBe('1');

  // The rep gives feedback on a contact from the side panel.
  const panel = await rep.browser.openPage('sidepanel.html#feedback');
  await enterContact(panel, 'dana.whitfield@contoso.com', 'Dana Whitfield');
  await panel.getByLabel('Reject').check();
  await panel.getByLabel('Wrong persona').check();
  await panel.getByLabel('Note for Marketing (optional)').fill('She runs facilities, not revenue.');
  await panel.getByRole('button', { name: 'Send feedback' }).click();
  await panel.getByRole('tab', { name: /Fit/ }).click();

  // Marketing finds it in the inbox, unread, filters by reason, and answers.
  await gotoSection(marketer.options, 'inbox');
  const inbox = marketer.options.getByRole('region', { name: 'Feedback inbox' });
  const item = inbox.getByRole('listitem').filter({ hasText: 'She runs facilities, not revenue.' });
  await expect(item).toContainText('Unread', { timeout: 20_000 });
  await inbox.getByLabel('Reason').selectOption({ label: 'Wrong persona' });
  await expect(inbox.getByRole('status')).toContainText(/^1 of \d+ shown/);
  await item.getByRole('button', { name: 'Reply' }).click();
  await item.getByLabel('Your reply').fill('Thanks — we will drop facilities titles from the webinar list.');
  await item.getByRole('button', { name: 'Send reply' }).click();
  await expect(item).not.toContainText('Unread');

  // The rep hears back: the tab and the toolbar badge count it until the rep reads it.
  await expect(panel.getByRole('tab', { name: /Feedback/ })).toContainText('1 new', { timeout: 20_000 });
  await expect.poll(() => badgeText(rep.browser), { timeout: 10_000 }).toBe('2');
  await panel.getByRole('tab', { name: /Feedback/ }).click();
  const replies = panel.getByRole('list', { name: 'Replies' });
  await expect(replies).toContainText('we will drop facilities titles');
  await expect(replies).toContainText('New');
  await expect(panel.getByRole('tab', { name: /Feedback/ })).not.toContainText('new', { timeout: 10_000 });
  await expect.poll(() => badgeText(rep.browser), { timeout: 10_000 }).toBe('1');
});

test('an admin invites a member who connects with the code, changes a role, and erases a contact from every install', async () => {
  test.setTimeout(150_000);
  const { url, code, token } = await demoServer();
  const admin = await person(code('admin'), 'Alex Admin (admin)');
  await gotoSection(admin.options, 'team');
  const team = admin.options.getByRole('main');
  await expect(team.getByRole('table', { name: /Members of Demo workspace/ })).toContainText('Jordan Lee');

  // Invite: the server answers with a connect code to hand over.
  const invite = team.getByRole('form', { name: 'Invite a member' });
  await invite.getByLabel('Name').fill('Sam Rivera');
  await invite.getByLabel('Email (optional)').fill('sam@tandem-demo.com');
  await invite.getByLabel('Role').selectOption('sales');
  await invite.getByRole('button', { name: 'Invite member' }).click();
  const handover = await team.getByRole('textbox', { name: 'Connect code for Sam Rivera', exact: true }).inputValue();
  expect(parseConnectCode(handover).serverUrl).toBe(url);
  const sam = await person(handover, 'Sam Rivera (sales)');
  await expect(team.getByRole('row', { name: /Sam Rivera/ })).toBeVisible();

  // A role change reaches the member's install: the editors open up for Sam.
  await gotoSection(sam.options, 'campaigns');
  await expect(sam.options.getByTestId('read-only')).toBeVisible();
  await team.getByLabel('Role of Sam Rivera').selectOption('marketing');
  await expect(team.getByRole('status').filter({ hasText: 'Sam Rivera is now Marketing.' })).toBeVisible();
  await expect(sam.options.getByText('Sam Rivera (marketing)')).toBeVisible({ timeout: 20_000 });
  await expect(sam.options.getByRole('main').getByRole('button', { name: editingButtons }).first()).toBeVisible();
  await expect(sam.options.getByTestId('read-only')).toHaveCount(0);

  // Jordan (the rep) gives feedback about Dana, and a lead with her address is captured.
  const rep = await person(code('sales'), 'Jordan Lee (sales)');
  const panel = await rep.browser.openPage('sidepanel.html#feedback');
  await enterContact(panel, 'dana.whitfield@contoso.com', 'Dana Whitfield');
  // What no page shows, Jordan adds in the Fit tab: her title, remembered for the team.
  await panel.getByRole('tab', { name: 'Fit' }).click();
  await panel.getByRole('button', { name: 'Add title for this contact' }).click();
  await panel.getByLabel('What is their job title?').fill('Chief Merger Officer');
  await panel.getByRole('button', { name: 'Save for the team' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: 'Title names a buying role' })).toContainText('Added by Jordan Lee on');
  await panel.getByRole('tab', { name: /Feedback/ }).click();
  await panel.getByLabel('Nurture').check();
  await panel.getByLabel('Note for Marketing (optional)').fill('Dana asked us to call back after the merger.');
  await panel.getByRole('button', { name: 'Send feedback' }).click();
  const captured = await pushAs(url, token('sales'), [
    { name: 'lead.capture', args: { id: crypto.randomUUID(), name: 'Dana Whitfield', email: 'Dana.Whitfield@contoso.com', company: 'Contoso', phones: ['+1 415 555 0100'], source: 'manual', status: 'new', notes: '' } },
  ]);
  expect(captured).toEqual([{ id: 1, status: 'applied' }]);
  await expect(panel.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });
  await panel.getByRole('tab', { name: /Leads/ }).click();
  await expect(panel.getByRole('tabpanel')).toContainText('Dana Whitfield', { timeout: 20_000 });
  expect(await storedText(rep.browser)).toContain('call back after the merger');
  await expect.poll(async () => (await serverRecords(url, code('admin'), 'fact')).map((f) => f.value)).toEqual(['Chief Merger Officer']);
  // Every install holds what the erasure must remove (so its absence below means something).
  const danaOption = panel.getByLabel('Contact', { exact: true }).locator('option[value="email:dana.whitfield@contoso.com"]');
  await expect(danaOption).toHaveCount(1);
  const aboutDana = ['call back after the merger', '555 0100', 'Whitfield', 'Chief Merger Officer'];
  for (const b of [rep.browser, admin.browser, sam.browser]) {
    await expect.poll(async () => { const text = await storedText(b); return aboutDana.filter((s) => !text.includes(s)); }, { timeout: 20_000 }).toEqual([]);
  }

  // The admin erases her: the rep's install drops her leads and feedback at its next sync.
  admin.options.once('dialog', (dialog) => void dialog.accept());
  await team.getByLabel('Email address to erase').fill('DANA.WHITFIELD@contoso.com');
  await team.getByRole('button', { name: 'Erase contact' }).click();
  await expect(team.getByRole('status').filter({ hasText: /Erased 1 lead, 1 feedback thread and 1 remembered fact about/ })).toBeVisible();
  await expect(team.getByRole('list', { name: 'Audit log' })).toContainText('erased a contact');
  await expect(team.getByRole('list', { name: 'Audit log' })).not.toContainText('dana');

  await expect(panel.getByRole('tabpanel')).not.toContainText('Dana Whitfield', { timeout: 20_000 });
  await panel.getByRole('tab', { name: /Feedback/ }).click();
  // She is no longer a contact to pick, and her thread is not shown.
  await expect(panel.getByRole('tabpanel')).toContainText('Pick a contact above, or enter one with “New…”.');
  await expect(danaOption).toHaveCount(0);
  await expect(panel.getByText('Dana asked us to call back after the merger.')).toHaveCount(0);
  for (const b of [rep.browser, admin.browser, sam.browser]) {
    await expect.poll(() => storedText(b), { timeout: 20_000 }).not.toMatch(/call back after the merger|555 0100|Whitfield|Chief Merger Officer/);
  }
});

test('a sales member is offered no editing controls, and a forged edit is refused by the server', async () => {
  test.setTimeout(90_000);
  const { url, code, token: tokenOf } = await demoServer();
  const rep = await person(code('sales'), 'Jordan Lee (sales)');
  const page = rep.options;
  const base = page.url().replace(/#.*$/, '');
  await expect(page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link')).toHaveText([
    'Workspace & hosts',
    'Lead definition',
    'Campaigns',
    'Sales plays',
    'Goals',
    'Feedback inbox',
    'Dashboard',
  ]);
  // Each section shows the workspace's own content before the controls are looked for.
  const shown = { definition: 'Ideal customer: mid-market B2B teams', campaigns: 'Revenue Ops webinar series', plays: 'Forecasting upsell to current customers', goals: 'Leads captured from campaigns' };
  for (const [section, content] of Object.entries(shown)) {
    await page.goto(`${base}#${section}`);
    const main = page.getByRole('main');
    await expect(main.getByTestId('read-only')).toBeVisible();
    await expect(main).toContainText(content);
    await expect(main.getByRole('button', { name: editingButtons })).toHaveCount(0);
    await expect(main.getByRole('textbox')).toHaveCount(0);
    await expect(main.getByRole('spinbutton')).toHaveCount(0);
  }
  await page.goto(`${base}#team`);
  // Not a section for Sales: the page stays on the workspace settings.
  await expect(page.getByRole('main')).toContainText('Workspaces on this device');
  await expect(page.getByRole('form', { name: 'Invite a member' })).toHaveCount(0);

  // The rep's token used by hand: the server refuses every edit a sales member may not make.
  const token = tokenOf('sales');
  const results = await pushAs(url, token, [
    { name: 'campaign.put', args: { doc: { id: '00000000-0000-4000-8000-000000000200', name: 'Hijacked', product: 'Tandem', status: 'active', startsOn: '2026-01-01', audience: [], targetAccounts: [], talkingPoints: [], offer: '', assets: [], owner: 'Jordan' }, baseVersion: 1 } },
    { name: 'definition.publish', args: { id: crypto.randomUUID(), basedOn: 1, name: 'Anyone', criteria: [], disqualifiers: [], threshold: 0, stages: [], sla: { acceptWithinHours: 1, minAttempts: 0, notes: '' }, notes: '', changeNote: '' } },
  ]);
  expect(results.map((r) => [r.status, r.error?.code])).toEqual([
    ['error', 'forbidden'],
    ['error', 'forbidden'],
  ]);
  const admin = await fetch(`${url}/v1/admin/members`, { headers: { authorization: `Bearer ${token}` } });
  expect(admin.status).toBe(403);
  await page.goto(`${base}#campaigns`);
  // The campaign the forged edit aimed at is shown, under its own name.
  await expect(page.getByRole('main')).toContainText('Revenue Ops webinar series');
  await expect(page.getByRole('main')).not.toContainText('Hijacked');
});

test('a marketer publishes a new definition version; the rep’s sidebar says what changed and shows the new fit for the same contact', async () => {
  test.setTimeout(120_000);
  const { code } = await demoServer();
  const rep = await person(code('sales'), 'Jordan Lee (sales)');
  const panel = await rep.browser.openPage('sidepanel.html#fit');
  await enterContact(panel, 'dana.whitfield@contoso.com', 'Dana Whitfield');
  await expect(panel.getByTestId('fit-verdict')).toHaveText('Not enough data Not enough data: 7 of 8 criteria are unknown.');
  await expect(panel.getByTestId('definition-notice')).toHaveCount(0);

  const marketer = await person(code('marketing'), 'Priya Shah (marketing)');
  const page = marketer.options;
  await gotoSection(page, 'definition');
  const editor = page.getByRole('main');
  await editor.getByLabel('Threshold').fill('70');
  await editor.getByRole('button', { name: 'Add disqualifier' }).click();
  const row = editor.getByRole('group', { name: 'Disqualifier 3' });
  await row.getByLabel('Field').selectOption({ label: 'Email domain' });
  await row.getByLabel('Operator').selectOption({ label: 'equals' });
  await row.getByLabel('Value').fill('contoso.com');
  await row.getByLabel('Label').fill('Works at Contoso');
  await editor.getByLabel('Change note').fill('Contoso is a partner, not a prospect.');
  await editor.getByRole('button', { name: 'Publish version 2' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Published version 2' })).toBeVisible();

  // The rep sees the notice and the new fit without doing anything.
  const notice = panel.getByTestId('definition-notice');
  await expect(notice).toContainText('version 2, published by Priya Shah', { timeout: 20_000 });
  await expect(notice).toContainText('Threshold 60 → 70; new disqualifier: Works at Contoso (Email domain is “contoso.com”)');
  await expect(notice).toContainText('Contoso is a partner, not a prospect.');
  await expect(panel.getByTestId('fit-verdict')).toHaveText('Disqualified Disqualified: Works at Contoso.');

  // The full history, with a readable diff between versions.
  await notice.getByRole('button', { name: 'See what changed' }).click();
  await expect(panel.getByTestId('definition-notice')).toHaveCount(0);
  const history = panel.getByTestId('definition-history');
  await expect(history.getByRole('list', { name: 'Changes from version 1 to 2' })).toHaveText(/threshold 60 → 70.*new disqualifier: Works at Contoso/s);
  await expect(panel.getByRole('button', { name: 'Edit the lead definition' })).toHaveCount(0); // a rep only reads it
  await history.getByLabel('Compare version').selectOption('2');
  await expect(history).toContainText('Pick two different versions');
});

test('two marketers edit one campaign; the second sees both versions and keeps what each changed', async () => {
  test.setTimeout(120_000);
  const { url, code } = await demoServer();
  const campaignId = '00000000-0000-4000-8000-000000000200';
  const priya = await person(code('marketing'), 'Priya Shah (marketing)');
  const alex = await person(code('admin'), 'Alex Admin (admin)');
  for (const { options } of [priya, alex]) {
    await gotoSection(options, 'campaigns');
    await options.getByRole('button', { name: 'Edit Revenue Ops webinar series' }).click();
  }

  // Priya saves first.
  await priya.options.getByLabel('Offer').fill('A free pipeline audit');
  await priya.options.getByRole('button', { name: 'Save campaign' }).click();
  await expect(priya.options.getByRole('status').filter({ hasText: 'Saved campaign' })).toBeVisible();
  await expect.poll(async () => (await serverRecord(url, code('admin'), 'campaign', campaignId))?.version, { timeout: 20_000 }).toBe(2);

  // Alex, whose edit started from version 1, saves a new name and another offer.
  await alex.options.getByLabel('Name', { exact: true }).fill('RevOps webinar series 2027');
  await alex.options.getByLabel('Offer').fill('Two seats free');
  await alex.options.getByRole('button', { name: 'Save campaign' }).click();
  const conflict = alex.options.getByTestId('conflict');
  await expect(conflict).toBeVisible({ timeout: 20_000 });
  await expect(conflict.getByRole('row', { name: /Offer/ })).toContainText('Two seats free');
  await expect(conflict.getByRole('row', { name: /Offer/ })).toContainText('A free pipeline audit');
  await expect(conflict.getByRole('row', { name: /Name/ })).toContainText('RevOps webinar series 2027');
  await conflict.getByLabel('Offer: theirs').check();
  await conflict.getByRole('button', { name: 'Save my choices' }).click();
  await expect(alex.options.getByTestId('conflict')).toHaveCount(0);

  // The server has both people's changes, and Priya sees them.
  await expect
    .poll(async () => {
      const doc = await serverRecord(url, code('marketing'), 'campaign', campaignId);
      return doc && [doc.version, doc.name, doc.offer];
    }, { timeout: 20_000 })
    .toEqual([3, 'RevOps webinar series 2027', 'A free pipeline audit']);
  await expect(priya.options.getByRole('button', { name: 'Edit RevOps webinar series 2027' })).toBeVisible({ timeout: 20_000 });
});
