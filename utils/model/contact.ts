import { z } from 'zod';
import { countryCode } from '../facts/vocabulary';
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
  'leadSource',
  'revenue',
  'rating',
  'stage',
]);
export type ContactField = z.infer<typeof ContactField>;

/**
 * How Tandem knows a fact about a contact (DESIGN.md rule 9): read from the page, derived by a
 * pure function a person could check, remembered from another page, or added by a person.
 */
export const FactKind = z.enum(['page', 'derived', 'remembered', 'person']);
export type FactKind = z.infer<typeof FactKind>;

/** Where one fact came from, in words shown after its value ("from the phone number’s country code (+49)"). */
export const Fact = z.object({
  kind: FactKind,
  from: z.string().trim().min(1).max(200),
  /** When it was read, derived or added. */
  at: Timestamp.optional(),
  /** True for a guess (a company named after the email domain): the sidebar says so. */
  guess: z.boolean().optional(),
  /** The value as the page wrote it, when Tandem normalised it ("COMPUTER_SOFTWARE" for Software). */
  raw: z.string().max(300).optional(),
});
export type Fact = z.infer<typeof Fact>;

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
export const ContactFields = z.object({
  source: ContactSource,
  email: z.email().max(320).optional(),
  name: optionalText,
  title: optionalText,
  seniority: optionalText,
  department: optionalText,
  company: optionalText,
  industry: optionalText,
  /** The headcount, or the lower bound of a range the page gave ("201-500"). */
  employees: z.number().int().nonnegative().max(10_000_000).optional(),
  /** The upper bound when the page gave a range; absent for an exact number. */
  employeesMax: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  /** An ISO 3166 code ("DE"), shown by its name; a name an older version stored is read as its code. */
  country: z.string().trim().max(300).overwrite((v) => countryCode(v) ?? v).optional(),
  /** The host's lead source ("Web", "Trade show"); `source` names where Tandem saw the contact. */
  leadSource: optionalText,
  /** Annual revenue in the record's currency. */
  revenue: z.number().nonnegative().max(1e13).optional(),
  rating: optionalText,
  /** Lifecycle stage or lead status, as the host names it. */
  stage: optionalText,
  phone: z.string().trim().max(60).optional(),
  /** The CRM record's own URL, the key when there is no email. */
  recordUrl: HttpUrl.optional(),
  custom: z.record(z.string().max(60), z.union([z.string().max(300), z.number()])).default({}),
  /** Where each known fact came from, by field. */
  facts: z.record(z.string().max(60), Fact).default({}),
});

export const ContactContext = ContactFields
  // The lead source was a custom field before it had its own (DESIGN.md: the demo's `lead_source`).
  .overwrite((c) => {
    const old = c.custom.lead_source;
    if (c.leadSource !== undefined || typeof old !== 'string') return c;
    const { lead_source: _moved, ...custom } = c.custom;
    return { ...c, leadSource: old, custom };
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
