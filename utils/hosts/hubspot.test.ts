// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hubspotAdapter as adapter, parseHubSpotUrl } from './hubspot';
import type { Detection, PageContact } from './types';

// Paths, not file: URLs: in this environment URL is happy-dom's, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
const ORIGIN = 'https://app.hubspot.com';
const EU = 'https://app-eu1.hubspot.com';
const at = (path: string, origin = ORIGIN) => new URL(path, origin) as unknown as Location;
const html = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const parse = (file: string): Document => new DOMParser().parseFromString(html(`hubspot/${file}`), 'text/html');

/** Nodes of a fixture for the test's own document. */
function nodesOf(file: string, selector: string): Node[] {
  const from = parse(file).querySelector(selector);
  return [...(from?.childNodes ?? [])].map((node) => document.importNode(node, true));
}

/** Puts a fixture's page into the test's own document. */
function mount(file: string) {
  document.body.replaceChildren(...nodesOf(file, 'body'));
}

const PRIYA_URL = `${ORIGIN}/contacts/4829361/record/0-1/51234`;
const PRIYA: PageContact = {
  source: 'hubspot',
  name: 'Priya Natarajan',
  email: 'priya.natarajan@brightwave-health.example',
  title: 'Head of Revenue Operations',
  company: 'Brightwave Health',
  phone: '+1 617 555 0143',
  recordUrl: PRIYA_URL,
  custom: { object: 'contact', recordId: '51234' },
  leadSource: 'Paid Social',
  stage: 'Marketing Qualified Lead',
  // Her own Industry is empty ("--") and she has no employees, revenue or country: her company's card gives them.
  industry: 'Hospital & Health Care',
  employees: '1,200',
  revenue: '$250,000,000',
  country: 'United States',
  fromAccount: ['industry', 'employees', 'revenue', 'country'],
};
const TOMAS: PageContact = {
  source: 'hubspot',
  name: 'Tomás Alvarez',
  email: 'tomas.alvarez@kestrel-logistics.example',
  title: 'Procurement Manager',
  company: 'Kestrel Logistics GmbH',
  phone: '+49 151 2345 6789',
  recordUrl: `${EU}/contacts/26119840/record/0-1/903311`,
  custom: { object: 'contact', recordId: '903311' },
  // His own, by property name under German labels; his company's card (another industry, 850 employees) is not read.
  industry: 'Logistik und Lieferkette',
  employees: '100-500',
  revenue: '48.000.000 €',
  address: 'Große Elbstraße 145, Hamburg, 22767, Deutschland',
  country: 'Deutschland',
  leadSource: 'Organische Suche',
  stage: 'Lead',
};
const BRIGHTWAVE: PageContact = {
  source: 'hubspot',
  company: 'Brightwave Health Systems',
  phone: '(617) 555-0100',
  recordUrl: `${ORIGIN}/contacts/4829361/record/0-2/7710021`,
  custom: { object: 'company', recordId: '7710021', domain: 'brightwave-health.example', website: 'https://www.brightwave-health.example' },
  industry: 'Hospital & Health Care',
  employees: '1,200',
  revenue: '$250,000,000',
  address: '200 Clarendon Street, Boston, MA, 02116, United States',
  country: 'United States',
  stage: 'Opportunity',
};

const cases: [file: string, url: string, expected: Detection][] = [
  ['contact.html', '/contacts/4829361/record/0-1/51234', { kind: 'contact', view: 'contact', contact: PRIYA }],
  ['contact.html', '/contacts/4829361/record/0-1/51234/?interaction=note#activity', { kind: 'contact', view: 'contact', contact: PRIYA }],
  // The older URL of the same record keys the same contact.
  ['contact.html', '/contacts/4829361/contact/51234', { kind: 'contact', view: 'contact', contact: PRIYA }],
  // German labels, empty phone (mobile used), job title only in the highlight card, company in a custom card.
  ['contact-2.html', `${EU}/contacts/26119840/record/0-1/903311`, { kind: 'contact', view: 'contact', contact: TOMAS }],
  ['company.html', '/contacts/4829361/record/0-2/7710021', { kind: 'contact', view: 'company', contact: BRIGHTWAVE }],
  ['company.html', '/contacts/4829361/company/7710021', { kind: 'contact', view: 'company', contact: BRIGHTWAVE }],
  ['list.html', '/contacts/4829361/objects/0-1/views/all/list', { kind: 'none', view: 'list' }],
  ['list.html', '/contacts/4829361/objects/0-2/views/my/list?query=bright', { kind: 'none', view: 'list' }],
  ['list.html', '/contacts/4829361/contacts/list/view/all/', { kind: 'none', view: 'list' }],
  // A list with a record preview open is still no record page: the preview is never read as one.
  ['list.html', '/contacts/4829361/record/0-1/51877', { kind: 'unreadable', view: 'contact', failed: 'recordColumn' }],
  ['contact-unreadable.html', '/contacts/4829361/record/0-1/51234', { kind: 'unreadable', view: 'contact', failed: 'propertyFields' }],
  // Pages of other kinds say nothing, whatever is in the DOM.
  ['contact.html', '/contacts/4829361/record/0-3/3301877', { kind: 'none', view: 'record' }],
  ['contact.html', '/contacts/4829361/deal/3301877', { kind: 'none', view: 'record' }],
  ['contact.html', '/contacts/4829361/record/2-4417/88', { kind: 'none', view: 'record' }],
  ['contact.html', '/contacts/4829361/record/0-1/51234/history', { kind: 'none', view: 'other' }],
  ['contact.html', '/home?portalId=4829361', { kind: 'none', view: 'other' }],
];

describe('hubspotAdapter.detect', () => {
  it.each(cases)('%s at %s', (file, url, expected) => {
    expect(adapter.detect(parse(file), at(url))).toEqual(expected);
  });

  it('reads the left column, not an association card moved into it', () => {
    const page = parse('contact.html');
    const column = page.querySelector('[data-test-id="left-sidebar"]');
    const colleagues = page.querySelector('[data-card-id="ASSOCIATION_V3/0-1"]');
    // Priya has no phone, and an admin's layout puts the associated contacts above the About card.
    page.querySelector('span[data-test-id="phone"] [data-selenium-test="property-input-phone"]')?.replaceChildren('--');
    if (colleagues) column?.prepend(colleagues);
    const found = adapter.detect(page, at(PRIYA_URL));
    expect(found).toMatchObject({ kind: 'contact', contact: { email: PRIYA.email, title: PRIYA.title } });
    expect(found.kind === 'contact' && found.contact.phone).toBe(undefined);
  });

  it('falls back to the highlight strip when the About card lacks a property', () => {
    const page = parse('contact.html');
    page.querySelector('span[data-test-id="email"]')?.remove();
    page.querySelector('span[data-test-id="jobtitle"]')?.remove();
    expect(adapter.detect(page, at(PRIYA_URL))).toEqual({ kind: 'contact', view: 'contact', contact: PRIYA });
  });

  it('reads a contact with no name by the email HubSpot titles it with', () => {
    const page = parse('contact.html');
    const title = page.querySelector('[data-selenium-test="highlightTitle"] span span span');
    title?.replaceChildren('priya.natarajan@brightwave-health.example');
    const found = adapter.detect(page, at(PRIYA_URL));
    expect(found.kind === 'contact' && found.contact.name).toBe(undefined);
    expect(found).toMatchObject({ contact: { email: PRIYA.email } });
  });

  it('reads the record through each fallback of the column and the name', () => {
    const page = parse('company.html');
    page.querySelector('[data-test-id="left-sidebar"]')?.removeAttribute('data-test-id');
    const title = page.querySelector('[data-selenium-test="highlightTitle"]');
    title?.removeAttribute('data-selenium-test');
    title?.removeAttribute('data-test-id');
    expect(adapter.detect(page, at('/contacts/4829361/record/0-2/7710021'))).toEqual({ kind: 'contact', view: 'company', contact: BRIGHTWAVE });

    const second = parse('contact-2.html');
    second.querySelector('#record-page-left-sidebar')?.replaceWith(...(second.querySelector('#record-page-left-sidebar')?.childNodes ?? []));
    second.querySelector('[data-test-id="left-sidebar"]')?.removeAttribute('data-test-id');
    expect(adapter.detect(second, at(`${EU}/contacts/26119840/record/0-1/903311`))).toEqual({ kind: 'contact', view: 'contact', contact: TOMAS });
  });

  it('says which selector failed', () => {
    const page = parse('contact.html');
    page.querySelector('[data-selenium-test="highlightTitle"]')?.remove();
    expect(adapter.detect(page, at(PRIYA_URL))).toEqual({ kind: 'unreadable', view: 'contact', failed: 'recordName' });
    page.querySelector('#record-page-left-sidebar')?.setAttribute('hidden', '');
    expect(adapter.detect(page, at(PRIYA_URL))).toEqual({ kind: 'unreadable', view: 'contact', failed: 'recordColumn' });
    expect(adapter.detect(new DOMParser().parseFromString('<p>Loading…</p>', 'text/html'), at(PRIYA_URL))).toMatchObject({ failed: 'recordColumn' });
  });

  it('never reads the signed-in user, associated records, previews or the timeline', () => {
    for (const [file, url] of cases) {
      const text = JSON.stringify(adapter.detect(parse(file), at(url)));
      expect(text).not.toMatch(/morgan\.lee|Morgan Lee|Tandem Demo/);
      expect(text).not.toMatch(/samuel\.greene|lena\.park|jonas\.weber|it-helpdesk@|Brightwave Holdings|holdings\.example/);
      expect(text).not.toMatch(/555 0187|555 0166|555 0190|555-0199|3890 11/);
    }
    // The contact's own company name, not the associated company record's.
    expect(JSON.stringify(adapter.detect(parse('contact.html'), at(PRIYA_URL)))).not.toContain('Systems');
  });
});

describe("hubspotAdapter.detect: the record's facts", () => {
  const TOMAS_URL = `${EU}/contacts/26119840/record/0-1/903311`;
  const contactOf = (detection: Detection) => (detection.kind === 'contact' ? detection.contact : undefined);
  const row = (page: Document, name: string) => page.querySelector(`[data-selenium-test="profile-properties-list"] > [data-test-id="${name}"]`);
  const valueOf = (page: Document, name: string) => page.querySelector(`[data-test-id="left-sidebar"] [data-selenium-test="property-input-${name}"]`);

  it("reads the person's own facts first: the company card's other industry and employee count are not read", () => {
    const found = contactOf(adapter.detect(parse('contact-2.html'), at(TOMAS_URL)));
    expect(found).toMatchObject({ industry: 'Logistik und Lieferkette', employees: '100-500' });
    expect(found?.fromAccount).toBeUndefined();
    expect(JSON.stringify(found)).not.toMatch(/Transport|850/);
  });

  it('reads from the associated company card only what the person lacks, and says so in fromAccount', () => {
    const page = parse('contact-2.html');
    row(page, 'industry')?.remove();
    valueOf(page, 'numemployees')?.replaceChildren('--');
    const found = contactOf(adapter.detect(page, at(TOMAS_URL)));
    expect(found).toMatchObject({ industry: 'Transport/Lkw/Eisenbahn', employees: '850', revenue: '48.000.000 €', country: 'Deutschland' });
    expect(found?.fromAccount).toEqual(['industry', 'employees']);
  });

  it('takes a property shown but empty as no fact ("--", "None", "Enter a value")', () => {
    const page = parse('contact.html');
    // Priya's Industry is "--" on the page: the card's is read instead.
    expect(valueOf(page, 'industry')?.textContent).toBe('--');
    page.querySelector('[data-card-id="ASSOCIATION_V3/0-2"]')?.remove();
    valueOf(page, 'hs_analytics_source')?.replaceChildren('Enter a value');
    valueOf(page, 'lifecyclestage')?.replaceChildren('None');
    const found = contactOf(adapter.detect(page, at(PRIYA_URL)));
    expect(found).toMatchObject({ name: 'Priya Natarajan', stage: 'Open' });
    for (const fact of ['industry', 'employees', 'revenue', 'country', 'leadSource', 'fromAccount'] as const) expect(found?.[fact]).toBeUndefined();
  });

  it('reads the lead status when the lifecycle stage is not shown', () => {
    const page = parse('contact.html');
    row(page, 'lifecyclestage')?.remove();
    expect(contactOf(adapter.detect(page, at(PRIYA_URL)))?.stage).toBe('Open');
  });

  it('reads a property by its English label when its name is not the default one', () => {
    const page = parse('contact.html');
    // A portal whose Industry is a custom property (another internal name), and an Original source without one.
    const industry = valueOf(page, 'industry');
    industry?.setAttribute('data-selenium-test', 'property-input-industry_custom');
    industry?.replaceChildren('Health Care Providers');
    valueOf(page, 'hs_analytics_source')?.removeAttribute('data-selenium-test');
    const found = contactOf(adapter.detect(page, at(PRIYA_URL)));
    expect(found).toMatchObject({ industry: 'Health Care Providers', leadSource: 'Paid Social' });
    expect(found?.fromAccount).toEqual(['employees', 'revenue', 'country']);
  });

  it('reads the company card an admin moved into the left column', () => {
    const page = parse('contact.html');
    const card = page.querySelector('[data-card-id="ASSOCIATION_V3/0-2"]');
    if (card) page.querySelector('[data-test-id="left-sidebar"]')?.append(card);
    page.querySelector('[data-test-id="right-sidebar"]')?.remove();
    expect(adapter.detect(page, at(PRIYA_URL))).toEqual({ kind: 'contact', view: 'contact', contact: PRIYA });
  });

  it("never reads a fact from associated contacts or deals, another company, the timeline or the signed-in user", () => {
    const page = parse('contact.html');
    const trap = (parent: Element | null | undefined) => {
      for (const [name, value] of [['industry', 'Retail'], ['numberofemployees', '10,001+'], ['country', 'Canada'], ['annualrevenue', '$9']] as const) {
        const span = page.createElement('span');
        span.setAttribute('data-selenium-test', `property-input-${name}`);
        span.textContent = value;
        parent?.append(span);
      }
    };
    trap(page.querySelector('[data-test-id="chicklet-51877"]'));
    trap(page.querySelector('[data-test-id="chicklet-3301877"]'));
    trap(page.querySelector('[data-test-id="crm-events-viz-timeline"]'));
    trap(page.querySelector('#navAccountMenu'));
    // A second company in the card, after her primary one, which shows none of these facts.
    const card = page.querySelector('[data-test-id="associated-objects-card-content-0-2"]');
    for (const name of ['industry', 'numberofemployees', 'annualrevenue', 'country']) card?.querySelector(`[data-test-id="chicklet-property-${name}"]`)?.remove();
    const other = page.createElement('div');
    other.insertAdjacentHTML('afterbegin', '<a data-selenium-test="company-chicklet-title-link" href="/contacts/4829361/record/0-2/7709950">Brightwave Ventures</a>');
    trap(other);
    card?.append(other);
    const found = contactOf(adapter.detect(page, at(PRIYA_URL)));
    expect(found).toMatchObject({ name: 'Priya Natarajan', leadSource: 'Paid Social' });
    for (const fact of ['industry', 'employees', 'revenue', 'country', 'fromAccount'] as const) expect(found?.[fact]).toBeUndefined();
  });

  it("reads a company record's own facts, never its parent company's card", () => {
    const page = parse('company.html');
    valueOf(page, 'industry')?.replaceChildren('--');
    const found = contactOf(adapter.detect(page, at('/contacts/4829361/record/0-2/7710021')));
    expect(found?.industry).toBeUndefined();
    expect(found?.fromAccount).toBeUndefined();
  });
});

describe('parseHubSpotUrl', () => {
  it.each([
    ['/contacts/4829361/record/0-1/51234', { portalId: '4829361', objectTypeId: '0-1', recordId: '51234', object: 'contact', view: 'contact' }],
    ['/contacts/4829361/contact/51234/', { portalId: '4829361', objectTypeId: '0-1', recordId: '51234', object: 'contact', view: 'contact' }],
    ['/contacts/4829361/company/7710021', { portalId: '4829361', objectTypeId: '0-2', recordId: '7710021', object: 'company', view: 'company' }],
    ['/contacts/4829361/record/0-5/12', { portalId: '4829361', objectTypeId: '0-5', recordId: '12', view: 'record' }],
    ['/contacts/4829361/objects/0-1/views/all/list', { view: 'list' }],
    ['/contacts/4829361/objects/0-3/views/all/board', { view: 'list' }],
    ['/contacts/4829361/companies/list/view/all/', { view: 'list' }],
    ['/contacts/4829361/record/0-1/abc', { view: 'other' }],
    ['/reports-dashboard/4829361', { view: 'other' }],
  ])('%s', (pathname, expected) => {
    expect(parseHubSpotUrl({ pathname })).toEqual(expected);
  });
});

// Which selectors each saved page proves, and where it comes from: conventions.test.ts.
describe('hubspot fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'hubspot')).filter((file) => file.endsWith('.html'));

  it.each(files)('%s has a detection in the table', (file) => {
    expect(cases.some(([tested]) => tested === file)).toBe(true);
  });
});

describe('hubspotAdapter.watch', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    document.body.replaceChildren();
  });

  it('fires once after navigating from contact.html to contact-2.html, and detect then reads the new contact', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    expect(adapter.detect(document, at(PRIYA_URL))).toMatchObject({ contact: { name: 'Priya Natarajan' } });

    // HubSpot re-renders the record page in the main region, then the URL changes (here: back/forward, so popstate).
    document.querySelector('main')?.replaceChildren(...nodesOf('contact-2.html', 'main'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at(`${EU}/contacts/26119840/record/0-1/903311`))).toEqual({ kind: 'contact', view: 'contact', contact: TOMAS });
  });

  it('fires when the record is re-rendered in place or the main region is replaced', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const name = document.querySelector('[data-selenium-test="highlightTitle"] span span span')?.firstChild;
    if (name) name.nodeValue = 'Priya N. Rao';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    const main = document.querySelector('main');
    const next = document.createElement('main');
    next.setAttribute('role', 'main');
    next.append(...nodesOf('company.html', 'main'));
    main?.replaceWith(next);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(adapter.detect(document, at('/contacts/4829361/record/0-2/7710021'))).toMatchObject({ contact: { company: 'Brightwave Health Systems' } });
  });

  it('does not fire for 1,000 mutations outside the record column', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const targets = [
      document.querySelector('#hs-global-toolbar'),
      document.querySelector('#navAccountMenu'),
      document.querySelector('[data-test-id="hs-vertical-nav"]'),
      document.querySelector('[data-test-id="crm-events-viz-timeline"]'),
      document.querySelector('[data-test-id="right-sidebar"]'),
      document.querySelector('#hs-toast-container'),
      document.body,
    ];
    for (let i = 0; i < 1000; i++) {
      const node = document.createElement('span');
      node.textContent = `tick ${i}`;
      targets[i % targets.length]?.append(node);
      if (i % 3 === 0) node.remove();
      const count = document.querySelector('#navNotifications .notification-badge')?.firstChild;
      if (count) count.nodeValue = String(i);
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('waits for the app to render the main region, without firing for the page loading around it', async () => {
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    mount('contact.html');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    document.querySelector('#hs-global-toolbar')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.querySelector('[data-selenium-test="profile-properties-list"]')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    adapter.watch(document, window, onChange)();
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    document.querySelector('[data-test-id="left-sidebar"]')?.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
