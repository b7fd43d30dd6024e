import type { Browser } from 'wxt/browser';
import { OverlayHelloAnswer, ToBackground, type SidebarAnswer, type SidebarRequest, type ToViews } from '../messages';
import { contactFromPage } from '../facts/enrich';
import { hostPattern, listAddedHosts } from '../hosts/added';
import { builtInHostMatches, matchesPattern } from '../hosts/registry';
import type { HostId, TabContext } from '../model';
import { getTabContext, recordHostHealth, setTabContext } from '../tabs';
import { claimFrame, inTabOrder, isVouchedFrame } from './frames';

type Sender = Browser.runtime.MessageSender;
type Message<T extends ToBackground['type']> = Extract<ToBackground, { type: T }>;

export interface BackgroundDeps {
  requestSync(workspaceId: string, reason: 'write' | 'manual' | 'connect' | 'poll'): Promise<void>;
  /** Serves the in-page sidebar's data (see utils/background/sidebar.ts). */
  sidebar(request: SidebarRequest): Promise<SidebarAnswer>;
  /** Tells the in-page sidebars of a tab (see utils/background/overlays.ts). */
  notifyOverlays?(message: ToViews, tabId?: number): void;
  /** Remembers for the team what a built-in CRM's record page shows (see utils/background/sidebar.ts). */
  rememberPage?(context: TabContext): Promise<unknown>;
  /** Match patterns of the hosts enabled now: built in, plus those a person added. */
  hostMatches(host: HostId): Promise<readonly string[]>;
}

const extensionOrigin = () => new URL(browser.runtime.getURL('/')).origin;

/** An extension page of ours (side panel, options), not a content script or a web page. */
function fromExtensionPage(sender: Sender): boolean {
  // Top-level only: the same page framed inside a site (our overlay, or anyone's) is not trusted as one.
  return sender.id === browser.runtime.id && !!sender.url && new URL(sender.url).origin === extensionOrigin() && (!sender.tab || sender.frameId === 0);
}

/** Our in-page sidebar: the overlay page, framed inside a tab. */
function fromOverlay(sender: Sender): boolean {
  if (sender.id !== browser.runtime.id || !sender.tab?.id || !sender.url) return false;
  const url = new URL(sender.url);
  return /^(chrome|moz)-extension:$/.test(url.protocol) && url.pathname === '/overlay.html' && (sender.frameId ?? 0) > 0;
}

/** A content script in the top frame of a tab. */
function fromContentScript(sender: Sender): boolean {
  return sender.id === browser.runtime.id && !!sender.tab?.id && sender.frameId === 0 && !!sender.url && /^https?:$/.test(new URL(sender.url).protocol);
}

async function broadcast(message: ToViews): Promise<void> {
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // no extension page is open
  }
}

/**
 * The tab context for an overlay frame, when its tab's page is on a host Tandem reads now.
 * The tab's URL must be known: Firefox leaves it out for a site Tandem has no permission
 * for, which is reason enough to show nothing.
 */
async function overlayTabContext(deps: BackgroundDeps, sender: Sender): Promise<TabContext | undefined> {
  if (!fromOverlay(sender) || !sender.tab?.url) return undefined;
  const context = await getTabContext(sender.tab.id!);
  if (!context?.overlay) return undefined;
  const patterns = await deps.hostMatches(context.host);
  const tabUrl = sender.tab.url;
  return patterns.some((p) => matchesPattern(tabUrl, p)) ? context : undefined;
}

/** The tab context of the one overlay frame the background vouches for (utils/background/frames.ts), on a host it claims. */
async function vouchedOverlayWith(deps: BackgroundDeps, sender: Sender): Promise<TabContext | undefined> {
  if (!fromOverlay(sender) || !(await isVouchedFrame(sender))) return undefined;
  return overlayTabContext(deps, sender);
}

export const defaultHostMatches = async (host: HostId): Promise<readonly string[]> =>
  host === 'generic' ? (await listAddedHosts()).map(hostPattern) : (builtInHostMatches[host] ?? []);

/**
 * The background's message handlers, one a type. Every message is parsed with zod, and
 * each handler checks who sent it: content scripts only report their page, only our own
 * pages may ask for sync or for a tab's context (DESIGN.md rule 2).
 */
export function createMessageHandler(deps: BackgroundDeps) {
  const vouchedOverlay = (sender: Sender) => vouchedOverlayWith(deps, sender);
  const handle = createHandler(deps, vouchedOverlay);
  return Object.assign(handle, { vouchedOverlay });
}

function createHandler(deps: BackgroundDeps, vouchedOverlay: (sender: Sender) => Promise<TabContext | undefined>) {
  const handlers: { [T in ToBackground['type']]: (message: Message<T>, sender: Sender) => Promise<unknown> | undefined } = {
    'toBackground.syncRequest': async (message, sender) =>
      fromExtensionPage(sender) || (await vouchedOverlay(sender)) ? deps.requestSync(message.workspaceId, message.reason).then(() => ({ ok: true })) : undefined,

    'toBackground.pageContext': async (message, sender) => {
      if (!fromContentScript(sender)) return undefined;
      const patterns = await deps.hostMatches(message.host);
      if (!patterns.some((p) => matchesPattern(sender.url!, p))) return undefined;
      const at = new Date().toISOString();
      const { detection } = message;
      const context: TabContext = {
        tabId: sender.tab!.id!,
        host: message.host,
        url: sender.url!,
        // The page's words become facts with their sources here, never in the content script.
        detection: detection.kind === 'contact' ? { ...detection, contact: contactFromPage(detection.contact, message.host, at) } : detection,
        theme: message.theme,
        overlay: message.overlay,
        at,
      };
      await inTabOrder(context.tabId, () => setTabContext(context));
      await recordHostHealth(message.host, context.detection, context.at);
      deps.rememberPage?.(context).catch((error: unknown) => console.error('Tandem could not remember this page’s facts', error));
      await broadcast({ type: 'toViews.tabContext', context });
      deps.notifyOverlays?.({ type: 'toViews.tabContext', context }, context.tabId);
      return { ok: true };
    },

    'toBackground.overlayHello': async (message, sender) => {
      // The host is checked first, so a secret is not spent on a page Tandem does not read;
      // a claimed secret has just bound this very frame, so that context is the answer.
      const tabContext = await overlayTabContext(deps, sender);
      const context = tabContext && (await claimFrame(sender, message.secret)) ? tabContext : undefined;
      return (context ? { ok: true, context } : { ok: false }) satisfies OverlayHelloAnswer;
    },

    'toBackground.sidebar': async (message, sender) => {
      if (!fromExtensionPage(sender) && !(await vouchedOverlay(sender))) return { ok: false, error: 'Not allowed here.' } satisfies SidebarAnswer;
      return deps.sidebar(message.request);
    },

    'toBackground.getTabContext': async (message, sender) => {
      if (!fromExtensionPage(sender)) return undefined;
      return (await getTabContext(message.tabId)) ?? null;
    },
  };

  return (raw: unknown, sender: Sender): Promise<unknown> | undefined => {
    const message = ToBackground.safeParse(raw);
    if (!message.success) return undefined;
    const handler = handlers[message.data.type] as (m: ToBackground, s: Sender) => Promise<unknown> | undefined;
    return handler(message.data, sender);
  };
}
