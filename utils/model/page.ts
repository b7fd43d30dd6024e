import { z } from 'zod';
import { ContactContext } from './contact';

/**
 * What a content script reports about its page: parsed by the background before anything
 * else sees it (the page is untrusted input). Mirrors utils/hosts/types.ts's Detection.
 */
const View = z.string().trim().min(1).max(40);

export const PageDetection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contact'), contact: ContactContext, view: View }),
  z.object({ kind: z.literal('none'), view: View }),
  z.object({ kind: z.literal('unreadable'), view: View, failed: z.string().trim().min(1).max(80) }),
]);
export type PageDetection = z.infer<typeof PageDetection>;

export const HostId = z.enum(['gmail', 'salesforce', 'hubspot', 'pipedrive', 'zoho', 'dynamics', 'apptivo', 'generic']);
export type HostId = z.infer<typeof HostId>;

/** What the background keeps about one tab, in storage.session so a restart keeps it. */
export const TabContext = z.object({
  tabId: z.number().int().nonnegative(),
  host: HostId,
  url: z.string().max(2000),
  detection: PageDetection,
  /** The page's own colour scheme, so the in-page sidebar can match it. */
  theme: z.enum(['light', 'dark']),
  /** True once the content script has mounted the in-page sidebar in this tab. */
  overlay: z.boolean(),
  at: z.string(),
});
export type TabContext = z.infer<typeof TabContext>;

/** When each adapter last read a page, and which selector failed last (options page). */
export const HostHealth = z.object({
  lastReadAt: z.string().optional(),
  lastView: z.string().optional(),
  lastFailure: z.object({ selector: z.string(), view: z.string(), at: z.string() }).optional(),
});
export type HostHealth = z.infer<typeof HostHealth>;
