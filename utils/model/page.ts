import { z } from 'zod';
import { ContactContext } from './contact';
import { hostIds } from '../hosts/list';

/**
 * What a content script reports about its page: parsed by the background before anything
 * else sees it (the page is untrusted input). Mirrors utils/hosts/types.ts's Detection.
 */
const View = z.string().trim().min(1).max(40);

const Shown = z.string().trim().max(300).optional();

/**
 * What a content script says the page showed, as the page wrote it (utils/hosts/types.ts's
 * PageContact): the background turns it into a ContactContext with each fact's source
 * (utils/facts/enrich.ts). The signature is bounded: only the contact's own, newest one.
 */
export const PageContactReport = z.object({
  source: z.string().max(40),
  email: z.string().trim().max(320).optional(),
  name: Shown,
  title: Shown,
  company: Shown,
  phone: z.string().trim().max(60).optional(),
  recordUrl: z.string().max(2000).optional(),
  custom: z.record(z.string().max(60), z.string().max(300)).optional(),
  industry: Shown,
  employees: z.string().trim().max(60).optional(),
  address: z.string().trim().max(600).optional(),
  country: Shown,
  leadSource: Shown,
  revenue: z.string().trim().max(60).optional(),
  rating: Shown,
  department: Shown,
  stage: Shown,
  fromAccount: z.array(z.string().max(40)).max(20).optional(),
  signature: z.string().max(2000).optional(),
});
export type PageContactReport = z.infer<typeof PageContactReport>;

const detections = <C extends z.ZodType>(contact: C) =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('contact'), contact, view: View }),
    z.object({ kind: z.literal('none'), view: View }),
    z.object({ kind: z.literal('unreadable'), view: View, failed: z.string().trim().min(1).max(80) }),
  ]);

/** A content script's report of its page. */
export const PageReport = detections(PageContactReport);
export type PageReport = z.infer<typeof PageReport>;

/** The page's contact as the background keeps it: facts normalised and derived, each with its source. */
export const PageDetection = detections(ContactContext);
export type PageDetection = z.infer<typeof PageDetection>;

// The host list is declared once, as plain data (no DOM), in utils/hosts/list.ts.
export const HostId = z.enum(hostIds);
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
