import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { countryCode } from '../facts/vocabulary';
import { HttpUrl, RecordBase, Timestamp } from './common';
import { ContactField } from './contact';
import { Author } from './feedback';

/**
 * A contact as the team keys it (DESIGN.md): `email:<normalised address>`, else
 * `url:<CRM record URL without query or fragment>`. `erased` only on an erased record.
 */
export const ContactKey = z
  .string()
  .max(2100)
  .regex(/^(email:[^\s@]+@[^\s@]+|url:https?:\/\/\S+)$/, 'A contact is keyed email:<address> or url:<record URL>');

/**
 * The fields a fact can be remembered for: what a criterion reads, but the email (it is the
 * key), the email's domain and where the contact was seen; plus the phone and a team's own
 * `custom:<key>` fields.
 */
export const factFields = ['name', 'title', 'seniority', 'department', 'company', 'industry', 'employees', 'country', 'leadSource', 'revenue', 'rating', 'stage', 'phone'] as const;
export const FactField = z.union([
  z.enum(factFields),
  z.string().regex(/^custom:[\w.-]{1,60}$/, 'Custom fields are written custom:<key>'),
]);
export type FactField = z.infer<typeof FactField>;

/** Fields whose value is a number (employees: the headcount, or a range's lower bound). */
export const numericFactFields: ReadonlySet<string> = new Set<ContactField>(['employees', 'revenue']);

/** How the team learned a fact: read on a page (a CRM record, a signature the rep acted on), or added by a person. */
export const FactLearned = z.enum(['page', 'person']);
export type FactLearned = z.infer<typeof FactLearned>;

/** One fact's value: what the Fit tab compares, in the contact's own shape. */
export const FactValue = z
  .object({
    field: FactField,
    value: z.union([z.string().trim().min(1).max(300), z.number().nonnegative().max(1e13)]),
    /** The upper bound of a headcount range ("201–500"); absent for an exact number. */
    valueMax: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    /** The value as the page wrote it, when Tandem normalised it. */
    raw: z.string().max(300).optional(),
    /** For a fact read on a page, where, in words ("from the Salesforce record"). */
    from: z.string().trim().min(1).max(200).optional(),
  })
  // A country is kept as its ISO code, whatever name a person typed.
  .overwrite((f) => (f.field === 'country' && typeof f.value === 'string' ? { ...f, value: countryCode(f.value) ?? f.value } : f))
  .superRefine((f, ctx) => {
    const numeric = numericFactFields.has(f.field);
    if (numeric && typeof f.value !== 'number') ctx.addIssue({ code: 'custom', path: ['value'], message: `${f.field} is a number` });
    if (!numeric && !f.field.startsWith('custom:') && typeof f.value !== 'string') ctx.addIssue({ code: 'custom', path: ['value'], message: `${f.field} is text` });
    if (f.field === 'employees' && typeof f.value === 'number' && !Number.isInteger(f.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A headcount is a whole number' });
    if (f.valueMax !== undefined && (f.field !== 'employees' || typeof f.value !== 'number' || f.valueMax < f.value)) {
      ctx.addIssue({ code: 'custom', path: ['valueMax'], message: 'Only a headcount range has an upper bound, at least its lower one' });
    }
  });
export type FactValue = z.infer<typeof FactValue>;

/**
 * What the team knows about one field of one contact (DESIGN.md rule 9): one synced record
 * per contact and field, so a fact read on a Salesforce record is known when the same person
 * writes in Gmail, on every teammate's install. Its id is derived from the contact key and
 * the field (factId), so two reps learning the same fact write the same record.
 */
export const ContactFact = RecordBase.extend({
  contactKey: z.union([ContactKey, z.literal('erased')]),
  field: FactField,
  /** The value; an erased fact's is empty. */
  value: z.union([z.string().trim().max(300), z.number().nonnegative().max(1e13)]),
  valueMax: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  raw: z.string().max(300).optional(),
  learned: FactLearned,
  /** For a fact read on a page, where, in words ("from the Salesforce record"). */
  from: z.string().trim().max(200).optional(),
  /** The record page it was read on. */
  pageUrl: HttpUrl.optional(),
  /** Who read or added it, and when. */
  by: Author,
  at: Timestamp,
});
export type ContactFact = z.infer<typeof ContactFact>;

/**
 * The id of the fact record for a contact's field: a UUID (version 8, RFC 9562) made of the
 * SHA-256 of the key and field, the same on every install and on the server. Synchronous, so
 * a mutator can call it inside an IndexedDB transaction (awaiting crypto.subtle there would
 * let the transaction close).
 */
export function factId(contactKey: string, field: string): string {
  const digest = sha256(new TextEncoder().encode(`tandem-fact\n${contactKey}\n${field}`));
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
