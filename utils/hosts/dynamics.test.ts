// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://acme.crm.dynamics.com/main.aspx?appid=3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77&pagetype=entityrecord&etn=contact&id=8e2a6f14-3c5b-4d7e-a1f2-0b9c8d7e6f52"}
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dynamicsAdapter as adapter, parseDynamicsUrl } from './dynamics';
import type { Detection, PageContact } from './types';

// Paths, not file: URLs: in this environment URL is happy-dom's, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
const ORIGIN = 'https://acme.crm.dynamics.com';
const APP = '3a2d9c1e-5b7f-4e21-9a0c-6d1f2e8b4c77';
const at = (path: string) => new URL(path, ORIGIN) as unknown as Location;
const html = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const parse = (file: string) => new DOMParser().parseFromString(html(`dynamics/${file}`), 'text/html');
const $ = <E extends Element = HTMLElement>(root: ParentNode, selector: string): E => {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`fixture has no ${selector}`);
  return found;
};

const ID = {
  priya: 'b3f1c2d4-6a7e-4f10-9c21-5e8d7a6b4c01',
  amelia: '8e2a6f14-3c5b-4d7e-a1f2-0b9c8d7e6f52',
  jonas: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  brightwave: 'c0ffee12-3456-4789-abcd-ef0123456789',
  oskar: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};
const record = (etn: string, id: string) => `/main.aspx?appid=${APP}&pagetype=entityrecord&etn=${etn}&id=${id}`;
const canonical = (etn: string, id: string) => `${ORIGIN}/main.aspx?pagetype=entityrecord&etn=${etn}&id=${id}`;
const person = (view: 'lead' | 'contact', id: string, fields: Omit<PageContact, 'source' | 'recordUrl' | 'custom'>): Detection => ({
  kind: 'contact',
  view,
  contact: { source: 'dynamics', ...fields, recordUrl: canonical(view, id), custom: { object: view, recordId: id } },
});

const PRIYA = person('lead', ID.priya, {
  name: 'Priya Nair',
  email: 'priya.nair@lumen-analytics.example',
  title: 'Head of Data Platform',
  company: 'Lumen Analytics Ltd',
  phone: '+44 20 7946 0321',
  // Her own form's facts: Lead Source, Rating and Status Reason from the header, the rest from the Company section.
  industry: 'Consulting',
  employees: '250',
  revenue: '£12,000,000.00',
  rating: 'Warm',
  leadSource: 'Web',
  stage: 'New',
  country: 'United Kingdom',
});
const AMELIA = person('contact', ID.amelia, {
  name: 'Amelia Ortiz',
  email: 'amelia.ortiz@brightwave-health.example',
  title: 'Director of IT',
  company: 'Brightwave Health',
  phone: '+1 617 555 0199',
  department: 'Information Technology',
  // Her Country/Region is shown but empty: the parent account's quick view gives what she lacks.
  industry: "Doctor's Offices and Clinics",
  employees: '1,200',
  country: 'United States',
  fromAccount: ['industry', 'employees', 'country'],
});
// Refreshed look (no classic data-ids), no phone fields on his layout: the quick view's switchboard is not his.
const JONAS = person('contact', ID.jonas, {
  name: 'Jonas Weber',
  email: 'jonas.weber@kestrel-logistics.example',
  title: 'Head of Procurement',
  company: 'Kestrel Logistics GmbH',
  department: 'Procurement',
  country: 'Germany',
  industry: 'Transportation',
  employees: '850',
  fromAccount: ['industry', 'employees'],
});
const BRIGHTWAVE: Detection = {
  kind: 'contact',
  view: 'account',
  contact: {
    source: 'dynamics',
    company: 'Brightwave Health',
    phone: '(617) 555-0100',
    // A classic option set (a select); Annual Revenue and Number of Employees from the header.
    industry: "Doctor's Offices and Clinics",
    employees: '1,200',
    revenue: '$48,000,000.00',
    country: 'United States',
    address: '200 Seaport Blvd, Boston, United States',
    recordUrl: canonical('account', ID.brightwave),
    // Typed without a scheme on the form.
    custom: { object: 'account', recordId: ID.brightwave, website: 'https://www.brightwave-health.example' },
  },
};
const failed = (view: string, key: keyof typeof adapter.selectors): Detection => ({ kind: 'unreadable', view, failed: adapter.selectors[key]!.name });

const cases: [file: string, path: string, expected: Detection][] = [
  ['lead.html', record('lead', ID.priya), PRIYA],
  // Braces, upper case and URL-encoding in the id; the canonical URL keeps only pagetype, etn and id.
  ['lead.html', `/main.aspx?appid=${APP}&pagetype=entityrecord&etn=lead&id=%7B${ID.priya.toUpperCase()}%7D`, PRIYA],
  ['lead.html', `/main.aspx?etn=lead&pagetype=entityrecord&id=${ID.priya}&forceUCI=1&flags=easyreproautomation%3Dtrue`, PRIYA],
  ['contact.html', record('contact', ID.amelia), AMELIA],
  ['contact-2.html', record('contact', ID.jonas), JONAS],
  ['account.html', record('account', ID.brightwave), BRIGHTWAVE],
  ['list.html', `/main.aspx?appid=${APP}&pagetype=entitylist&etn=contact&viewid=00000000-0000-0000-00aa-000010001004&viewType=1039`, { kind: 'none', view: 'list' }],
  ['list.html', `/main.aspx?appid=${APP}&pagetype=entitylist&etn=lead`, { kind: 'none', view: 'list' }],
  ['lead-unreadable.html', record('lead', ID.oskar), failed('lead', 'formFields')],
  // The grid still in view under a record's URL (the form has not rendered yet).
  ['list.html', record('contact', ID.amelia), failed('contact', 'formRoot')],
  // The previous record's form still in view under the next one's URL: nothing to say yet.
  ['contact.html', record('lead', ID.priya), { kind: 'none', view: 'lead' }],
  // Pages of other kinds say nothing, whatever is in the DOM.
  ['lead.html', record('opportunity', ID.priya), { kind: 'none', view: 'record' }],
  ['lead.html', `/main.aspx?appid=${APP}&pagetype=entityrecord&etn=lead`, { kind: 'none', view: 'new' }],
  ['lead.html', `/main.aspx?appid=${APP}&pagetype=dashboard&id=${ID.priya}`, { kind: 'none', view: 'other' }],
  ['lead.html', '/', { kind: 'none', view: 'other' }],
];

describe('dynamicsAdapter.detect', () => {
  it.each(cases)('%s at %s', (file, path, expected) => {
    expect(adapter.detect(parse(file), at(path))).toEqual(expected);
  });

  it('keys the record by the origin it was read on', () => {
    const found = adapter.detect(parse('lead.html'), new URL(`https://contoso.crm4.dynamics.com${record('lead', ID.priya)}`) as unknown as Location);
    expect(found).toMatchObject({ contact: { recordUrl: `https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=lead&id=${ID.priya}` } });
  });

  it('reads what a person typed into an input (the value property), not the value the page was served with', () => {
    const page = parse('contact.html');
    const email = $<HTMLInputElement>(page, 'input[data-id="emailaddress1.fieldControl-mail-text-input"]');
    const jobTitle = $<HTMLInputElement>(page, 'input[data-id="jobtitle.fieldControl-text-box-text"]');
    email.value = 'amelia@brightwave.example';
    jobTitle.value = 'CIO';
    expect(email.getAttribute('value')).toBe('amelia.ortiz@brightwave-health.example');
    expect(adapter.detect(page, at(record('contact', ID.amelia)))).toMatchObject({ contact: { email: 'amelia@brightwave.example', title: 'CIO' } });
  });

  it("reads the refreshed look's inputs through the field's section item", () => {
    const page = parse('contact-2.html');
    expect(page.querySelector(adapter.selectors.email!.selectors[0]!)).toBeNull();
    expect(adapter.detect(page, at(record('contact', ID.jonas)))).toEqual(JONAS);
  });

  it("falls back on the English label, and never takes a quick view's field with the same label", () => {
    for (const [file, id, own] of [
      ['contact.html', ID.amelia, { email: 'amelia.ortiz@brightwave-health.example', title: 'Director of IT' }],
      ['contact-2.html', ID.jonas, { email: 'jonas.weber@kestrel-logistics.example', title: 'Head of Procurement' }],
    ] as const) {
      const page = parse(file);
      // No data-ids at all: only the labels are left, and the quick view's "Email" and "Job Title" carry them too.
      for (const element of page.querySelectorAll('[data-id]')) {
        if (!element.closest('[data-lp-id^="MscrmControls.Containers.QuickForm"], [data-id="header_title"], [data-id="header_saveStatus"]'))
          element.removeAttribute('data-id');
      }
      expect(adapter.detect(page, at(record('contact', id)))).toMatchObject({ contact: own });
      // Without the contact's own Email and Job Title fields, the quick view's are still not his.
      for (const label of ['Email', 'Job Title']) page.querySelector(`[data-control-name] input[aria-label="${label}"]:not([readonly])`)?.closest('[data-control-name]')?.remove();
      const found = adapter.detect(page, at(record('contact', id)));
      expect(found.kind === 'contact' && found.contact.email).toBe(undefined);
      expect(found.kind === 'contact' && found.contact.title).toBe(undefined);
    }
  });

  it('reads an empty field ("---") as missing and takes the next phone', () => {
    const page = parse('lead.html');
    const phone = $<HTMLInputElement>(page, 'input[data-id="telephone1.fieldControl-phone-text-input"]');
    phone.removeAttribute('value');
    phone.value = '';
    expect(adapter.detect(page, at(record('lead', ID.priya)))).toMatchObject({ contact: { phone: '+44 7700 900123' } });
    const mobile = $<HTMLInputElement>(page, 'input[data-id="mobilephone.fieldControl-phone-text-input"]');
    mobile.setAttribute('value', '---');
    mobile.value = '---';
    const found = adapter.detect(page, at(record('lead', ID.priya)));
    expect(found.kind === 'contact' && found.contact.phone).toBe(undefined);
  });

  it("takes the name from the header, without its save status, when the name fields are not on the form", () => {
    const page = parse('lead.html');
    for (const attribute of ['firstname', 'lastname']) page.querySelector(`[data-control-name="${attribute}"]`)?.remove();
    expect(adapter.detect(page, at(record('lead', ID.priya)))).toMatchObject({ contact: { name: 'Priya Nair' } });
  });

  it('says which selector failed when the form or its header is missing', () => {
    const page = parse('contact.html');
    $(page, '[data-id="header_title"]').remove();
    expect(adapter.detect(page, at(record('contact', ID.amelia)))).toEqual(failed('contact', 'recordName'));
    const blank = new DOMParser().parseFromString('<div role="main"><div class="spinner">Loading…</div></div>', 'text/html');
    expect(adapter.detect(blank, at(record('contact', ID.amelia)))).toEqual(failed('contact', 'formRoot'));
  });

  it('keeps a website only as an http(s) link', () => {
    const page = parse('account.html');
    const website = $<HTMLInputElement>(page, 'input[data-id="websiteurl.fieldControl-url-text-input"]');
    website.value = 'http://brightwave.example/about';
    expect(adapter.detect(page, at(record('account', ID.brightwave)))).toMatchObject({ contact: { custom: { website: 'http://brightwave.example/about' } } });
    website.value = 'javascript:alert(1)';
    const found = adapter.detect(page, at(record('account', ID.brightwave)));
    expect(found.kind === 'contact' && found.contact.custom).toEqual({ object: 'account', recordId: ID.brightwave });
  });

  it('reads no fact from an empty field: the "---" placeholder, an empty input, an option set with nothing chosen', () => {
    const page = parse('lead.html');
    const industry = $(page, '[data-id="industrycode.fieldControl-option-set-select"]');
    industry.textContent = '---';
    industry.setAttribute('title', '---');
    const revenue = $<HTMLInputElement>(page, 'input[data-id="revenue.fieldControl-currency-text-input"]');
    revenue.removeAttribute('value');
    revenue.value = '';
    const rating = $(page, '[data-id="header_leadqualitycode"]');
    rating.textContent = '---';
    rating.setAttribute('title', '---');
    const found = adapter.detect(page, at(record('lead', ID.priya)));
    expect(found).toMatchObject({ contact: { employees: '250', leadSource: 'Web', stage: 'New' } });
    for (const fact of ['industry', 'revenue', 'rating'] as const) expect(found.kind === 'contact' && found.contact[fact], fact).toBe(undefined);

    const account = parse('account.html');
    const select = $<HTMLSelectElement>(account, 'select[data-id="industrycode.fieldControl-option-set-select"]');
    for (const option of select.querySelectorAll('option')) option.removeAttribute('selected');
    const none = adapter.detect(account, at(record('account', ID.brightwave)));
    expect(none.kind === 'contact' && none.contact.industry).toBe(undefined);
  });

  it('reads the facts by their English labels when the controls lose their data-ids', () => {
    const page = parse('lead.html');
    for (const column of ['industrycode', 'revenue', 'numberofemployees', 'address1_country']) {
      const item = $(page, `[data-control-name="${column}"]`);
      for (const element of [item, ...item.querySelectorAll('[data-id], [data-lp-id]')]) {
        element.removeAttribute('data-id');
        element.removeAttribute('data-lp-id');
      }
    }
    expect(adapter.detect(page, at(record('lead', ID.priya)))).toEqual(PRIYA);
  });

  it("takes a contact's own fields before his account's quick view, and says which came from it", () => {
    const page = parse('contact.html');
    const country = $<HTMLInputElement>(page, 'input[data-id="address1_country.fieldControl-text-box-text"]');
    country.value = 'Canada';
    expect(adapter.detect(page, at(record('contact', ID.amelia)))).toMatchObject({
      contact: { country: 'Canada', industry: "Doctor's Offices and Clinics", employees: '1,200', fromAccount: ['industry', 'employees'] },
    });
  });

  it("reads only the parent account's quick view, and only on a contact", () => {
    // A quick view that shows no account's name (a manager's, a lead's) is another record: nothing from it.
    const page = parse('contact.html');
    $(page, '[data-control-name="accountprofile_qv.name"]').remove();
    const found = adapter.detect(page, at(record('contact', ID.amelia)));
    expect(found.kind === 'contact' && [found.contact.industry, found.contact.employees, found.contact.country, found.contact.fromAccount]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // A lead's form takes nothing from a quick view of an account.
    const lead = parse('lead.html');
    $(lead, '[data-control-name="industrycode"]').remove();
    $(lead, '[data-id="COMPANY"]').append(lead.importNode($(parse('contact.html'), '[data-lp-id^="MscrmControls.Containers.QuickForm"]'), true));
    const onLead = adapter.detect(lead, at(record('lead', ID.priya)));
    expect(onLead.kind === 'contact' && [onLead.contact.industry, onLead.contact.fromAccount]).toEqual([undefined, undefined]);
  });

  it('never reads a fact from the signed-in user, a subgrid or the timeline', () => {
    const page = parse('contact-2.html');
    $(page, '[data-control-name="accountprofile_qv.industrycode"]').remove();
    $(page, '[role="grid"]').insertAdjacentHTML('beforeend', '<div role="row"><div role="gridcell" aria-label="Industry" title="Aerospace">Aerospace</div></div>');
    $(page, '[data-id="notescontrol-timelinewall_records"]').insertAdjacentHTML('beforeend', '<li><input aria-label="Industry" value="Aerospace"></li>');
    $(page, '#mectrl_main_body').insertAdjacentHTML('beforeend', '<input aria-label="Industry" value="Aerospace">');
    const found = adapter.detect(page, at(record('contact', ID.jonas)));
    expect(found).toMatchObject({ contact: { employees: '850', fromAccount: ['employees'] } });
    expect(JSON.stringify(found)).not.toContain('Aerospace');
  });

  it('never reads the signed-in user, header fields, the process flow, quick views, subgrids or the timeline', () => {
    for (const [file, path] of cases) {
      const text = JSON.stringify(adapter.detect(parse(file), at(path)));
      expect(text).not.toMatch(/Morgan Lee|morgan\.lee/);
      expect(text).not.toMatch(/Samuel Greene|samuel\.greene|Lena Park|lena\.park|Ravi Menon|Ingrid Solberg|it-helpdesk@|procurement@|\+49 40|\+1 617 555 0177|Freight/);
    }
  });
});

describe('parseDynamicsUrl', () => {
  it.each([
    ['/main.aspx', `?appid=${APP}&pagetype=entityrecord&etn=contact&id={${ID.amelia.toUpperCase()}}`, { entity: 'contact', recordId: ID.amelia, view: 'contact' }],
    ['/MAIN.ASPX', `?PageType=EntityRecord&ETN=Lead&ID=${ID.priya}`, { entity: 'lead', recordId: ID.priya, view: 'lead' }],
    // Links from the legacy web client name the table by its type code.
    ['/main.aspx', `?etc=1&pagetype=entityrecord&id=${ID.brightwave}`, { entity: 'account', recordId: ID.brightwave, view: 'account' }],
    ['/main.aspx', `?pagetype=entityrecord&etn=incident&id=${ID.oskar}`, { entity: 'incident', recordId: ID.oskar, view: 'record' }],
    ['/main.aspx', '?pagetype=entityrecord&etn=lead&id=not-a-guid', { entity: 'lead', view: 'new' }],
    ['/main.aspx', '?pagetype=entitylist&etn=account', { view: 'list' }],
    ['/main.aspx', `?appid=${APP}&pagetype=dashboard`, { view: 'other' }],
    ['/main.aspx', `?appid=${APP}`, { view: 'other' }],
    ['/apps/sales/home', `?pagetype=entityrecord&etn=lead&id=${ID.priya}`, { view: 'other' }],
  ])('%s%s', (pathname, search, expected) => {
    expect(parseDynamicsUrl({ pathname, search })).toEqual(expected);
  });
});

// Which selectors each saved page proves, and where it comes from: conventions.test.ts.
describe('dynamics fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'dynamics')).filter((file) => file.endsWith('.html'));

  it('has every page the adapter is tested on', () => {
    expect(files.sort()).toEqual(['account.html', 'contact-2.html', 'contact.html', 'lead-unreadable.html', 'lead.html', 'list.html']);
  });

  it.each(files)('%s has a detection in the table', (file) => {
    expect(cases.some(([tested]) => tested === file)).toBe(true);
  });
});

describe('dynamicsAdapter.watch', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  /** Nodes of a fixture for the test's own document. */
  const nodesOf = (file: string, selector: string) => [...$(parse(file), selector).childNodes].map((node) => document.importNode(node, true));
  const mount = (file: string) => document.body.replaceChildren(...nodesOf(file, 'body'));
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    document.body.replaceChildren();
    history.replaceState(null, '', record('contact', ID.amelia));
  });

  it('fires once after navigating from contact.html to contact-2.html, and detect then reads the new contact', async () => {
    mount('contact.html');
    history.replaceState(null, '', record('contact', ID.amelia));
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    expect(adapter.detect(document, location)).toEqual(AMELIA);

    // The app renders the next record into the content area and pushes its URL; back/forward fires popstate.
    $(document, '[role="main"]').replaceChildren(...nodesOf('contact-2.html', '[role="main"]'));
    history.pushState(null, '', record('contact', ID.jonas));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, location)).toEqual(JONAS);
  });

  it('fires for a pushState navigation, which has no event, from the content swap alone', async () => {
    mount('contact-2.html');
    history.replaceState(null, '', record('contact', ID.jonas));
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    history.pushState(null, '', record('contact', ID.amelia));
    $(document, '[role="main"]').replaceChildren(...nodesOf('contact.html', '[role="main"]'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, location)).toEqual(AMELIA);
  });

  it('follows the content area when the app replaces it', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const old = $(document, '[role="main"]');
    const next = $(parse('account.html'), '[role="main"]');
    old.replaceWith(document.importNode(next, true));
    history.pushState(null, '', record('account', ID.brightwave));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, location)).toEqual(BRIGHTWAVE);

    // The new area is the one watched now.
    $(document, '[data-id="editFormRoot"]').append(document.createElement('div'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('does not fire for 1,000 mutations outside the content area', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const topBar = $(document, '#topBar');
    const me = $(document, '#mectrl_main_body');
    const siteMap = $(document, '#navbar-container');
    for (let i = 0; i < 1000; i++) {
      const target = [topBar, me, siteMap, document.body][i % 4]!;
      const node = document.createElement('span');
      node.textContent = `tick ${i}`;
      target.append(node);
      if (i % 3 === 0) node.remove();
      topBar.setAttribute('data-tick', String(i));
      me.toggleAttribute('hidden');
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('does not fire while the timeline, quick views and subgrids load their records', async () => {
    mount('contact-2.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const related = [
      $(document, '[data-id="notescontrol-timelinewall_records"]'),
      $(document, '[data-lp-id^="MscrmControls.Containers.QuickForm"]'),
      $(document, '[role="grid"]'),
    ];
    for (let i = 0; i < 300; i++) related[i % 3]!.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('fires when a person edits a field', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const email = $<HTMLInputElement>(document, 'input[data-id="emailaddress1.fieldControl-mail-text-input"]');
    email.value = 'amelia@brightwave.example';
    email.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, location)).toMatchObject({ contact: { email: 'amelia@brightwave.example' } });
  });

  it('waits for the app to render the content area, without firing for the page loading around it', async () => {
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    mount('contact.html');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    $(document, '#topBar').append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    $(document, '[data-id="tabpanel-SUMMARY_TAB"]').append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    adapter.watch(document, window, onChange)();
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    $(document, '[role="main"]').append(document.createElement('div'));
    $(document, 'input[aria-label="Email"]').dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
