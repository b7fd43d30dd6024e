import { z } from 'zod';
import { Id, RecordBase, Text, Timestamp } from './common';
import { ContactFields } from './contact';

export const Verdict = z.enum(['accept', 'reject', 'nurture']);
export type Verdict = z.infer<typeof Verdict>;

/** The short fixed list of reasons, so both teams count the same things. */
export const FeedbackReason = z.enum([
  'bad-data',
  'no-need',
  'no-budget',
  'wrong-persona',
  'too-small',
  'wrong-region',
  'competitor',
  'student-personal',
  'duplicate',
  'unreachable',
]);
export type FeedbackReason = z.infer<typeof FeedbackReason>;

export const reasonLabels: Record<FeedbackReason, string> = {
  'bad-data': 'Bad data',
  'no-need': 'No need',
  'no-budget': 'No budget',
  'wrong-persona': 'Wrong persona',
  'too-small': 'Too small',
  'wrong-region': 'Wrong region',
  competitor: 'Competitor',
  'student-personal': 'Student or personal',
  duplicate: 'Duplicate',
  unreachable: 'Unreachable after SLA attempts',
};

export const verdictLabels: Record<Verdict, string> = {
  accept: 'Accept',
  reject: 'Reject',
  nurture: 'Nurture',
};

export const Author = z.object({ memberId: Id, name: z.string().max(200) });
export type Author = z.infer<typeof Author>;

export const Reply = z.object({
  id: Id,
  body: Text.pipe(z.string().trim().min(1, 'Write a reply first.')),
  author: Author,
  createdAt: Timestamp,
});
export type Reply = z.infer<typeof Reply>;

/**
 * What was known about the contact when the feedback was given (the page or the rep said it),
 * so Marketing can see what the rejected leads had in common: “9 of 11 had fewer than 50
 * employees”.
 */
export const ContactFacts = ContactFields.pick({
  title: true,
  seniority: true,
  department: true,
  company: true,
  industry: true,
  employees: true,
  country: true,
});
export type ContactFacts = z.infer<typeof ContactFacts>;

/** What the feedback is about: always a contact, and a lead or campaign when known. */
export const FeedbackSubject = z.object({
  contactKey: z.string().min(1).max(400),
  contactName: z.string().max(300).optional(),
  facts: ContactFacts.optional(),
  leadId: Id.optional(),
  campaignId: Id.optional(),
});

/** Sales' word on a lead, and Marketing's answers: a conversation, not a form into a void. */
export const Feedback = RecordBase.extend({
  subject: FeedbackSubject,
  verdict: Verdict,
  reasons: z.array(FeedbackReason).max(10),
  note: Text.default(''),
  author: Author,
  createdAt: Timestamp,
  replies: z.array(Reply).max(500),
});
export type Feedback = z.infer<typeof Feedback>;
