import { leadsOnPage, type PageLead } from './page';
import { parseContactText } from './parse';
import type { PendingCapture } from './pending';

export type DraftField = 'name' | 'title' | 'company' | 'email' | 'phones' | 'website' | 'linkedin' | 'address';

/** A lead as the review form edits it: every field as text, with how sure Tandem is of it. */
export interface CaptureDraft {
  values: Record<DraftField, string>;
  confidence: Partial<Record<DraftField, number>>;
  /** Where it came from, in words. */
  from: string;
}

const empty = (): Record<DraftField, string> => ({ name: '', title: '', company: '', email: '', phones: '', website: '', linkedin: '', address: '' });

function fromPageLead(lead: PageLead): CaptureDraft {
  // Structured data says what each field is; a mailto link alone says little about the name.
  const sure = lead.from === 'mailto link' ? 0.5 : 0.9;
  const values = { ...empty(), ...Object.fromEntries(Object.entries(lead).filter(([k]) => k !== 'from' && k !== 'phones')), phones: lead.phones.join('\n') } as Record<DraftField, string>;
  for (const k of Object.keys(values) as DraftField[]) values[k] ??= '';
  return { values, confidence: Object.fromEntries((Object.keys(values) as DraftField[]).map((k) => [k, k === 'email' ? 1 : sure])), from: lead.from };
}

/** What a link says: a mailto address, a tel number, or a LinkedIn profile. */
function fromLink(href: string): CaptureDraft[] {
  const values = empty();
  const lower = href.trim().toLowerCase();
  if (lower.startsWith('mailto:')) values.email = decodeURIComponent(href.trim().slice(7).split('?')[0]!);
  else if (lower.startsWith('tel:')) values.phones = decodeURIComponent(href.trim().slice(4));
  else if (/^https?:\/\/([a-z]+\.)?linkedin\.com\/in\//.test(lower)) values.linkedin = href.trim().replace(/^http:/, 'https:').split(/[?#]/)[0]!;
  else return [];
  return [{ values, confidence: {}, from: 'link' }];
}

/** The candidate leads in a pending capture, first the likeliest. */
export function draftFromCapture(pending: PendingCapture, options: { locale?: string } = {}): CaptureDraft[] {
  if (pending.kind === 'link') return fromLink(pending.content);
  if (pending.kind === 'page') return leadsOnPage(pending.content, pending.url).map(fromPageLead);
  const parsed = parseContactText(pending.content, { pageLanguage: pending.lang || undefined, locale: options.locale });
  const values = empty();
  const confidence: CaptureDraft['confidence'] = {};
  for (const field of ['name', 'title', 'company', 'email', 'website', 'linkedin', 'address'] as const) {
    const f = parsed[field];
    if (f) {
      values[field] = f.value;
      confidence[field] = f.confidence;
    }
  }
  values.phones = parsed.phones.map((p) => (p.value.extension ? `${p.value.e164} ext. ${p.value.extension}` : p.value.e164)).join('\n');
  confidence.phones = parsed.phones.length ? Math.min(...parsed.phones.map((p) => p.confidence)) : 1;
  return values.name || values.email || values.phones || values.linkedin ? [{ values, confidence, from: 'selection' }] : [];
}
