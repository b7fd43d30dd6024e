import { toCsv, type CsvCell } from '../../utils/csv';
import { contactParts } from '../../utils/contactLabel';
import { captureTime, daySpan } from '../../utils/metrics';
import { reasonLabels, verdictLabels, type Campaign, type Feedback, type Lead, type LeadStatus } from '../../utils/model';
import { dayInZone, type Period } from './period';

/**
 * The dashboard's exports: the leads captured in the period and the feedback given in it, as
 * CSV for a spreadsheet. One row per lead, and one row per feedback with its replies in one
 * column (`Name (time): text | …`), so a row count is a feedback count and a pivot table over
 * verdicts or reasons counts the same things the dashboard does.
 */

export interface ExportInput {
  leads: readonly Lead[];
  feedback: readonly Feedback[];
  campaigns: readonly Campaign[];
}

/**
 * Is an instant on a day of the period in `timeZone`? The same whole-day span the metrics use,
 * so an export holds exactly what the dashboard counted.
 */
export function inPeriod(at: string | number, period: Period, timeZone: string): boolean {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return false;
  const span = daySpan(period.from, period.to, timeZone);
  return ms >= span.start && ms < span.end;
}

/** `2026-11-27 14:05` in `timeZone`: sortable, and read as a date and time by spreadsheets. */
export function timeInZone(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${dayInZone(ms, timeZone)} ${part('hour')}:${part('minute')}`;
}

const statusWords: Record<LeadStatus, string> = {
  new: 'New',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  nurture: 'Nurture',
  rejected: 'Rejected',
};

const sourceWords: Record<Lead['source'], string> = {
  'context-menu': 'Context menu',
  gmail: 'Gmail',
  crm: 'CRM',
  manual: 'Entered by hand',
};

const byTime = <T>(time: (item: T) => string) => (a: T, b: T) => Date.parse(time(a)) - Date.parse(time(b));

/** The leads captured in the period, oldest first, with a header row. */
export function leadRows(input: ExportInput, period: Period, timeZone: string): CsvCell[][] {
  const campaignName = new Map(input.campaigns.map((c) => [c.id, c.name]));
  const leads = input.leads
    .flatMap((lead) => {
      // A lead whose capture time is unknown (edited before leads kept it) is counted nowhere.
      const ms = captureTime(lead);
      return !lead.deleted && ms !== undefined && inPeriod(ms, period, timeZone) ? [{ lead, at: new Date(ms).toISOString() }] : [];
    })
    .sort(byTime((l) => l.at));
  return [
    [`Captured (${timeZone})`, 'Name', 'Title', 'Company', 'Email', 'Phones', 'Website', 'LinkedIn', 'Address', 'Source', 'Source page', 'Campaign', 'Status', 'Captured by', 'Notes', 'Lead id'],
    ...leads.map(({ lead, at }) => [
      timeInZone(at, timeZone),
      lead.name,
      lead.title,
      lead.company,
      lead.email,
      lead.phones.join('; '),
      lead.website,
      lead.linkedin,
      lead.address,
      sourceWords[lead.source],
      lead.sourceUrl,
      lead.campaignId ? (campaignName.get(lead.campaignId) ?? 'Unknown campaign') : '',
      statusWords[lead.status],
      lead.capturedBy.name,
      lead.notes,
      lead.id,
    ]),
  ];
}

/** The feedback given in the period, oldest first, with a header row. */
export function feedbackRows(input: ExportInput, period: Period, timeZone: string): CsvCell[][] {
  const campaignName = new Map(input.campaigns.map((c) => [c.id, c.name]));
  const leadById = new Map(input.leads.map((l) => [l.id, l]));
  const given = input.feedback.filter((f) => !f.deleted && inPeriod(f.createdAt, period, timeZone)).sort(byTime((f) => f.createdAt));
  return [
    [`Given (${timeZone})`, 'Verdict', 'Reasons', 'Note', 'Author', 'Campaign', 'Contact', 'Contact email or page', 'Lead', 'Replies', 'Reply thread', 'Feedback id'],
    ...given.map((f) => {
      const lead = f.subject.leadId ? leadById.get(f.subject.leadId) : undefined;
      const campaignId = f.subject.campaignId ?? lead?.campaignId;
      // The person and the address, never the contact key.
      const contact = contactParts(f.subject);
      return [
        timeInZone(f.createdAt, timeZone),
        verdictLabels[f.verdict],
        f.reasons.map((r) => reasonLabels[r]).join('; '),
        f.note,
        f.author.name,
        campaignId ? (campaignName.get(campaignId) ?? 'Unknown campaign') : '',
        contact.name ?? '',
        contact.address ?? '',
        lead ? (lead.name ?? lead.email ?? lead.id) : '',
        f.replies.length,
        [...f.replies]
          .sort(byTime((r) => r.createdAt))
          .map((r) => `${r.author.name} (${timeInZone(r.createdAt, timeZone)}): ${r.body}`)
          .join(' | '),
        f.id,
      ];
    }),
  ];
}

export const leadsCsv = (input: ExportInput, period: Period, timeZone: string) => toCsv(leadRows(input, period, timeZone));
export const feedbackCsv = (input: ExportInput, period: Period, timeZone: string) => toCsv(feedbackRows(input, period, timeZone));

/** Saves text as a file through a Blob URL and an `<a download>` click. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference once it started; let this one go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
