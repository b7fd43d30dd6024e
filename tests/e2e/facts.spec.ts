import { expect } from '@playwright/test';
import { test } from './extension';
import { hostCsp, routeHost, sidebarFrame } from './hosts';

// Issue 14: on pages that show the facts the definition needs, the Fit tab knows them, says
// where each came from, and gives a verdict instead of "Not enough data".

test('Gmail: the sender’s signature gives a verdict, each fact with its source', async ({ extension: browser }) => {
  await routeHost(browser.context, 'https://mail.google.com', { '/mail/u/0/': 'gmail/thread-2.html' }, hostCsp.gmail);
  const page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#label/Prospects/FMfcgzQXKbHcWnLsDqTrVmPjZgYxNfRc');
  const frame = sidebarFrame(page);
  await expect(frame.getByTestId('page-contact')).toContainText('Erik Halvorsen');
  await expect(frame.getByTestId('fit-verdict')).toHaveText('Partial fit Partial: scores 45 of 60 needed; could fit once 45 points of unknown criteria are known.');

  const title = frame.getByRole('listitem').filter({ hasText: 'Title names a buying role' });
  await expect(title).toContainText('Title “Head of Operations” names a buying role');
  await expect(title).toContainText('From the email signature.');
  await expect(frame.getByRole('listitem').filter({ hasText: 'Senior enough to buy' })).toContainText('From the title “Head of Operations”.');
  await expect(frame.getByRole('listitem').filter({ hasText: 'In a region we sell to' })).toContainText('Country “Norway” is not one of');
  await expect(frame.getByRole('listitem').filter({ hasText: 'In a region we sell to' })).toContainText('From the phone number’s country code (+47).');
  // What is still unknown says so in words.
  await expect(frame.getByRole('listitem').filter({ hasText: 'Company of 50 to 5,000 people' })).toContainText('Employees is not known for this contact.');

  // Everything Tandem knows, with where it came from, one click away.
  await frame.getByTestId('contact-facts').getByText(/What Tandem knows about this contact/).click();
  await expect(frame.getByTestId('contact-facts')).toContainText('Company: Halvorsen Foods, from the email signature');
  await expect(frame.getByTestId('contact-facts')).toContainText('Phone: +47 22 33 44 55, from the email signature');
});

test('Salesforce: the record’s own fields give a verdict, each fact with its source', async ({ extension: browser }) => {
  const salesforce = 'https://acme.lightning.force.com';
  const contact = '/lightning/r/Contact/0035e00000FgHiJAAV/view';
  await routeHost(browser.context, salesforce, { [contact]: 'salesforce/contact.html' }, hostCsp.salesforce);
  const page = await browser.context.newPage();
  await page.goto(`${salesforce}${contact}`);
  const frame = sidebarFrame(page);
  await expect(frame.getByTestId('page-contact')).toContainText('Amelia Ortiz');
  await expect(frame.getByTestId('fit-verdict')).toHaveText('Fit Fits: scores 65, 60 needed.');
  await expect(frame.getByText('From the Salesforce record.').first()).toBeVisible();
  // Her own record has no industry or size: the Account card on the same page gives them, and says so.
  const size = frame.getByRole('listitem').filter({ hasText: 'Company of 50 to 5,000 people' });
  await expect(size).toContainText('From the company on the Salesforce record.');
  await frame.getByTestId('contact-facts').getByText(/What Tandem knows about this contact/).click();
  await expect(frame.getByTestId('contact-facts')).toContainText(/Title: .+, from the Salesforce record/);
});
