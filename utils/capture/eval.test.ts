import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluationJson, normaliseText, readSamples, SampleError, type Sample } from './evaluate';
import { parseContactText } from './parse';

// The development corpus: 76 real Enron signature blocks (shared/corpora/README.md), beside the
// repository (../shared from its root), as in CI's clean clone. Never edited here.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusPath = resolve(root, '../shared/corpora/signatures-enron-train.jsonl');

describe('accuracy on the Enron signature corpus', () => {
  it('finds the corpus', () => {
    expect(existsSync(corpusPath), `${corpusPath} is missing: shared/ must sit beside the repository`).toBe(true);
  });
  const samples = existsSync(corpusPath) ? readSamples(readFileSync(corpusPath, 'utf8')) : [];
  const result = evaluate(samples);

  it('reads every sample', () => expect(result.samples).toBeGreaterThanOrEqual(76));

  it.each([
    ['email', 0.95],
    ['phone', 0.9],
    ['name', 0.9],
    ['company', 0.8],
    ['title', 0.8],
  ] as const)('%s F1 ≥ %s', (field, min) => {
    expect(result.fields[field].f1).toBeGreaterThanOrEqual(min);
  });

  it('reports website as a field with no labels', () => {
    expect(evaluationJson(result).fields.website).toEqual({ labels: 0 });
  });

  // Labels that look wrong; left as they are (the corpus is never edited). The parser does what
  // the text says, and these count against it:
  const byText = (start: string) => samples.find((s) => s.text.startsWith(start))!;
  it('keeps to the text where a label looks wrong', () => {
    // "281-300-8286 Wireless" is labelled fax; it is a mobile.
    const wireless = parseContactText(byText('Scott Pleus').text).phones.find((p) => p.value.e164 === '+12813008286');
    expect(wireless?.value.kind).toBe('mobile');
    // "Mark" signs the message but no name is labelled (the same block elsewhere labels "Mark").
    const mark = samples.filter((s) => s.text.startsWith('Mark\nSenior Counsel, ENA'));
    expect(mark.some((s) => !s.fields.name)).toBe(true);
    expect(parseContactText(mark[0]!.text).name?.value).toBe('Mark');
    // "mary.cook@enron.com" is labelled as an address; it is her email.
    expect(parseContactText(byText('Enron North America Corp.\n1400 Smith, 38th Floor').text).email?.value).toBe('mary.cook@enron.com');
    // "wayne.bartel.petrovantage.com" is labelled email but has no @: not an email.
    expect(parseContactText(byText('Wayne Bartel').text).email).toBeUndefined();
    // "(646) 836-2011/0609 (fax)": the fax is labelled "0609", the last digits of (646) 836-0609.
    expect(parseContactText(byText('> > Kimberly').text).phones.map((p) => p.value.e164)).toContain('+16468360609');
    // "(713) 853-87998" has 11 digits: no valid number, so no phone (the label keeps it).
    expect(parseContactText(byText('Ben Rogers').text).phones.map((p) => p.value.e164)).toEqual(['+17136468863']);
    // "5-7735" is an internal extension, labelled phone: no E.164 number to give.
    expect(parseContactText(byText('You can reach me').text).phones).toEqual([]);
  });
});

describe('the evaluation', () => {
  const line = (text: string, fields: Record<string, string[]>) => JSON.stringify({ text, fields });

  it('counts each predicted and each labelled value (micro-average), phones as E.164', () => {
    const samples = readSamples(
      [
        line('Jane Doe\nAcme Inc.\nTel: (713) 853-6577\nFax: 713.646.8070\njane@acme.com', { name: ['Jane Doe'], company: ['ACME INC'], phone: ['713-853-6577'], fax: ['(713) 646-8070'], email: ['jane@acme.com'] }),
        line('John Roe\nWidgets Ltd', { name: ['Johnny Roe'], company: ['Widgets Ltd'] }),
      ].join('\n'),
    );
    const r = evaluate(samples);
    expect(r.fields.phone).toMatchObject({ predicted: 2, labels: 2, matched: 2, f1: 1 });
    expect(r.fields.company).toMatchObject({ predicted: 2, labels: 2, matched: 2 });
    expect(r.fields.name).toMatchObject({ predicted: 2, labels: 2, matched: 1, precision: 0.5, recall: 0.5 });
    expect(r.fields.title).toMatchObject({ predicted: 0, labels: 0 });
    const json = evaluationJson(r);
    expect(json.samples).toBe(2);
    expect(json.fields.title).toEqual({ labels: 0 });
    expect(json.fields.email).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('normalises case, spaces and punctuation', () => {
    expect(normaliseText('Enron Corp. - Global  Finance')).toBe(normaliseText('enron corp global finance'));
    expect(normaliseText('Treasury Dept. \nWilliams Gas Pipeline Company')).toBe(normaliseText('Treasury Dept., Williams Gas Pipeline Company'));
  });

  it.each([
    ['{"text": "x", "fields": {}}\n{not json}', 2, 'not valid JSON'],
    ['{"fields": {}}', 1, '"text" must be a string'],
    ['\n\n{"text": "x"}', 3, '"fields" must be an object'],
    ['{"text": "x", "fields": {"name": "Jane"}}', 1, '"fields.name" must be an array of strings'],
    ['[1, 2]', 1, 'expected a JSON object'],
  ])('a bad line is an error naming it: %s', (content, lineNo, message) => {
    let error: unknown;
    try {
      readSamples(content);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SampleError);
    expect((error as SampleError).line).toBe(lineNo);
    expect((error as Error).message).toContain(`line ${lineNo}:`);
    expect((error as Error).message).toContain(message);
  });

  it('skips blank lines', () => {
    const samples: Sample[] = readSamples('\n{"text": "a", "fields": {}}\n\n');
    expect(samples.map((s) => s.line)).toEqual([2]);
  });
});
