/**
 * Where Tandem's content scripts run (issue 16): a CRM's own app pages, never all of its domain.
 * The patterns come from ./list.ts; the background matches them with `matchesPattern`, as the
 * browsers do.
 */
import { describe, expect, it } from 'vitest';
import type { HostKey } from './list';
import { builtInHostMatches, builtInHostOrigins, matchesPattern } from './registry';

const builtIn = Object.keys(builtInHostMatches) as HostKey[];
const patterns = builtIn.flatMap((id) => builtInHostMatches[id] ?? []);

/** The built-in hosts whose content script runs at a URL. */
const hostsAt = (url: string) => builtIn.filter((id) => (builtInHostMatches[id] ?? []).some((pattern) => matchesPattern(url, pattern)));

const dynamicsApp = '3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77';
const dynamicsRecord = (origin: string, etn: string, id: string) => `${origin}/main.aspx?appid=${dynamicsApp}&pagetype=entityrecord&etn=${etn}&id=${id}`;

/**
 * Every URL at which the browser tests open a host's saved page (tests/e2e/*.spec.ts through
 * `routeHost` and `navigateInPage`, tests/firefox/*.test.ts through their routes, bench/), and the
 * other origins the adapters' own tests read. Written out, so a narrower pattern that loses one fails here.
 */
const servedPages: [HostKey, string][] = [
  // gmail-salesforce.spec.ts, memory.spec.ts, security.spec.ts, firefox/gmail.test.ts
  ['gmail', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB'],
  // facts.spec.ts
  ['gmail', 'https://mail.google.com/mail/u/0/#label/Prospects/FMfcgzQXKbHcWnLsDqTrVmPjZgYxNfRc'],
  // gmail-salesforce.spec.ts (compose), firefox/gmail.test.ts
  ['gmail', 'https://mail.google.com/mail/u/1/#inbox?compose=new'],
  // firefox/host-page.test.ts; bench/overlay.ts
  ['gmail', 'https://mail.google.com/mail/u/0/'],
  ['gmail', 'https://mail.google.com/mail/u/2/'],
  // gmail-salesforce.spec.ts, security.spec.ts, facts.spec.ts, memory.spec.ts; contact-2 by pushState
  ['salesforce', 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view'],
  ['salesforce', 'https://acme.lightning.force.com/lightning/r/Contact/0035e00000FgHiJAAV/view'],
  ['salesforce', 'https://acme.lightning.force.com/lightning/r/Contact/0035e00000KlMnOAAV/view'],
  // salesforce.test.ts: the record keyed by the origin it was read on
  ['salesforce', 'https://acme.my.salesforce.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view'],
  // crms.spec.ts, security.spec.ts
  ['hubspot', 'https://app.hubspot.com/contacts/4829361/record/0-1/51234'],
  ['hubspot', 'https://app.hubspot.com/contacts/4829361/record/0-2/7710021'],
  // crms.spec.ts, security.spec.ts, firefox/crm.test.ts; pipedrive.test.ts (another company)
  ['pipedrive', 'https://tandem-demo.pipedrive.com/person/1042'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/person/1077'],
  ['pipedrive', 'https://northwind-eu.pipedrive.com/person/1042'],
  // crms.spec.ts, security.spec.ts; zoho.test.ts (the other data centres)
  ['zoho', 'https://crm.zoho.com/crm/org60012345678/tab/Leads/5725767000001234567'],
  ['zoho', 'https://crm.zoho.com/crm/org60012345678/tab/Contacts/5725767000002345678'],
  ['zoho', 'https://crm.zoho.eu/crm/org60012345678/tab/Leads/5725767000001234567'],
  ['zoho', 'https://crm.zoho.in/crm/org60012345678/tab/Leads/5725767000001234567'],
  ['zoho', 'https://crm.zoho.com.au/crm/org60012345678/tab/Leads/5725767000001234567'],
  // crms.spec.ts (contact-2 by pushState), security.spec.ts; dynamics.test.ts (Europe)
  ['dynamics', dynamicsRecord('https://acme.crm.dynamics.com', 'lead', 'b3f1c2d4-6a7e-4f10-9c21-5e8d7a6b4c01')],
  ['dynamics', dynamicsRecord('https://acme.crm.dynamics.com', 'contact', '8e2a6f14-3c5b-4d7e-a1f2-0b9c8d7e6f52')],
  ['dynamics', dynamicsRecord('https://acme.crm.dynamics.com', 'contact', '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a')],
  ['dynamics', dynamicsRecord('https://contoso.crm4.dynamics.com', 'lead', 'b3f1c2d4-6a7e-4f10-9c21-5e8d7a6b4c01')],
  // crms.spec.ts, security.spec.ts
  ['apptivo', 'https://app.apptivo.com/app/contacts.jsp#/view/80451277/overview'],
  ['apptivo', 'https://app.apptivo.com/app/leads.jsp#/view/90518834/overview'],
];

/**
 * The pages of each CRM a rep opens a record from without a page load: the script must already
 * be there. (The saved pages' own URLs are checked by the convention test.)
 */
const appPages: [HostKey, string][] = [
  ['salesforce', 'https://acme.lightning.force.com/lightning/page/home'],
  ['salesforce', 'https://acme--uat.sandbox.lightning.force.com/lightning/o/Contact/list?filterName=Recent'],
  ['hubspot', 'https://app-eu1.hubspot.com/contacts/26119840/objects/0-1/views/all/list'],
  ['hubspot', 'https://app.hubspot.com/contacts/4829361/contact/51234'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/organization/311'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/persons/list/user/12'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/organizations/list'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/deal/2231'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/pipeline'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/pipeline/1/user/everyone?quickFilter=none'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/deals/list'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/leads/inbox'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/activities/list'],
  ['pipedrive', 'https://tandem-demo.pipedrive.com/mail/inbox'],
  ['zoho', 'https://crm.zoho.com/crm/tab/Home/begin'],
  ['zoho', 'https://crm.zoho.com/crm/org60012345678/settings/sandbox'],
  ['dynamics', 'https://acme.crm.dynamics.com/main.aspx?appid=3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77&pagetype=dashboard'],
  ['dynamics', 'https://contoso.crm11.dynamics.com/main.aspx?pagetype=entitylist&etn=lead'],
  ['apptivo', 'https://app.apptivo.com/app/customers.jsp#/dashboard/all'],
];

describe('where each built-in host’s content script runs', () => {
  it.each([...servedPages, ...appPages])('%s at %s', (host, url) => {
    expect(hostsAt(url)).toEqual([host]);
  });

  it.each([
    // Anyone's own tenant under a vendor's wildcard, at a path that is not the app.
    ['a page anyone can put on dynamics.com', 'https://evil.dynamics.com/phish'],
    ['a trial tenant’s page outside the app', 'https://evil.crm.dynamics.com/phish'],
    ['a tenant’s web resource (its own HTML)', 'https://acme.crm.dynamics.com/WebResources/new_/page.html?data=/main.aspx'],
    ['Dynamics community forum', 'https://community.dynamics.com/forums/thread/details/?threadid=1'],
    ['Business Central', 'https://businesscentral.dynamics.com/main.aspx'],
    ['a Pipedrive company’s public scheduler page', 'https://evil-trial.pipedrive.com/scheduler/xYz12ab/meeting'],
    ['a Pipedrive web form', 'https://webforms.pipedrive.com/f/6Xyz'],
    ['Pipedrive’s marketing site', 'https://www.pipedrive.com/en/pricing'],
    ['a Pipedrive company’s root', 'https://evil-trial.pipedrive.com/'],
    ['a Salesforce Classic page', 'https://acme.my.salesforce.com/00Q5e00000AbCdE'],
    ['a file served by Salesforce', 'https://acme.my.salesforce.com/servlet/servlet.FileDownload?file=0155e000001'],
    ['a standalone Lightning app', 'https://evil-dev-ed.develop.lightning.force.com/c/Phish.app'],
    ['a shared HubSpot document', 'https://app.hubspot.com/documents/4829361/view/99999?accessId=abc'],
    ['a Zoho web form', 'https://crm.zoho.com/crm/WebFormServeServlet?rid=abc&x=/tab/'],
    ['a Zoho API answer', 'https://crm.zoho.com/crm/v2/Leads'],
    ['Apptivo’s API', 'https://app.apptivo.com/app/dao/v6/contacts?a=getAll'],
    ['an Apptivo app Tandem does not read', 'https://app.apptivo.com/app/cases.jsp#/view/1/overview'],
    ['Google Chat on Gmail’s host', 'https://mail.google.com/chat/u/0/'],
    ['a look-alike host', 'https://crm.dynamics.com.evil.example/main.aspx'],
    ['plain http', 'http://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord'],
  ])('not on %s (%s)', (_what, url) => {
    expect(hostsAt(url)).toEqual([]);
  });

  it('every Dynamics 365 region’s record pages, and nothing else on dynamics.com', () => {
    const dynamics = builtInHostMatches.dynamics ?? [];
    expect(dynamics.length).toBeGreaterThan(10);
    for (const pattern of dynamics) {
      expect(pattern).toMatch(/^https:\/\/\*\.crm\d*\.dynamics\.com\/main\.aspx\*$/);
      const origin = pattern.replace('*', 'acme').replace(/\/main\.aspx\*$/, '');
      expect(hostsAt(dynamicsRecord(origin, 'contact', '8e2a6f14-3c5b-4d7e-a1f2-0b9c8d7e6f52'))).toEqual(['dynamics']);
    }
  });

  it('every pattern is one Chrome and Firefox take, and none is a whole site', () => {
    for (const pattern of patterns) {
      // https only; `*` in the host only as its whole leftmost label; a path.
      const [, host, path] = /^https:\/\/((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+)(\/.*)$/.exec(pattern) ?? [];
      expect(host, pattern).toBeDefined();
      expect(path, pattern).not.toBe('/*');
    }
    expect(new Set(patterns).size).toBe(patterns.length);
  });
});

describe('host permissions', () => {
  it('cover the origin of every page a content script runs on, each once, with no path, and no wider', () => {
    expect(new Set(builtInHostOrigins).size).toBe(builtInHostOrigins.length);
    for (const origin of builtInHostOrigins) expect(origin).toMatch(/^https:\/\/[^/]+\/\*$/);
    for (const [, url] of [...servedPages, ...appPages]) expect(builtInHostOrigins.some((origin) => matchesPattern(url, origin)), url).toBe(true);
    expect(builtInHostOrigins).not.toContain('https://*.dynamics.com/*');
    expect(builtInHostOrigins).toContain('https://*.crm4.dynamics.com/*');
  });
});
