// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apptivoAdapter as adapter, parseApptivoUrl } from './apptivo';
import type { Detection, PageContact } from './types';

// Paths, not file: URLs: in this environment URL is happy-dom's, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
const ORIGIN = 'https://app.apptivo.com';
const at = (path: string) => new URL(path, ORIGIN) as unknown as Location;
const html = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const parse = (file: string): Document => new DOMParser().parseFromString(html(file), 'text/html');

/** Nodes of a fixture for the test's own document. */
function nodesOf(file: string, selector: string): Node[] {
  const from = parse(`apptivo/${file}`).querySelector(selector);
  return [...(from?.childNodes ?? [])].map((node) => document.importNode(node, true));
}

function mount(file: string) {
  document.body.replaceChildren(...nodesOf(file, 'body'));
}

/** An element of a fixture, for the test's own document. */
function elementOf(file: string, selector: string): Element {
  const found = parse(`apptivo/${file}`).querySelector(selector);
  if (!found) throw new Error(`${selector} not in ${file}`);
  return document.importNode(found, true);
}

const BRIGHTLINE: PageContact = {
  source: 'apptivo',
  company: 'Brightline Logistics Inc.',
  email: 'info@brightline-logistics.example',
  phone: '+1 (312) 555-0134',
  recordUrl: `${ORIGIN}/app/customers.jsp#/view/71234509`,
  custom: { object: 'customers', recordId: '71234509' },
  // The customer's own facts, as the page writes them.
  industry: 'Transportation',
  employees: '201-500',
  revenue: '$84,000,000.00',
  stage: 'Active',
  country: 'United States',
  address: '2200 W Fulton St, Chicago, IL 60612, United States',
};
const HARBOR: PageContact = {
  source: 'apptivo',
  company: 'Harbor & Finch Architects',
  email: 'studio@harborfinch.example',
  phone: '+1 (206) 555-0123',
  recordUrl: `${ORIGIN}/app/customers.jsp#/view/71234588`,
  custom: { object: 'customers', recordId: '71234588' },
  // Its Employees attribute is shown but empty: no employees.
  industry: 'Architecture',
  stage: 'Active',
  country: 'United States',
  address: '1411 4th Ave, Suite 900, Seattle, WA 98101, United States',
};
const NADIA: PageContact = {
  source: 'apptivo',
  name: 'Nadia Haddad',
  email: 'nadia.haddad@brightline-logistics.example',
  title: 'Facilities Manager',
  company: 'Brightline Logistics Inc.',
  phone: '+1 (312) 555-0162',
  recordUrl: `${ORIGIN}/app/contacts.jsp#/view/80451277`,
  custom: { object: 'contacts', recordId: '80451277' },
  leadSource: 'Referral',
  address: '2200 W Fulton St, Chicago, IL 60612',
  // Her own Industry is shown but empty and her address has no country: her customer's references give them.
  industry: 'Transportation',
  employees: '201-500',
  country: 'United States',
  fromAccount: ['industry', 'employees', 'country'],
};
const MARCUS: PageContact = {
  source: 'apptivo',
  name: 'Marcus Lindqvist',
  email: 'marcus.lindqvist@fjell-outdoor.example',
  title: 'Chief Operating Officer',
  company: 'Fjell Outdoor AB',
  phone: '+46 8 555 012 34',
  recordUrl: `${ORIGIN}/app/leads.jsp#/view/90518834`,
  custom: { object: 'leads', recordId: '90518834' },
  industry: 'Sporting Goods',
  employees: '51-200',
  revenue: 'SEK 310,000,000.00',
  rating: 'High',
  leadSource: 'Web Form',
  stage: 'Qualified',
  country: 'Sweden',
  address: 'Sveavägen 44, 111 34 Stockholm, Sweden',
};

const cases: [file: string, path: string, expected: Detection][] = [
  ['customer.html', '/app/customers.jsp#/view/71234509/overview', { kind: 'contact', view: 'customer', contact: BRIGHTLINE }],
  // Every tab of a record is the same record; some apps write #!/ (AngularJS 1.6's hash prefix).
  ['customer.html', '/app/customers.jsp#/view/71234509/newsfeed', { kind: 'contact', view: 'customer', contact: BRIGHTLINE }],
  ['customer.html', '/app/customers.jsp#!/view/71234509/overview', { kind: 'contact', view: 'customer', contact: BRIGHTLINE }],
  ['customer.html', '/app/customers.jsp?firmId=4471#/view/71234509/overview', { kind: 'contact', view: 'customer', contact: BRIGHTLINE }],
  ['customer-2.html', '/app/customers.jsp#/view/71234588/overview', { kind: 'contact', view: 'customer', contact: HARBOR }],
  ['contact.html', '/app/contacts.jsp#/view/80451277/overview', { kind: 'contact', view: 'contact', contact: NADIA }],
  ['lead.html', '/app/leads.jsp#/view/90518834/overview', { kind: 'contact', view: 'lead', contact: MARCUS }],
  ['list.html', '/app/contacts.jsp#/dashboard/byqueue/mycontacts', { kind: 'none', view: 'list' }],
  ['list.html', '/app/customers.jsp#/dashboard/show-all/', { kind: 'none', view: 'list' }],
  ['list.html', '/app/contacts.jsp#/table-view/contacts', { kind: 'none', view: 'list' }],
  ['lead-unreadable.html', '/app/leads.jsp#/view/90518840/overview', { kind: 'unreadable', view: 'lead', failed: 'attributes' }],
  // Pages of other kinds say nothing, whatever is in the DOM.
  ['customer.html', '/app/cases.jsp#/view/55510231/overview', { kind: 'none', view: 'record' }],
  ['customer.html', '/app/opportunities.jsp#/view/61200077/overview', { kind: 'none', view: 'record' }],
  ['customer.html', '/app/home.jsp#/my-agenda/calendar-view', { kind: 'none', view: 'other' }],
  ['customer.html', '/app/customers.jsp#/create', { kind: 'none', view: 'other' }],
  ['customer.html', '/firm-selection/', { kind: 'none', view: 'other' }],
];

describe('apptivoAdapter.detect', () => {
  it.each(cases)('%s at %s', (file, path, expected) => {
    expect(adapter.detect(parse(`apptivo/${file}`), at(path))).toEqual(expected);
  });

  it('reads the entering view while AngularJS still animates the leaving one out', () => {
    const page = parse('apptivo/customer-2.html');
    const leaving = parse('apptivo/customer.html').querySelector('[ng-view]');
    if (!leaving) throw new Error('no view');
    leaving.classList.add('ng-leave');
    page.querySelector('[ng-view]')?.before(page.importNode(leaving, true));
    expect(adapter.detect(page, at('/app/customers.jsp#/view/71234588/overview'))).toEqual({ kind: 'contact', view: 'customer', contact: HARBOR });
  });

  it('finds attributes by label and structure when the public attribute ids are gone', () => {
    const page = parse('apptivo/customer.html');
    for (const id of ['cust_name_attr', 'email_attr', 'cust_phone_attr']) {
      page.getElementById(`apptivo-attribute-container_${id}`)?.setAttribute('id', `apptivo-attribute-container_${id}_v2`);
    }
    expect(adapter.detect(page, at('/app/customers.jsp#/view/71234509/overview'))).toEqual({ kind: 'contact', view: 'customer', contact: BRIGHTLINE });
  });

  it('finds the route view by its attribute panels when it is not an ng-view', () => {
    const page = parse('apptivo/contact.html');
    page.querySelector('[ng-view]')?.removeAttribute('ng-view');
    expect(adapter.detect(page, at('/app/contacts.jsp#/view/80451277/overview'))).toEqual({ kind: 'contact', view: 'contact', contact: NADIA });
  });

  it("takes the name from the header when the name attributes are not on the layout, and says so when there is none", () => {
    const page = parse('apptivo/lead.html');
    for (const id of ['lead_first_name_attr', 'lead_last_name_attr']) page.getElementById(`apptivo-attribute-container_${id}`)?.remove();
    expect(adapter.detect(page, at('/app/leads.jsp#/view/90518834/overview'))).toMatchObject({ contact: { name: 'Marcus Lindqvist' } });
    page.querySelector('[ng-bind="uiGenOptions.objectIdx.fullName"]')?.remove();
    expect(adapter.detect(page, at('/app/leads.jsp#/view/90518834/overview'))).toEqual({ kind: 'unreadable', view: 'lead', failed: 'recordTitle' });
  });

  it('says which selector failed when the route view is missing', () => {
    const loading = new DOMParser().parseFromString('<body><!-- ngView: --><div class="app-loading">Loading…</div></body>', 'text/html');
    expect(adapter.detect(loading, at('/app/contacts.jsp#/view/80451277/overview'))).toEqual({ kind: 'unreadable', view: 'contact', failed: 'routeView' });
  });

  it('reads the job title, never the salutation Apptivo calls "Title"', () => {
    const page = parse('apptivo/contact.html');
    page.getElementById('apptivo-attribute-container_contact_job_title_attr')?.remove();
    const found = adapter.detect(page, at('/app/contacts.jsp#/view/80451277/overview'));
    expect(found).toMatchObject({ kind: 'contact', contact: { name: 'Nadia Haddad' } });
    expect(found.kind === 'contact' && found.contact.title).toBe(undefined);
  });

  it("never reads a reference's email or phone as the record's own", () => {
    const page = parse('apptivo/customer.html');
    page.getElementById('apptivo-attribute-container_email_attr')?.remove();
    page.getElementById('apptivo-attribute-container_cust_phone_attr')?.remove();
    const found = adapter.detect(page, at('/app/customers.jsp#/view/71234509/overview'));
    const { email: _email, phone: _phone, ...rest } = BRIGHTLINE;
    expect(found).toEqual({ kind: 'contact', view: 'customer', contact: rest });
  });

  it('reads the facts by their English labels when the attribute ids do not name them', () => {
    const page = parse('apptivo/lead.html');
    const renamed = page.querySelectorAll('[id^="apptivo-attribute-container_lead_"], #apptivo-attribute-container_address_section_attr_id');
    renamed.forEach((element, i) => (element.id = `apptivo-attribute-container_input_1554640209203_${i}`));
    // The address's country is a line like the others: without the API's binding, no country of its own.
    for (const element of page.querySelectorAll('[ng-bind]')) if (!element.closest('.page-header')) element.removeAttribute('ng-bind');
    const { country: _country, ...rest } = MARCUS;
    expect(adapter.detect(page, at('/app/leads.jsp#/view/90518834/overview'))).toEqual({ kind: 'contact', view: 'lead', contact: rest });

    // A layout with a Country attribute of its own.
    page.querySelector('.apppanel .row')?.insertAdjacentHTML(
      'beforeend',
      '<div class="col-sm-6 form-group apptivo-attribute-container" id="apptivo-attribute-container_input_1554640209203_12"><label class="col-sm-4 control-label">Country:</label><div class="col-sm-8"><div class="viewObject">Sweden</div></div></div>',
    );
    expect(adapter.detect(page, at('/app/leads.jsp#/view/90518834/overview'))).toEqual({ kind: 'contact', view: 'lead', contact: MARCUS });
  });

  it("reads a fact shown but empty as missing, and fills it from the customer's references only then", () => {
    // customer-2.html: Employees shown but empty; a customer has no customer of its own to ask.
    expect(adapter.detect(parse('apptivo/customer-2.html'), at('/app/customers.jsp#/view/71234588/overview'))).toEqual({ kind: 'contact', view: 'customer', contact: HARBOR });

    // contact.html: her Industry is shown but empty, so it is the customer's; once it is her own, hers wins.
    const page = parse('apptivo/contact.html');
    const own = page.querySelector('#apptivo-attribute-container_contact_industry_attr .viewObject');
    if (own) own.textContent = 'None';
    expect(adapter.detect(page, at('/app/contacts.jsp#/view/80451277/overview'))).toEqual({ kind: 'contact', view: 'contact', contact: NADIA });
    if (own) own.textContent = 'Logistics Services';
    expect(adapter.detect(page, at('/app/contacts.jsp#/view/80451277/overview'))).toEqual({
      kind: 'contact',
      view: 'contact',
      contact: { ...NADIA, industry: 'Logistics Services', fromAccount: ['employees', 'country'] },
    });
  });

  it("reads only references to the record's own customer: not the referrer's, the assignee's or another customer's", () => {
    // lead.html: Referred By shows Olivia Brandt; a reference labelled like a customer's field but showing her is not read.
    const lead = parse('apptivo/lead.html');
    for (const id of ['lead_industry_attr', 'lead_employee_range_attr', 'address_section_attr_id']) lead.getElementById(`apptivo-attribute-container_${id}`)?.remove();
    const referrer = lead.getElementById('apptivo-attribute-container_referred_by_attr');
    referrer?.insertAdjacentHTML(
      'afterend',
      '<div class="apptivo-attribute-container apptivo-attribute-container-reference" id="apptivo-attribute-container_referenceField_7_1"><label class="control-label">Customer Industry</label><div class="viewObject"><div class="chat-meta"><div ng-bind-html="item.name">Olivia Brandt</div><div ng-bind-html="item.value">Architecture</div></div></div></div>',
    );
    const found = adapter.detect(lead, at('/app/leads.jsp#/view/90518834/overview'));
    expect(found.kind === 'contact' && [found.contact.industry, found.contact.employees, found.contact.country, found.contact.fromAccount]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);

    // contact.html: the references name another customer (her customer was changed), so none is read.
    const page = parse('apptivo/contact.html');
    const customer = page.querySelector('#apptivo-attribute-container_contact_customer_attr .chat-meta a');
    if (customer) customer.textContent = 'Harbor & Finch Architects';
    const { industry: _industry, employees: _employees, country: _country, fromAccount: _fromAccount, ...own } = NADIA;
    expect(adapter.detect(page, at('/app/contacts.jsp#/view/80451277/overview'))).toEqual({
      kind: 'contact',
      view: 'contact',
      contact: { ...own, company: 'Harbor & Finch Architects' },
    });
  });

  it('never reads a fact from a modal, the related lists or the newsfeed', () => {
    const page = parse('apptivo/customer-2.html');
    page.querySelector('#quickCreateModal .modal-body')?.insertAdjacentHTML(
      'beforeend',
      '<div class="form-group apptivo-attribute-container" id="apptivo-attribute-container_qc_employee_range_attr"><label class="control-label">Employees</label><div class="viewObject">1-10</div></div>',
    );
    page.querySelector('.newsfeed-panel')?.insertAdjacentHTML('beforeend', '<div class="newsfeed-cntr"><div class="stable-responsive">Updated Employees from <b>1-10</b> to <b>11-50</b></div></div>');
    expect(adapter.detect(page, at('/app/customers.jsp#/view/71234588/overview'))).toEqual({ kind: 'contact', view: 'customer', contact: HARBOR });
  });

  it('never reads the signed-in user, references, modals, notes, newsfeed or related lists', () => {
    for (const [file, path] of cases) {
      const text = JSON.stringify(adapter.detect(parse(`apptivo/${file}`), at(path)));
      expect(text).not.toMatch(/morgan\.lee|Morgan Lee|acme-corp/);
      expect(text).not.toMatch(/samuel\.greene|Samuel Greene|555-0177|olivia\.brandt|Olivia Brandt|555-0124|Lena Park|lena\.park|Kenji Sato/);
      expect(text).not.toMatch(/placeholder\.example|Quick Create|home-mail\.example|555-0199|ap@|ops@|it-security@|Rhea Kapoor/);
    }
  });
});

describe('parseApptivoUrl', () => {
  it.each([
    [{ pathname: '/app/customers.jsp', hash: '#/view/71234509/overview' }, { app: 'customers', recordId: '71234509', view: 'customer' }],
    [{ pathname: '/app/contacts.jsp', hash: '#/view/80451277/notes/mynotes' }, { app: 'contacts', recordId: '80451277', view: 'contact' }],
    [{ pathname: '/app/leads.jsp', hash: '#!/view/90518834' }, { app: 'leads', recordId: '90518834', view: 'lead' }],
    [{ pathname: '/app/cases.jsp', hash: '#/view/55510231/newsfeed' }, { app: 'cases', recordId: '55510231', view: 'record' }],
    [{ pathname: '/app/contacts.jsp', hash: '#/dashboard/byqueue/mycontacts' }, { app: 'contacts', view: 'list' }],
    [{ pathname: '/app/leads.jsp', hash: '' }, { app: 'leads', view: 'other' }],
    [{ pathname: '/app/cashmanagement.jsp', hash: '#!/home' }, { app: 'cashmanagement', view: 'other' }],
    [{ pathname: '/app/dao/v6/contacts', hash: '' }, { view: 'other' }],
  ])('%o', (location, expected) => {
    expect(parseApptivoUrl(location)).toEqual(expected);
  });
});

// Which selectors each saved page proves, and where it comes from: conventions.test.ts.
describe('apptivo fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'apptivo')).filter((file) => file.endsWith('.html'));

  it.each(files)('%s has a detection in the table', (file) => {
    expect(cases.some(([tested]) => tested === file)).toBe(true);
  });
});

describe('apptivoAdapter.watch', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    document.body.replaceChildren();
  });

  it('fires once after navigating from customer.html to customer-2.html, and detect then reads the new customer', async () => {
    mount('customer.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    expect(adapter.detect(document, at('/app/customers.jsp#/view/71234509/overview'))).toMatchObject({ contact: { company: 'Brightline Logistics Inc.' } });

    // The hash changes, then AngularJS replaces the ng-view element with the new route's view.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    document.querySelector('[ng-view]')?.replaceWith(elementOf('customer-2.html', '[ng-view]'));
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at('/app/customers.jsp#/view/71234588/overview'))).toEqual({ kind: 'contact', view: 'customer', contact: HARBOR });
  });

  it('fires when the view renders its data after the hash changed, into the view it now watches', async () => {
    mount('lead-unreadable.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const view = document.querySelector('[ng-view]');
    const panel = view?.querySelector('.apppanel .row');
    panel?.replaceChildren(...elementOf('lead.html', '.apppanel .row').childNodes);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('keeps watching the new view after AngularJS replaced the old one', async () => {
    mount('customer.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    document.querySelector('[ng-view]')?.replaceWith(elementOf('customer-2.html', '[ng-view]'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    // Data arriving later in the new view (no URL event) is news too; the old view is gone.
    document.querySelector('[ng-view] .newsfeed-panel')?.append(document.createElement('div'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('does not fire for 1,000 mutations outside the route view', async () => {
    mount('customer.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const headerBar = document.querySelector('#app-header');
    const left = document.querySelector('#app-left-panel');
    const modal = document.querySelector('#quickCreateModal');
    const menu = document.querySelector('.usrprofile');
    for (let i = 0; i < 1000; i++) {
      const target = [headerBar, left, modal, menu, document.body][i % 5];
      const node = document.createElement('span');
      node.textContent = `tick ${i}`;
      target?.append(node);
      if (i % 3 === 0) node.remove();
      headerBar?.setAttribute('data-tick', String(i));
      menu?.classList.toggle('open');
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('waits for the app to render its view, without firing for the page loading around it', async () => {
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    mount('contact.html');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    document.querySelector('#app-left-panel')?.append(document.createElement('li'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.querySelector('[ng-view] .newsfeed-panel')?.append(document.createElement('div'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added', async () => {
    mount('customer.html');
    const onChange = vi.fn();
    adapter.watch(document, window, onChange)();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.querySelector('[ng-view]')?.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
