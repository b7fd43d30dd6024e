import { z } from 'zod';
import { HttpUrl, Id, RecordBase, Text, Timestamp } from './common';
import { Author } from './feedback';

export const LeadStatus = z.enum(['new', 'mql', 'sal', 'sql', 'opportunity', 'nurture', 'rejected']);
export type LeadStatus = z.infer<typeof LeadStatus>;

const optionalText = z.string().trim().max(300).optional();

/** A person captured by a rep, from the context menu, Gmail or a CRM. */
export const Lead = RecordBase.extend({
  name: optionalText,
  title: optionalText,
  company: optionalText,
  email: z.email().max(320).optional(),
  phones: z.array(z.string().max(60)).max(10),
  website: HttpUrl.optional(),
  linkedin: HttpUrl.optional(),
  address: z.string().max(500).optional(),
  source: z.enum(['context-menu', 'gmail', 'crm', 'manual']),
  sourceUrl: HttpUrl.optional(),
  campaignId: Id.optional(),
  status: LeadStatus,
  notes: Text.default(''),
  capturedBy: Author,
  /** When the server took the capture in (older leads have none: their first version's time stands in). */
  capturedAt: Timestamp.optional(),
});
export type Lead = z.infer<typeof Lead>;
