import { expect } from '@playwright/test';
import { type ChromeApi, test } from './extension';
import { hostCsp, navigateInPage, routeHost, sidebarFrame } from './hosts';


const gmail = 'https://mail.google.com';
const thread1 = '#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB';
const thread2 = '#label/Prospects/FMfcgzQXKbHcWnLsDqTrVmPjZgYxNfRc';

test('Gmail: the sidebar shows the open thread’s sender with fit, campaigns and feedback, and follows navigation', async ({ extension: browser }) => {
  await routeHost(browser.context, gmail, { '/mail/u/0/': 'gmail/thread.html' }, hostCsp.gmail);
  const page = await browser.context.newPage();
  await page.goto(`${gmail}/mail/u/0/${thread1}`);
  const frame = sidebarFrame(page);
  await expect(frame.getByTestId('page-contact')).toContainText('In view on Gmail: Dana Whitfield');
  await expect(frame.getByTestId('page-contact')).toContainText('dana.whitfield@northwind-logistics.example');
  // Dana's message is collapsed: the page gives her name and address, no facts.
  await expect(frame.getByTestId('fit-verdict')).toHaveText('Not enough data Not enough data: 7 of 8 criteria are unknown.');
  await expect(frame.getByText('Demo data')).toBeVisible();

  // Feedback given in the page's sidebar lands on this contact.
  await frame.getByRole('tab', { name: 'Feedback' }).click();
  await frame.getByLabel('Accept').check();
  await frame.getByLabel('Note for Marketing (optional)').fill('Asked for pilot pricing.');
  await frame.getByRole('button', { name: 'Send feedback' }).click();
  await expect(frame.getByText('Asked for pilot pricing.')).toBeVisible();

  // Gmail opens another thread: new body, new hash, no page load.
  await navigateInPage(page, 'gmail/thread-2.html', { hash: thread2 });
  await expect(frame.getByTestId('page-contact')).toContainText('Erik Halvorsen');
  await expect(frame.getByText('No feedback on this contact yet.')).toBeVisible();
  // Back to the first thread: its feedback is there.
  await navigateInPage(page, 'gmail/thread.html', { hash: thread1 });
  await expect(frame.getByText('Asked for pilot pricing.')).toBeVisible();

  // Only one sidebar, however often the page changed.
  await expect(page.locator('iframe[title="Tandem"]')).toHaveCount(1);
});

test('Gmail: a view Tandem cannot read says so, and the compose window folds the sidebar away', async ({ extension: browser }) => {
  await routeHost(
    browser.context,
    gmail,
    { '/mail/u/0/': 'gmail/thread-unreadable.html', '/mail/u/1/': 'gmail/compose.html' },
    hostCsp.gmail,
  );
  const page = await browser.context.newPage();
  await page.goto(`${gmail}/mail/u/0/${thread1}`);
  await expect(sidebarFrame(page).getByTestId('page-contact')).toContainText('Tandem can’t read this Gmail view');

  await page.goto(`${gmail}/mail/u/1/#inbox?compose=new`);
  const wrapper = page.locator('iframe[title="Tandem"]');
  await expect(wrapper).toBeHidden();
  const tab = page.locator('[data-tandem="controls"]').getByRole('button', { name: 'Show Tandem' });
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(wrapper).toBeVisible();
  await expect(sidebarFrame(page).getByTestId('page-contact')).toContainText('Lena Brandt');

  // The options page says when Gmail was last read and which selector failed.
  const options = await browser.openPage('options.html');
  await expect(options.getByTestId('host-gmail')).toContainText('Last read a page');
  await expect(options.getByTestId('host-gmail')).toContainText("Could not find the open thread's sender on a thread view");
});

const salesforce = 'https://acme.lightning.force.com';
const lead = '/lightning/r/Lead/00Q5e00000AbCdEEAV/view';
const contact = '/lightning/r/Contact/0035e00000FgHiJAAV/view';
const contact2 = '/lightning/r/Contact/0035e00000KlMnOAAV/view';

test('Salesforce: the record in view, not the signed-in user or related records, and navigation between records', async ({ extension: browser }) => {
  await routeHost(browser.context, salesforce, { [lead]: 'salesforce/lead.html', [contact]: 'salesforce/contact.html' }, hostCsp.salesforce);
  const page = await browser.context.newPage();
  await page.goto(`${salesforce}${lead}`);
  const frame = sidebarFrame(page);
  await expect(frame.getByTestId('page-contact')).toContainText('In view on Salesforce: Dana Whitfield');
  await expect(frame.getByTestId('page-contact')).toContainText('dana.whitfield@northwind-robotics.example');

  await page.goto(`${salesforce}${contact}`);
  await expect(frame.getByTestId('page-contact')).toContainText('Amelia Ortiz');
  // Lightning navigates with pushState and swaps the record in place.
  await navigateInPage(page, 'salesforce/contact-2.html', { path: contact2 }, 'div.oneCenterStage');
  await expect(frame.getByTestId('page-contact')).toContainText('Jonas Weber');
});

test('the side panel follows the active tab’s contact', async ({ extension: browser }) => {
  await routeHost(browser.context, gmail, { '/mail/u/0/': 'gmail/thread.html' }, hostCsp.gmail);
  const panel = await browser.openPage('sidepanel.html');
  const mail = await browser.context.newPage();
  await mail.goto(`${gmail}/mail/u/0/${thread1}`);
  await expect(sidebarFrame(mail).getByTestId('page-contact')).toContainText('Dana Whitfield');
  // Make the Gmail tab the active one, as when the rep clicks it with the panel open.
  await browser.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    const [tab] = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
    await chrome.tabs.update(tab!.id!, { active: true });
  });
  await expect(panel.getByTestId('page-contact')).toContainText('In view on Gmail: Dana Whitfield');
  await navigateInPage(mail, 'gmail/thread-2.html', { hash: thread2 });
  await expect(panel.getByTestId('page-contact')).toContainText('Erik Halvorsen');
});

test('the in-page sidebar toggles from the keyboard shortcut’s message, remembers being folded, and takes the page’s dark theme', async ({ extension: browser }) => {
  await routeHost(browser.context, gmail, { '/mail/u/0/': 'gmail/thread.html' }, hostCsp.gmail, '<style>body { background: #202124 !important; }</style>');
  const page = await browser.context.newPage();
  await page.goto(`${gmail}/mail/u/0/${thread1}`);
  const frameElement = page.locator('iframe[title="Tandem"]');
  await expect(sidebarFrame(page).getByTestId('page-contact')).toContainText('Dana Whitfield');
  await expect(sidebarFrame(page).locator('html')).toHaveAttribute('data-theme', 'dark');

  // What the background sends when the shortcut (Alt+Shift+T) is pressed in this tab.
  const toggle = () =>
    browser.worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: ChromeApi };
      const [tab] = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
      await chrome.tabs.sendMessage(tab!.id!, { type: 'toContent.toggleSidebar' });
    });
  await toggle();
  await expect(frameElement).toBeHidden();
  await page.reload();
  await expect(page.locator('[data-tandem="controls"]').getByRole('button', { name: 'Show Tandem' })).toBeVisible();
  await expect(frameElement).toBeHidden();
  await toggle();
  await expect(frameElement).toBeVisible();
});
