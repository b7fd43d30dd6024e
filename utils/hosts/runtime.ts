import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountDock } from './dock';
import { vouchForFrame } from './vouch';
import type { Detection, HostAdapter } from './types';

/** The page's own colour scheme, read from its background colour. */
export function pageTheme(document: Document): 'light' | 'dark' {
  for (const element of [document.body, document.documentElement]) {
    if (!element) continue;
    const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(element).backgroundColor);
    if (!match || match[4] === '0') continue;
    const [r, g, b] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
  }
  return 'light';
}

/**
 * Runs one host adapter in a content script: reads the page, tells the background what it
 * shows (plain page data only), follows navigation, and mounts the in-page sidebar once.
 * Everything it adds is tied to `ctx`, so a reload or update leaves nothing behind.
 */
export function runHost(ctx: ContentScriptContext, adapter: HostAdapter): void {
  const dock = mountDock(ctx, location.host);
  let last = '';
  let lastView = '';
  const report = () => {
    if (ctx.isInvalid) return;
    let detection: Detection;
    try {
      detection = adapter.detect(document, location);
    } catch {
      detection = { kind: 'unreadable', view: 'page', failed: 'adapter error' };
    }
    // Gmail's compose window sits at the bottom right, under the sidebar: fold away when one
    // opens, come back when it closes (a click on the tab in between wins).
    if (detection.view !== lastView) dock.setObstructed(detection.view === 'compose');
    lastView = detection.view;
    const message = { type: 'toBackground.pageContext', host: adapter.id, detection, theme: pageTheme(document), overlay: true };
    const key = JSON.stringify(message);
    if (key === last) return;
    last = key;
    void browser.runtime.sendMessage(message).catch(() => undefined);
  };
  // Reported again after the page port reconnects: coming back from the back-forward cache,
  // the background has dropped what it knew of this tab.
  vouchForFrame(ctx, dock.iframe, () => {
    last = '';
    report();
  });
  report();
  ctx.onInvalidated(adapter.watch(document, window, report));
  const onMessage = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === 'toContent.toggleSidebar') dock.toggle();
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
