import type { Browser } from 'wxt/browser';
import { z } from 'zod';
import { pagePortPrefix } from '../hosts/vouch';
import { forgetTab } from '../tabs';

/**
 * Which in-page sidebar frame Tandem vouches for, per tab (DESIGN.md rule 8). A tab is not
 * enough: a hostile page can read the overlay frame's URL from its DOM and frame it again,
 * invisible, over a decoy; a third-party frame in the page, or the next site the tab goes
 * to, can too. So the background vouches for one frame:
 *
 * 1. Each page load's content script opens a port named with a token it made
 *    (`tandem-page:<token>`); the tab's registration is that page's.
 * 2. When its own iframe says it has loaded, the content script makes a one-time secret,
 *    hands it here over that port, and, once stored, posts it to that iframe's window only
 *    (targetOrigin: the extension origin of the src it set). The page cannot read it.
 * 3. The frame presents the secret; it is accepted once, and binds the registration to that
 *    frame (its frameId, and in Chrome its documentId). Everything else the overlay asks is
 *    answered only for the bound frame.
 * 4. When the page's port disconnects (the top frame navigated or closed) the registration
 *    and the tab's context go: a site the tab opens next finds nothing.
 *
 * Registrations live in storage.session: Chrome's worker forgets its memory when it sleeps.
 */

const Registration = z.object({
  tabId: z.number().int().nonnegative(),
  /** The page load's token (its port's name). */
  page: z.string().min(16).max(64),
  /** The secret handed out and not yet presented. */
  secret: z.string().min(16).max(64).optional(),
  /** The frame the last presented secret bound. */
  frame: z.object({ frameId: z.number().int().positive(), documentId: z.string().max(100).optional() }).optional(),
});
type Registration = z.infer<typeof Registration>;

const key = (tabId: number) => `frame:${tabId}`;

async function read(tabId: number): Promise<Registration | undefined> {
  const parsed = Registration.safeParse((await browser.storage.session.get(key(tabId)))[key(tabId)]);
  return parsed.success ? parsed.data : undefined;
}
const write = (registration: Registration) => browser.storage.session.set({ [key(registration.tabId)]: Registration.parse(registration) });

// One change at a time per tab: each is a read, a check and a write.
const queues = new Map<number, Promise<unknown>>();
/**
 * Runs `run` after every change to the tab's page registration queued before it. A page's
 * report of its context goes through here too: on a navigation the old page's port drops just
 * before the new page connects and reports, and the drop (which forgets the tab's context)
 * must not land after the new page's report.
 */
export function inTabOrder<T>(tabId: number, run: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(run, run);
  const settled = next.catch(() => undefined);
  queues.set(tabId, settled);
  void settled.then(() => queues.get(tabId) === settled && queues.delete(tabId));
  return next;
}

type Sender = Browser.runtime.MessageSender;
const documentIdOf = (sender: Sender) => (sender as { documentId?: string }).documentId;

/** A content script's page port: the top frame of a tab, on a web page. */
function pageOf(port: Browser.runtime.Port): { tabId: number; page: string } | undefined {
  const sender = port.sender;
  if (!port.name.startsWith(pagePortPrefix) || sender?.id !== browser.runtime.id || sender.frameId !== 0 || sender.tab?.id === undefined) return undefined;
  if (!sender.url || !/^https?:$/.test(new URL(sender.url).protocol)) return undefined;
  const page = port.name.slice(pagePortPrefix.length);
  return /^[\w-]{16,64}$/.test(page) ? { tabId: sender.tab.id, page } : undefined;
}

const PortMessage = z.object({ type: z.literal('secret'), secret: z.string().regex(/^[\w-]{16,64}$/) });

/**
 * Takes a content script's page port: registers the page (keeping the frame it vouched for if
 * it is the same page reconnecting after the worker slept), stores each secret it hands out
 * and says so, and drops the page's registration and tab context when the port disconnects.
 * `onGone` hears which tab's page went.
 */
export function acceptPagePort(port: Browser.runtime.Port, onGone?: (tabId: number) => void): boolean {
  const page = pageOf(port);
  if (!page) return false;
  const { tabId } = page;
  void inTabOrder(tabId, async () => {
    const current = await read(tabId);
    if (current?.page !== page.page) await write({ tabId, page: page.page });
  });
  port.onMessage.addListener((raw: unknown) => {
    const message = PortMessage.safeParse(raw);
    if (!message.success) return;
    void inTabOrder(tabId, async () => {
      const current = await read(tabId);
      await write({ ...(current?.page === page.page ? current : {}), tabId, page: page.page, secret: message.data.secret });
      try {
        port.postMessage({ type: 'secretStored', secret: message.data.secret });
      } catch {
        // the page went meanwhile
      }
    });
  });
  port.onDisconnect.addListener(() => {
    void inTabOrder(tabId, async () => {
      const current = await read(tabId);
      if (current && current.page !== page.page) return; // a newer page of the tab registered already
      await browser.storage.session.remove(key(tabId));
      await forgetTab(tabId);
      onGone?.(tabId);
    });
  });
  return true;
}

/**
 * The overlay frame presents the secret its content script posted it: accepted once, and only
 * from a frame inside that tab, which it then binds.
 */
export function claimFrame(sender: Sender, secret: string): Promise<boolean> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined || frameId <= 0) return Promise.resolve(false);
  return inTabOrder(tabId, async () => {
    const current = await read(tabId);
    if (!current?.secret || current.secret !== secret) return false;
    const documentId = documentIdOf(sender);
    await write({ tabId, page: current.page, frame: { frameId, ...(documentId ? { documentId } : {}) } });
    return true;
  });
}

/** Is this sender the frame the tab's page vouched for (the same frame, and in Chrome the same document)? */
export async function isVouchedFrame(sender: Sender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined) return false;
  const frame = (await read(tabId))?.frame;
  if (!frame || frame.frameId !== sender.frameId) return false;
  return frame.documentId === undefined || frame.documentId === documentIdOf(sender);
}
