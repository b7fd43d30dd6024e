import type { Browser } from 'wxt/browser';
import { savePendingCapture, type PendingCapture } from './pending';

export const menuIds = {
  selection: 'tandem-capture-selection',
  link: 'tandem-capture-link',
  page: 'tandem-capture-page',
} as const;

type Menus = Pick<typeof browser.contextMenus, 'create' | 'removeAll'>;

/** The right-click menu items, made once per install or update. */
export async function createCaptureMenus(menus: Menus = browser.contextMenus): Promise<void> {
  await menus.removeAll();
  menus.create({ id: menuIds.selection, title: 'Capture lead from selection', contexts: ['selection'] });
  menus.create({
    id: menuIds.link,
    title: 'Capture lead from link',
    contexts: ['link'],
    targetUrlPatterns: ['mailto:*', 'tel:*', 'https://*.linkedin.com/in/*', 'https://linkedin.com/in/*'],
  });
  menus.create({ id: menuIds.page, title: 'Capture leads on this page', contexts: ['page'] });
}

export interface CaptureDeps {
  /** Opens Tandem beside the page. Runs before any await: it needs the click's gesture. */
  openPanel(tabId: number | undefined, windowId: number | undefined): void;
  /** Runs a function in the tab (the click grants activeTab). */
  runInTab<T>(tabId: number, func: () => T): Promise<T | undefined>;
  save(capture: PendingCapture): Promise<void>;
  now(): Date;
}

/** Reads the selection with its line breaks (the menu's selectionText flattens them). */
function readSelection(): string {
  return globalThis.getSelection?.()?.toString() ?? '';
}

/** The page as HTML, for h-card, schema.org and mailto links; capped so a huge page cannot flood storage. */
function readPage(): { html: string; lang: string } {
  return { html: document.documentElement.outerHTML.slice(0, 1_500_000), lang: document.documentElement.lang };
}

/**
 * The right-click handler: open the panel first (before any await, or the browser refuses),
 * then read what was clicked and leave it as the pending capture that the panel's review form
 * picks up.
 */
export async function handleCaptureClick(
  info: Pick<Browser.contextMenus.OnClickData, 'menuItemId' | 'selectionText' | 'linkUrl' | 'pageUrl'>,
  tab: Pick<Browser.tabs.Tab, 'id' | 'windowId' | 'url' | 'title'> | undefined,
  deps: CaptureDeps,
): Promise<PendingCapture | undefined> {
  const kind = (Object.keys(menuIds) as (keyof typeof menuIds)[]).find((k) => menuIds[k] === info.menuItemId);
  if (!kind) return undefined;
  deps.openPanel(tab?.id, tab?.windowId);

  let content = '';
  let lang = '';
  if (kind === 'selection') {
    const read = tab?.id !== undefined ? await deps.runInTab(tab.id, readSelection).catch(() => undefined) : undefined;
    content = read?.trim() ? read : (info.selectionText ?? '');
  } else if (kind === 'link') {
    content = info.linkUrl ?? '';
  } else if (tab?.id !== undefined) {
    const page = await deps.runInTab(tab.id, readPage).catch(() => undefined);
    content = page?.html ?? '';
    lang = page?.lang ?? '';
  }
  const capture: PendingCapture = {
    id: crypto.randomUUID(),
    kind,
    content,
    url: tab?.url ?? info.pageUrl ?? '',
    title: tab?.title ?? '',
    lang,
    at: deps.now().toISOString(),
  };
  await deps.save(capture);
  return capture;
}

/** The real browser behind CaptureDeps. */
export const browserCaptureDeps: CaptureDeps = {
  openPanel(tabId, windowId) {
    if (import.meta.env.FIREFOX) {
      void (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open().catch(() => undefined);
      return;
    }
    const sidePanel = (globalThis as { chrome?: { sidePanel?: { open(o: object): Promise<void> } } }).chrome?.sidePanel;
    if (tabId !== undefined) void sidePanel?.open({ tabId }).catch(() => undefined);
    else if (windowId !== undefined) void sidePanel?.open({ windowId }).catch(() => undefined);
  },
  async runInTab(tabId, func) {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, func });
    return result?.result as never;
  },
  save: savePendingCapture,
  now: () => new Date(),
};
