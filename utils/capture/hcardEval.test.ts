// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateHCards, expectedPeople, type HCardCase } from './hcardEval';

const PAGES = join(import.meta.dirname, '../../tests/fixtures/hcard');
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const own: HCardCase[] = readdirSync(PAGES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace(/\.json$/, ''), html: readFileSync(join(PAGES, f.replace(/\.json$/, '.html')), 'utf8'), expected: readFileSync(join(PAGES, f), 'utf8') }));

describe('h-card accuracy (the capture:eval step for h-card folders)', () => {
  it('scores both readers perfectly on the project’s own h-card pages', () => {
    const { capture, contentScript } = evaluateHCards(own, parse);
    expect(capture.samples).toBe(own.length);
    for (const result of [capture, contentScript]) {
      expect(result.fields.name).toMatchObject({ labels: 12, matched: 12, f1: 1 });
      expect(result.fields.company).toMatchObject({ labels: 5, matched: 5, f1: 1 });
      expect(result.fields.title.f1).toBe(1);
      expect(result.fields.email.f1).toBe(1);
    }
  });

  it('counts a person a reader misses or misreads against it', () => {
    const cases: HCardCase[] = [
      {
        name: 'org-text',
        // The org is named in the parse; the page gives a different text: a miss and a wrong value.
        html: '<div class="h-card"><span class="p-name">Ana Lima</span> <span class="p-org">Lima Textil Ltda</span></div><div class="h-card"><span class="p-name">Bo Chen</span></div>',
        expected: JSON.stringify({
          items: [
            { type: ['h-card'], properties: { name: ['Ana Lima'], org: ['Lima Têxtil'] } },
            { type: ['h-card'], properties: { name: ['Bo Chen'] } },
            { type: ['h-card'], properties: { name: ['Cai Wen'] } },
          ],
        }),
      },
    ];
    const { capture } = evaluateHCards(cases, parse);
    expect(capture.fields.name).toMatchObject({ predicted: 2, labels: 3, matched: 2, precision: 1 });
    expect(capture.fields.name.recall).toBeCloseTo(2 / 3);
    expect(capture.fields.company).toMatchObject({ predicted: 1, labels: 1, matched: 0, f1: 0 });
  });

  it('leaves organisations and nameless cards out of the people expected, and says which file is bad', () => {
    const people = expectedPeople({
      name: 'x',
      html: '',
      expected: JSON.stringify({ items: [{ type: ['h-card', 'h-org'], properties: { name: ['Acme'] } }, { type: ['h-card'], properties: { tel: ['+1 555'] } }, { type: ['h-card'], properties: { email: ['mailto:a@b.example'] } }] }),
    });
    expect(people).toEqual([{ email: 'a@b.example' }].map((p) => ({ name: undefined, company: undefined, title: undefined, phone: undefined, ...p })));
    expect(() => expectedPeople({ name: 'broken', html: '', expected: '{' })).toThrow(/broken\.json is not valid JSON/);
  });
});
