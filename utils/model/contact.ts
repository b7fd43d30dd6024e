import { z } from 'zod';
import { HttpUrl, Timestamp } from './common';

/** The fields a criterion can read from a contact. Custom keys live in `custom`. */
export const ContactField = z.enum([
  'email',
  'emailDomain',
  'name',
  'title',
  'seniority',
  'department',
  'company',
  'industry',
  'employees',
  'country',
  'source',
]);
export type ContactField = z.infer<typeof ContactField>;

/** Where a contact was seen. */
export const ContactSource = z.enum([
  'manual',
  'gmail',
  'salesforce',
  'hubspot',
  'pipedrive',
  'zoho',
  'dynamics',
  'apptivo',
  'generic',
  'capture',
  'demo',
]);
export type ContactSource = z.infer<typeof ContactSource>;

const optionalText = z.string().trim().max(300).optional();

/**
 * What a host page (or a person typing) tells us about the contact in view. Plain data from
 * an untrusted source: no team data, parsed at every boundary.
 */
export const ContactContext = z.object({
  source: ContactSource,
  email: z.email().max(320).optional(),
  name: optionalText,
  title: optionalText,
  seniority: optionalText,
  department: optionalText,
  company: optionalText,
  industry: optionalText,
  employees: z.number().int().nonnegative().max(10_000_000).optional(),
  country: optionalText,
  phone: z.string().trim().max(60).optional(),
  /** The CRM record's own URL, the key when there is no email. */
  recordUrl: HttpUrl.optional(),
  custom: z.record(z.string().max(60), z.union([z.string().max(300), z.number()])).default({}),
});
export type ContactContext = z.input<typeof ContactContext>;
export type ParsedContact = z.output<typeof ContactContext>;

/** Lower-cased, trimmed email; Gmail-style dots and plus tags are kept (they can be different people at other providers). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailDomain(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  return at > 0 ? normaliseEmail(email.slice(at + 1)) : undefined;
}

/**
 * A contact is keyed by its normalised email, else by its CRM record URL (without query or
 * fragment), so feedback given on a CRM page shows up when the same person writes in Gmail.
 */
export function contactKey(contact: Pick<ParsedContact, 'email' | 'recordUrl'>): string | undefined {
  if (contact.email) return `email:${normaliseEmail(contact.email)}`;
  if (contact.recordUrl) {
    const url = new URL(contact.recordUrl);
    return `url:${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  return undefined;
}

/** A contact remembered on this device, so a rep can pick it again. Local only, never synced. */
export const RecentContact = z.object({
  key: z.string().min(1),
  contact: ContactContext,
  seenAt: Timestamp,
});
export type RecentContact = z.infer<typeof RecentContact>;
