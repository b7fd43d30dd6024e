/**
 * From what a page showed to what the sidebar knows (DESIGN.md rule 9). A content script
 * reports the page's own words (PageContactReport); here, in the background, they become a
 * ContactContext whose every fact says where it came from:
 *
 * 1. the record's own fields, normalised to the shared vocabularies (industry, employees as
 *    bounds, revenue as a number, country as an ISO code), the host's words kept beside;
 * 2. what the contact's own email signature says (title, company, phone, address) where the
 *    page's fields do not;
 * 3. what a person would derive: seniority and department from the title; country from the
 *    address, else the phone's country code, else a country-code email domain; and, as a guess
 *    that says so, the company from the email domain.
 *
 * Pure: the same report and time give the same contact.
 */
import { parseContactText } from '../capture/parse';
import { hostNames } from '../hosts/registry';
import { z } from 'zod';
import { ContactContext, HttpUrl, type Fact, type HostId, type PageContactReport, type ParsedContact } from '../model';
import {
  companyFromEmail,
  countryFromAddress,
  countryFromDomain,
  countryFromPhone,
  departmentFromTitle,
  employeesFromText,
  industryFromText,
  revenueFromText,
  seniorityFromTitle,
  type Derived,
} from './derive';
import { countryCode, DEPARTMENTS, foldName } from './vocabulary';

type Facts = Record<string, Fact>;
/** A contact being put together: its facts record always there. */
export type Known = Omit<ContactContext, 'facts'> & { facts: Facts };

const isEmail = (value: string) => z.email().max(320).safeParse(value).success;

/** The words after a value that say where the page showed it. */
function pageSource(host: HostId, field: string, report: PageContactReport): string {
  const name = hostNames[host];
  if (host === 'gmail') return 'from the Gmail thread';
  if (host === 'generic') return 'from this page';
  return report.fromAccount?.includes(field) ? `from the company on the ${name} record` : `from the ${name} record`;
}

/** A department the page names, in the shared list when it is one of them (or a title that names one). */
function departmentOf(raw: string): { value: string; normalised: boolean } {
  const folded = foldName(raw);
  const listed = DEPARTMENTS.find((d) => foldName(d) === folded);
  if (listed) return { value: listed, normalised: listed !== raw };
  const derived = departmentFromTitle(raw);
  return derived ? { value: derived.value, normalised: true } : { value: raw, normalised: false };
}

/** The words given to a fact read in the contact's own email signature. */
export const signatureSource = 'from the email signature';

export function contactFromPage(report: PageContactReport, host: HostId, at: string): ParsedContact {
  const facts: Facts = {};
  const known: Known = { source: host, custom: {}, facts };
  const fromPage = (field: string) => pageSource(host, field, report);
  const read = (field: keyof Known & string, value: string | number | undefined, raw?: string) => {
    if (value === undefined || value === '') return;
    (known as Record<string, unknown>)[field] = value;
    facts[field] = { kind: 'page', from: fromPage(field), at, ...(raw !== undefined && raw !== String(value) ? { raw } : {}) };
  };

  // 1. The record's own fields.
  if (report.email && isEmail(report.email)) read('email', report.email);
  read('name', report.name);
  read('title', report.title);
  read('company', report.company);
  read('phone', report.phone);
  read('leadSource', report.leadSource);
  read('rating', report.rating);
  read('stage', report.stage);
  if (report.industry) read('industry', industryFromText(report.industry)?.value ?? report.industry, report.industry);
  if (report.employees) {
    const range = employeesFromText(report.employees);
    if (range) {
      read('employees', range.min, report.employees);
      if (range.max !== range.min) known.employeesMax = range.max;
    }
  }
  if (report.revenue) read('revenue', revenueFromText(report.revenue), report.revenue);
  if (report.department) {
    const { value } = departmentOf(report.department);
    read('department', value, report.department);
  }
  if (report.country) read('country', countryCode(report.country), report.country);
  if (report.recordUrl && HttpUrl.safeParse(report.recordUrl).success) known.recordUrl = report.recordUrl;
  if (report.custom) known.custom = { ...report.custom };

  // 2. The contact's own signature, where the record is silent.
  let address = report.address;
  let signaturePhone: string | undefined;
  if (report.signature) {
    const signature = parseContactText(report.signature);
    const fromSignature = (field: 'name' | 'title' | 'company' | 'phone', value: string | undefined) => {
      if (!value || known[field] !== undefined) return;
      known[field] = value;
      facts[field] = { kind: 'page', from: signatureSource, at };
    };
    fromSignature('name', signature.name?.value);
    fromSignature('title', signature.title?.value);
    fromSignature('company', signature.company?.value);
    const phone = (signature.phones.find((p) => p.value.kind !== 'fax') ?? signature.phones[0])?.value;
    fromSignature('phone', phone?.raw);
    signaturePhone = phone?.raw;
    if (!address && signature.address) address = signature.address.value;
    if (!known.email && signature.email && isEmail(signature.email.value)) {
      known.email = signature.email.value;
      facts.email = { kind: 'page', from: signatureSource, at };
    }
  }

  // 3. What a person would derive.
  deriveMissing(known, at, { address, phone: signaturePhone });

  return ContactContext.parse(known);
}

/**
 * Fills the fields a person would derive from the others, where nothing better is known:
 * seniority and department from the title; country from an address, the phone's country
 * code, or a country-code email domain; and, as a guess that says so, the company from the
 * email domain. Also used once remembered facts are added to what a page showed.
 */
export function deriveMissing(known: Known, at: string, more: { address?: string; phone?: string } = {}): void {
  const facts = known.facts;
  const derive = (field: keyof Known & string, derived: Derived<string> | undefined) => {
    if (!derived || (known as Record<string, unknown>)[field] !== undefined) return;
    (known as Record<string, unknown>)[field] = derived.value;
    facts[field] = { kind: 'derived', from: derived.because, at, ...(derived.guess ? { guess: true } : {}) };
  };
  if (known.title) {
    derive('seniority', seniorityFromTitle(known.title));
    derive('department', departmentFromTitle(known.title));
  }
  derive('country', more.address ? countryFromAddress(more.address) : undefined);
  derive('country', known.phone ? countryFromPhone(known.phone) : undefined);
  derive('country', more.phone ? countryFromPhone(more.phone) : undefined);
  derive('country', known.email ? countryFromDomain(known.email) : undefined);
  derive('company', known.email ? companyFromEmail(known.email) : undefined);
}
