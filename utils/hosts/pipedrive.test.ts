// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pipedriveAdapter as adapter, parsePipedriveUrl } from './pipedrive';
import type { Detection, PageContact } from './types';

// Paths, not file: URLs: in this environment URL is happy-dom's, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
const ORIGIN = 'https://tandem-demo.pipedrive.com';
const at = (path: string) => new URL(path, ORIGIN) as unknown as Location;
const html = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const parse = (file: string): Document => new DOMParser().parseFromString(html(`pipedrive/${file}`), 'text/html');

/** Nodes of a fixture for the test's own document. */
function nodesOf(file: string, selector: string): Node[] {
  const from = parse(file).querySelector(selector);
  return [...(from?.childNodes ?? [])].map((node) => document.importNode(node, true));
}

/** Puts a fixture's page into the test's own document. */
function mount(file: string) {
  document.body.replaceChildren(...nodesOf(file, 'body'));
}

const ELIF: PageContact = {
  source: 'pipedrive',
  name: 'Elif Kaya',
  email: 'elif.kaya@northwind-robotics.example',
  phone: '+1 415 555 0178',
  company: 'Northwind Robotics',
  title: 'Head of Operations',
  recordUrl: `${ORIGIN}/person/1042`,
  custom: { object: 'person', recordId: '1042' },
  address: '1 Ferry Building, San Francisco, CA 94111, USA',
  rating: 'Hot lead',
  department: 'Operations',
  leadSource: 'Webinar',
  // Her own Industry is empty ("+ Add") and she has no employee count or revenue: her organisation's block gives them.
  industry: 'Robotics',
  employees: '51-200',
  revenue: '$24,000,000',
  fromAccount: ['industry', 'employees', 'revenue'],
};
const RAFAEL: PageContact = {
  source: 'pipedrive',
  name: 'Rafael Souza',
  email: 'rafael.souza@verde-agro.example',
  phone: '+55 11 5555 0142',
  company: 'Verde Agro Ltda.',
  recordUrl: `${ORIGIN}/person/1077`,
  custom: { object: 'person', recordId: '1077' },
  // His own, by English label; his Labels field is empty; his organisation's industry and size are not read.
  industry: 'Agribusiness',
  employees: '201-500',
  revenue: 'R$ 120.000.000',
  address: 'Rua Funchal 418, São Paulo - SP, 04551-060, Brazil',
  country: 'Brazil',
  leadSource: 'Trade show',
  department: 'Procurement',
};
const NORTHWIND: PageContact = {
  source: 'pipedrive',
  company: 'Northwind Robotics',
  recordUrl: `${ORIGIN}/organization/311`,
  custom: { object: 'organization', recordId: '311' },
  industry: 'Robotics',
  employees: '51-200',
  revenue: '$24,000,000',
  address: '500 Harbor Blvd, San Francisco, CA 94107',
  rating: 'Customer',
};

const cases: [file: string, path: string, expected: Detection][] = [
  ['person.html', '/person/1042', { kind: 'contact', view: 'person', contact: ELIF }],
  ['person.html', '/person/1042/?tab=activity#note-88', { kind: 'contact', view: 'person', contact: ELIF }],
  // Call buttons, links without data-test, no job title; Elif's view still in the DOM, hidden.
  ['person-2.html', '/person/1077', { kind: 'contact', view: 'person', contact: RAFAEL }],
  ['organization.html', '/organization/311', { kind: 'contact', view: 'organization', contact: NORTHWIND }],
  ['list.html', '/persons/list/user/12', { kind: 'none', view: 'list' }],
  ['list.html', '/persons/list/everyone?sort=name', { kind: 'none', view: 'list' }],
  ['list.html', '/organizations/list/filter/31', { kind: 'none', view: 'list' }],
  // The list is in front: the person view opened earlier and hidden is never read.
  ['list.html', '/person/1042', { kind: 'unreadable', view: 'person', failed: 'detailView' }],
  ['person-unreadable.html', '/person/1042', { kind: 'unreadable', view: 'person', failed: 'fieldsList' }],
  // Pages of other kinds say nothing, whatever is in the DOM.
  ['person.html', '/deal/2207', { kind: 'none', view: 'record' }],
  ['person.html', '/person/1042/files', { kind: 'none', view: 'other' }],
  ['person.html', '/leads/inbox', { kind: 'none', view: 'other' }],
];

describe('pipedriveAdapter.detect', () => {
  it.each(cases)('%s at %s', (file, path, expected) => {
    expect(adapter.detect(parse(file), at(path))).toEqual(expected);
  });

  it('keys the record by the company host it was read on', () => {
    const found = adapter.detect(parse('person.html'), new URL('https://northwind-eu.pipedrive.com/person/1042') as unknown as Location);
    expect(found).toMatchObject({ contact: { recordUrl: 'https://northwind-eu.pipedrive.com/person/1042' } });
  });

  it('reads the view that is in front, not the earlier one still in the DOM', () => {
    const page = parse('person.html');
    const [earlier, current] = page.querySelectorAll('.viewContainer');
    current?.setAttribute('style', 'display: none;');
    earlier?.removeAttribute('style');
    expect(adapter.detect(page, at('/person/1009'))).toMatchObject({
      kind: 'contact',
      contact: { name: 'Oskar Brandt', email: 'oskar.brandt@fjordline.example', company: 'Fjordline Shipping AS', title: 'Fleet Director' },
    });
  });

  it("leaves a field the person lacks empty, never another record's", () => {
    const page = parse('person.html');
    const own = page.querySelector('.viewContainer:not([style]) .fieldsList');
    own?.querySelector('[data-test="phone-label"]')?.replaceChildren();
    own?.querySelector('[data-test="email-label"]')?.closest('.item')?.remove();
    const found = adapter.detect(page, at('/person/1042'));
    expect(found).toMatchObject({ kind: 'contact', contact: { name: 'Elif Kaya', company: 'Northwind Robotics' } });
    expect(found.kind === 'contact' && [found.contact.phone, found.contact.email]).toEqual([undefined, undefined]);
  });

  it('says which selector failed', () => {
    const page = parse('person.html');
    const view = page.querySelector('.viewContainer:not([style])');
    // Without its own Details, the linked organisation's fields list is not taken for the person's.
    view?.querySelector('.detailsBlock')?.remove();
    expect(adapter.detect(page, at('/person/1042'))).toEqual({ kind: 'unreadable', view: 'person', failed: 'fieldsList' });
    // No name in any place: the header's title, the name field (it was in the Details) and the document title.
    view?.querySelector('.infoBlock h1')?.remove();
    page.querySelector('title')?.replaceChildren('Pipedrive');
    expect(adapter.detect(page, at('/person/1042'))).toEqual({ kind: 'unreadable', view: 'person', failed: 'recordName' });
    view?.querySelector('.detailView')?.classList.remove('detailView');
    expect(adapter.detect(page, at('/person/1042'))).toEqual({ kind: 'unreadable', view: 'person', failed: 'detailView' });
    view?.setAttribute('style', 'display: none;');
    expect(adapter.detect(page, at('/person/1042'))).toEqual({ kind: 'unreadable', view: 'person', failed: 'activeView' });
    expect(adapter.detect(new DOMParser().parseFromString('<p>Loading…</p>', 'text/html'), at('/person/1042'))).toMatchObject({ failed: 'activeView' });
  });

  it('never reads the signed-in user, the organisation block, people lists, deal participants or history', () => {
    for (const [file, path] of cases) {
      const found = adapter.detect(parse(file), at(path));
      // An organisation's own address is its own fact, on its own page.
      const text = JSON.stringify(found.kind === 'contact' && found.view === 'organization' ? { ...found.contact, address: undefined } : found);
      expect(text).not.toMatch(/morgan\.lee|Morgan Lee|Tandem Demo/);
      expect(text).not.toMatch(/marcus\.bell|ana\.ruiz|beatriz\.lima|mailbox\.example|correio\.example/);
      expect(text).not.toMatch(/555 0199|555 0144|555 0123|555 0100|555 0177|555 0179|Harbor Blvd|Paulista/);
    }
  });
});

describe("pipedriveAdapter.detect: the person's name, from every place public integrations read it", () => {
  /** person.html with only the name places `keep` names: the header's title, the name field, the document title. */
  function pageWith(file: string, keep: 'header' | 'descriptionHead' | 'name-label' | 'entity-name' | 'person-name' | 'title') {
    const page = parse(file);
    const view = page.querySelector('.viewContainer:not([style])');
    const title = view?.querySelector('.infoBlock h1');
    if (keep === 'descriptionHead') title?.parentElement?.setAttribute('class', 'descriptionHead');
    else if (keep === 'entity-name' || keep === 'person-name') title?.parentElement?.removeAttribute('class');
    else if (keep !== 'header') title?.remove();
    if (keep !== 'entity-name') view?.querySelector('[data-test="entity-name"]')?.removeAttribute('data-test');
    if (keep !== 'person-name') view?.querySelector('[data-test="person-name"]')?.removeAttribute('data-test');
    if (keep !== 'name-label') view?.querySelector('[data-test="name-label"]')?.closest('.item')?.remove();
    if (keep !== 'title') page.querySelector('title')?.replaceChildren();
    return page;
  }
  const nameOn = (page: Document, path: string) => {
    const found = adapter.detect(page, at(path));
    return found.kind === 'contact' ? found.contact : found;
  };

  it.each([
    ['header', 'person.html'],
    ['descriptionHead', 'person.html'],
    ['entity-name', 'person.html'],
    ['name-label', 'person.html'],
    ['title', 'person.html'],
  ] as const)('reads the name from the %s alone (%s), and the rest as before', (keep, file) => {
    expect(nameOn(pageWith(file, keep), '/person/1042')).toEqual(ELIF);
  });

  it.each([
    ['header', 'person-2.html'],
    ['person-name', 'person-2.html'],
    ['title', 'person-2.html'],
  ] as const)('reads the name from the %s alone (%s), and the rest as before', (keep, file) => {
    expect(nameOn(pageWith(file, keep), '/person/1077')).toEqual(RAFAEL);
  });

  it.each([
    ['Elif Kaya - contact details', 'Elif Kaya'],
    ['Elif Kaya - Pipedrive', 'Elif Kaya'],
    ['(3) Elif Kaya - Pipedrive', 'Elif Kaya'],
    ['Elif Kaya - contact details - Pipedrive', 'Elif Kaya'],
    ['Pipedrive', undefined],
    ['Contacts', undefined],
    ['', undefined],
  ])('reads "%s" in the document title as the name %s', (title, name) => {
    const page = pageWith('person.html', 'title');
    page.querySelector('title')?.replaceChildren(title);
    const found = adapter.detect(page, at('/person/1042'));
    expect(found.kind === 'contact' ? found.contact.name : undefined).toBe(name);
    if (!name) expect(found).toEqual({ kind: 'unreadable', view: 'person', failed: 'recordName' });
  });

  it('prefers the header, then the name field, then the document title', () => {
    const page = parse('person.html');
    page.querySelector('title')?.replaceChildren('Someone Else - Pipedrive');
    page.querySelector('.viewContainer:not([style]) [data-test="name-label"]')?.replaceChildren('Elif K.');
    expect(nameOn(page, '/person/1042')).toMatchObject({ name: 'Elif Kaya' });
    page.querySelector('.viewContainer:not([style]) .infoBlock h1')?.remove();
    expect(nameOn(page, '/person/1042')).toMatchObject({ name: 'Elif K.' });
  });

  it("never takes another record's name field for the person's", () => {
    const page = pageWith('person.html', 'title');
    page.querySelector('title')?.replaceChildren();
    // The linked organisation's block shows its own Name field; a deal participant is named in a link.
    const org = page.querySelector('.viewContainer:not([style]) .orgBlock .fieldsList');
    org?.insertAdjacentHTML('afterbegin', '<div class="item"><div class="key">Name</div><div class="value" data-test="name-label">Northwind Robotics</div></div>');
    expect(adapter.detect(page, at('/person/1042'))).toEqual({ kind: 'unreadable', view: 'person', failed: 'recordName' });
  });
});

describe("pipedriveAdapter.detect: the record's facts", () => {
  const contactOf = (detection: Detection) => (detection.kind === 'contact' ? detection.contact : undefined);
  const fieldOf = (page: Document, label: string, block = '.detailsBlock') =>
    [...page.querySelectorAll(`.viewContainer:not([style]) ${block} .fieldsList .item`)].find((item) => item.querySelector('.key')?.textContent === label);

  it("reads the person's own facts first: the organisation's other industry and size are not read", () => {
    const found = contactOf(adapter.detect(parse('person-2.html'), at('/person/1077')));
    expect(found).toMatchObject({ industry: 'Agribusiness', employees: '201-500' });
    expect(found?.fromAccount).toBeUndefined();
    expect(JSON.stringify(found)).not.toMatch(/Food production|1,001-5,000|Paulista/);
  });

  it("reads from the person's organisation only what the person lacks, and says so in fromAccount", () => {
    const page = parse('person-2.html');
    for (const label of ['Industry', 'Postal address', 'Country']) fieldOf(page, label)?.remove();
    const found = contactOf(adapter.detect(page, at('/person/1077')));
    expect(found).toMatchObject({ industry: 'Food production', employees: '201-500', address: 'Av. Paulista 1000, São Paulo' });
    expect(found?.country).toBeUndefined();
    expect(found?.fromAccount).toEqual(['industry', 'address']);
  });

  it('takes a field shown but empty as no fact ("+ Add", "—", "None")', () => {
    const page = parse('person.html');
    fieldOf(page, 'Department')?.querySelector('.gridCell__label')?.replaceChildren('—');
    fieldOf(page, 'Lead source')?.querySelector('.gridCell__label')?.replaceChildren('None');
    fieldOf(page, 'Labels')?.querySelector('[data-test="label_ids-label"]')?.replaceChildren('+ Add');
    const found = contactOf(adapter.detect(page, at('/person/1042')));
    expect(found).toMatchObject({ name: 'Elif Kaya', industry: 'Robotics' });
    for (const fact of ['department', 'leadSource', 'rating'] as const) expect(found?.[fact]).toBeUndefined();
  });

  it('reads a default field by its key whatever its label says, and a custom field by its English label', () => {
    const page = parse('person.html');
    fieldOf(page, 'Postal address')?.querySelector('.key')?.replaceChildren('Postanschrift');
    fieldOf(page, 'Labels')?.querySelector('.key')?.replaceChildren('Etiketten');
    fieldOf(page, 'Lead source')?.querySelector('.key')?.replaceChildren('Lead Source');
    const found = contactOf(adapter.detect(page, at('/person/1042')));
    expect(found).toMatchObject({ address: ELIF.address, rating: 'Hot lead', leadSource: 'Webinar' });
    fieldOf(page, 'Department')?.querySelector('.key')?.replaceChildren('Abteilung');
    expect(contactOf(adapter.detect(page, at('/person/1042')))?.department).toBeUndefined();
  });

  it("reads no organisation's facts when the person has no organisation, or another record's block comes first", () => {
    const page = parse('person.html');
    fieldOf(page, 'Organization')?.remove();
    const alone = contactOf(adapter.detect(page, at('/person/1042')));
    expect(alone?.company).toBeUndefined();
    for (const fact of ['industry', 'employees', 'revenue', 'fromAccount'] as const) expect(alone?.[fact]).toBeUndefined();

    // A deal's block between the organisation's link and a fields list: that list is the deal's.
    const other = parse('person.html');
    const orgBlock = other.querySelector('.viewContainer:not([style]) .orgBlock .orgBlock');
    orgBlock?.querySelector('.fieldsList')?.insertAdjacentHTML('beforebegin', '<a href="/deal/2207">Northwind - Fleet analytics pilot</a>');
    const found = contactOf(adapter.detect(other, at('/person/1042')));
    for (const fact of ['industry', 'employees', 'revenue', 'fromAccount'] as const) expect(found?.[fact]).toBeUndefined();
  });

  it('never reads a fact from people lists, deal participants, history or the signed-in user', () => {
    const page = parse('person.html');
    const trap = '<div class="item"><div class="key">Industry</div><div class="value" data-test="a1b2-label">Retail</div></div>';
    page.querySelector('.viewContainer:not([style]) .orgBlock .fieldsList')?.remove();
    const active = '.viewContainer:not([style])';
    for (const selector of [`${active} .dealItem__participants`, `${active} .flow`, '.froot-userMenu__dropdown', '.viewContainer[style] .detailsBlock']) {
      page.querySelector(selector)?.insertAdjacentHTML('beforeend', `<div class="fieldsList">${trap}</div>`);
    }
    const found = contactOf(adapter.detect(page, at('/person/1042')));
    expect(found).toMatchObject({ name: 'Elif Kaya', rating: 'Hot lead' });
    for (const fact of ['industry', 'employees', 'revenue', 'fromAccount'] as const) expect(found?.[fact]).toBeUndefined();
  });
});

describe('parsePipedriveUrl', () => {
  it.each([
    ['/person/1042', { object: 'person', recordId: '1042', view: 'person' }],
    ['/organization/311/', { object: 'organization', recordId: '311', view: 'organization' }],
    ['/persons/list/user/12', { view: 'list' }],
    ['/organizations', { view: 'list' }],
    ['/deal/2207', { view: 'record' }],
    ['/person/abc', { view: 'other' }],
    ['/pipeline/1/user/12', { view: 'other' }],
  ])('%s', (pathname, expected) => {
    expect(parsePipedriveUrl({ pathname })).toEqual(expected);
  });
});

// Which selectors each saved page proves, and where it comes from: conventions.test.ts.
describe('pipedrive fixtures', () => {
  const files = readdirSync(join(FIXTURES, 'pipedrive')).filter((file) => file.endsWith('.html'));

  it.each(files)('%s has a detection in the table', (file) => {
    expect(cases.some(([tested]) => tested === file)).toBe(true);
  });
});

describe('pipedriveAdapter.watch', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    document.body.replaceChildren();
  });

  it('fires once after navigating from person.html to person-2.html, and detect then reads the new person', async () => {
    mount('person.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    expect(adapter.detect(document, at('/person/1042'))).toMatchObject({ contact: { name: 'Elif Kaya' } });

    // Pipedrive swaps the views, then the URL changes (here: back/forward, so popstate).
    document.querySelector('#mainView')?.replaceChildren(...nodesOf('person-2.html', '#mainView'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at('/person/1077'))).toEqual({ kind: 'contact', view: 'person', contact: RAFAEL });
  });

  it('fires when pushState navigation shows a cached view again (a style change, no event)', async () => {
    mount('person-2.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const [earlier, current] = document.querySelectorAll('.viewContainer');
    current?.setAttribute('style', 'display: none;');
    earlier?.removeAttribute('style');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(adapter.detect(document, at('/person/1042'))).toEqual({ kind: 'contact', view: 'person', contact: ELIF });
  });

  it('does not fire for 1,000 mutations outside the views', async () => {
    mount('person.html');
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    const targets = [
      document.querySelector('.froot-topBar'),
      document.querySelector('.froot-userMenu__dropdown'),
      document.querySelector('.froot-nav'),
      document.querySelector('#snackbar-container'),
      document.body,
    ];
    for (let i = 0; i < 1000; i++) {
      const node = document.createElement('span');
      node.textContent = `tick ${i}`;
      targets[i % targets.length]?.append(node);
      if (i % 3 === 0) node.remove();
      document.querySelector('.froot-userMenu__button')?.setAttribute('aria-expanded', String(i % 2 === 0));
      const badge = document.querySelector('.froot-badge')?.firstChild;
      if (badge) badge.nodeValue = String(i);
    }
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('waits for the app to render a view, without firing for the page loading around it', async () => {
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);
    for (let i = 0; i < 50; i++) document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    mount('person.html');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    document.querySelector('.froot-topBar')?.append(document.createElement('span'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    document.querySelector('.viewContainer:not([style]) .fieldsList')?.append(document.createElement('div'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added', async () => {
    mount('person.html');
    const onChange = vi.fn();
    adapter.watch(document, window, onChange)();
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    document.querySelector('#mainView')?.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
