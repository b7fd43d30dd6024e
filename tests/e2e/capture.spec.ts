import { expect } from '@playwright/test';
import { demoOutbox, test, type ChromeApi, type ExtensionBrowser } from './extension';

// From the moment the panel is open: the right-click handler (unit-tested in
// utils/capture/menu.test.ts) has left a pending capture in storage.session.

const signature = [
  'Thanks for your time today.',
  '',
  'Best regards,',
  'Kim Ng',
  'Director of Sales Operations',
  'Proseware, Inc.',
  'Tel: +1 (206) 555-0142 ext. 239',
  'kim.ng@proseware.com',
  '',
  'Sent from my iPhone',
].join('\n');

async function leaveCapture(browser: ExtensionBrowser, content: string, kind = 'selection') {
  await browser.worker.evaluate(
    async ([text, what]) => {
      const { chrome } = globalThis as unknown as { chrome: ChromeApi };
      await chrome.storage.session.set({
        pendingCapture: { id: crypto.randomUUID(), kind: what, content: text, url: 'https://mail.example/thread/1', title: 'Re: pilot', lang: 'en', at: new Date().toISOString() },
      });
    },
    [content, kind] as const,
  );
}

test('a selection with line breaks becomes a lead: reviewed, scored, saved, listed and queued for sync', async ({ extension: browser }) => {
  const panel = await browser.openPage('sidepanel.html');
  await expect(panel.getByText('Demo data')).toBeVisible();
  await leaveCapture(browser, signature);

  const review = panel.getByRole('region', { name: 'Review the captured lead' });
  await expect(review.getByLabel('Name')).toHaveValue('Kim Ng');
  await expect(review.getByLabel('Title')).toHaveValue('Director of Sales Operations');
  await expect(review.getByLabel('Company')).toHaveValue(/Proseware/);
  await expect(review.getByLabel('Email')).toHaveValue('kim.ng@proseware.com');
  await expect(review.getByLabel('Phones (one a line)')).toHaveValue(/\+12065550142/);
  const notEnough = 'Not enough data: 6 of 8 criteria are unknown.';
  await expect(review.getByTestId('capture-fit')).toContainText(notEnough);

  // The fit follows the edits.
  await review.getByLabel('Email').fill('kim.ng@westbrook.edu');
  await expect(review.getByTestId('capture-fit')).toContainText('Disqualified: Student or academic email.');
  await expect(review.getByTestId('capture-fit')).not.toContainText(notEnough);
  await review.getByLabel('Email').fill('kim.ng@proseware.com');
  await expect(review.getByTestId('capture-fit')).toContainText(notEnough);
  await expect(review.getByTestId('capture-fit')).not.toContainText('Disqualified');

  await review.getByLabel('First feedback').selectOption('accept');
  await review.getByRole('button', { name: 'Save lead' }).click();
  await expect(panel.getByTestId('capture-message')).toHaveText('Saved the lead Kim Ng.');
  await expect(review).toHaveCount(0);

  await panel.getByRole('tab', { name: 'Leads' }).click();
  const lead = panel.getByTestId('lead').filter({ hasText: 'Kim Ng' });
  await expect(lead).toHaveCount(1);
  await expect(lead).toContainText('kim.ng@proseware.com');
  await expect(lead).toContainText('not synced yet');
  expect(await demoOutbox(browser.worker)).toEqual(['lead.capture', 'feedback.create']);

  // The same address again, in other case: offered as an update of that lead.
  await leaveCapture(browser, 'Kim Ng\nVP Sales\nKIM.NG@Proseware.com');
  await expect(review.getByText(/A lead with this email exists: Kim Ng/)).toBeVisible();
  await review.getByRole('button', { name: 'Update lead' }).click();
  await expect(panel.getByTestId('capture-message')).toHaveText('Updated the lead Kim Ng.');
  await expect(lead).toHaveCount(1);
  await expect(lead).toContainText('VP Sales');
});

test('a mailto link and a page with h-cards become leads too', async ({ extension: browser }) => {
  const panel = await browser.openPage('sidepanel.html');
  await leaveCapture(browser, 'mailto:ana.sousa@fabrikam.com?subject=Hello', 'link');
  const review = panel.getByRole('region', { name: 'Review the captured lead' });
  await expect(review.getByLabel('Email')).toHaveValue('ana.sousa@fabrikam.com');
  await review.getByRole('button', { name: 'Discard' }).click();
  await expect(review).toHaveCount(0);

  await leaveCapture(browser, 
    '<ul><li class="h-card"><span class="p-name">Ana Sousa</span>, <span class="p-job-title">CTO</span>, <span class="p-org">Fabrikam</span> <a class="u-email" href="mailto:ana@fabrikam.com">mail</a></li>' +
      '<li class="h-card"><span class="p-name">Rui Costa</span> <a class="u-email" href="mailto:rui@fabrikam.com">mail</a></li></ul>',
    'page',
  );
  await expect(review.getByText('People on this page')).toBeVisible();
  await expect(review.getByLabel('Name')).toHaveValue('Ana Sousa');
  await review.getByLabel(/Rui Costa/).check();
  await expect(review.getByLabel('Email')).toHaveValue('rui@fabrikam.com');
  await review.getByRole('button', { name: 'Save lead' }).click();
  await expect(panel.getByTestId('capture-message')).toHaveText('Saved the lead Rui Costa.');
});
