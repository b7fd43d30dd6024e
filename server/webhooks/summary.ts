import { contactParts } from '../../utils/contactLabel';
import { reasonLabels, type Feedback, type Lead, type LeadDefinition, type Reply } from '../../utils/model';

/**
 * One line that says what happened, in words, for people reading a chat channel:
 * “Jordan Lee rejected Dana Whitfield (Contoso): too small — 'only 12 people'”.
 * Text people typed is put on one line and cut short; it is not escaped here (the Slack
 * format escapes the whole line).
 */

const maxQuote = 140;

/** Whitespace (newlines too) made single spaces, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max = maxQuote): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

const verdictWords = { accept: 'accepted', reject: 'rejected', nurture: 'moved to nurture' } as const;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * “Dana Whitfield (Contoso)”, or the email or record page when there is no name; never the
 * contact key. A channel gets the name alone when there is one: the address stays in Tandem.
 */
function contactOf(feedback: Feedback): string {
  const { name, address } = contactParts(feedback.subject);
  const who = oneLine(name ?? address ?? 'an unnamed contact', 80);
  const company = feedback.subject.facts?.company ? oneLine(feedback.subject.facts.company, 80) : '';
  return company ? `${who} (${company})` : who;
}

export function feedbackCreatedSummary(feedback: Feedback): string {
  const reasons = feedback.reasons.map((r) => lowerFirst(reasonLabels[r]));
  const note = oneLine(feedback.note);
  return `${oneLine(feedback.author.name, 80)} ${verdictWords[feedback.verdict]} ${contactOf(feedback)}${reasons.length ? `: ${reasons.join(', ')}` : ''}${note ? ` — '${note}'` : ''}`;
}

export function feedbackRepliedSummary(feedback: Feedback, reply: Reply): string {
  const whose = reply.author.memberId === feedback.author.memberId ? 'their own' : `${oneLine(feedback.author.name, 80)}'s`;
  return `${oneLine(reply.author.name, 80)} replied to ${whose} feedback on ${contactOf(feedback)}: '${oneLine(reply.body)}'`;
}

const sourceWords: Record<Lead['source'], string> = {
  'context-menu': 'from a web page',
  gmail: 'from Gmail',
  crm: 'from a CRM',
  manual: 'by hand',
};

export function leadCapturedSummary(lead: Lead): string {
  const who = oneLine(lead.name ?? '', 80) || lead.email || 'a lead with no name';
  const where = [lead.title, lead.company].filter((part): part is string => !!part).map((part) => oneLine(part, 80));
  return `${oneLine(lead.capturedBy.name, 80)} captured ${who}${where.length ? ` (${where.join(', ')})` : ''} ${sourceWords[lead.source]}`;
}

export function definitionPublishedSummary(definition: LeadDefinition): string {
  const note = oneLine(definition.changeNote);
  return `${oneLine(definition.publishedBy, 80)} published version ${definition.number} of the lead definition '${oneLine(definition.name, 80)}'${note ? ` — '${note}'` : ''}`;
}
