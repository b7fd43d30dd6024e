// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { genericAdapter as adapter, readHCards } from './generic';
import type { Detection } from './types';

// Paths, not file: URLs: in this environment URL is happy-dom's, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');
// h-card pages written for these tests, each with the parse a person expects (tests/fixtures/hcard/README.md).
const HCARD_PAGES = join(FIXTURES, 'hcard');

const at = (url: string) => new URL(url) as unknown as Location;
const page = (markup: string) => new DOMParser().parseFromString(markup, 'text/html');
const fixture = (file: string) => page(readFileSync(join(FIXTURES, file), 'utf8'));

const cases: [file: string, url: string, expected: Detection][] = [
  [
    'generic/jsonld.html',
    'https://crm.acme.example/contacts/4821?tab=overview#notes',
    {
      kind: 'contact',
      view: 'json-ld',
      contact: {
        source: 'generic',
        name: 'Elena Novak',
        email: 'elena.novak@vantage-freight.example',
        title: 'Logistics Director',
        phone: '+1 312 555 0187',
        company: 'Vantage Freight',
        recordUrl: 'https://crm.acme.example/contacts/4821',
      },
    },
  ],
  [
    'generic/microdata.html',
    'https://intranet.acme.example/people/kwame-mensah',
    {
      kind: 'contact',
      view: 'microdata',
      contact: {
        source: 'generic',
        name: 'Kwame Mensah',
        email: 'kwame.mensah@ridgeline-energy.example',
        title: 'Head of Finance Systems',
        phone: '+233302550142',
        company: 'Ridgeline Energy',
        recordUrl: 'https://intranet.acme.example/people/kwame-mensah',
      },
    },
  ],
  [
    'generic/hcard.html',
    'https://crm.acme.example/people/sofia-lindqvist#activity',
    {
      kind: 'contact',
      view: 'h-card',
      contact: {
        source: 'generic',
        name: 'Sofia Lindqvist',
        email: 'sofia.lindqvist@aurora-mobility.example',
        title: 'Head of Partnerships',
        company: 'Aurora Mobility AB',
        phone: '+46 8 555 012 34',
        recordUrl: 'https://crm.acme.example/people/sofia-lindqvist',
      },
    },
  ],
  [
    // One address linked twice (once in capitals, with a subject): still one person. The first tel: is the phone.
    'generic/mailto.html',
    'https://helpdesk.acme.example/requesters/ravi-patel?from=ticket-5521',
    {
      kind: 'contact',
      view: 'mailto',
      contact: {
        source: 'generic',
        email: 'ravi.patel@tidewater-labs.example',
        phone: '+1-617-555-0164',
        recordUrl: 'https://helpdesk.acme.example/requesters/ravi-patel',
      },
    },
  ],
  ['generic/many-mailtos.html', 'https://intranet.acme.example/teams/customer-success', { kind: 'none', view: 'page' }],
  // A webmail message: the sender's own signature goes along, not the one in the quoted message.
  [
    'generic/webmail.html',
    'https://mail.acme.example/?_task=mail&_action=show&_uid=812',
    {
      kind: 'contact',
      view: 'mailto',
      contact: {
        source: 'generic',
        email: 'ines.moreau@frigolux.example',
        signature: '--\nInès Moreau\nDirectrice des achats\nFrigolux SAS\nTél. : +33 1 84 88 12 40',
        recordUrl: 'https://mail.acme.example/',
      },
    },
  ],
  // A Salesforce list view through the generic reader: many addresses, so no one.
  ['salesforce/list.html', 'https://crm.acme.example/leads', { kind: 'none', view: 'page' }],
];

describe('genericAdapter.detect', () => {
  it.each(cases)('%s', (file, url, expected) => {
    expect(adapter.detect(fixture(file), at(url))).toEqual(expected);
  });

  it.each([
    ['nothing at all', '<p>Quarterly numbers</p>'],
    ['a broken JSON-LD block only', '<script type="application/ld+json">{"@type": "Person", </script>'],
    ['JSON-LD that is not a person', '<script type="application/ld+json">{"@type": "Organization", "name": "Acme", "email": "a@acme.example"}</script>'],
    ['a person with neither name nor email', '<script type="application/ld+json">{"@type": "Person", "jobTitle": "CEO"}</script>'],
    ['two different h-cards', '<p class="h-card">Ann Lee</p><p class="h-card">Bo Chen</p>'],
    ['a mailto: with two addresses', '<a href="mailto:ann@x.example,bo@x.example">write</a>'],
  ])('says none for %s', (_what, markup) => {
    expect(adapter.detect(page(markup), at('https://crm.acme.example/x'))).toEqual({ kind: 'none', view: 'page' });
  });

  it.each([
    [
      'a top-level array, @type list and given/family names',
      '[{"@context":"https://schema.org","@type":["Person","Patient"],"givenName":"Ann","familyName":"Lee","worksFor":"Lee & Co","email":"ann@lee.example"}]',
      { name: 'Ann Lee', company: 'Lee & Co', email: 'ann@lee.example' },
    ],
    [
      'a compact IRI type and a mainEntity',
      '{"@type":"ProfilePage","mainEntity":{"@type":"schema:Person","name":"Bo Chen","worksFor":[{"@type":"Organization","name":"Chen Ltd"}]}}',
      { name: 'Bo Chen', company: 'Chen Ltd' },
    ],
    [
      'the same person twice',
      '{"@graph":[{"@type":"Person","name":"Cy Dune","email":"cy@dune.example"},{"@type":"Person","name":"Cy Dune","email":"CY@dune.example"}]}',
      { name: 'Cy Dune', email: 'cy@dune.example' },
    ],
  ])('reads JSON-LD with %s', (_what, json, expected) => {
    const found = adapter.detect(page(`<script type="application/ld+json">${json}</script>`), at('https://crm.acme.example/p/1'));
    expect(found).toEqual({ kind: 'contact', view: 'json-ld', contact: { source: 'generic', ...expected, recordUrl: 'https://crm.acme.example/p/1' } });
  });

  it('goes on to the next source when one names several people', () => {
    const markup =
      '<script type="application/ld+json">{"@graph":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}]}</script>' +
      '<div class="h-card"><span class="p-name">Ann Lee</span> <a class="u-email" href="mailto:ann@lee.example">mail</a></div>';
    expect(adapter.detect(page(markup), at('https://crm.acme.example/p/2'))).toMatchObject({
      view: 'h-card',
      contact: { name: 'Ann Lee', email: 'ann@lee.example' },
    });
  });
});

describe('readHCards on the h-card pages', () => {
  const names = readdirSync(HCARD_PAGES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''));
  const read = (name: string) => readHCards(page(readFileSync(join(HCARD_PAGES, `${name}.html`), 'utf8')));

  type Item = { type: string[]; properties: Record<string, unknown[]> };
  const first = (values: unknown[] | undefined): string | undefined => {
    const value = values?.[0];
    if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
    if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
    return undefined;
  };

  it('has a page for each rule', () => expect(names.length).toBeGreaterThanOrEqual(12));

  it.each(names)('%s: name, email, title, org and phone as the parse expects', (name) => {
    const expected = (JSON.parse(readFileSync(join(HCARD_PAGES, `${name}.json`), 'utf8')) as { items: Item[] }).items
      .filter((item) => item.type.includes('h-card'))
      .map((item) => ({
        name: first(item.properties.name),
        email: first(item.properties.email)?.replace(/^mailto:/, ''),
        title: first(item.properties['job-title']),
        company: first(item.properties.org),
        phone: first(item.properties.tel),
      }));
    const fold = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim();
    const cards = read(name).map(({ name, email, title, company, phone }) => ({
      name: fold(name),
      email,
      title: fold(title),
      company: fold(company),
      phone: fold(phone),
    }));
    expect(cards).toEqual(expected);
  });

  it('detects the contact on a page that holds one person, and none on a team page', () => {
    expect(names.filter((name) => read(name).length === 1).length).toBeGreaterThan(5);
    expect(adapter.detect(page(readFileSync(join(HCARD_PAGES, 'plain.html'), 'utf8')), at('https://blog.example/about'))).toEqual({
      kind: 'contact',
      view: 'h-card',
      contact: {
        source: 'generic',
        name: 'Amara Okafor',
        email: 'amara.okafor@tidewater-freight.example',
        title: 'Head of Procurement',
        company: 'Tidewater Freight',
        phone: '+1 312 555 0143',
        recordUrl: 'https://blog.example/about',
      },
    });
    expect(adapter.detect(page(readFileSync(join(HCARD_PAGES, 'directory.html'), 'utf8')), at('https://harbourline.example/team'))).toEqual({ kind: 'none', view: 'page' });
  });
});

// Which selectors each saved page proves: conventions.test.ts.
describe('generic fixtures', () => {
  it('has a detection for every generic fixture', () => {
    for (const file of readdirSync(join(FIXTURES, 'generic'))) {
      expect(cases.some(([tested]) => tested === `generic/${file}`), file).toBe(true);
    }
  });
});

describe('genericAdapter.watch', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
    document.body.replaceChildren();
  });

  it('fires for changes in the main content and on history navigation, not for the header', async () => {
    const main = document.createElement('main');
    const header = document.createElement('header');
    document.body.append(header, main);
    const onChange = vi.fn();
    stop = adapter.watch(document, window, onChange);

    for (let i = 0; i < 100; i++) header.append(document.createElement('span'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();

    main.append(document.createElement('article'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
