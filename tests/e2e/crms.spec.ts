import { expect } from '@playwright/test';
import { test } from './extension';
import { hostCsp, routeHost, sidebarFrame } from './hosts';

// HubSpot, Pipedrive, Zoho CRM, Dynamics 365 and Apptivo at their real URL shapes, each under
// a strict CSP: the record in view, then another record, each with its verdict against the
// demo workspace's definition (label, then summary).

const dynamicsApp = '3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77';
const dynamicsRecord = (etn: string, id: string) => `/main.aspx?appid=${dynamicsApp}&pagetype=entityrecord&etn=${etn}&id=${id}`;

const crms = [
  {
    name: 'HubSpot',
    origin: 'https://app.hubspot.com',
    pages: { '/contacts/4829361/record/0-1/51234': 'hubspot/contact.html', '/contacts/4829361/record/0-2/7710021': 'hubspot/company.html' },
    first: ['/contacts/4829361/record/0-1/51234', 'Priya Natarajan'],
    second: ['/contacts/4829361/record/0-2/7710021', 'Brightwave Health'],
    verdicts: ['Fit Fits: scores 75, 60 needed.', 'Not enough data Not enough data: 5 of 8 criteria are unknown.'],
  },
  {
    name: 'Pipedrive',
    origin: 'https://tandem-demo.pipedrive.com',
    pages: { '/person/1042': 'pipedrive/person.html', '/person/1077': 'pipedrive/person-2.html' },
    first: ['/person/1042', 'Elif Kaya'],
    second: ['/person/1077', 'Rafael Souza'],
    verdicts: ['Fit Fits: scores 85, 60 needed.', 'No fit No fit: scores 30, 60 needed.'],
  },
  {
    name: 'Zoho CRM',
    origin: 'https://crm.zoho.com',
    pages: {
      '/crm/org60012345678/tab/Leads/5725767000001234567': 'zoho/lead.html',
      '/crm/org60012345678/tab/Contacts/5725767000002345678': 'zoho/contact.html',
    },
    first: ['/crm/org60012345678/tab/Leads/5725767000001234567', 'Hannah Okoro'],
    second: ['/crm/org60012345678/tab/Contacts/5725767000002345678', 'Tomás Rivera'],
    verdicts: ['Fit Fits: scores 90, 60 needed.', 'Fit Fits: scores 65, 60 needed.'],
  },
  {
    name: 'Dynamics 365',
    origin: 'https://acme.crm.dynamics.com',
    pages: { '/main.aspx': 'dynamics/lead.html' },
    first: [dynamicsRecord('lead', 'b3f1c2d4-6a7e-4f10-9c21-5e8d7a6b4c01'), 'Priya Nair'],
    second: null,
    verdicts: ['Fit Fits: scores 65, 60 needed.', null],
  },
  {
    name: 'Apptivo',
    origin: 'https://app.apptivo.com',
    pages: { '/app/contacts.jsp': 'apptivo/contact.html', '/app/leads.jsp': 'apptivo/lead.html' },
    first: ['/app/contacts.jsp#/view/80451277/overview', 'Nadia Haddad'],
    second: ['/app/leads.jsp#/view/90518834/overview', 'Marcus Lindqvist'],
    verdicts: ['Fit Fits: scores 75, 60 needed.', 'Fit Fits: scores 65, 60 needed.'],
  },
] as const;

for (const crm of crms) {
  test(`${crm.name}: the record in view, and the next one`, async ({ extension: browser }) => {
    await routeHost(browser.context, crm.origin, crm.pages, hostCsp.salesforce);
    const page = await browser.context.newPage();
    await page.goto(`${crm.origin}${crm.first[0]}`);
    const frame = sidebarFrame(page);
    await expect(frame.getByTestId('page-contact')).toContainText(`In view on ${crm.name}: ${crm.first[1]}`);
    await expect(frame.getByTestId('fit-verdict')).toHaveText(crm.verdicts[0]);
    if (crm.second) {
      await page.goto(`${crm.origin}${crm.second[0]}`);
      await expect(frame.getByTestId('page-contact')).toContainText(crm.second[1]);
      await expect(frame.getByTestId('fit-verdict')).toHaveText(crm.verdicts[1]!);
    }
    await expect(page.locator('iframe[title="Tandem"]')).toHaveCount(1);
  });
}

test('Dynamics 365: navigating to another form without a page load', async ({ extension: browser }) => {
  await routeHost(browser.context, 'https://acme.crm.dynamics.com', { '/main.aspx': 'dynamics/contact.html' }, hostCsp.salesforce);
  const page = await browser.context.newPage();
  await page.goto(`https://acme.crm.dynamics.com${dynamicsRecord('contact', '8e2a6f14-3c5b-4d7e-a1f2-0b9c8d7e6f52')}`);
  const frame = sidebarFrame(page);
  await expect(frame.getByTestId('page-contact')).toContainText('Amelia Ortiz');
  const { navigateInPage } = await import('./hosts');
  await navigateInPage(page, 'dynamics/contact-2.html', { path: dynamicsRecord('contact', '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a') }, '[role="main"]');
  await expect(frame.getByTestId('page-contact')).toContainText('Jonas Weber');
});
