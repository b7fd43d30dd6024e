// Accuracy of the parser on labelled signatures (JSONL, one `{text, fields}` object a line, as
// in tests/fixtures/signatures): per field, micro-averaged precision, recall
// and F1 over all samples, each predicted value and each labelled value counted once. Values
// are compared after folding case, spaces and punctuation; phones (the `phone` and `fax`
// labels together) as E.164 without extension; websites also without scheme, "www." and
// trailing slash. Used by scripts/capture-eval.ts and eval.test.ts; no Node APIs here.
import { parseContactText, type ParsedLead, type ParseOptions } from './parse';
import { defaultCountry, toE164 } from './phones';

export const evaluatedFields = ['name', 'title', 'company', 'email', 'phone', 'website'] as const;
export type EvaluatedField = (typeof evaluatedFields)[number];

export interface Sample {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  fields: Record<string, string[]>;
}

export class SampleError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'SampleError';
  }
}

/** The samples of a JSONL file's content; a bad line throws a SampleError naming it. */
export function readSamples(content: string): Sample[] {
  const samples: Sample[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      throw new SampleError(line, `not valid JSON (${(e as Error).message})`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SampleError(line, 'expected a JSON object with "text" and "fields"');
    const { text, fields } = data as { text?: unknown; fields?: unknown };
    if (typeof text !== 'string') throw new SampleError(line, '"text" must be a string');
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new SampleError(line, '"fields" must be an object of arrays of strings');
    const clean: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(fields)) {
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new SampleError(line, `"fields.${key}" must be an array of strings`);
      clean[key] = values as string[];
    }
    samples.push({ line, text, fields: clean });
  });
  return samples;
}

/** Case, spaces and punctuation folded: "Enron Corp. - Global Finance" → "enron corp global finance". */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const normaliseWebsite = (s: string) => normaliseText(s.trim().replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, ''));

export interface FieldScore {
  predicted: number;
  labels: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface Evaluation {
  samples: number;
  fields: Record<EvaluatedField, FieldScore>;
}

/** The values a lead predicts for one evaluated field, normalised. */
function predicted(lead: ParsedLead, field: EvaluatedField): string[] {
  switch (field) {
    case 'phone':
      return lead.phones.map((p) => p.value.e164);
    case 'website':
      return lead.website ? [normaliseWebsite(lead.website.value)] : [];
    default: {
      const f = lead[field];
      return f ? [normaliseText(f.value)] : [];
    }
  }
}

/** The labelled values of one evaluated field, normalised (phones as E.164 where they parse). */
function labelled(sample: Sample, field: EvaluatedField, lead: ParsedLead, options: ParseOptions): string[] {
  if (field === 'phone') {
    const raw = [...(sample.fields.phone ?? []), ...(sample.fields.fax ?? [])];
    if (!raw.length) return [];
    const { country } = defaultCountry(sample.text, lead.email?.value ?? /[\w.+-]+@[\w.-]+\.[a-z]{2,}/i.exec(sample.text)?.[0], options);
    return raw.map((r) => toE164(r, country) ?? `unparsed:${r.replace(/\D/g, '')}`);
  }
  const values = sample.fields[field] ?? [];
  return field === 'website' ? values.map(normaliseWebsite) : values.map(normaliseText);
}

/** Empty counts for `names`. */
export function emptyScores<F extends string>(names: readonly F[]): Record<F, FieldScore> {
  return Object.fromEntries(names.map((f) => [f, { predicted: 0, labels: 0, matched: 0, precision: 0, recall: 0, f1: 0 }])) as Record<F, FieldScore>;
}

/** Counts one sample's values of one field: each predicted value matches at most one label. */
export function tally(score: FieldScore, got: string[], want: string[]): void {
  const left = new Map<string, number>();
  for (const w of want) left.set(w, (left.get(w) ?? 0) + 1);
  let matched = 0;
  for (const g of got) {
    const n = left.get(g) ?? 0;
    if (n > 0) {
      matched++;
      left.set(g, n - 1);
    }
  }
  score.predicted += got.length;
  score.labels += want.length;
  score.matched += matched;
}

/** Precision, recall and F1 from the counts. */
export function finish<F extends string>(fields: Record<F, FieldScore>): Record<F, FieldScore> {
  for (const score of Object.values<FieldScore>(fields)) {
    score.precision = score.predicted ? score.matched / score.predicted : 0;
    score.recall = score.labels ? score.matched / score.labels : 0;
    score.f1 = score.precision + score.recall ? (2 * score.precision * score.recall) / (score.precision + score.recall) : 0;
  }
  return fields;
}

/** Scores the parser on the samples. */
export function evaluate(samples: Sample[], parse: (text: string, options?: ParseOptions) => ParsedLead = parseContactText, options: ParseOptions = {}): Evaluation {
  const fields = emptyScores(evaluatedFields);
  for (const sample of samples) {
    const lead = parse(sample.text, options);
    for (const field of evaluatedFields) tally(fields[field], predicted(lead, field), labelled(sample, field, lead, options));
  }
  return { samples: samples.length, fields: finish(fields) };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

type JsonScore = { precision: number; recall: number; f1: number } | { labels: 0 };

/** The `--json` shape: `{"samples": N, "fields": {"email": {"precision", "recall", "f1"}, "website": {"labels": 0}, …}}`. */
export function evaluationJson<F extends string>(e: { samples: number; fields: Record<F, FieldScore> }): { samples: number; fields: Record<F, JsonScore> } {
  const fields = Object.fromEntries(
    (Object.entries(e.fields) as [F, FieldScore][]).map(([f, s]) => [f, s.labels === 0 ? { labels: 0 as const } : { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) }]),
  ) as Record<F, JsonScore>;
  return { samples: e.samples, fields };
}

/** A table for people; `heading` says what was scored and how. */
export function evaluationTable(
  e: { samples: number; fields: Record<string, FieldScore> },
  source: string,
  heading = 'samples (micro-averaged over all values; phones = phone + fax labels, as E.164)',
): string {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const rows = [
    `${source}: ${e.samples} ${heading}`,
    `${pad('field', 9)}${pad('precision', 11)}${pad('recall', 8)}${pad('F1', 8)}${pad('predicted', 11)}${pad('labels', 8)}matched`,
  ];
  for (const [f, s] of Object.entries(e.fields)) {
    if (s.labels === 0) rows.push(`${pad(f, 9)}no labels in this file (${s.predicted} predicted)`);
    else rows.push(`${pad(f, 9)}${pad(s.precision.toFixed(3), 11)}${pad(s.recall.toFixed(3), 8)}${pad(s.f1.toFixed(3), 8)}${pad(s.predicted, 11)}${pad(s.labels, 8)}${s.matched}`);
  }
  return rows.join('\n');
}
