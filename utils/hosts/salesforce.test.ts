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
