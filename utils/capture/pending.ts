import { z } from 'zod';

/**
 * What a right-click captured, waiting for the review form in the side panel. Kept in
 * storage.session (trusted contexts only, gone when the browser closes): page text, not team
 * data.
 */
export const PendingCapture = z.object({
  id: z.uuid(),
  kind: z.enum(['selection', 'link', 'page']),
  /** The selected text with its line breaks, the link's address, or the page's HTML. */
  content: z.string().max(2_000_000),
  url: z.string().max(4000),
  title: z.string().max(500).default(''),
  /** The page's language (`<html lang>`), a hint for phone numbers. */
  lang: z.string().max(40).default(''),
  at: z.string(),
});
export type PendingCapture = z.infer<typeof PendingCapture>;

export const pendingCaptureKey = 'pendingCapture';

export async function savePendingCapture(capture: PendingCapture): Promise<void> {
  await browser.storage.session.set({ [pendingCaptureKey]: PendingCapture.parse(capture) });
}

export async function readPendingCapture(): Promise<PendingCapture | undefined> {
  const parsed = PendingCapture.safeParse((await browser.storage.session.get(pendingCaptureKey))[pendingCaptureKey]);
  return parsed.success ? parsed.data : undefined;
}

export async function clearPendingCapture(): Promise<void> {
  await browser.storage.session.remove(pendingCaptureKey);
}
