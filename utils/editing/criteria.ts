import { z } from 'zod';
import { countryName, vocabularies } from '../facts/vocabulary';
import { fieldLabels, shownValue } from '../fit';
import { ContactField, Criterion, CriterionOp, criterionValueProblem } from '../model';
import { addProblem, type MappedIssues } from './issues';

/** The operators in words, as the criterion builder offers them. */
export const opWords: Record<CriterionOp, string> = {
  equals: 'equals',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  matches: 'matches pattern',
  between: 'between',
  atLeast: 'at least',
  atMost: 'at most',
  exists: 'exists',
};

export const criterionOps: readonly CriterionOp[] = CriterionOp.options;

/** The select value for a team's own field; its key is typed beside it. */
export const customField = 'custom';

/** The fields a criterion can read, in words, then "Custom field". */
export const fieldChoices: readonly { value: string; label: string }[] = [
  ...ContactField.options.map((f) => ({ value: f, label: fieldLabels[f] ?? f })),
  { value: customField, label: 'Custom field…' },
];

/**
 * What the value of an operator looks like, so the builder shows the right input:
 * one value, a pattern, a list, two numbers, one number, or nothing.
 */
export type ValueShape = 'single' | 'pattern' | 'list' | 'range' | 'number' | 'none';

export function valueShape(op: CriterionOp): ValueShape {
  switch (op) {
    case 'equals':
    case 'contains':
      return 'single';
    case 'matches':
      return 'pattern';
    case 'in':
    case 'notIn':
      return 'list';
    case 'between':
      return 'range';
    case 'atLeast':
    case 'atMost':
      return 'number';
    case 'exists':
      return 'none';
  }
}

/**
 * One criterion as the builder edits it: text as typed, so a half-typed value is never lost.
 * `text` holds the value (the lower bound for `between`), `high` the upper bound.
 */
export const CriterionRow = z.object({
  id: z.string(),
  label: z.string(),
  /** A contact field, or `custom` with `customKey`. */
  field: z.string(),
  customKey: z.string(),
  op: CriterionOp,
  text: z.string(),
  high: z.string(),
  weight: z.string(),
  /** What a pattern means, in words for Sales (`matches` only). Drafts saved before it have none. */
  description: z.string().default(''),
});
export type CriterionRow = z.infer<typeof CriterionRow>;

/** Fields whose values are numbers: a list or a single value for them is read as numbers. */
const numericFields: ReadonlySet<string> = new Set(['employees']);

/** A number as typed (`5000`, ` 1_000 `, `12.5`), or undefined. Commas separate values, so `5,000` is not one. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/[\s_]/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The values of a list as typed: one per line when there is more than one line (so a value
 * may hold a comma), otherwise separated by commas. Blanks are dropped, values trimmed.
 */
export function listItems(text: string): string[] {
  const parts = /\r?\n/.test(text.trim()) ? text.split(/\r?\n/) : text.split(',');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** A list as text for the builder: comma-separated, or one per line when a value has a comma. */
export function listText(items: readonly (string | number)[]): string {
  const texts = items.map(String);
  return texts.some((t) => t.includes(',')) ? texts.join('\n') : texts.join(', ');
}

/** `10, 50`, `10-50`, `10 to 50`, `10 and 50`, `10..50` as two texts, or undefined. */
function splitRange(text: string): [string, string] | undefined {
  const m = /^\s*(-?[\d.\s_]+?)\s*(?:,|–|—|\.\.|-|\bto\b|\band\b)\s*(-?[\d.\s_]+?)\s*$/i.exec(text);
  return m ? [m[1]!, m[2]!] : undefined;
}

/**
 * The typed value of a criterion from its text, following the operator: a list for `in`,
 * two numbers for `between`, a number for `atLeast`, null for `exists`. What cannot be read
 * is passed on as typed, so the model's schema says what is wrong with it ("Give a number.").
 */
export function parseValue(op: CriterionOp, text: string, high = '', field = ''): unknown {
  const numeric = numericFields.has(field);
  switch (valueShape(op)) {
    case 'none':
      return null;
    case 'list':
      return listItems(text).map((item) => (numeric ? (parseNumber(item) ?? item) : item));
    case 'range': {
      let [lowText, highText] = [text, high];
      if (highText.trim() === '') [lowText, highText] = splitRange(text) ?? [lowText, highText];
      const low = parseNumber(lowText);
      const upper = parseNumber(highText);
      return [low ?? lowText.trim(), upper ?? highText.trim()];
    }
    case 'number': {
      const t = text.trim();
      return t === '' ? null : (parseNumber(t) ?? t);
    }
    case 'single': {
      const t = text.trim();
      return numeric ? (parseNumber(t) ?? t) : t;
    }
    case 'pattern':
      return text.trim();
  }
}

/** The value's text for the builder: `[text, high]`. */
export function valueText(op: CriterionOp, value: unknown): [string, string] {
  if (value === null || value === undefined) return ['', ''];
  if (valueShape(op) === 'range' && Array.isArray(value)) return [String(value[0] ?? ''), String(value[1] ?? '')];
  if (Array.isArray(value)) return [listText(value as (string | number)[]), ''];
  return [String(value), ''];
}

/** A stored criterion as a builder row. */
export function criterionToRow(criterion: Criterion): CriterionRow {
  const custom = criterion.field.startsWith('custom:');
  // Countries are stored as ISO codes and edited by name; the schema turns names back into codes.
  const named = (v: unknown) => (typeof v === 'string' ? shownValue(criterion.field, v) : v);
  const value = criterion.field === 'country' ? (Array.isArray(criterion.value) ? criterion.value.map(named) : named(criterion.value)) : criterion.value;
  const [text, high] = valueText(criterion.op, value as Criterion['value']);
  return {
    id: criterion.id,
    label: criterion.label,
    field: custom ? customField : criterion.field,
    customKey: custom ? criterion.field.slice('custom:'.length) : '',
    op: criterion.op,
    text,
    high,
    weight: String(criterion.weight),
    description: criterion.description ?? '',
  };
}

/** The values a person picks from for a row's field (seniority, department, industry, country by name), if it has a fixed list. */
export function vocabularyFor(row: Pick<CriterionRow, 'field'>): string[] | undefined {
  const words = vocabularies[row.field];
  if (!words) return undefined;
  return row.field === 'country' ? words.map((code) => countryName(code)).sort((a, b) => a.localeCompare(b)) : [...words];
}

/** The row with `word` added to its value: appended to a list, or as the single value. */
export function addWord(row: CriterionRow, word: string): CriterionRow {
  if (valueShape(row.op) !== 'list') return { ...row, text: word };
  const items = listItems(row.text);
  if (items.some((item) => item.trim().toLowerCase() === word.toLowerCase())) return row;
  return { ...row, text: [...items.map((i) => i.trim()).filter(Boolean), word].join(', ') };
}

/** A new, empty row: "Company" "equals" nothing yet. */
export function newCriterionRow(weight = 10): CriterionRow {
  return { id: crypto.randomUUID(), label: '', field: 'company', customKey: '', op: 'equals', text: '', high: '', weight: String(weight), description: '' };
}

/** The field a row reads: a contact field, or `custom:<key>`. */
export function rowField(row: CriterionRow): string {
  return row.field === customField ? `custom:${row.customKey.trim()}` : row.field;
}

/** A number typed in a form, or the text itself so the schema says what is wrong with it. */
export function numberInput(text: string): number | string {
  return parseNumber(text) ?? text.trim();
}

/**
 * A builder row as the criterion the model expects: not yet checked, so the caller parses
 * it with the model's schema (`Criterion`, or the mutator's args).
 */
export function rowToCriterion(row: CriterionRow) {
  const field = rowField(row);
  return {
    id: row.id,
    label: row.label.trim(),
    field,
    op: row.op,
    value: parseValue(row.op, row.text, row.high, field),
    weight: numberInput(row.weight),
    // Only a pattern needs words; the row keeps them as typed, so switching back restores them.
    ...(row.op === 'matches' && row.description.trim() ? { description: row.description.trim() } : {}),
  };
}

/** The items a row's value holds now, whatever its operator, to carry them to another one. */
function rowItems(row: CriterionRow): string[] {
  switch (valueShape(row.op)) {
    case 'list':
      return listItems(row.text);
    case 'range':
    case 'none':
      if (row.high.trim() !== '') return [row.text.trim(), row.high.trim()];
      return splitRange(row.text)?.map((t) => t.trim()) ?? listItems(row.text);
    default:
      return row.text.trim() === '' ? [] : [row.text.trim()];
  }
}

/**
 * Switches a row's operator, carrying its value over as far as it fits the new shape: a
 * list keeps its values; a single value or a number takes the first; `between` takes the
 * first two. `exists` keeps the text, unused, so switching back restores it. A value that
 * does not fit (a word for `at least`) is kept as typed, and the schema says so.
 */
export function changeOp(row: CriterionRow, op: CriterionOp): CriterionRow {
  const from = valueShape(row.op);
  const to = valueShape(op);
  if (from === to || to === 'none') return { ...row, op };
  const oneText = (shape: ValueShape) => shape === 'single' || shape === 'pattern';
  if (oneText(to) && (oneText(from) || from === 'none')) return { ...row, op };
  const items = rowItems(row);
  switch (to) {
    case 'list':
      return { ...row, op, text: listText(items), high: '' };
    case 'range':
      return { ...row, op, text: items[0] ?? '', high: items[1] ?? '' };
    default:
      return { ...row, op, text: items[0] ?? '', high: '' };
  }
}

/** The parts of a row that can be wrong, as the last segment of their error key. */
export const criterionParts = ['label', 'field', 'op', 'value', 'weight', 'description'] as const;

/** Error-key patterns for a list of criteria at `prefix` (`criteria`, `audience`). */
export function criterionPatterns(prefix: string): string[] {
  return [prefix, ...criterionParts.map((part) => `${prefix}.*.${part}`)];
}

const customKeyMessage = 'Give a key: up to 60 letters, digits, _ . or -.';

/** Sales reads a pattern's description instead of the pattern, so a pattern needs one. */
export const describePatternMessage = 'Say in words what this pattern means: Sales sees this, not the pattern.';

/** What is wrong with a row's description, in words, or null. */
export function descriptionProblem(row: Pick<CriterionRow, 'op' | 'description'>): string | null {
  return row.op === 'matches' && row.description.trim() === '' ? describePatternMessage : null;
}

/**
 * What the model's schema alone does not say: zod skips a criterion's value check while the
 * criterion has another problem, so each value is checked on its own too; a pattern needs a
 * description in words (the model keeps it optional, for criteria saved before there were
 * any); and a custom field's problem is said in terms of the key the person types.
 */
export function addCriterionProblems(mapped: MappedIssues, prefix: string, rows: readonly CriterionRow[]): void {
  rows.forEach((row, i) => {
    const c = rowToCriterion(row);
    addProblem(mapped, `${prefix}.${i}.value`, criterionValueProblem(row.op, c.value));
    addProblem(mapped, `${prefix}.${i}.description`, descriptionProblem(row));
    const fieldKey = `${prefix}.${i}.field`;
    if (row.field === customField && mapped.fields[fieldKey]) mapped.fields[fieldKey] = customKeyMessage;
  });
}

/** The rows that make valid criteria, parsed; for previews of a draft that still has problems. */
export function validCriteria(rows: readonly CriterionRow[]): Criterion[] {
  return rows.flatMap((row) => {
    const parsed = Criterion.safeParse(rowToCriterion(row));
    return parsed.success ? [parsed.data] : [];
  });
}

/** Moves item `from` of a list to `to`, returning a new list (out-of-range moves change nothing). */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
