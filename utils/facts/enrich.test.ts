import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '../demo';
import { evaluateFit } from '../fit';
import type { LeadDefinition, PageContactReport } from '../model';
import { describeFact } from './describe';
import { contactFromPage } from './enrich';

const AT = '2026-12-04T10:00:00.000Z';
const definition = demoWorkspace(new Date(AT)).records.find((r) => r.type === 'definition')!.record as LeadDefinition;
const report = (r: Partial<PageContactReport>): PageContactReport => ({ source: 'x', ...r });

describe('contactFromPage: the record’s own fields', () => {
  const contact = contactFromPage(
    report({
      name: 'Dana Whitfield',
      email: 'dana@vantage-freight.com',
      title: 'Head of Revenue Operations',
      company: 'Vantage Freight',
      industry: 'Transportation',
      employees: '201-500',
      revenue: '$48,000,000',
      country: 'United States',
      leadSource: 'Webinar',
      rating: 'Hot',
      stage: 'MQL',
      fromAccount: ['industry', 'employees'],
      recordUrl: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view',
    }),
    'salesforce',
    AT,
  );

  it('normalises them to the shared vocabularies, keeping the host’s words', () => {
    expect(contact).toMatchObject({ industry: 'Logistics', employees: 201, employeesMax: 500, revenue: 48_000_000, country: 'US', leadSource: 'Webinar', rating: 'Hot', stage: 'MQL', source: 'salesforce' });
    expect(contact.facts.industry).toEqual({ kind: 'page', from: 'from the company on the Salesforce record', at: AT, raw: 'Transportation' });
    expect(contact.facts.title).toEqual({ kind: 'page', from: 'from the Salesforce record', at: AT });
  });

  it('derives seniority and department from the title, saying so', () => {
    expect(contact).toMatchObject({ seniority: 'Head', department: 'Revenue Operations' });
    expect(contact.facts.seniority).toMatchObject({ kind: 'derived', from: 'from the title “Head of Revenue Operations”' });
  });

  it('gives the demo definition a verdict instead of "not enough data"', () => {
    const fit = evaluateFit(definition, contact);
    expect(fit.criteria.filter((c) => c.outcome === 'unknown')).toEqual([]);
    expect(fit.verdict).toBe('fit');
  });

  it('describes each fact with its source', () => {
    expect(describeFact(contact, 'country')).toBe('Country: United States, from the Salesforce record');
    expect(describeFact(contact, 'employees')).toBe('Employees: 201–500 (shown as “201-500”), from the company on the Salesforce record');
    expect(describeFact(contact, 'industry')).toBe('Industry: Logistics (shown as “Transportation”), from the company on the Salesforce record');
    const sized = contactFromPage(report({ employees: '2,300' }), 'hubspot', AT);
    expect(describeFact(sized, 'employees')).toBe('Employees: 2300, from the HubSpot record');
  });
});

describe('contactFromPage: a Gmail sender with a signature', () => {
  const contact = contactFromPage(
    report({
      name: 'Jonas Weber',
      email: 'jonas.weber@kranich-logistik.de',
      signature: 'Mit freundlichen Grüßen\n\nJonas Weber\nLeiter Einkauf\nKranich Logistik GmbH\nTel. +49 40 1234 5670\nwww.kranich-logistik.de',
    }),
    'gmail',
    AT,
  );

  it('reads title, company and phone from the signature', () => {
    expect(contact).toMatchObject({ title: 'Leiter Einkauf', company: 'Kranich Logistik GmbH', phone: expect.stringContaining('40 1234 5670') });
    expect(contact.facts.title).toMatchObject({ kind: 'page', from: 'from the email signature' });
  });

  it('derives the country from the address, the phone or the domain, in that order', () => {
    expect(contact.country).toBe('DE');
    expect(contact.facts.country?.kind).toBe('derived');
    expect(contact.facts.country?.from).toMatch(/phone number’s country code|country ending/);
    expect(contact).toMatchObject({ seniority: 'Head', department: 'Procurement' });
  });
});

describe('contactFromPage: guesses and bad input', () => {
  it('names the company after the email domain only as a guess that says so', () => {
    const contact = contactFromPage(report({ email: 'ana@vantage-freight.com' }), 'gmail', AT);
    expect(contact.company).toBe('Vantage Freight');
    expect(contact.facts.company).toMatchObject({ kind: 'derived', guess: true });
    expect(describeFact(contact, 'company')).toMatch(/^Company: Vantage Freight, a guess from the email domain/);
  });

  it('never derives a country from .com, nor a company from free mail', () => {
    const contact = contactFromPage(report({ email: 'someone@gmail.com' }), 'gmail', AT);
    expect(contact.country).toBeUndefined();
    expect(contact.company).toBeUndefined();
  });

  it('drops what does not parse instead of failing the whole page', () => {
    const contact = contactFromPage(report({ email: 'not an email', recordUrl: 'javascript:alert(1)', employees: 'lots', revenue: 'n/a', country: 'Atlantis', name: 'Kim' }), 'hubspot', AT);
    expect(contact).toMatchObject({ name: 'Kim', source: 'hubspot' });
    expect(contact.email).toBeUndefined();
    expect(contact.recordUrl).toBeUndefined();
    expect(contact.employees).toBeUndefined();
    expect(contact.country).toBeUndefined();
  });

  it('keeps what the record says over what the signature or a derivation would', () => {
    const contact = contactFromPage(report({ email: 'x@firma.de', title: 'CFO', country: 'Austria', company: 'Firma AG', signature: 'Kim\nSales Manager\nOther GmbH' }), 'generic', AT);
    expect(contact).toMatchObject({ title: 'CFO', country: 'AT', company: 'Firma AG', seniority: 'C-level', department: 'Finance' });
    expect(contact.facts.title?.from).toBe('from this page');
  });
});

describe('contactFromPage: a webmail sender who signs in French', () => {
  const contact = contactFromPage(
    report({ email: 'ines.moreau@frigolux.example', signature: '--\nInès Moreau\nDirectrice des achats\nFrigolux SAS\nTél. : +33 1 84 88 12 40' }),
    'generic',
    AT,
  );

  it('takes name, title, company and phone from the signature and derives the rest', () => {
    expect(contact).toMatchObject({ name: 'Inès Moreau', title: 'Directrice des achats', company: 'Frigolux SAS', seniority: 'Director', department: 'Procurement', country: 'FR' });
    expect(describeFact(contact, 'country')).toBe('Country: France, from the phone number’s country code (+33)');
  });
});
