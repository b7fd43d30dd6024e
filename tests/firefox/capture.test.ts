// Firefox, from the moment the sidebar is open: a pending capture from a selection with line
// breaks shows its fields in the review form; saving lists the lead, queued for sync. (The
// right-click handler itself is unit-tested in utils/capture/menu.test.ts.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchMarionette, type Marionette } from './helpers/marionette.ts';

let firefox: Marionette | undefined;
beforeAll(async () => {
  firefox = await launchMarionette();
});
afterAll(async () => {
  await firefox?.close();
});

const selection = 'Mit freundlichen Grüßen\nJonas Weber\nLeiter Vertrieb\nKestrel Logistics GmbH\nTel. +49 30 1234567\njonas.weber@kestrel-logistics.de';

it('reviews and saves a captured selection as a lead', async () => {
  const ff = firefox!;
  await ff.navigate('sidepanel.html');
  await ff.waitForText('Demo data', 15_000);
  await ff.execute(
    `const [text] = arguments;
     return browser.storage.session.set({ pendingCapture: { id: crypto.randomUUID(), kind: 'selection', content: text,
       url: 'https://mail.example/1', title: 'Anfrage', lang: 'de', at: new Date().toISOString() } });`,
    [selection],
  );
  await ff.waitForText('Review the captured lead');
  const value = (label: string) =>
    ff.waitFor<string>(
      `const [l] = arguments; const el = [...document.querySelectorAll('label')].find((x) => x.textContent.trim().startsWith(l));
       const input = el && document.getElementById(el.htmlFor); return input && input.value;`,
      `the ${label} field to be filled`,
      { args: [label] },
    );
  expect(await value('Name')).toBe('Jonas Weber');
  expect(await value('Email')).toBe('jonas.weber@kestrel-logistics.de');
  expect(await value('Phones')).toContain('+49301234567');
  await ff.click('//button[normalize-space()="Save lead"]');
  await ff.waitForText('Saved the lead Jonas Weber.');
  await ff.click('//*[@role="tab"][normalize-space()="Leads"]');
  await ff.waitForText(['Jonas Weber', 'not synced yet']);
});
