import { z } from 'zod';
import { ContactContext, HostId, PageReport, TabContext } from './model';

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
    detection: PageReport,
    theme: z.enum(['light', 'dark']),
    overlay: z.boolean(),
  }),
  /**
   * From the overlay page: may I show anything in this tab? With the one-time secret its
   * content script posted it (utils/background/frames.ts).
   */
  z.object({ type: z.literal('toBackground.overlayHello'), secret: z.string().regex(/^[\w-]{16,64}$/) }),
  /** From the side panel: the context of a tab. */
  z.object({ type: z.literal('toBackground.getTabContext'), tabId: z.number().int().nonnegative() }),
  /**
   * From the overlay: the Sidebar's data and actions, done by the background, since a frame
   * inside a host page may be refused its own storage. Only for a vouched overlay.
   */
  z.object({
    type: z.literal('toBackground.sidebar'),
    request: z.discriminatedUnion('op', [
      z.object({ op: z.literal('info') }),
      z.object({ op: z.literal('shared') }),
      z.object({ op: z.literal('recent') }),
      z.object({ op: z.literal('sync') }),
      z.object({ op: z.literal('leads') }),
      z.object({ op: z.literal('facts'), key: z.string().min(1).max(2100), custom: z.array(z.string().max(70)).max(100) }),
      z.object({ op: z.literal('write'), name: z.string().min(1).max(100), args: z.unknown() }),
      z.object({ op: z.literal('remember'), contact: ContactContext }),
      z.object({ op: z.literal('dismissNotice'), id: z.number().int().positive() }),
      z.object({ op: z.literal('markDefinitionSeen'), number: z.number().int().positive() }),
      z.object({ op: z.literal('wipe') }),
    ]),
  }),
]);
export type SidebarRequest = Extract<ToBackground, { type: 'toBackground.sidebar' }>['request'];

/** The background's answer to a sidebar request: a value, or an error to show. */
export const SidebarAnswer = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.string() })]);
export type SidebarAnswer = z.infer<typeof SidebarAnswer>;
export type ToBackground = z.infer<typeof ToBackground>;

export const ToViews = z.discriminatedUnion('type', [
  z.object({ type: z.literal('toViews.tabContext'), context: TabContext }),
  /** Something changed in a workspace (relayed for views that cannot hear the BroadcastChannel). */
  z.object({ type: z.literal('toViews.changed'), workspaceId: z.string(), topics: z.array(z.string()) }),
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
