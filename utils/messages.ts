import { z } from 'zod';

/**
 * Messages between Tandem's own contexts, parsed with zod on arrival. Names say the
 * direction: `toBackground.*` is handled by the background.
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
]);
export type ToBackground = z.infer<typeof ToBackground>;

/** Sends a message to the background; a background that is not listening is not an error. */
export async function sendToBackground(message: ToBackground): Promise<void> {
  try {
    await browser.runtime.sendMessage(ToBackground.parse(message));
  } catch {
    // No receiver (e.g. the background is restarting): sync also runs on its alarm.
  }
}
