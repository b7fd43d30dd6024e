// Firefox on a CRM: Pipedrive person pages served at their real URLs (no network) with a
// strict CSP. The in-page sidebar shows the person in view, then the next one.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefoxBidi, type FirefoxBidi } from './helpers/bidi.ts';

const origin = 'https://tandem-demo.pipedrive.com';
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'";
const fixture = (file: string) => readFileSync(new URL(`../fixtures/pipedrive/${file}`, import.meta.url), 'utf8');
const page = (file: string) => ({ body: fixture(file), headers: { 'content-security-policy': csp } });

let firefox: FirefoxBidi | undefined;
beforeAll(async () => {
  firefox = await launchFirefoxBidi();
});
afterAll(async () => {
  await firefox?.close();
});

async function overlayText(tab: Page, expected: string, timeout = 10_000): Promise<string> {
  const handle = await tab.waitForSelector('iframe[title="Tandem"]', { timeout });
  const frame: Frame | null = (await handle!.contentFrame()) ?? null;
  if (!frame) throw new Error('the Tandem iframe has no frame');
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => text);
    if (text.includes(expected)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sidebar never showed “${expected}”; it shows: ${JSON.stringify(text.slice(0, 400))}`);
}

/** The Fit tab's verdict (its label, then its summary), once the overlay shows `expected`. */
async function verdict(tab: Page, expected: string): Promise<string> {
  await overlayText(tab, expected);
  const frame = await (await tab.$('iframe[title="Tandem"]'))!.contentFrame();
  return frame.evaluate(() => document.querySelector('[data-testid="fit-verdict"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '(no verdict)');
}

it('shows the Pipedrive person in view, then the next person', async () => {
  const { page: tab } = await firefox!.newPage({
    [`${origin}/person/1042`]: page('person.html'),
    [`${origin}/person/1077`]: page('person-2.html'),
  });
  // The verdicts the Chromium e2e test pins for the same pages (tests/e2e/crms.spec.ts).
  await tab.goto(`${origin}/person/1042`);
  await overlayText(tab, 'In view on Pipedrive: Elif Kaya');
  expect(await verdict(tab, 'Fits: scores 85, 60 needed.')).toBe('Fit Fits: scores 85, 60 needed.');
  await tab.goto(`${origin}/person/1077`);
  await overlayText(tab, 'In view on Pipedrive: Rafael Souza');
  expect(await verdict(tab, 'No fit: scores 30, 60 needed.')).toBe('No fit No fit: scores 30, 60 needed.');
  expect(await tab.$$eval('iframe[title="Tandem"]', (frames) => frames.length)).toBe(1);
});
