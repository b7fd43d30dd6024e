// How much of the demo definition the sidebar knows on the project's own host pages, before
// and after facts are read, normalised and derived (utils/facts). "Before" is what the page
// report held until then (email, name, title, company, phone) parsed as it was; "after" is
// the same page through today's adapter and contactFromPage. Prints a table and writes
// bench/results/facts.json (file names relative to the repository).
//   npx tsx bench/facts.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { demoWorkspace } from '../utils/demo';
import { contactFromPage } from '../utils/facts/enrich';
import { evaluateFit } from '../utils/fit';
import { apptivoAdapter } from '../utils/hosts/apptivo';
import { dynamicsAdapter } from '../utils/hosts/dynamics';
import { gmailAdapter } from '../utils/hosts/gmail';
import { hubspotAdapter } from '../utils/hosts/hubspot';
import { pipedriveAdapter } from '../utils/hosts/pipedrive';
import { salesforceAdapter } from '../utils/hosts/salesforce';
import { attachDeclarativeShadowRoots } from '../utils/hosts/testing';
import type { HostAdapter } from '../utils/hosts/types';
import { zohoAdapter } from '../utils/hosts/zoho';
import { ContactContext, type HostId, type LeadDefinition, PageContactReport } from '../utils/model';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GMAIL = 'https://mail.google.com/mail/u/0/';
const DYNAMICS = 'https://acme.crm.dynamics.com/main.aspx?appid=3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77&pagetype=entityrecord';

/** Every contact page among the fixtures, at the URL the adapter's tests open it. */
const pages: [adapter: HostAdapter, file: string, url: string][] = [
  [gmailAdapter, 'gmail/thread.html', `${GMAIL}#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB`],
  [gmailAdapter, 'gmail/thread-2.html', `${GMAIL}#inbox/FMfcgzQXKbLmNpQrStUvWxYzAbCdEfGh`],
  [salesforceAdapter, 'salesforce/lead.html', 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view'],
  [salesforceAdapter, 'salesforce/contact.html', 'https://acme.lightning.force.com/lightning/r/Contact/0035e00000FgHiJAAV/view'],
  [salesforceAdapter, 'salesforce/contact-2.html', 'https://acme.lightning.force.com/lightning/r/Contact/0035e00000KlMnOAAV/view'],
  [hubspotAdapter, 'hubspot/contact.html', 'https://app.hubspot.com/contacts/4829361/record/0-1/51234'],
  [hubspotAdapter, 'hubspot/contact-2.html', 'https://app-eu1.hubspot.com/contacts/26119840/record/0-1/903311'],
  [pipedriveAdapter, 'pipedrive/person.html', 'https://tandem-demo.pipedrive.com/person/1042'],
  [pipedriveAdapter, 'pipedrive/person-2.html', 'https://tandem-demo.pipedrive.com/person/1077'],
  [zohoAdapter, 'zoho/lead.html', 'https://crm.zoho.com/crm/org60012345678/tab/Leads/5725767000001234567'],
  [dynamicsAdapter, 'dynamics/contact.html', `${DYNAMICS}&etn=contact&id=8e2a6f14-3c5b-4d7e-a1f2-0b9c8d7e6f52`],
  [apptivoAdapter, 'apptivo/contact.html', 'https://app.apptivo.com/app/contacts.jsp#/view/80451277/overview'],
  [apptivoAdapter, 'apptivo/lead.html', 'https://app.apptivo.com/app/leads.jsp#/view/90518834/overview'],
];

const at = new Date().toISOString();
const definition = demoWorkspace().records.find((r) => r.type === 'definition')!.record as LeadDefinition;
const total = definition.criteria.length;
const known = (contact: ReturnType<typeof contactFromPage>) => evaluateFit(definition, contact).criteria.filter((c) => c.outcome !== 'unknown').length;

const rows: { page: string; before: number; after: number; verdictBefore: string; verdictAfter: string }[] = [];
for (const [adapter, file, url] of pages) {
  const window = new Window({ url });
  const document = new window.DOMParser().parseFromString(readFileSync(resolve(root, 'tests/fixtures', file), 'utf8'), 'text/html') as unknown as Document;
  // Lightning's native shadow roots are saved as declarative templates: attach them as a browser would.
  attachDeclarativeShadowRoots(document);
  const detection = adapter.detect(document, new URL(url) as unknown as Location);
  void window.happyDOM.close();
  if (detection.kind !== 'contact') {
    console.error(`${file}: the ${adapter.name} adapter found no contact (${detection.kind}); the table leaves it out.`);
    continue;
  }
  const report = PageContactReport.parse(detection.contact);
  // What the report held before facts were read: these fields, parsed as they were.
  const { email, name, title, company, phone } = report;
  const before = ContactContext.parse({ source: adapter.id, email, name, title, company, phone });
  const after = contactFromPage(report, adapter.id as HostId, at);
  rows.push({
    page: file,
    before: known(before),
    after: known(after),
    verdictBefore: evaluateFit(definition, before).verdict,
    verdictAfter: evaluateFit(definition, after).verdict,
  });
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`Criteria of the demo definition known per page (of ${total}), before and after facts (utils/facts):\n`);
console.log(`| ${pad('page', 26)} | before | after | verdict before | verdict after |`);
console.log(`| ${'-'.repeat(26)} | -----: | ----: | -------------- | ------------- |`);
for (const r of rows) console.log(`| ${pad(r.page, 26)} | ${pad(r.before, 6)} | ${pad(r.after, 5)} | ${pad(r.verdictBefore, 14)} | ${pad(r.verdictAfter, 13)} |`);
const sum = (k: 'before' | 'after') => rows.reduce((n, r) => n + r[k], 0);
console.log(`\nIn all: ${sum('before')} of ${rows.length * total} known before, ${sum('after')} after; "not enough data" on ${rows.filter((r) => r.verdictBefore === 'not-enough-data').length} pages before, ${rows.filter((r) => r.verdictAfter === 'not-enough-data').length} after.`);
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/facts.json'), JSON.stringify({ measuredAt: at, definition: definition.name, criteria: total, pages: rows }, null, 2) + '\n');
