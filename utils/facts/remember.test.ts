import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '../demo';
import { evaluateFit } from '../fit';
import { ContactFact, factId, Id, type AnyRecord, type LeadDefinition, type PageContactReport, type RecordType } from '../model';
import { FactPutArgs, mutatorNamed, type MutationContext, type MutationTx } from '../mutators';
import { describeFact } from './describe';
import { contactFromPage } from './enrich';
import { unrememberedFacts, withRemembered } from './remember';

const AT = '2026-12-04T10:00:00.000Z';
const LATER = '2026-12-05T09:00:00.000Z';
const definition = demoWorkspace(new Date(AT)).records.find((r) => r.type === 'definition')!.record as LeadDefinition;
const dana = { memberId: Id.parse('7d2f9c1e-5b8a-4c3d-9e1f-2a4b6c8d0e1f'), name: 'Dana Whitfield' };
const sam = { memberId: Id.parse('1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d'), name: 'Sam Ortega' };
const KEY = 'email:priya@northwind-robotics.com';

/** An in-memory store for mutators, as the extension's IndexedDB and the server's database are. */
function memoryTx() {
  const rows = new Map<string, AnyRecord>();
  let writes = 0;
  const tx: MutationTx = {
    get: async (type, id) => rows.get(`${type}:${id}`) as never,
    put: async (type: RecordType, record: AnyRecord) => {
      writes++;
      rows.set(`${type}:${record.id}`, record);
    },
    list: async (type) => [...rows.entries()].filter(([k]) => k.startsWith(`${type}:`)).map(([, r]) => r) as never,
  };
  return { tx, rows, writes: () => writes, facts: () => [...rows.values()].map((r) => ContactFact.parse(r)) };
}

const put = mutatorNamed('fact.put')!;
async function run(tx: MutationTx, args: unknown, who = dana, role: MutationContext['actor']['role'] = 'sales', now = AT) {
  expect(put.roles).toContain(role);
  await put.apply(tx, put.args.parse(args), { actor: { ...who, role }, now });
}

const report = (r: Partial<PageContactReport>): PageContactReport => ({ source: 'x', ...r });
const salesforcePage = contactFromPage(
  report({ name: 'Priya Raman', email: 'priya@northwind-robotics.com', title: 'VP Operations', company: 'Northwind Robotics', industry: 'Industrial Automation', employees: '201-500', country: 'Germany' }),
  'salesforce',
  AT,
);
const gmailThread = contactFromPage(report({ name: 'Priya Raman', email: 'priya@northwind-robotics.com' }), 'gmail', LATER);

describe('factId', () => {
  it('is one UUID per contact and field, the same everywhere', async () => {
    const id = factId(KEY, 'employees');
    expect(Id.safeParse(id).success).toBe(true);
    expect(id).toBe(factId(KEY, 'employees'));
    expect(id).not.toBe(factId(KEY, 'industry'));
    expect(id).not.toBe(factId('email:someone@else.com', 'employees'));
  });
});

describe('fact.put', () => {
  it('remembers what a page showed, once: the same page seen again writes nothing', async () => {
    const store = memoryTx();
    const facts = unrememberedFacts(salesforcePage, [], { signature: false });
    expect(facts.map((f) => f.field).sort()).toEqual(['company', 'country', 'employees', 'industry', 'name', 'title']);
    await run(store.tx, { contactKey: KEY, learned: 'page', facts });
    expect(store.writes()).toBe(6);
    expect(store.facts().find((f) => f.field === 'employees')).toMatchObject({ value: 201, valueMax: 500, learned: 'page', from: 'from the Salesforce record', by: dana, raw: '201-500' });
    expect(unrememberedFacts(salesforcePage, store.facts(), { signature: false })).toEqual([]);
    await run(store.tx, { contactKey: KEY, learned: 'page', facts }, sam);
    expect(store.writes()).toBe(6);
  });

  it('never lets a page overwrite what a person added; a person overwrites anything', async () => {
    const store = memoryTx();
    await run(store.tx, { contactKey: KEY, learned: 'person', facts: [{ field: 'employees', value: 450 }] });
    await run(store.tx, { contactKey: KEY, learned: 'page', facts: [{ field: 'employees', value: 201, valueMax: 500, from: 'from the Salesforce record' }] }, sam);
    expect(store.facts()).toMatchObject([{ field: 'employees', value: 450, learned: 'person', by: dana, version: 1 }]);
    expect(unrememberedFacts(salesforcePage, store.facts(), { signature: false }).map((f) => f.field)).not.toContain('employees');
    await run(store.tx, { contactKey: KEY, learned: 'person', facts: [{ field: 'employees', value: 480 }] }, sam, 'marketing');
    expect(store.facts()).toMatchObject([{ value: 480, by: sam, version: 2 }]);
  });

  it('writes again when a person vouches for a value a page showed, not when a page repeats a person', async () => {
    const store = memoryTx();
    await run(store.tx, { contactKey: KEY, learned: 'page', facts: [{ field: 'industry', value: 'Manufacturing', from: 'from the HubSpot record' }] });
    await run(store.tx, { contactKey: KEY, learned: 'person', facts: [{ field: 'industry', value: 'manufacturing' }] }, sam);
    expect(store.facts()).toMatchObject([{ learned: 'person', by: sam, version: 2 }]);
    await run(store.tx, { contactKey: KEY, learned: 'page', facts: [{ field: 'industry', value: 'Manufacturing', from: 'from the HubSpot record' }] });
    expect(store.writes()).toBe(2);
  });

  it('keeps an erased fact erased against an outbox from before the erasure, not against a later reading', async () => {
    const store = memoryTx();
    const id = factId(KEY, 'title');
    store.rows.set(`fact:${id}`, ContactFact.parse({ id, version: 2, deleted: true, updatedAt: AT, contactKey: 'erased', field: 'title', value: '', learned: 'page', by: dana, at: AT }));
    const title = [{ field: 'title', value: 'VP Operations', from: 'from the Salesforce record' }];
    await run(store.tx, { contactKey: KEY, learned: 'page', facts: title });
    await run(store.tx, { contactKey: KEY, learned: 'page', learnedAt: '2026-12-04T09:59:00.000Z', facts: title });
    expect(store.writes()).toBe(0);
    await run(store.tx, { contactKey: KEY, learned: 'page', learnedAt: LATER, facts: title }, sam, 'sales', LATER);
    expect(store.facts()).toMatchObject([{ contactKey: KEY, value: 'VP Operations', version: 3, deleted: false }]);
  });

  it('takes only values of the field’s shape, countries by their code', () => {
    expect(FactPutArgs.safeParse({ contactKey: KEY, learned: 'person', facts: [{ field: 'employees', value: 'about fifty' }] }).success).toBe(false);
    expect(FactPutArgs.safeParse({ contactKey: KEY, learned: 'person', facts: [{ field: 'employees', value: 12.5 }] }).success).toBe(false);
    expect(FactPutArgs.safeParse({ contactKey: KEY, learned: 'person', facts: [{ field: 'title', value: 42 }] }).success).toBe(false);
    expect(FactPutArgs.safeParse({ contactKey: KEY, learned: 'person', facts: [{ field: 'email', value: 'x@y.com' }] }).success).toBe(false);
    expect(FactPutArgs.safeParse({ contactKey: 'dana', learned: 'person', facts: [{ field: 'title', value: 'CTO' }] }).success).toBe(false);
    expect(FactPutArgs.parse({ contactKey: KEY, learned: 'person', facts: [{ field: 'country', value: 'Deutschland' }] }).facts[0]!.value).toBe('DE');
  });
});

describe('withRemembered', () => {
  it('gives a Gmail thread what a teammate’s Salesforce page showed, with where it came from', async () => {
    const store = memoryTx();
    await run(store.tx, { contactKey: KEY, learned: 'page', facts: unrememberedFacts(salesforcePage, [], { signature: false }) });
    expect(evaluateFit(definition, gmailThread).verdict).toBe('not-enough-data');
    const { contact, conflicts } = withRemembered(gmailThread, store.facts(), LATER);
    expect(conflicts).toEqual([]);
    expect(contact).toMatchObject({ employees: 201, employeesMax: 500, country: 'DE', title: 'VP Operations', seniority: 'VP' });
    expect(describeFact(contact, 'employees')).toMatch(/^Employees: 201–500 \(shown as “201-500”\), remembered from the Salesforce record \(seen by Dana Whitfield on .+\)$/);
    expect(contact.facts.seniority).toMatchObject({ kind: 'derived' });
    expect(evaluateFit(definition, contact).verdict).not.toBe('not-enough-data');
  });

  it('ranks a person over the page in view over a remembered page over a derivation, and says where they disagree', async () => {
    const store = memoryTx();
    await run(store.tx, { contactKey: KEY, learned: 'page', facts: [{ field: 'industry', value: 'Retail', from: 'from the HubSpot record' }, { field: 'seniority', value: 'Director', from: 'from the HubSpot record' }] }, sam);
    await run(store.tx, { contactKey: KEY, learned: 'person', facts: [{ field: 'employees', value: 450 }] });
    const { contact, conflicts } = withRemembered(salesforcePage, store.facts(), LATER);
    // A person's number beats the page's range; the page's industry beats a remembered one;
    // a remembered seniority beats the one derived from the title, without a word.
    expect(contact).toMatchObject({ employees: 450, industry: salesforcePage.industry, seniority: 'Director' });
    expect(contact.employeesMax).toBeUndefined();
    expect(contact.facts.employees).toMatchObject({ kind: 'person' });
    expect(contact.facts.industry).toEqual(salesforcePage.facts.industry);
    expect(conflicts.map((c) => c.field).sort()).toEqual(['employees', 'industry']);
    expect(conflicts.find((c) => c.field === 'employees')!.text).toMatch(/^Employees: 450, added by Dana Whitfield on .+; but 201–500, from the Salesforce record\.$/);
    expect(conflicts.find((c) => c.field === 'industry')!.text).toMatch(/^Industry: .+, from the Salesforce record; but Retail, remembered from the HubSpot record \(seen by Sam Ortega on .+\)\.$/);
  });

  it('lets a remembered company replace a guess from the email domain', async () => {
    const store = memoryTx();
    const gmail = contactFromPage(report({ email: 'lena@brightpath.io' }), 'gmail', AT);
    expect(gmail.facts.company).toMatchObject({ guess: true });
    await run(store.tx, { contactKey: 'email:lena@brightpath.io', learned: 'person', facts: [{ field: 'company', value: 'BrightPath Learning GmbH' }] });
    const { contact, conflicts } = withRemembered(gmail, store.facts(), AT);
    expect(contact.company).toBe('BrightPath Learning GmbH');
    expect(contact.facts.company).toMatchObject({ kind: 'person' });
    expect(conflicts).toEqual([]);
  });

  it('ignores erased facts', async () => {
    const store = memoryTx();
    await run(store.tx, { contactKey: KEY, learned: 'person', facts: [{ field: 'employees', value: 450 }] });
    const [fact] = store.facts();
    const erased = ContactFact.parse({ ...fact, contactKey: 'erased', value: '', deleted: true, version: 2 });
    expect(withRemembered(gmailThread, [erased], AT).contact.employees).toBeUndefined();
  });
});

describe('unrememberedFacts', () => {
  it('keeps a signature’s facts back unless the rep acts on the contact', () => {
    const thread = contactFromPage(
      report({ name: 'Priya Raman', email: 'priya@northwind-robotics.com', signature: 'Priya Raman\nVP Operations\nNorthwind Robotics\n+49 30 1234567' }),
      'gmail',
      AT,
    );
    expect(thread.facts.title).toMatchObject({ from: 'from the email signature' });
    expect(unrememberedFacts(thread, [], { signature: false }).map((f) => f.field)).toEqual(['name']);
    const acted = unrememberedFacts(thread, [], { signature: true }).map((f) => f.field);
    expect(acted).toEqual(expect.arrayContaining(['name', 'title', 'company', 'phone']));
    // Derived facts (seniority, country from +49) are never remembered: they follow from the others.
    expect(acted).not.toContain('seniority');
    expect(acted).not.toContain('country');
  });
});
