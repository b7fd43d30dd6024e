/**
 * What the team remembers about a contact, put together with what the page in view shows
 * (DESIGN.md rule 9). Precedence, highest first:
 *
 *   added by a person  >  read on the page in view  >  remembered from another page
 *                      >  derived from other facts  >  a guess
 *
 * A value from a lower source never replaces a higher one; where a person's word, the page
 * and a remembered page disagree, the higher one is used and the disagreement is returned
 * for the sidebar to show, never silently dropped. Pure: the same contact, records and time
 * give the same answer.
 */
import { fieldLabel } from '../fit';
import { sameFactValue } from '../mutators/fact';
import { FactField, type ContactFact, type Fact, type FactValue, type ParsedContact } from '../model';
import { factSource, factValue } from './describe';
import { deriveMissing, signatureSource, type Known } from './enrich';

/** Two sources that disagree about one field: the one used, and the other. */
export interface FactConflict {
  field: string;
  /** "Employees: 450, added by Dana Whitfield on 4 Dec 2026; but 500, from the Salesforce record." */
  text: string;
}

export interface KnownContact {
  contact: ParsedContact;
  conflicts: FactConflict[];
}

type Candidate = { rank: number; value: string | number; valueMax?: number; fact: Fact; raw?: string };

const day = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
};

/** A remembered record as a fact with its source in words. */
export function recordFact(record: ContactFact): Fact {
  return record.learned === 'person'
    ? { kind: 'person', from: `added by ${record.by.name} on ${day(record.at)}`, at: record.at }
    : { kind: 'remembered', from: `remembered ${record.from ?? 'from a page'} (seen by ${record.by.name} on ${day(record.at)})`, at: record.at };
}

function rankOf(fact: Fact | undefined): number {
  if (!fact) return 3; // typed in by hand, or shown by the page without a word on where
  switch (fact.kind) {
    case 'person':
      return 4;
    case 'page':
      return 3;
    case 'remembered':
      return 2;
    case 'derived':
      return fact.guess ? 0 : 1;
  }
}

function valueOf(contact: ParsedContact, field: string): { value: string | number; valueMax?: number } | undefined {
  const value = field.startsWith('custom:') ? contact.custom[field.slice('custom:'.length)] : (contact as Record<string, unknown>)[field];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && !value.trim()) return undefined;
  return { value, ...(field === 'employees' && contact.employeesMax !== undefined ? { valueMax: contact.employeesMax } : {}) };
}

function setValue(known: Known, field: string, candidate: Candidate) {
  if (field.startsWith('custom:')) known.custom = { ...known.custom, [field.slice('custom:'.length)]: candidate.value };
  else (known as Record<string, unknown>)[field] = candidate.value;
  if (field === 'employees') {
    if (candidate.valueMax !== undefined && candidate.valueMax !== candidate.value) known.employeesMax = candidate.valueMax;
    else delete known.employeesMax;
  }
  known.facts[field] = { ...candidate.fact, ...(candidate.raw !== undefined ? { raw: candidate.raw } : {}) };
}

/** A candidate's value as the Fit tab writes it. */
function shown(field: string, candidate: Candidate): string {
  const probe = { source: 'manual', custom: {}, facts: {} } as unknown as Known;
  setValue(probe, field, candidate);
  return factValue(probe as ParsedContact, field) ?? String(candidate.value);
}

/**
 * The contact in view with the team's remembered facts about it (records of this contact;
 * others are ignored), and the disagreements between sources.
 */
export function withRemembered(contact: ParsedContact, records: readonly ContactFact[], at: string): KnownContact {
  const known: Known = structuredClone({ ...contact, facts: { ...contact.facts } }) as Known;
  const conflicts: FactConflict[] = [];
  const live = records.filter((r) => !r.deleted && r.contactKey !== 'erased');
  let added = false;
  for (const record of live) {
    const field = record.field;
    const current = valueOf(contact, field);
    const fact = recordFact(record);
    const remembered: Candidate = { rank: rankOf(fact), value: record.value, valueMax: record.valueMax, fact, raw: record.raw };
    if (!current) {
      setValue(known, field, remembered);
      added = true;
      continue;
    }
    const here: Candidate = { rank: rankOf(contact.facts[field]), ...current, fact: contact.facts[field] ?? { kind: 'page', from: 'from the page in view' } };
    if (sameFactValue(remembered, here)) {
      // The same value: the higher source names it (a person's word over the page's).
      if (remembered.rank > here.rank) setValue(known, field, { ...remembered, raw: contact.facts[field]?.raw });
      continue;
    }
    const [used, other] = remembered.rank > here.rank ? [remembered, here] : [here, remembered];
    if (used === remembered) {
      setValue(known, field, remembered);
      added = true;
    }
    // Derivations and guesses give way without a word; sources a person can check disagree out loud.
    if (other.rank >= 2) {
      const label = field === 'phone' ? 'Phone' : fieldLabel(field as never);
      conflicts.push({ field, text: `${label}: ${shown(field, used)}, ${factSource(used.fact)}; but ${shown(field, other)}, ${factSource(other.fact)}.` });
    }
  }
  // A remembered title gives a seniority, a remembered phone a country, as a page's would.
  if (added) deriveMissing(known, at);
  return { contact: known as ParsedContact, conflicts };
}

/**
 * The facts a page showed that the team does not know yet (or knows otherwise, from a page),
 * ready for `fact.put`: only facts read on the page (never derived ones or guesses, which
 * follow again from the remembered ones), never the email (it is the key), and nothing a
 * person added. Empty when everything is known:
 * a page seen again writes nothing.
 */
export function unrememberedFacts(contact: ParsedContact, records: readonly ContactFact[], options: { signature: boolean }): FactValue[] {
  const byField = new Map(records.filter((r) => !r.deleted).map((r) => [r.field, r]));
  const out: FactValue[] = [];
  // The page's own custom values are the adapter's bookkeeping (record ids, object types), not
  // facts about the person: a team's custom fields are remembered when a person adds them.
  for (const field of Object.keys(contact.facts)) {
    if (!FactField.safeParse(field).success) continue;
    const fact = contact.facts[field];
    if (fact && fact.kind !== 'page') continue;
    if (!options.signature && fact?.from === signatureSource) continue;
    const current = valueOf(contact, field);
    if (!current) continue;
    const stored = byField.get(field);
    if (stored && (stored.learned === 'person' || sameFactValue(stored, current))) continue;
    out.push({
      field,
      value: current.value,
      ...(current.valueMax !== undefined ? { valueMax: current.valueMax } : {}),
      ...(fact?.raw !== undefined ? { raw: fact.raw } : {}),
      ...(fact?.from ? { from: fact.from } : {}),
    });
  }
  return out;
}
