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
};
const BRIGHTWAVE: PageContact = {
  source: 'hubspot',
  company: 'Brightwave Health Systems',
  phone: '(617) 555-0100',
  recordUrl: `${ORIGIN}/contacts/4829361/record/0-2/7710021`,
  custom: { object: 'company', recordId: '7710021', domain: 'brightwave-health.example', website: 'https://www.brightwave-health.example' },
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
