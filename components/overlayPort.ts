import { overlayPortName } from '../utils/background/overlays';
import { ToViews } from '../utils/messages';

type Listener = (message: ToViews) => void;
const listeners = new Set<Listener>();
let port: ReturnType<typeof browser.runtime.connect> | undefined;

function connect(): void {
  port = browser.runtime.connect({ name: overlayPortName });
  port.onMessage.addListener((raw: unknown) => {
    const message = ToViews.safeParse(raw);
    if (message.success) for (const listener of listeners) listener(message.data);
  });
  // The background restarted (or refused us): try again while anyone listens.
  port.onDisconnect.addListener(() => {
    port = undefined;
    setTimeout(() => listeners.size > 0 && !port && connect(), 1000);
  });
}

/**
 * Updates for the in-page sidebar, on a port it opens to the background (Firefox does not
 * deliver runtime broadcasts to an extension frame inside a web page).
 */
export function onOverlayUpdate(listener: Listener): () => void {
  listeners.add(listener);
  if (!port) connect();
  return () => listeners.delete(listener);
}
