import { expect } from '@playwright/test';
import { test } from './extension';
import { fixture, sidebarFrame } from './hosts';

// A team's own CRM, added in the options page and read with the generic adapter. The host
// is on localhost, which Tandem may already read (it is where a local sync server lives), so
// the permission needs no prompt; for any other host the same code asks for it.

test('a host added in the options page gets the sidebar with its contact, until it is removed', async ({ extension: browser }) => {
  const crm = 'http://localhost:4599';
  await browser.context.route(`${crm}/**`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixture('generic/jsonld.html') }),
  );
  const options = await browser.openPage('options.html');
  await options.getByLabel('Add a host (your own CRM or intranet)').fill('not a host/with a path');
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(options.getByRole('alert')).toContainText('Write a host name like crm.example.com');
  await options.getByLabel('Add a host (your own CRM or intranet)').fill('crm.example.com');
  await expect(options.getByTestId('plain-http-warning')).toHaveCount(0);
  await options.getByLabel('Add a host (your own CRM or intranet)').fill(crm);
  // Plain http is said out loud before and after adding.
  await expect(options.getByTestId('plain-http-warning')).toContainText('Plain http: anyone on the network between you and this site can read and change its pages');
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(options.getByRole('status')).toContainText('Tandem now reads contacts on localhost:4599');
  await expect(options.getByRole('status')).toContainText('Plain http');
  await expect(options.getByTestId('host-added-localhost:4599')).toContainText('Plain http');

  const page = await browser.context.newPage();
  await page.goto(`${crm}/contacts/42?tab=overview`);
  await expect(sidebarFrame(page).getByTestId('page-contact')).toContainText('In view on this site: Elena Novak');
  await options.bringToFront();
  await expect(options.getByTestId('host-added-localhost:4599')).toContainText('Last read a page');

  await options.getByRole('button', { name: 'Remove localhost:4599' }).click();
  await expect(options.getByTestId('host-added-localhost:4599')).toHaveCount(0);
  await page.reload();
  await page.waitForTimeout(1000);
  await expect(page.locator('iframe[title="Tandem"]')).toHaveCount(0);
});
