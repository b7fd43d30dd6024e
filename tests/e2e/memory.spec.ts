import { expect, test } from '@playwright/test';
import { fixture, hostCsp, routeHost, sidebarFrame } from './hosts';
import { serverRecords, teamSession } from './team';

// Issue 15: what one teammate's page showed, or one rep added, is known to the whole team,
// with its source. Two browsers (Jordan, a rep; Priya, a marketer) and one real server.

const { demoServer, person, cleanUp } = teamSession();
test.afterEach(() => cleanUp());

const salesforce = 'https://acme.lightning.force.com';
const ameliaRecord = '/lightning/r/Contact/0035e00000FgHiJAAV/view';
const ameliaKey = 'email:amelia.ortiz@brightwave-health.example';

type StoredFact = { field: string; value: unknown; learned: string; contactKey: string; version: number; by: { name: string } };
const facts = async (url: string, code: string) => (await serverRecords(url, code, 'fact')) as StoredFact[];

test('a Salesforce record read by one rep gives a teammate’s Gmail thread its facts, and a fact added there comes back', async () => {
  test.setTimeout(150_000);
  const { url, code } = await demoServer();
  const jordan = await person(code('sales'), 'Jordan Lee (sales)');
  const priya = await person(code('marketing'), 'Priya Shah (marketing)');

  // Jordan opens Amelia's record: the background remembers what it shows, once.
  await routeHost(jordan.browser.context, salesforce, { [ameliaRecord]: 'salesforce/contact.html' }, hostCsp.salesforce);
  const record = await jordan.browser.context.newPage();
  await record.goto(`${salesforce}${ameliaRecord}`);
  const crm = sidebarFrame(record);
  await expect(crm.getByTestId('page-contact')).toContainText('Amelia Ortiz');
  await expect.poll(async () => (await facts(url, code('admin'))).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
  const remembered = await facts(url, code('admin'));
  // What the record's fields say; not what follows from them (the country from her address), nor the page's record id.
  expect(remembered.map((f) => f.field).sort()).toEqual(['company', 'department', 'employees', 'industry', 'name', 'phone', 'title']);
  for (const fact of remembered) expect(fact).toMatchObject({ contactKey: ameliaKey, learned: 'page', version: 1, by: { name: 'Jordan Lee' } });
  expect(remembered.find((f) => f.field === 'title')!.value).toBe('Director of IT');

  // The same page seen again writes nothing.
  await record.reload();
  await expect(crm.getByTestId('page-contact')).toContainText('Amelia Ortiz');
  await expect(crm.getByTestId('fit-verdict')).toHaveText('Fit Fits: scores 65, 60 needed.');
  await record.waitForTimeout(2_000);
  await expect(jordan.options.getByTestId('sync-status')).toContainText('Synced');
  expect(await facts(url, code('admin'))).toEqual(remembered);

  // Priya opens a Gmail thread from Amelia: her page shows a name and an address only.
  await routeHost(priya.browser.context, 'https://mail.google.com', { '/mail/u/0/': 'gmail/thread.html' }, hostCsp.gmail, '', {
    'dana.whitfield@northwind-logistics.example': 'amelia.ortiz@brightwave-health.example',
    'Dana Whitfield': 'Amelia Ortiz',
  });
  const mail = await priya.browser.context.newPage();
  await mail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB');
  const gmail = sidebarFrame(mail);
  await expect(gmail.getByTestId('page-contact')).toContainText('In view on Gmail: Amelia Ortiz');
  const title = gmail.getByRole('listitem').filter({ hasText: 'Title names a buying role' });
  await expect(title).toContainText('Title “Director of IT” names a buying role', { timeout: 20_000 });
  await expect(title).toContainText(/Remembered from the Salesforce record \(seen by Jordan Lee on .+\)\./);
  await expect(gmail.getByRole('listitem').filter({ hasText: 'Company of 50 to 5,000 people' })).toContainText('Remembered from the company on the Salesforce record');
  // The verdict Jordan saw on the record, from what the team remembers.
  await expect(gmail.getByTestId('fit-verdict')).toHaveText('Fit Fits: scores 65, 60 needed.');
  await gmail.getByTestId('contact-facts').getByText(/What Tandem knows about this contact/).click();
  await expect(gmail.getByTestId('contact-facts')).toContainText(/Industry: Healthcare, remembered from the company on the Salesforce record \(seen by Jordan Lee/);

  // What no page shows, Priya adds in place; the verdict follows at once.
  const channel = gmail.getByRole('listitem').filter({ hasText: 'Came in through a high-intent channel' });
  await expect(channel).toContainText('Lead source is not known for this contact.');
  await channel.getByRole('button', { name: 'Add lead source for this contact' }).click();
  const ask = channel.getByTestId('fact-ask');
  await ask.getByLabel('Where did the lead come from?').fill('  ');
  await ask.getByRole('button', { name: 'Save for the team' }).click();
  await expect(ask.getByRole('alert')).toHaveText('Enter the lead source first.');
  await ask.getByLabel('Where did the lead come from?').fill('Webinar');
  await ask.getByLabel('Where did the lead come from?').press('Enter');
  await expect(channel).toContainText('Lead source “Webinar” is one of');
  await expect(channel).toContainText(/Added by Priya Shah on .+\./);
  await expect(channel.getByTestId('fact-ask')).toHaveCount(0);
  await expect(gmail.getByTestId('fit-verdict')).toHaveText('Fit Fits: scores 75, 60 needed.');

  // It reaches the server, and Jordan's Salesforce sidebar, with who added it.
  await expect.poll(async () => (await facts(url, code('admin'))).find((f) => f.field === 'leadSource'), { timeout: 20_000 }).toMatchObject({ value: 'Webinar', learned: 'person', by: { name: 'Priya Shah' } });
  await record.bringToFront();
  await expect(crm.getByRole('listitem').filter({ hasText: 'Came in through a high-intent channel' })).toContainText('Added by Priya Shah on', { timeout: 20_000 });
  await expect(crm.getByTestId('fit-verdict')).toHaveText('Fit Fits: scores 75, 60 needed.');
});

test('an added site’s page is remembered only when the rep confirms it', async () => {
  test.setTimeout(120_000);
  const { url, code } = await demoServer();
  const jordan = await person(code('sales'), 'Jordan Lee (sales)');
  const site = 'http://localhost:4599';
  await jordan.browser.context.route(`${site}/**`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixture('generic/jsonld.html') }));
  await jordan.options.getByLabel('Add a host (your own CRM or intranet)').fill(site);
  await jordan.options.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(jordan.options.getByRole('status').filter({ hasText: 'Tandem now reads contacts on localhost:4599' })).toBeVisible();

  const page = await jordan.browser.context.newPage();
  await page.goto(`${site}/contacts/42`);
  const frame = sidebarFrame(page);
  await expect(frame.getByTestId('page-contact')).toContainText('In view on this site: Elena Novak');
  await expect(frame.getByRole('listitem').filter({ hasText: 'Title names a buying role' })).toContainText('From this page.');
  // Seen, not remembered: a Salesforce page would be on the server by now (the test above).
  await page.waitForTimeout(3_000);
  await jordan.options.bringToFront();
  await expect(jordan.options.getByTestId('sync-status')).toContainText('Synced');
  expect(await facts(url, code('admin'))).toEqual([]);

  await page.bringToFront();
  await frame.getByTestId('contact-facts').getByText(/What Tandem knows about this contact/).click();
  const confirm = frame.getByRole('button', { name: /^Remember these \d+ facts for the team$/ });
  await confirm.click();
  await expect(confirm).toHaveCount(0);
  await expect.poll(async () => (await facts(url, code('admin'))).find((f) => f.field === 'title'), { timeout: 20_000 }).toMatchObject({
    value: 'Logistics Director',
    learned: 'page',
    by: { name: 'Jordan Lee' },
  });
});
