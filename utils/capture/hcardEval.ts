// Accuracy of Tandem's two h-card readers on pages with a known parse (the layout of the
// microformats test suite: NAME.html beside NAME.json, `{"items": [{type, properties}]}`):
// capture's page reader (microformats-parser, utils/capture/page.ts) and the content script's
// small reader (utils/hosts/generic.ts). Each person the parse expects, and each one a reader
// finds, counts once per field; values compare as evaluate.ts compares them. Used by
// scripts/capture-eval.ts and hcardEval.test.ts; no Node APIs here.
import { readHCards } from '../hosts/generic';
import { emptyScores, finish, normaliseText, tally, type FieldScore } from './evaluate';
import { leadsOnPage } from './page';

export const hcardFields = ['name', 'email', 'company', 'title', 'phone'] as const;
export type HCardField = (typeof hcardFields)[number];

export interface HCardCase {
  name: string;
  html: string;
  /** The NAME.json text. */
  expected: string;
}

export interface HCardEvaluation {
  samples: number;
  fields: Record<HCardField, FieldScore>;
}

type Person = Partial<Record<HCardField, string>>;
type Item = { type?: unknown; properties?: Record<string, unknown[]> };

const valueOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string' ? (v as { value: string }).value : undefined;

/** The people a case's parse names: top-level h-cards (not organisations) with a name or an email. */
export function expectedPeople(c: HCardCase): Person[] {
  let parsed: { items?: unknown };
  try {
    parsed = JSON.parse(c.expected) as { items?: unknown };
  } catch (e) {
    throw new Error(`${c.name}.json is not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed.items)) throw new Error(`${c.name}.json has no "items" list`);
  return (parsed.items as Item[])
    .filter((item) => Array.isArray(item.type) && item.type.includes('h-card') && !item.type.includes('h-org'))
    .map((item) => {
      const first = (key: string) => valueOf(item.properties?.[key]?.[0]);
      return { name: first('name'), email: first('email')?.replace(/^mailto:/i, ''), company: first('org'), title: first('job-title'), phone: first('tel')?.replace(/^tel:/i, '') };
    })
    .filter((p) => p.name || p.email);
}

const values = (people: Person[], field: HCardField) =>
  people.map((p) => p[field]).filter((v): v is string => !!v?.trim()).map((v) => (field === 'phone' ? v.replace(/[^\d+]/g, '') : normaliseText(v)));

function score(cases: HCardCase[], read: (c: HCardCase) => Person[]): HCardEvaluation {
  const fields = emptyScores(hcardFields);
  for (const c of cases) {
    const want = expectedPeople(c);
    const got = read(c);
    for (const field of hcardFields) tally(fields[field], values(got, field), values(want, field));
  }
  return { samples: cases.length, fields: finish(fields) };
}

/** Both readers scored on the cases; `parse` turns HTML into a Document. */
export function evaluateHCards(cases: HCardCase[], parse: (html: string) => Document): { capture: HCardEvaluation; contentScript: HCardEvaluation } {
  return {
    capture: score(cases, (c) =>
      leadsOnPage(c.html, 'https://example.com/', parse)
        .filter((l) => l.from === 'h-card')
        .map((l) => ({ name: l.name, email: l.email, company: l.company, title: l.title, phone: l.phones[0] })),
    ),
    contentScript: score(cases, (c) =>
      readHCards(parse(c.html))
        .map(({ name, email, company, title, phone }) => ({ name, email, company, title, phone }))
        .filter((p) => p.name || p.email),
    ),
  };
}
