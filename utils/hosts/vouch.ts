import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The name of a content script's page port, before the page load's token (utils/background/frames.ts). */
export const pagePortPrefix = 'tandem-page:';

/**
 * The content script's half of vouching for its own sidebar frame (the background's half and
 * the reasons are in utils/background/frames.ts). Opens the page port; each time the frame
 * says it has loaded, hands the background a fresh one-time secret and, once it is stored,
 * posts it to that frame's window only, addressed to the extension's origin (the one the
 * frame's own "ready" came from, checked against the src this script set), never `*`. A page script sees the frame's "ready" but never a secret.
 */
export function vouchForFrame(ctx: ContentScriptContext, iframe: HTMLIFrameElement, onReconnect?: () => void): void {
  const token = crypto.randomUUID();
  // The frame's document is at the extension's own origin: the src's in Firefox; in Chrome the
  // src carries the per-session id (use_dynamic_url) while the document has the extension id's.
  const src = new URL(iframe.src);
  const origins = new Set([src.origin, `${src.protocol}//${browser.runtime.id}`]);
  let origin = src.origin;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let pending: string | undefined;
  let frameReady = false;

  const offer = () => {
    if (!port || !frameReady) return;
    pending = crypto.randomUUID();
    port.postMessage({ type: 'secret', secret: pending });
  };
  const connect = () => {
    if (ctx.isInvalid) return;
    port = browser.runtime.connect({ name: `${pagePortPrefix}${token}` });
    port.onMessage.addListener((raw: unknown) => {
      const message = raw as { type?: unknown; secret?: unknown } | null;
      if (message?.type !== 'secretStored' || message.secret !== pending) return;
      pending = undefined;
      iframe.contentWindow?.postMessage({ type: 'tandem:vouch', secret: message.secret }, origin);
    });
    // The worker slept, or the page came back from the back-forward cache (whose disconnect
    // dropped the tab's context): register again, report the page again, vouch anew.
    port.onDisconnect.addListener(() => {
      port = undefined;
      ctx.setTimeout(() => {
        connect();
        onReconnect?.();
        offer();
      }, 1000);
    });
  };

  ctx.addEventListener(window, 'message', (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow || !origins.has(event.origin)) return;
    if ((event.data as { type?: unknown } | null)?.type !== 'tandem:ready') return;
    origin = event.origin;
    frameReady = true;
    offer();
  });
  connect();
  ctx.onInvalidated(() => port?.disconnect());
}
