// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { salesforceAdapter as adapter, parseSalesforceUrl } from './salesforce';
import { attachDeclarativeShadowRoots, FIXTURES, fixturePage as parse } from './testing';
import type { Detection, PageContact } from './types';

const ORIGIN = 'https://acme.lightning.force.com';
const at = (path: string) => new URL(path, ORIGIN) as unknown as Location;

/** Nodes of a fixture for the test's own document, shadow roots still as templates. */
function nodesOf(file: string, selector: string): Node[] {
  const from = parse(`salesforce/${file}`, { attachShadows: false }).querySelector(selector);
  return [...(from?.childNodes ?? [])].map((node) => document.importNode(node, true));
}

/** Puts a fixture's page into the test's own document, as the browser would have it. */
function mount(file: string) {
  document.body.replaceChildren(...nodesOf(file, 'body'));
  attachDeclarativeShadowRoots(document);
}

const DANA: PageContact = {
  source: 'salesforce',
  name: 'Dana Whitfield',
  email: 'dana.whitfield@northwind-robotics.example',
  title: 'VP Operations',
  company: 'Northwind Robotics',
  phone: '(415) 555-0142',
  // Her own record's facts, by API name (Dynamic Forms), as the page shows them.
  industry: 'Manufacturing',
  employees: '180',
  revenue: '$24,000,000',
  rating: 'Hot',
  leadSource: 'Web',
  stage: 'Working - Contacted',
  address: '2200 Bayshore Blvd, San Francisco, CA 94124, United States',
  recordUrl: `${ORIGIN}/lightning/r/Lead/00Q5e00000AbCdEEAV/view`,
  custom: { object: 'Lead', recordId: '00Q5e00000AbCdEEAV' },
};

const cases: [file: string, path: string, expected: Detection][] = [
  ['lead.html', '/lightning/r/Lead/00Q5e00000AbCdEEAV/view', { kind: 'contact', view: 'lead', contact: DANA }],
  // After a save Lightning redirects to /lightning/r/<Id>/view: the key prefix 00Q says Lead.
  ['lead.html', '/lightning/r/00Q5e00000AbCdEEAV/view', { kind: 'contact', view: 'lead', contact: DANA }],
  ['lead.html', '/lightning/r/Lead/00Q5e00000AbCdEEAV/view?0.source=alohaHeader', { kind: 'contact', view: 'lead', contact: DANA }],
  [
    'contact.html',
    '/lightning/r/Contact/0035e00000FgHiJAAV/view',
    {
      kind: 'contact',
      view: 'contact',
      contact: {
        source: 'salesforce',
        name: 'Amelia Ortiz',
        email: 'amelia.ortiz@brightwave-health.example',
        title: 'Director of IT',
        company: 'Brightwave Health',
        phone: '+1 617 555 0199',
        department: 'Information Technology',
        // Her Mailing Address is shown but empty; her Account's card gives what she lacks.
        industry: 'Healthcare',
        employees: '2,300',
        address: '100 Harbor Way, Boston, MA 02110, United States',
        fromAccount: ['industry', 'employees', 'address'],
        recordUrl: `${ORIGIN}/lightning/r/Contact/0035e00000FgHiJAAV/view`,
        custom: { object: 'Contact', recordId: '0035e00000FgHiJAAV' },
      },
    },
  ],
  [
    // Native shadow DOM; no Phone on his layout, and the Account card's phone is not his.
    'contact-2.html',
    '/lightning/r/Contact/0035e00000KlMnOAAV/view',
    {
      kind: 'contact',
      view: 'contact',
      contact: {
        source: 'salesforce',
        name: 'Jonas Weber',
        email: 'jonas.weber@kestrel-logistics.example',
        title: 'Head of Procurement',
        company: 'Kestrel Logistics GmbH',
        department: 'Procurement',
        address: 'Am Sandtorkai 38, 20457 Hamburg, Germany',
        // Through native shadow roots, from his Account's card: he has no industry or employees of his own.
        industry: 'Transportation',
        employees: '850',
        fromAccount: ['industry', 'employees'],
        recordUrl: `${ORIGIN}/lightning/r/Contact/0035e00000KlMnOAAV/view`,
        custom: { object: 'Contact', recordId: '0035e00000KlMnOAAV' },
      },
    },
  ],
  [
    'account.html',
    '/lightning/r/Account/0015e00000XyZabAAB/view',
    {
      kind: 'contact',
      view: 'account',
      contact: {
        source: 'salesforce',
        company: 'Brightwave Health',
        phone: '(617) 555-0100',
        industry: 'Healthcare',
        employees: '2,300',
        revenue: '$48,000,000',
        rating: 'Hot',
        address: '100 Harbor Way, Boston, MA 02110, United States',
        recordUrl: `${ORIGIN}/lightning/r/Account/0015e00000XyZabAAB/view`,
        custom: { object: 'Account', recordId: '0015e00000XyZabAAB', website: 'https://www.brightwave-health.example' },
      },
    },
  ],
  [
    'lead-console.html',
    '/lightning/r/Lead/00Q5e00000QrStUEAV/view',
    {
      kind: 'contact',
      view: 'lead',
      contact: {
        source: 'salesforce',
        name: 'Priya Raman',
        email: 'priya.raman@lumen-analytics.example',
        title: 'Data Platform Lead',
        company: 'Lumen Analytics Ltd',
        phone: '+44 20 7946 0321',
        // By English label (page layout); her Rating is shown but empty.
        industry: 'Technology',
        employees: '45',
        revenue: '$6,500,000',
        leadSource: 'Partner Referral',
        stage: 'Working - Contacted',
        address: '41 Shoreditch High St, London E1 6JJ, United Kingdom',
        recordUrl: `${ORIGIN}/lightning/r/Lead/00Q5e00000QrStUEAV/view`,
        custom: { object: 'Lead', recordId: '00Q5e00000QrStUEAV' },
      },
    },
  ],
  ['list.html', '/lightning/o/Lead/list?filterName=Recent', { kind: 'none', view: 'list' }],
  ['list.html', '/lightning/o/Lead/home', { kind: 'none', view: 'list' }],
  ['lead-unreadable.html', '/lightning/r/Lead/00Q5e00000AbCdEEAV/view', { kind: 'unreadable', view: 'lead', failed: 'detailFields' }],
  // Pages of other kinds say nothing, whatever is in the DOM.
  ['lead.html', '/lightning/r/Opportunity/0065e00000OpPoRAAR/view', { kind: 'none', view: 'record' }],
  ['lead.html', '/lightning/r/Lead/00Q5e00000AbCdEEAV/related/Histories/view', { kind: 'none', view: 'other' }],
  ['lead.html', '/lightning/page/home', { kind: 'none', view: 'other' }],
];

describe('salesforceAdapter.detect', () => {
  it.each(cases)('%s at %s', (file, path, expected) => {
    expect(adapter.detect(parse(`salesforce/${file}`), at(path))).toEqual(expected);
  });

  it('keys the record by the origin it was read on', () => {
    const found = adapter.detect(parse('salesforce/lead.html'), new URL('https://acme.my.salesforce.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view') as unknown as Location);
    expect(found).toMatchObject({ contact: { recordUrl: 'https://acme.my.salesforce.com/lightning/r/Lead/00Q5e00000AbCdEEAV/view' } });
  });

  it('reads the view that is in front, not the earlier one still in the DOM', () => {
    const page = parse('salesforce/lead.html');
    const [earlier, current] = page.querySelectorAll('.oneCenterStage > .oneContent');
    current?.classList.remove('active');
    earlier?.classList.add('active');
    expect(adapter.detect(page, at('/lightning/r/Lead/00Q5e00000ZyXwVEAV/view'))).toMatchObject({
      kind: 'contact',
      contact: { name: 'Oskar Brandt', email: 'oskar.brandt@fjordline.example', company: 'Fjordline Shipping AS' },
    });
  });

  it('says which selector failed when no view is active or the active one is hidden', () => {
    const page = parse('salesforce/lead.html');
    const active = page.querySelector('.oneContent.active');
    active?.setAttribute('aria-hidden', 'true');
    expect(adapter.detect(page, at(cases[0]![1]))).toEqual({ kind: 'unreadable', view: 'lead', failed: 'activeView' });
    active?.classList.remove('active');
    active?.removeAttribute('aria-hidden');
    expect(adapter.detect(page, at(cases[0]![1]))).toEqual({ kind: 'unreadable', view: 'lead', failed: 'activeView' });
    expect(adapter.detect(new DOMParser().parseFromString('<p>Loading…</p>', 'text/html'), at(cases[0]![1]))).toMatchObject({ failed: 'activeView' });
  });

  it('says the record name failed when the highlights panel lost it', () => {
    const page = parse('salesforce/lead.html');
    page.querySelector('.oneContent.active [slot="primaryField"]')?.remove();
    expect(adapter.detect(page, at(cases[0]![1]))).toEqual({ kind: 'unreadable', view: 'lead', failed: 'recordName' });
  });

  it('reads a field whose value is empty as missing, not as the label', () => {
    const page = parse('salesforce/lead.html');
    page.querySelector('.oneContent.active [data-target-selection-name="sfdc:RecordField.Lead.Title"] lightning-formatted-text')?.remove();
    const found = adapter.detect(page, at(cases[0]![1]));
    expect(found.kind === 'contact' && found.contact.title).toBe(undefined);
  });

  it('reads no fact from an empty field, a placeholder or the words of an empty picklist', () => {
    const page = parse('salesforce/lead.html');
    const value = (field: string) => page.querySelector(`.oneContent.active [data-target-selection-name="sfdc:RecordField.Lead.${field}"] .test-id__field-value`)!;
    value('Industry').querySelector('lightning-formatted-text')!.textContent = '--None--';
    value('Rating').querySelector('lightning-formatted-text')!.textContent = '—';
    value('AnnualRevenue').querySelector('lightning-formatted-text')!.textContent = 'None';
    value('NumberOfEmployees').replaceChildren();
    value('Address').querySelector('lightning-formatted-address')!.replaceChildren();
    const found = adapter.detect(page, at(cases[0]![1]));
    expect(found.kind === 'contact' && found.contact).toMatchObject({ leadSource: 'Web', stage: 'Working - Contacted' });
    for (const fact of ['industry', 'rating', 'revenue', 'employees', 'address'] as const) expect(found.kind === 'contact' && found.contact[fact], fact).toBe(undefined);
  });

  it("takes a Contact's own fields before his Account's card, and says which came from the card", () => {
    const page = parse('salesforce/contact.html');
    const mailing = page.querySelector('.oneContent.active records-record-layout-item[field-label="Mailing Address"] slot[name="outputField"]')!;
    mailing.insertAdjacentHTML('beforeend', '<lightning-formatted-address><a href="#"><div class="slds-truncate">1 Beacon St</div><div class="slds-truncate">Boston, MA 02108</div><div class="slds-truncate">United States</div></a></lightning-formatted-address>');
    expect(adapter.detect(page, at('/lightning/r/Contact/0035e00000FgHiJAAV/view'))).toMatchObject({
      contact: { address: '1 Beacon St, Boston, MA 02108, United States', industry: 'Healthcare', employees: '2,300', fromAccount: ['industry', 'employees'] },
    });
    // Without the card, nothing comes from the Account, and nothing says so.
    page.querySelector('article.forceRelatedRecordContainer')?.remove();
    const alone = adapter.detect(page, at('/lightning/r/Contact/0035e00000FgHiJAAV/view'));
    expect(alone.kind === 'contact' && [alone.contact.industry, alone.contact.employees, alone.contact.fromAccount]).toEqual([undefined, undefined, undefined]);
  });

  it("never takes a Lead's or an Account's facts from another object's card, nor a related Contact's card as a Contact's own", () => {
    // A Related Record card of his manager (Reports To, a Contact): stamped with the Contact's own API names.
    const page = parse('salesforce/contact-2.html');
    const card = page.querySelector('article.forceRelatedRecordContainer')!;
    const manager = card.cloneNode(true) as Element;
    manager.setAttribute('aria-label', 'Reports To');
    for (const stamped of manager.querySelectorAll('[data-target-selection-name]')) {
      stamped.setAttribute('data-target-selection-name', stamped.getAttribute('data-target-selection-name')!.replace('.Account.', '.Contact.'));
    }
    const department = manager.querySelector('[data-target-selection-name$=".Industry"]')!;
    department.setAttribute('data-target-selection-name', 'sfdc:RecordField.Contact.Department');
    const value = department.querySelector('.test-id__field-value')!;
    value.replaceChildren();
    value.insertAdjacentHTML('beforeend', '<slot name="outputField"><lightning-formatted-text>Legal</lightning-formatted-text></slot>');
    const component = page.createElement('flexipage-component2');
    component.setAttribute('data-component-id', 'force_relatedRecordContainer');
    component.append(manager);
    card.closest('flexipage-component2')!.after(component);
    // His own Department field gone: the manager's is not his.
    const own = [...page.querySelectorAll('flexipage-column2')].flatMap((column) => [...(column.shadowRoot?.querySelectorAll('[data-field-id="RecordDepartmentField"]') ?? [])]);
    expect(own).toHaveLength(1);
    own[0]!.remove();
    const found = adapter.detect(page, at('/lightning/r/Contact/0035e00000KlMnOAAV/view'));
    expect(found.kind === 'contact' && found.contact.department).toBe(undefined);
    expect(found).toMatchObject({ contact: { industry: 'Transportation', fromAccount: ['industry', 'employees'] } });
    // It is the card that keeps it out: the same field outside a Related Record card would be his.
    component.removeAttribute('data-component-id');
    manager.classList.remove('forceRelatedRecordContainer');
    expect(adapter.detect(page, at('/lightning/r/Contact/0035e00000KlMnOAAV/view'))).toMatchObject({ contact: { department: 'Legal' } });

    // A Lead has no Account: an Account card on a Lead page gives it nothing.
    const lead = parse('salesforce/lead.html');
    const active = lead.querySelector('.oneContent.active')!;
    active.querySelector('[data-target-selection-name="sfdc:RecordField.Lead.Industry"]')?.closest('flexipage-field')?.remove();
    const accountCard = parse('salesforce/contact.html').querySelector('[data-component-id="force_relatedRecordContainer"]')!;
    expect(accountCard.textContent).toContain('Healthcare');
    active.querySelector('.region-sidebar-right')!.append(lead.importNode(accountCard, true));
    const onLead = adapter.detect(lead, at(cases[0]![1]));
    expect(onLead.kind === 'contact' && [onLead.contact.industry, onLead.contact.fromAccount]).toEqual([undefined, undefined]);
  });

  it('never reads a fact from the signed-in user, an earlier view, related lists or the activity timeline', () => {
    const page = parse('salesforce/lead.html');
    const own = page.querySelector('.oneContent.active [data-target-selection-name="sfdc:RecordField.Lead.Industry"]')!.closest('flexipage-field')!;
    // An earlier Lead's Industry field, still in the DOM, and the same field in the user's profile card and the header.
    page.querySelector('.oneContent:not(.active) .slds-form')!.append(own.cloneNode(true));
    page.querySelector('.oneUserProfileCard .panel-content')!.append(own.cloneNode(true));
    page.querySelector('#oneHeader')!.append(own.cloneNode(true));
    for (const field of page.querySelectorAll('.oneContent:not(.active) [data-target-selection-name$=".Industry"] lightning-formatted-text, .oneUserProfileCard lightning-formatted-text, #oneHeader lightning-formatted-text'))
      field.textContent = 'Aerospace';
    // A related list's tile and an email in the activity timeline, as Lightning shows them.
    page.querySelector('.oneContent.active [aria-label="Campaign History"] dl')!.insertAdjacentHTML('beforeend', '<dt class="slds-item_label" title="Industry">Industry:</dt><dd class="slds-item_detail">Aerospace</dd>');
    page.querySelector('.oneContent.active .slds-timeline__item_details ul')!.insertAdjacentHTML('beforeend', '<li><span class="slds-text-title">Industry</span><span class="slds-text-body_medium">Aerospace</span></li>');
    own.remove();
    const found = adapter.detect(page, at(cases[0]![1]));
    expect(found.kind === 'contact' && found.contact.industry).toBe(undefined);
    expect(JSON.stringify(found)).not.toContain('Aerospace');
  });

  it('never reads the signed-in user, related lists or activity', () => {
    for (const [file, path] of cases) {
      const found = adapter.detect(parse(`salesforce/${file}`), at(path));
      const text = JSON.stringify(found);
      expect(text).not.toContain('morgan.lee');
      expect(text).not.toContain('Morgan Lee');
      expect(text).not.toMatch(/procurement@|samuel\.greene|lena\.park|it-helpdesk@|\+49 40/);
    }
  });
});

describe('parseSalesforceUrl', () => {
  it.each([
    ['/lightning/r/Lead/00Q5e00000AbCdE/view', { object: 'Lead', recordId: '00Q5e00000AbCdE', view: 'lead' }],
    ['/lightning/r/0035e00000FgHiJAAV/view', { object: 'Contact', recordId: '0035e00000FgHiJAAV', view: 'contact' }],
    ['/lightning/r/Custom_Thing__c/a015e00000XyZabAAB/view', { object: 'Custom_Thing__c', recordId: 'a015e00000XyZabAAB', view: 'record' }],
    ['/lightning/r/a015e00000XyZabAAB/view', { object: undefined, recordId: 'a015e00000XyZabAAB', view: 'record' }],
    ['/lightning/o/Contact/list', { view: 'list' }],
    ['/lightning/r/Lead/00Q5e00000AbCdEEAV/edit', { view: 'other' }],
    ['/one/one.app', { view: 'other' }],
  ])('%s', (pathname, expected) => {
    expect(parseSalesforceUrl({ pathname })).toEqual(expected);
  });
});

// Which selectors each saved page proves, and where it comes from: conventions.test.ts.
describe('salesforce fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'salesforce')).filter((file) => file.endsWith('.html'));

  it.each(files)('%s has a detection in the table', (file) => {
    expect(cases.some(([tested]) => tested === file)).toBe(true);
  });
});

describe('salesforceAdapter.watch', () => {
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
    expect(adapter.detect(document, at('/lightning/r/Contact/0035e00000FgHiJAAV/view'))).toMatchObject({ contact: { name: 'Amelia Ortiz' } });

    // Lightning swaps the views in the centre stage, then the URL changes (here: back/forward, so popstate).
    document.querySelector('.oneCenterStage')?.replaceChildren(...nodesOf('contact-2.html', '.oneCenterStage'));
    attachDeclarativeShadowRoots(document);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at('/lightning/r/Contact/0035e00000KlMnOAAV/view'))).toMatchObject({
      kind: 'contact',
      contact: { name: 'Jonas Weber', email: 'jonas.weber@kestrel-logistics.example' },
    });
  });

  it('fires when pushState navigation brings a cached view back to the front (a class change, no event)', async () => {
    mount('contact-2.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const [earlier, current] = document.querySelectorAll('.oneCenterStage > .oneContent');
    current?.classList.remove('active');
    earlier?.classList.add('active');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at('/lightning/r/Contact/0035e00000FgHiJAAV/view'))).toMatchObject({ contact: { name: 'Amelia Ortiz' } });
  });

  it('fires when a console switches workspace tabs', async () => {
    mount('lead-console.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const [contactTab, leadTab] = document.querySelectorAll('section.oneConsoleTab');
    leadTab?.classList.remove('active');
    leadTab?.setAttribute('aria-hidden', 'true');
    contactTab?.classList.add('active');
    contactTab?.removeAttribute('aria-hidden');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at('/lightning/r/Contact/0035e00000FgHiJAAV/view'))).toMatchObject({ contact: { name: 'Amelia Ortiz' } });
  });

  it('does not fire for 1,000 mutations outside the views', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const header = document.querySelector('#oneHeader');
    const utilityBar = document.querySelector('.slds-utility-bar');
    const card = document.querySelector('.oneUserProfileCard');
    for (let i = 0; i < 1000; i++) {
      const target = [header, utilityBar, card, document.body][i % 4];
      const node = document.createElement('span');
      node.textContent = `tick ${i}`;
      target?.append(node);
      if (i % 3 === 0) node.remove();
      header?.setAttribute('data-tick', String(i));
      card?.classList.toggle('open');
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('waits for the app to render the view manager, without firing for the page loading around it', async () => {
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    mount('lead.html');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    document.querySelector('#oneHeader')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.querySelector('.oneContent.active flexipage-tab2')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added', async () => {
    mount('contact.html');
    const onChange = vi.fn();
    adapter.watch(document, window, onChange)();
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    document.querySelector('.oneCenterStage')?.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
