import type { Browser } from 'wxt/browser';
import type { ToViews } from '../messages';

export const overlayPortName = 'tandem-overlay';

/**
 * The in-page sidebars currently open, each on a port it opened. Updates reach them here:
 * Firefox does not deliver runtime.sendMessage to an extension frame inside a web page.
 */
export function createOverlayHub(vouch: (sender: Browser.runtime.MessageSender) => Promise<unknown>) {
  const ports = new Set<Browser.runtime.Port>();
  return {
    onConnect(port: Browser.runtime.Port): void {
      if (port.name !== overlayPortName) return;
      void vouch(port.sender ?? {}).then((ok) => {
        if (!ok) return port.disconnect();
        ports.add(port);
        port.onDisconnect.addListener(() => ports.delete(port));
      });
    },
    /** Sends to every open overlay, or only to those in one tab. */
    post(message: ToViews, tabId?: number): void {
      for (const port of ports) {
        if (tabId !== undefined && port.sender?.tab?.id !== tabId) continue;
        try {
          port.postMessage(message);
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}
