// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadsOnPage } from './page';

// h-card pages written for these tests, each with the parse a person expects (tests/fixtures/hcard/README.md).
const corpus = resolve(__dirname, '../../tests/fixtures/hcard');
const fixtures = resolve(__dirname, '../../tests/fixtures/generic');

type Expected = { items: { type: string[]; properties: Record<string, unknown[]> }[] };
const valueOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : undefined;

describe('capture from a page marked up with h-card', () => {
  const cases = readdirSync(corpus).filter((f) => f.endsWith('.json'));
  it('has a page for each rule', () => expect(cases.length).toBeGreaterThanOrEqual(12));

  it.each(cases)('%s: the people the suite expects, with their names', (file) => {
    const html = readFileSync(join(corpus, file.replace(/\.json$/, '.html')), 'utf8');
    const expected = JSON.parse(readFileSync(join(corpus, file), 'utf8')) as Expected;
    // A card with neither a name nor an email is no lead: it is not offered.
    const people = expected.items.filter(
      (i) => i.type.includes('h-card') && !i.type.includes('h-org') && (i.properties.name?.length || i.properties.email?.length),
    );
    const names = people.map((p) => valueOf(p.properties.name?.[0])?.replace(/\s+/g, ' ').trim());
    const found = leadsOnPage(html, 'http://example.com/').filter((l) => l.from === 'h-card');
    expect(found.map((l) => l.name)).toEqual(names);
    for (const [i, p] of people.entries()) {
      const org = valueOf(p.properties.org?.[0]);
      if (org) expect(found[i]?.company).toBe(org.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('capture from schema.org and mailto links', () => {
  it('finds the Person in JSON-LD, not the organisation around it', () => {
    const leads = leadsOnPage(readFileSync(join(fixtures, 'jsonld.html'), 'utf8'), 'https://crm.example/contacts/42');
    expect(leads[0]).toMatchObject({ name: 'Elena Novak', email: 'elena.novak@vantage-freight.example', company: 'Vantage Freight', from: 'schema.org JSON-LD' });
  });

  it('finds a microdata Person with its own properties, not a nested colleague’s', () => {
    // The colleague (Abena Owusu) is nested in Kwame's Person and comes first in the markup:
    // reading the first itemprop anywhere under the Person would give her name, title, email or phone.
    const leads = leadsOnPage(readFileSync(join(fixtures, 'microdata.html'), 'utf8'), 'https://crm.example/people/7');
    const microdata = leads.filter((l) => l.from === 'schema.org microdata');
    expect(microdata).toEqual([
      {
        name: 'Kwame Mensah',
        title: 'Head of Finance Systems',
        company: 'Ridgeline Energy',
        email: 'kwame.mensah@ridgeline-energy.example',
        phones: ['+233302550142'],
        website: undefined,
        linkedin: undefined,
        address: undefined,
        from: 'schema.org microdata',
      },
    ]);
    const [kwame] = microdata;
    expect(kwame?.name).not.toBe('Abena Owusu');
    expect(kwame?.title).not.toBe('Treasury Analyst');
    expect(kwame?.email).not.toBe('abena.owusu@ridgeline-energy.example');
    expect(kwame?.phones).not.toContain('+233302550199');
    // The nested colleague is not a second microdata lead of her own either.
    expect(leads.some((l) => l.name === 'Abena Owusu')).toBe(false);
  });

  it('lists each mailto address once, and none twice when structured data already has it', () => {
    const html = `<p><a href="mailto:Ana@Example.com">Ana Sousa</a> <a href="mailto:ana@example.com">write</a> <a href="mailto:sales@example.com?subject=Hi">sales@example.com</a></p>`;
    expect(leadsOnPage(html, 'https://example.com/team')).toEqual([
      { email: 'ana@example.com', name: 'Ana Sousa', phones: [], from: 'mailto link' },
      { email: 'sales@example.com', name: undefined, phones: [], from: 'mailto link' },
    ]);
  });
});
