import { employeesText, fieldLabel, shownValue } from '../fit';
import { ContactField, type Fact, type ParsedContact } from '../model';

/** The facts the Fit tab lists: every contact field but those derived from others or naming the host, and the phone. */
export const FACT_FIELDS: readonly string[] = [...ContactField.options.filter((f) => f !== 'emailDomain' && f !== 'source'), 'phone'];

/** Where a fact came from, in words: its `from`, and "(a guess)" for a guess that does not say so already. */
export function factSource(fact: Fact): string {
  return `${fact.from}${fact.guess && !/\bguess\b/.test(fact.from) ? ' (a guess)' : ''}`;
}

/** A fact's value as a person reads it, or undefined when the contact does not give it. */
export function factValue(contact: ParsedContact, field: string): string | undefined {
  if (field === 'employees') return employeesText(contact);
  if (field === 'revenue') return contact.revenue === undefined ? undefined : new Intl.NumberFormat('en').format(contact.revenue);
  const value = (contact as Record<string, unknown>)[field];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(shownValue(field as ContactField, value)).trim();
  return text || undefined;
}

/**
 * One known fact and where it came from, in words (DESIGN.md rule 9): "Country: Germany, from
 * the phone number’s country code (+49)"; "Industry: Software (the record says “Computer
 * Software”), from the Salesforce record". A guess says so.
 */
export function describeFact(contact: ParsedContact, field: string): string | undefined {
  const value = factValue(contact, field);
  if (value === undefined) return undefined;
  const label = field === 'phone' ? 'Phone' : fieldLabel(field as ContactField);
  const fact = contact.facts[field];
  if (!fact) return `${label}: ${value}`;
  // The host's own words, when they say more than a thousands separator ("2,300" for 2300 does not).
  const plain = (text: string) => text.replace(/[\s,.’']/g, '');
  const raw = fact.raw && plain(fact.raw) !== plain(value) ? ` (shown as “${fact.raw}”)` : '';
  return `${label}: ${value}${raw}, ${factSource(fact)}`;
}
