import { expect, test, type Page } from '@playwright/test';
import { launchExtension, makeProfile, removeProfile } from './extension';

let profile: string;
test.beforeEach(() => {
  profile = makeProfile();
});
test.afterEach(() => removeProfile(profile));

async function pickContact(page: Page, name: string) {
  await page.getByLabel('Contact', { exact: true }).selectOption({ label: name });
}

test('a rep reads the definition, sees a contact’s fit and campaigns, and gives feedback that survives a restart', async () => {
  let browser = await launchExtension(profile);
  let page = await browser.openPage('sidepanel.html');

  // The demo workspace is there on first run, labelled as demo data.
  await expect(page.getByText('Demo data')).toBeVisible();

  // The lead definition, in full.
  await page.getByRole('tab', { name: 'Definition' }).click();
  const definition = page.getByRole('tabpanel');
  await expect(definition.getByRole('heading', { name: 'Lead definition' })).toBeVisible();
  await expect(definition.getByText('Ideal customer: mid-market B2B teams')).toBeVisible();
  await expect(definition.getByText('Company of 50 to 5,000 people')).toBeVisible();
  await expect(definition.getByText('Employees is between 50 and 5000')).toBeVisible();
  await expect(definition.getByText('Student or academic email')).toBeVisible();
  await expect(definition.getByText(/owned by Sales/).first()).toBeVisible();
  await expect(definition.getByText(/within 24 hours/)).toBeVisible();

  // A demo contact's fit, with the reason for each criterion.
  await page.getByRole('tab', { name: 'Fit' }).click();
  await pickContact(page, 'Marco Rossi, Fabrikam');
  await expect(page.getByTestId('fit-verdict')).toHaveText('No fit No fit: scores 30, 60 needed.');
  await expect(page.getByText('Employees 45 is not between 50 and 5000.')).toBeVisible();
  await pickContact(page, 'Tom Becker, Westbrook University');
  await expect(page.getByTestId('fit-verdict')).toHaveText('Disqualified Disqualified: Student or academic email.');
  await pickContact(page, 'Dana Whitfield, Contoso');
  await expect(page.getByTestId('fit-verdict')).toHaveText('Fit Fits: scores 100, 60 needed.');

  // Campaigns for this contact, with why they matched and what to say.
  await page.getByRole('tab', { name: 'Campaigns' }).click();
  await expect(page.getByRole('heading', { name: /Forecasting for named accounts/ })).toBeVisible();
  await expect(page.getByText('Targets the account contoso.com.')).toBeVisible();
  await expect(page.getByText('The contact came in through utm_campaign=revops-webinar.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Webinar recording' })).toHaveAttribute('href', 'https://tandem-demo.com/webinars/revops');
  await expect(page.getByText('Summer EMEA roadshow')).toHaveCount(0);

  // Feedback: a rejection needs a reason, then it is listed, then a reply threads under it.
  await page.getByRole('tab', { name: 'Feedback' }).click();
  await expect(page.getByText('No feedback on this contact yet.')).toBeVisible();
  await page.getByLabel('Reject').check();
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByRole('alert')).toContainText('pick at least one reason');
  await page.getByLabel('No budget').check();
  await page.getByLabel('Note for Marketing (optional)').fill('Budget frozen until Q2 <script>alert(1)</script>');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByRole('status')).toHaveText('Feedback saved.');
  await expect(page.getByText('Budget frozen until Q2 <script>alert(1)</script>')).toBeVisible();
  await page.getByRole('button', { name: 'Reply' }).click();
  await page.getByLabel('Your reply').fill('We will check back in April.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('list', { name: 'Replies' })).toContainText('We will check back in April.');

  // Close the browser, start it again on the same profile: all of it is still there.
  await browser.close();
  browser = await launchExtension(profile);
  page = await browser.openPage('sidepanel.html#feedback');
  await pickContact(page, 'Dana Whitfield, Contoso');
  const thread = page.getByRole('tabpanel');
  await expect(thread.getByText('Budget frozen until Q2 <script>alert(1)</script>')).toBeVisible();
  await expect(thread.getByText('No budget', { exact: true })).toBeVisible();
  await expect(thread.getByRole('list', { name: 'Replies' })).toContainText('We will check back in April.');
  await expect(page.getByRole('tab', { name: /Feedback/ })).toContainText('1');
  await browser.close();
});

test('the sections can be reached and used with the keyboard alone', async () => {
  const browser = await launchExtension(profile);
  const page = await browser.openPage('sidepanel.html');
  await page.getByRole('tab', { name: 'Fit' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Campaigns' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Campaigns' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Leads' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Definition' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Lead definition' })).toBeVisible();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Fit' })).toHaveAttribute('aria-selected', 'true');
  await browser.close();
});

test('a contact typed in by the rep is scored and remembered', async () => {
  const browser = await launchExtension(profile);
  const page = await browser.openPage('sidepanel.html');
  await page.setViewportSize({ width: 320, height: 700 });
  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByLabel('Email').fill('Kim.Ng@Proseware.com');
  await page.getByLabel('Name').fill('Kim Ng');
  await page.getByLabel('Employees').fill('300');
  await page.getByLabel('Industry').fill('SaaS');
  await page.getByRole('button', { name: 'Show this contact' }).click();
  await expect(page.getByLabel('Contact', { exact: true })).toHaveValue('email:kim.ng@proseware.com');
  await expect(page.getByText('Employees 300 is between 50 and 5000.')).toBeVisible();
  // Employees and industry known, five criteria not: too little to say.
  await expect(page.getByTestId('fit-verdict')).toHaveText('Not enough data Not enough data: 5 of 8 criteria are unknown.');
  // Nothing overflows the 320 px panel sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await browser.close();
});
