// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Detection, PageContact } from './types';
import { parseZohoUrl, zohoAdapter as adapter } from './zoho';

// Paths, not file: URLs: in this environment URL is happy-dom's, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
const ORIGIN = 'https://crm.zoho.com';
const ORG = 'org60012345678';
const at = (path: string, origin = ORIGIN) => new URL(path, origin) as unknown as Location;
const html = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const parse = (file: string): Document => new DOMParser().parseFromString(html(file), 'text/html');

/** Nodes of a fixture for the test's own document. */
function nodesOf(file: string, selector: string): Node[] {
  const from = parse(`zoho/${file}`).querySelector(selector);
  return [...(from?.childNodes ?? [])].map((node) => document.importNode(node, true));
}

/** Puts a fixture's page into the test's own document, as the browser would have it. */
function mount(file: string) {
  document.body.replaceChildren(...nodesOf(file, 'body'));
}

const LEAD_PATH = `/crm/${ORG}/tab/Leads/5725767000001234567`;
const HANNAH: PageContact = {
  source: 'zoho',
  name: 'Hannah Okoro',
  email: 'hannah.okoro@cobalt-freight.example',
  title: 'Head of Operations',
  company: 'Cobalt Freight Ltd',
  phone: '+44 20 7946 0958',
  recordUrl: `${ORIGIN}${LEAD_PATH}`,
  custom: { object: 'Leads', recordId: '5725767000001234567' },
  // The lead's own facts, as the page writes them.
  industry: 'Transportation',
  employees: '420',
  revenue: '£38,000,000.00',
  rating: 'Warm',
  leadSource: 'Trade Show',
  stage: 'Contacted',
  country: 'United Kingdom',
  address: '14 Tilbury Dock Road, London, Greater London, E16 2QB, United Kingdom',
};
const CONTACT_PATH = `/crm/${ORG}/tab/Contacts/5725767000002345678`;
const TOMAS: PageContact = {
  source: 'zoho',
  name: 'Tomás Rivera',
  email: 'tomas.rivera@larkspur-dental.example',
  title: 'IT Director',
  company: 'Larkspur Dental Group',
  phone: '(512) 555-0187',
  recordUrl: `${ORIGIN}${CONTACT_PATH}`,
  custom: { object: 'Contacts', recordId: '5725767000002345678' },
  department: 'Information Technology',
  leadSource: 'Partner',
  country: 'United States',
  address: '900 Congress Ave, Suite 400, Austin, TX, 78701, United States',
  // Contacts have no industry or employees: his Account's business card shows them.
  industry: 'Health Care',
  employees: '250',
  fromAccount: ['industry', 'employees'],
};
const CONTACT_2_PATH = '/crm/tab/Contacts/5725767000003456789';
const AIKO_OWN: PageContact = {
  source: 'zoho',
  name: 'Aiko Tanaka',
  email: 'aiko.tanaka@meridian-biolabs.example',
  title: 'Procurement Manager',
  company: 'Meridian Biolabs KK',
  // Phone is empty ("—"): Mobile is the number she can be reached on.
  phone: '+81 3 4590 1123',
  recordUrl: `${ORIGIN}${CONTACT_2_PATH}`,
  custom: { object: 'Contacts', recordId: '5725767000003456789' },
  department: 'Procurement',
  leadSource: 'Partner',
};
/** Her Account's card fills in what her own record lacks: her Mailing Country is shown but empty ("—"). */
const AIKO: PageContact = {
  ...AIKO_OWN,
  industry: 'Biotechnology',
  employees: '1200',
  country: 'Japan',
  fromAccount: ['industry', 'employees', 'country'],
};

const cases: [file: string, path: string, expected: Detection][] = [
  ['lead.html', LEAD_PATH, { kind: 'contact', view: 'lead', contact: HANNAH }],
  ['lead.html', `${LEAD_PATH}/`, { kind: 'contact', view: 'lead', contact: HANNAH }],
  // Query strings (a search hit, a sub-module) are no part of the record's key.
  ['lead.html', `${LEAD_PATH}?sub_module=Leads&page=1`, { kind: 'contact', view: 'lead', contact: HANNAH }],
  ['contact.html', CONTACT_PATH, { kind: 'contact', view: 'contact', contact: TOMAS }],
  // An org on its own domain has no org segment; the record URL keeps the path as the app writes it.
  ['contact-2.html', CONTACT_2_PATH, { kind: 'contact', view: 'contact', contact: AIKO }],
  ['list.html', `/crm/${ORG}/tab/Leads/custom-view/5725767000000087501/list`, { kind: 'none', view: 'list' }],
  ['list.html', `/crm/${ORG}/tab/Leads/custom-view/5725767000000087501/list?page=2&per_page=10`, { kind: 'none', view: 'list' }],
  ['list.html', `/crm/${ORG}/tab/Contacts`, { kind: 'none', view: 'list' }],
  ['lead-unreadable.html', `/crm/${ORG}/tab/Leads/5725767000004567890`, { kind: 'unreadable', view: 'lead', failed: 'detailFields' }],
  // Pages of other kinds say nothing, whatever is in the DOM.
  ['lead.html', `/crm/${ORG}/tab/Accounts/5725767000000987001`, { kind: 'none', view: 'record' }],
  ['lead.html', `/crm/${ORG}/tab/Potentials/5725767000002399001`, { kind: 'none', view: 'record' }],
  ['lead.html', `/crm/${ORG}/tab/Home/begin`, { kind: 'none', view: 'other' }],
  ['lead.html', `/crm/${ORG}/tab/Leads/5725767000001234567/edit`, { kind: 'none', view: 'other' }],
  ['lead.html', '/crm/ShowEntityInfo.do?module=Leads&id=5725767000001234567', { kind: 'none', view: 'other' }],
];

describe('zohoAdapter.detect', () => {
  it.each(cases)('%s at %s', (file, path, expected) => {
    expect(adapter.detect(parse(`zoho/${file}`), at(path))).toEqual(expected);
  });

  it.each(['https://crm.zoho.eu', 'https://crm.zoho.in', 'https://crm.zoho.com.au'])('keys the record by the data centre it was read on (%s)', (origin) => {
    expect(adapter.detect(parse('zoho/lead.html'), at(LEAD_PATH, origin))).toMatchObject({ contact: { recordUrl: `${origin}${LEAD_PATH}` } });
  });

  it('reads the same contact from ids alone when a build has no data-zcqa attributes', () => {
    const page = parse('zoho/lead.html');
    for (const element of page.querySelectorAll('[data-zcqa]')) element.removeAttribute('data-zcqa');
    expect(adapter.detect(page, at(LEAD_PATH))).toEqual({ kind: 'contact', view: 'lead', contact: HANNAH });
  });

  it("falls back to the record's business card, never to another record's hover card", () => {
    const page = parse('zoho/contact.html');
    page.querySelector('crm-detailview #subvalue_EMAIL')?.remove();
    const found = adapter.detect(page, at(CONTACT_PATH));
    expect(found).toMatchObject({ contact: { email: 'tomas.rivera@larkspur-dental.example' } });
    // The Account's hover card (outside the detail view) has its own #bc_mouseArea__EMAIL.
    expect(page.querySelectorAll('#bc_mouseArea__EMAIL')).toHaveLength(2);
  });

  it('takes the name from the title card value without its salutation, whichever name column keys it', () => {
    const page = parse('zoho/lead.html');
    const card = page.querySelector('#titlecard_FULLNAME');
    card?.setAttribute('cx-prop-value', 'Dr. Hannah Okoro');
    expect(adapter.detect(page, at(LEAD_PATH))).toMatchObject({ contact: { name: 'Hannah Okoro' } });
    card?.removeAttribute('cx-prop-value');
    expect(adapter.detect(page, at(LEAD_PATH))).toMatchObject({ contact: { name: 'Hannah Okoro' } });
  });

  it('says which selector failed when the detail view or its title card is missing', () => {
    const noTitle = parse('zoho/lead.html');
    noTitle.querySelector('#tc_mouseArea__FULLNAME')?.remove();
    expect(adapter.detect(noTitle, at(LEAD_PATH))).toEqual({ kind: 'unreadable', view: 'lead', failed: 'recordName' });

    const loading = new DOMParser().parseFromString('<lyte-outlet><div class="cxDetailLoadingDiv"><div class="cxSpinloader"></div></div></lyte-outlet>', 'text/html');
    expect(adapter.detect(loading, at(LEAD_PATH))).toEqual({ kind: 'unreadable', view: 'lead', failed: 'detailView' });
  });

  it('finds the detail view by its header when the outer component is named otherwise', () => {
    const page = parse('zoho/contact.html');
    const view = page.querySelector('crm-detailview');
    const renamed = page.createElement('crm-record-page');
    renamed.append(...(view?.childNodes ?? []));
    view?.replaceWith(renamed);
    // The header now sits one level down, inside div.oA: that div is the view the fallback finds.
    expect(adapter.detect(page, at(CONTACT_PATH))).toEqual({ kind: 'contact', view: 'contact', contact: TOMAS });
  });

  it('reads an empty field ("—", "-None-") as missing, not as a value', () => {
    const page = parse('zoho/lead.html');
    for (const field of page.querySelectorAll('#subvalue_DESIGNATION, #subvalue_PHONE, #subvalue_MOBILE')) {
      field.setAttribute('cx-prop-value', '');
      field.replaceChildren(Object.assign(page.createElement('span'), { className: 'cxElemCompViewWrap cxEmptyValue', textContent: '—' }));
    }
    // The business card shows the same fields, so it is empty too.
    for (const card of page.querySelectorAll('#bc_mouseArea__PHONE .dv_info_value, #bc_mouseArea__MOBILE .dv_info_value')) card.textContent = '—';
    const found = adapter.detect(page, at(LEAD_PATH));
    expect(found).toMatchObject({ kind: 'contact', contact: { name: 'Hannah Okoro' } });
    expect(found.kind === 'contact' && [found.contact.title, found.contact.phone]).toEqual([undefined, undefined]);
  });

  it("never reads the signed-in user, the Account hover card's phone, email or website, secondary email or related lists", () => {
    for (const [file, path] of cases) {
      const text = JSON.stringify(adapter.detect(parse(`zoho/${file}`), at(path)));
      expect(text).not.toMatch(/morgan\.lee|Morgan Lee|acme-corp/);
      expect(text).not.toMatch(/samuel\.greene|procurement@|julia\.brenner|Julia Brenner|Rosa Delgado|rosa\.delgado|Lena Park/);
      expect(text).not.toMatch(/front-desk@|\(512\) 555-0100|\(512\) 555-0102|4590 1100|www\.larkspur|www\.meridian|gmail\.example|Rhea Kapoor/);
      // Related lists: a campaign's type, a deal's stage.
      expect(text).not.toMatch(/Negotiation|Active/);
    }
  });

  it("reads the record's facts by their English labels when neither data-zcqa nor the column ids are there", () => {
    const page = parse('zoho/lead.html');
    for (const element of page.querySelectorAll('[data-zcqa]')) element.removeAttribute('data-zcqa');
    // Column ids renamed too (a layout's own field ids): only the labels are left.
    for (const element of page.querySelectorAll('crm-detailview [id^="subvalue_"], crm-detailview [id^="bc_mouseArea__"]')) element.id = `${element.id}_CF`;
    // Email, title, company and phone are read by API name and column id alone (as before); the facts also by label.
    const { phone: _phone, email: _email, title: _title, company: _company, ...facts } = HANNAH;
    expect(adapter.detect(page, at(LEAD_PATH))).toEqual({ kind: 'contact', view: 'lead', contact: facts });
  });

  it('reads a custom Industry field on a Contact by its label, and the record then wins over its Account', () => {
    const page = parse('zoho/contact.html');
    const row = page.querySelector('#mouseArea__DEPARTMENT')?.cloneNode(true) as Element;
    row.id = 'mouseArea__CONTACTCF12';
    row.querySelector('.dv_info_label')!.textContent = 'Industry';
    const value = row.querySelector('crux-text-component')!;
    value.id = 'subvalue_CONTACTCF12';
    value.setAttribute('data-zcqa', 'value_Industry_Segment');
    value.querySelector('.cxElemCompViewWrap')!.textContent = 'Dental Service Organizations';
    page.querySelector('#mouseArea__DEPARTMENT')?.after(row);
    expect(adapter.detect(page, at(CONTACT_PATH))).toEqual({
      kind: 'contact',
      view: 'contact',
      contact: { ...TOMAS, industry: 'Dental Service Organizations', fromAccount: ['employees'] },
    });
  });

  it('reads a fact shown but empty ("—", "-None-") as missing, and only then asks the Account', () => {
    const lead = parse('zoho/lead.html');
    for (const id of ['INDUSTRY', 'RATING']) {
      const field = lead.querySelector(`#subvalue_${id}`);
      field?.setAttribute('cx-prop-value', '');
      field?.replaceChildren(Object.assign(lead.createElement('lyte-text'), { className: 'cxElementViewValue cxElemCompViewValue', textContent: '-None-' }));
    }
    const { industry: _industry, rating: _rating, ...rest } = HANNAH;
    expect(adapter.detect(lead, at(LEAD_PATH))).toEqual({ kind: 'contact', view: 'lead', contact: rest });

    // contact-2.html: her Mailing Country is "—", so the country is her Account's; his own (contact.html) wins over his card's.
    expect(adapter.detect(parse('zoho/contact-2.html'), at(CONTACT_2_PATH))).toMatchObject({ contact: { country: 'Japan' } });
    const page = parse('zoho/contact.html');
    const card = page.querySelector('.cxLookupBC');
    card?.insertAdjacentHTML('beforeend', '<div class="dv_info_field" id="bc_mouseArea__BILLINGCOUNTRY"><span class="dv_info_label">Billing Country</span><span class="dv_info_value">Mexico</span></div>');
    expect(adapter.detect(page, at(CONTACT_PATH))).toEqual({ kind: 'contact', view: 'contact', contact: TOMAS });
  });

  it("reads only the card of the contact's own Account: not another record's card, not a card with no Account", () => {
    // The card open is another Account's (the contact's lookup points elsewhere).
    const other = parse('zoho/contact-2.html');
    other.querySelector('.cxLookupBCName a')?.setAttribute('href', '/crm/org60012345678/tab/Accounts/5725767000000987001');
    expect(adapter.detect(other, at(CONTACT_2_PATH))).toEqual({ kind: 'contact', view: 'contact', contact: AIKO_OWN });

    // The card open is her Reporting To contact's, whose card shows an industry and a country of its own.
    const related = parse('zoho/contact-2.html');
    const name = related.querySelector('.cxLookupBCName a');
    name?.setAttribute('href', '/crm/org60012345678/tab/Contacts/5725767000002340001');
    if (name) name.textContent = 'Julia Brenner';
    expect(adapter.detect(related, at(CONTACT_2_PATH))).toEqual({ kind: 'contact', view: 'contact', contact: AIKO_OWN });

    // A lead has no Account lookup: an Account card on the page (a hover elsewhere) is not the lead's.
    const lead = parse('zoho/lead.html');
    const card = parse('zoho/contact-2.html').querySelector('.cxLookupBCPopover');
    if (card) lead.body.append(lead.importNode(card, true));
    for (const id of ['INDUSTRY', 'EMPCT', 'COUNTRY']) lead.querySelector(`#mouseArea__${id}`)?.remove();
    const found = adapter.detect(lead, at(LEAD_PATH));
    expect(found.kind === 'contact' && [found.contact.industry, found.contact.employees, found.contact.country, found.contact.fromAccount]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("never reads the signed-in user's card or the related lists for a fact", () => {
    const page = parse('zoho/contact-2.html');
    page.querySelector('#crmNextGenTopMenu')?.insertAdjacentHTML(
      'beforeend',
      '<div class="crmUserCard"><div class="dv_info_field" id="mouseArea__INDUSTRY"><div class="dv_info_label">Industry</div><div class="dv_info_value">Software</div></div></div>',
    );
    page.querySelector('.cxLookupBCPopover')?.remove();
    expect(adapter.detect(page, at(CONTACT_2_PATH))).toEqual({ kind: 'contact', view: 'contact', contact: AIKO_OWN });
  });
});

describe('parseZohoUrl', () => {
  it.each([
    [`/crm/${ORG}/tab/Leads/5725767000001234567`, { module: 'Leads', recordId: '5725767000001234567', org: ORG, view: 'lead' }],
    ['/crm/tab/Contacts/5725767000003456789', { module: 'Contacts', recordId: '5725767000003456789', view: 'contact' }],
    ['/crm/crmlaunchpad/tab/CustomModule2/4412000000012345', { module: 'CustomModule2', recordId: '4412000000012345', org: 'crmlaunchpad', view: 'record' }],
    [`/crm/${ORG}/tab/Leads`, { module: 'Leads', view: 'list' }],
    [`/crm/${ORG}/tab/Contacts/custom-view/5725767000000087533/kanban`, { module: 'Contacts', view: 'list' }],
    [`/crm/${ORG}/tab/Home/begin`, { view: 'other' }],
    [`/crm/${ORG}/settings/users`, { view: 'other' }],
    ['/crm/EntityInfo.do', { view: 'other' }],
  ])('%s', (pathname, expected) => {
    expect(parseZohoUrl({ pathname })).toEqual(expected);
  });
});

// Which selectors each saved page proves, and where it comes from: conventions.test.ts.
describe('zoho fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'zoho')).filter((file) => file.endsWith('.html'));

  it.each(files)('%s has a detection in the table', (file) => {
    expect(cases.some(([tested]) => tested === file)).toBe(true);
  });
});

describe('zohoAdapter.watch', () => {
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
    expect(adapter.detect(document, at(CONTACT_PATH))).toMatchObject({ contact: { name: 'Tomás Rivera' } });

    // The Lyte router re-renders the outlet, then the URL changes (here: back/forward, so popstate).
    document.querySelector('lyte-outlet')?.replaceChildren(...nodesOf('contact-2.html', 'lyte-outlet'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    // The hover card still open is Tomás's Account's, not hers: nothing is read from it.
    expect(adapter.detect(document, at(CONTACT_2_PATH))).toEqual({ kind: 'contact', view: 'contact', contact: AIKO_OWN });
  });

  it('fires when a pushState navigation (no event) renders the list into the outlet', async () => {
    mount('lead.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    document.querySelector('lyte-outlet')?.replaceChildren(...nodesOf('list.html', 'lyte-outlet'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('does not fire for 1,000 mutations outside the outlet', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const band = document.querySelector('#crmNextGenTopMenu');
    const card = document.querySelector('#crmUserProfileCard');
    const toasts = document.querySelector('#crmToastContainer');
    const hover = document.querySelector('.cxLookupBCPopover');
    for (let i = 0; i < 1000; i++) {
      const target = [band, card, toasts, hover, document.body][i % 5];
      const node = document.createElement('span');
      node.textContent = `tick ${i}`;
      target?.append(node);
      if (i % 3 === 0) node.remove();
      band?.setAttribute('data-tick', String(i));
      card?.classList.toggle('open');
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('waits for the app to render its outlet, without firing for the page loading around it', async () => {
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    mount('lead.html');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    document.querySelector('#crmNextGenTopMenu')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.querySelector('crm-detailview #subvalue_EMAIL')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    adapter.watch(document, window, onChange)();
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    document.querySelector('lyte-outlet')?.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
