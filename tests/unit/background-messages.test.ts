import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMessageHandler, defaultHostMatches } from '../../utils/background/messages';
import { getTabContext, readHostHealth } from '../../utils/tabs';

// Who may say what to the background (DESIGN.md rules 2 and 8), with the fake browser's storage.
const extensionId = 'tandem-test';
const origin = 'chrome-extension://tandem-test';

let requestSync: ReturnType<typeof vi.fn<(id: string, reason: string) => Promise<void>>>;
let handle: ReturnType<typeof createMessageHandler>;
beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.runtime.id = extensionId;
  vi.spyOn(fakeBrowser.runtime, 'getURL').mockImplementation((path: string) => `${origin}${path}`);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
  requestSync = vi.fn(() => Promise.resolve());
  handle = createMessageHandler({ requestSync, hostMatches: defaultHostMatches, sidebar: async () => ({ ok: true, value: 'served' }) });
});

const gmailTab = { id: 7, url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz' } as never;
const contentScript = { id: extensionId, tab: gmailTab, frameId: 0, url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz' };
const overlayFrame = { id: extensionId, tab: gmailTab, frameId: 3, url: `${origin}/overlay.html` };
const sidePanel = { id: extensionId, url: `${origin}/sidepanel.html` };
const report = (detection: object) => ({ type: 'toBackground.pageContext', host: 'gmail', detection, theme: 'dark', overlay: true });
const dana = { kind: 'contact', view: 'thread', contact: { source: 'gmail', email: 'dana@contoso.com', name: 'Dana' } };

describe('background messages', () => {
  it('keeps what a Gmail content script reports, for the side panel and the overlay of that tab', async () => {
    expect(await handle(report(dana), contentScript)).toEqual({ ok: true });
    expect(await getTabContext(7)).toMatchObject({ tabId: 7, host: 'gmail', theme: 'dark', detection: { contact: { email: 'dana@contoso.com' } } });
    expect(await handle({ type: 'toBackground.getTabContext', tabId: 7 }, sidePanel)).toMatchObject({ tabId: 7 });
    expect(await handle({ type: 'toBackground.overlayHello' }, overlayFrame)).toMatchObject({ ok: true, context: { tabId: 7 } });
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'toViews.tabContext' }));
  });

  it('records when a host was read and which selector failed', async () => {
    await handle(report({ kind: 'unreadable', view: 'thread', failed: 'open thread’s sender' }), contentScript);
    expect((await readHostHealth()).gmail).toMatchObject({ lastView: 'thread', lastFailure: { selector: 'open thread’s sender' } });
  });

  it.each([
    ['a report from a page its host does not claim', report(dana), { ...contentScript, url: 'https://evil.example/mail.google.com/' }],
    ['a report from a subframe', report(dana), { ...contentScript, frameId: 2 }],
    ['a report from another extension', report(dana), { ...contentScript, id: 'other' }],
    ['a report that is not plain page data', report({ kind: 'contact', view: 'thread', contact: { source: 'gmail', name: { first: 'Dana' } } }), contentScript],
    ['a report with a signature longer than a signature', report({ kind: 'contact', view: 'thread', contact: { source: 'gmail', signature: 'x'.repeat(2001) } }), contentScript],
    ['a sync request from a content script', { type: 'toBackground.syncRequest', workspaceId: 'w', reason: 'manual' }, contentScript],
    ['a tab context request from a content script', { type: 'toBackground.getTabContext', tabId: 7 }, contentScript],
    ['an unknown message', { type: 'toBackground.eraseEverything' }, sidePanel],
  ])('ignores %s', async (_what, message, sender) => {
    expect(await handle(message, sender as never)).toBeUndefined();
    expect(await getTabContext(7)).toBeUndefined();
    expect(requestSync).not.toHaveBeenCalled();
  });

  it('keeps what a report shows and drops a value that does not parse, saying where each fact came from', async () => {
    await handle(report({ kind: 'contact', view: 'thread', contact: { source: 'gmail', name: 'Dana Lee', email: 'not an email', signature: 'Dana Lee\nHead of Sales\nNorthwind Traders Ltd' } }), contentScript);
    const context = await getTabContext(7);
    expect(context?.detection).toMatchObject({ kind: 'contact', contact: { name: 'Dana Lee', title: 'Head of Sales', seniority: 'Head', department: 'Sales' } });
    const contact = context?.detection.kind === 'contact' ? context.detection.contact : undefined;
    expect(contact?.email).toBeUndefined();
    expect(contact?.facts.title).toMatchObject({ kind: 'page', from: 'from the email signature' });
  });

  it('shows the overlay nothing in a tab whose content script did not mount it', async () => {
    expect(await handle({ type: 'toBackground.overlayHello' }, overlayFrame)).toEqual({ ok: false });
    await handle({ ...report(dana), overlay: false }, contentScript);
    expect(await handle({ type: 'toBackground.overlayHello' }, overlayFrame)).toEqual({ ok: false });
    await handle(report(dana), contentScript);
    // The same page framed elsewhere: not our overlay frame in that tab.
    const framedByAnotherSite = { ...overlayFrame, tab: { id: 9, url: 'https://evil.example/' } as never };
    expect(await handle({ type: 'toBackground.overlayHello' }, framedByAnotherSite)).toEqual({ ok: false });
    const topLevel = { ...overlayFrame, frameId: 0 };
    expect(await handle({ type: 'toBackground.overlayHello' }, topLevel)).toEqual({ ok: false });
  });

  it('serves the sidebar’s data to a vouched overlay only', async () => {
    const ask = { type: 'toBackground.sidebar', request: { op: 'shared' } };
    expect(await handle(ask, overlayFrame)).toEqual({ ok: false, error: 'Not allowed here.' });
    expect(await handle(ask, contentScript)).toEqual({ ok: false, error: 'Not allowed here.' });
    await handle(report(dana), contentScript);
    expect(await handle(ask, overlayFrame)).toEqual({ ok: true, value: 'served' });
  });

  it('passes our own pages’ sync requests on', async () => {
    expect(await handle({ type: 'toBackground.syncRequest', workspaceId: 'w1', reason: 'poll' }, sidePanel)).toEqual({ ok: true });
    expect(requestSync).toHaveBeenCalledWith('w1', 'poll');
  });
});
