import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { acceptPagePort } from '../../utils/background/frames';
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

/** A content script's page port, as the background sees it: what it posts back, and a way to disconnect it. */
function pagePort(sender: object = contentScript, token = 'page-token-0123456789') {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const posted: unknown[] = [];
  const port = {
    name: `tandem-page:${token}`,
    sender,
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
    postMessage: (m: unknown) => posted.push(m),
  };
  return {
    accepted: acceptPagePort(port as never),
    posted,
    /** The content script hands over a secret; resolves once the background says it is stored. */
    async offer(secret: string) {
      for (const f of onMessage) f({ type: 'secret', secret });
      await vi.waitFor(() => expect(posted).toContainEqual({ type: 'secretStored', secret }));
    },
    /** The port disconnects (its page navigated, or a newer page of the tab registered first). */
    drop() {
      for (const f of onDisconnect) f();
    },
    async disconnect() {
      this.drop();
      await vi.waitFor(async () => expect(await getTabContext(7)).toBeUndefined());
    },
  };
}
const hello = (secret: string) => ({ type: 'toBackground.overlayHello', secret });
const SECRET = 'secret-0123456789abcdef';

const report = (detection: object) => ({ type: 'toBackground.pageContext', host: 'gmail', detection, theme: 'dark', overlay: true });
const dana = { kind: 'contact', view: 'thread', contact: { source: 'gmail', email: 'dana@contoso.com', name: 'Dana' } };

describe('background messages', () => {
  it('keeps what a Gmail content script reports, for the side panel and the overlay it vouched for', async () => {
    const page = pagePort();
    expect(await handle(report(dana), contentScript)).toEqual({ ok: true });
    expect(await getTabContext(7)).toMatchObject({ tabId: 7, host: 'gmail', theme: 'dark', detection: { contact: { email: 'dana@contoso.com' } } });
    expect(await handle({ type: 'toBackground.getTabContext', tabId: 7 }, sidePanel)).toMatchObject({ tabId: 7 });
    await page.offer(SECRET);
    expect(await handle(hello(SECRET), overlayFrame)).toMatchObject({ ok: true, context: { tabId: 7 } });
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
    const page = pagePort();
    await page.offer(SECRET);
    expect(await handle(hello(SECRET), overlayFrame)).toEqual({ ok: false });
    await handle({ ...report(dana), overlay: false }, contentScript);
    expect(await handle(hello(SECRET), overlayFrame)).toEqual({ ok: false });
    await handle(report(dana), contentScript);
    // The same page framed elsewhere: not our overlay frame in that tab.
    const framedByAnotherSite = { ...overlayFrame, tab: { id: 9, url: 'https://evil.example/' } as never };
    expect(await handle(hello(SECRET), framedByAnotherSite)).toEqual({ ok: false });
    const topLevel = { ...overlayFrame, frameId: 0 };
    expect(await handle(hello(SECRET), topLevel)).toEqual({ ok: false });
    // Firefox gives no tab URL for a site Tandem has no permission for: nothing is shown then.
    expect(await handle(hello(SECRET), { ...overlayFrame, tab: { id: 7 } as never })).toEqual({ ok: false });
    // None of those spent the secret; the frame it was posted to is vouched.
    expect(await handle(hello(SECRET), overlayFrame)).toMatchObject({ ok: true });
  });

  it('vouches for the one frame that presents the secret, once, and forgets it when the page goes', async () => {
    const ask = { type: 'toBackground.sidebar', request: { op: 'shared' } };
    const page = pagePort();
    expect(page.accepted).toBe(true);
    await handle(report(dana), contentScript);
    // A copy of the overlay the page framed again (another frame in the tab), before and after.
    const copy = { ...overlayFrame, frameId: 4 };
    expect(await handle(hello(SECRET), copy)).toEqual({ ok: false });
    expect(await handle(ask, overlayFrame)).toEqual({ ok: false, error: 'Not allowed here.' });
    await page.offer(SECRET);
    expect(await handle(hello('guessed-0123456789abcdef'), copy)).toEqual({ ok: false });
    expect(await handle(hello(SECRET), overlayFrame)).toMatchObject({ ok: true });
    expect(await handle(hello(SECRET), copy)).toEqual({ ok: false }); // accepted once
    expect(await handle(ask, overlayFrame)).toEqual({ ok: true, value: 'served' });
    expect(await handle(ask, copy)).toEqual({ ok: false, error: 'Not allowed here.' });
    expect(await handle(ask, contentScript)).toEqual({ ok: false, error: 'Not allowed here.' });
    expect(await handle({ type: 'toBackground.syncRequest', workspaceId: 'w', reason: 'manual' }, copy)).toBeUndefined();
    // The top frame navigates: the page's port disconnects; the tab's context and the vouching go.
    await page.disconnect();
    expect(await handle(ask, overlayFrame)).toEqual({ ok: false, error: 'Not allowed here.' });
  });

  it('binds the frame’s document where the browser names it (Chrome): the page reloading the frame loses it', async () => {
    const page = pagePort();
    await handle(report(dana), contentScript);
    await page.offer(SECRET);
    const first = { ...overlayFrame, documentId: 'DOC-1' };
    expect(await handle(hello(SECRET), first)).toMatchObject({ ok: true });
    const ask = { type: 'toBackground.sidebar', request: { op: 'shared' } };
    expect(await handle(ask, first)).toEqual({ ok: true, value: 'served' });
    expect(await handle(ask, { ...overlayFrame, documentId: 'DOC-2' })).toEqual({ ok: false, error: 'Not allowed here.' });
  });

  it('takes page ports only from a content script in a tab’s top frame', () => {
    expect(pagePort({ ...contentScript, frameId: 2 }).accepted).toBe(false);
    expect(pagePort({ ...contentScript, id: 'other' }).accepted).toBe(false);
    expect(pagePort(overlayFrame).accepted).toBe(false);
    expect(pagePort(contentScript, 'short').accepted).toBe(false);
  });

  it('a newer page of the tab keeps its registration when the older one’s port disconnects late', async () => {
    const old = pagePort(contentScript, 'page-old-0123456789');
    const fresh = pagePort(contentScript, 'page-new-0123456789');
    await handle(report(dana), contentScript);
    await fresh.offer(SECRET);
    old.drop();
    await new Promise((r) => setTimeout(r, 20));
    expect(await getTabContext(7)).toBeDefined();
    expect(await handle(hello(SECRET), overlayFrame)).toMatchObject({ ok: true });
  });

  it('a navigation keeps the new page’s context when the old page’s port drops just before the new page reports', async () => {
    const old = pagePort(contentScript, 'page-old-0123456789');
    await handle(report(dana), contentScript);
    // The order a full navigation gives: the old page's port drops, the new page connects and reports at once.
    old.drop();
    const fresh = pagePort(contentScript, 'page-new-0123456789');
    const brightwave = { kind: 'contact', view: 'thread', contact: { source: 'gmail', email: 'ops@brightwave.example', name: 'Brightwave' } };
    expect(await handle(report(brightwave), contentScript)).toEqual({ ok: true });
    await fresh.offer(SECRET);
    expect(await getTabContext(7)).toMatchObject({ detection: { contact: { email: 'ops@brightwave.example' } } });
    expect(await handle(hello(SECRET), overlayFrame)).toMatchObject({ ok: true, context: { detection: { contact: { email: 'ops@brightwave.example' } } } });
  });

  it('passes our own pages’ sync requests on', async () => {
    expect(await handle({ type: 'toBackground.syncRequest', workspaceId: 'w1', reason: 'poll' }, sidePanel)).toEqual({ ok: true });
    expect(requestSync).toHaveBeenCalledWith('w1', 'poll');
  });
});
