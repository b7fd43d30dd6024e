// The sidebar page (sidebar_action in Firefox) renders the app inside real Firefox.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchMarionette, type Marionette } from './helpers/marionette.ts';

let firefox: Marionette | undefined;
beforeAll(async () => { firefox = await launchMarionette(); });
afterAll(async () => { await firefox?.close(); });

it('shows the shared lead definition in the sidebar page', async () => {
  const ff = firefox!;
  expect(ff.addonId).toBe('tandem@tandem.example');
  await ff.navigate('sidepanel.html');
  expect(await ff.execute<string>('return location.href')).toBe(`${ff.baseUrl}sidepanel.html`);
  await ff.click('//*[@role="tab"][normalize-space()="Definition"]');
  // On failure the error names the missing text and quotes the first 500 chars of the page.
  await ff.waitForText(['Lead definition', 'Ideal customer'], 15_000);
});
