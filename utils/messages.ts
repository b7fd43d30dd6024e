import { z } from 'zod';
import { HostId, PageDetection, TabContext } from './model';

/**
 * Messages between Tandem's contexts, parsed with zod on arrival. Names say the direction:
 * `toBackground.*` is handled by the background, `toContent.*` by a content script,
 * `toViews.*` by extension pages (side panel, overlay, options).
 */
export const ToBackground = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('toBackground.syncRequest'),
    workspaceId: z.string().min(1).max(100),
    /**
     * `write` is debounced; `poll` comes every few seconds from an open view and respects
     * backoff; `manual` and `connect` run at once and ignore it.
     */
    reason: z.enum(['write', 'manual', 'connect', 'poll']),
  }),
  /** From a content script: what its page shows. Only plain page data. */
  z.object({
    type: z.literal('toBackground.pageContext'),
    host: HostId,
    detection: PageDetection,
    theme: z.enum(['light', 'dark']),
    overlay: z.boolean(),
  }),
  /** From the overlay page: may I show anything in this tab? */
  z.object({ type: z.literal('toBackground.overlayHello') }),
  /** From the side panel: the context of a tab. */
  z.object({ type: z.literal('toBackground.getTabContext'), tabId: z.number().int().nonnegative() }),
]);
export type ToBackground = z.infer<typeof ToBackground>;

export const ToViews = z.discriminatedUnion('type', [
  z.object({ type: z.literal('toViews.tabContext'), context: TabContext }),
]);
export type ToViews = z.infer<typeof ToViews>;

export const OverlayHelloAnswer = z.union([z.object({ ok: z.literal(true), context: TabContext }), z.object({ ok: z.literal(false) })]);
export type OverlayHelloAnswer = z.infer<typeof OverlayHelloAnswer>;

/** Sends a message to the background; a background that is not listening is not an error. */
export async function sendToBackground(message: ToBackground): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(ToBackground.parse(message));
  } catch {
    // No receiver (e.g. the background is restarting): sync also runs on its alarm.
    return undefined;
  }
}
