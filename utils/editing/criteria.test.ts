import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '../demo';
import { Criterion, type LeadDefinition, type Campaign } from '../model';
import { mapIssues } from './issues';
import {
  addCriterionProblems,
  changeOp,
  criterionToRow,
  CriterionRow as CriterionRowSchema,
  listItems,
  listText,
  move,
  newCriterionRow,
  parseNumber,
  parseValue,
  rowToCriterion,
  valueShape,
  type CriterionRow,
} from './criteria';

const row = (overrides: Partial<CriterionRow>): CriterionRow => ({ ...newCriterionRow(), label: 'A rule', ...overrides });
const check = (r: CriterionRow) => Criterion.safeParse(rowToCriterion(r));
const problemOf = (r: CriterionRow) => {
  const parsed = check(r);
  return parsed.success ? null : parsed.error.issues.map((i) => i.message);
};

describe('the shape of a value follows its operator', () => {
  it.each([
    ['equals', 'single'],
    ['contains', 'single'],
    ['matches', 'pattern'],
    ['in', 'list'],
    ['notIn', 'list'],
    ['between', 'range'],
    ['atLeast', 'number'],
    ['atMost', 'number'],
    ['exists', 'none'],
  ] as const)('%s takes %s', (op, shape) => {
    expect(valueShape(op)).toBe(shape);
  });
});

describe('parsing the value text', () => {
  it('reads "between 10, 50" as [10, 50], in any of the usual spellings', () => {
    expect(parseValue('between', '10, 50')).toEqual([10, 50]);
    expect(parseValue('between', '10 to 50')).toEqual([10, 50]);
    expect(parseValue('between', '10-50')).toEqual([10, 50]);
    expect(parseValue('between', '10', '50')).toEqual([10, 50]);
    expect(parseValue('between', ' 1_000 ', '5000')).toEqual([1000, 5000]);
  });

  it('passes a between that is not two numbers on as typed, so the schema says what is wrong', () => {
    expect(parseValue('between', '10', '')).toEqual([10, '']);
    expect(problemOf(row({ op: 'between', text: '10', high: '' }))).toEqual(['Give a lower and an upper number, lower first.']);
    expect(problemOf(row({ op: 'between', text: '50', high: '10' }))).toEqual(['Give a lower and an upper number, lower first.']);
    expect(problemOf(row({ op: 'between', text: 'ten', high: '50' }))).toEqual(['Give a lower and an upper number, lower first.']);
  });

  it('splits a list on commas, or on lines when there are several, trimming and dropping blanks', () => {
    expect(listItems(' Software ,  SaaS,, ,Fintech ')).toEqual(['Software', 'SaaS', 'Fintech']);
    expect(listItems('Acme, Inc.\n\n  Globex  \n')).toEqual(['Acme, Inc.', 'Globex']);
    expect(listItems('   ')).toEqual([]);
    expect(parseValue('in', 'VP,\nDirector\n\n')).toEqual(['VP,', 'Director']);
    expect(parseValue('notIn', 'gmail.com, yahoo.com')).toEqual(['gmail.com', 'yahoo.com']);
  });

  it('reads list entries of a numeric field as numbers', () => {
    expect(parseValue('in', '50, 100, lots', '', 'employees')).toEqual([50, 100, 'lots']);
    expect(parseValue('in', '50, 100', '', 'company')).toEqual(['50', '100']);
    expect(parseValue('equals', ' 250 ', '', 'employees')).toBe(250);
  });

  it('says "List at least one value." for an empty list', () => {
    expect(problemOf(row({ op: 'in', text: ' , ,' }))).toEqual(['List at least one value.']);
  });

  it('reads a number for at least and at most, and says "Give a number." otherwise', () => {
    expect(parseValue('atLeast', ' 200 ')).toBe(200);
    expect(parseValue('atMost', '12.5')).toBe(12.5);
    expect(parseValue('atLeast', '')).toBeNull();
    expect(problemOf(row({ op: 'atLeast', text: 'many' }))).toEqual(['Give a number.']);
    expect(problemOf(row({ op: 'atMost', text: '' }))).toEqual(['Give a number.']);
  });

  it('takes no value for exists, and trims one value', () => {
    expect(parseValue('exists', 'anything')).toBeNull();
    expect(check(row({ op: 'exists', text: 'left over' })).success).toBe(true);
    expect(parseValue('equals', '  Germany ')).toBe('Germany');
    expect(problemOf(row({ op: 'equals', text: '   ' }))).toEqual(['Give a value.']);
    expect(problemOf(row({ op: 'matches', text: '(unclosed' }))).toEqual(['This is not a valid pattern.']);
  });

  it('reads numbers with spaces or underscores but not with commas, which separate values', () => {
    expect(parseNumber('1 000')).toBe(1000);
    expect(parseNumber('5,000')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('Infinity')).toBeUndefined();
  });
});

describe('switching the operator', () => {
  it('from "in" to "at least" keeps a numeric first value', () => {
    const next = changeOp(row({ field: 'employees', op: 'in', text: '250, 500' }), 'atLeast');
    expect(next).toMatchObject({ op: 'atLeast', text: '250', high: '' });
    expect(rowToCriterion(next).value).toBe(250);
  });

  it('from "in" to "at least" with words reports "Give a number."', () => {
    const next = changeOp(row({ op: 'in', text: 'Software, SaaS' }), 'atLeast');
    expect(next.text).toBe('Software');
    expect(problemOf(next)).toEqual(['Give a number.']);
  });

  it('from a list to between takes the first two, and back again keeps both', () => {
    const between = changeOp(row({ op: 'in', text: '10, 50' }), 'between');
    expect(between).toMatchObject({ text: '10', high: '50' });
    expect(rowToCriterion(between).value).toEqual([10, 50]);
    const list = changeOp(between, 'notIn');
    expect(list).toMatchObject({ text: '10, 50', high: '' });
  });

  it('from a single value to a list makes a one-item list, and keeps text between one-value operators', () => {
    expect(changeOp(row({ op: 'equals', text: 'Germany' }), 'in')).toMatchObject({ text: 'Germany' });
    expect(changeOp(row({ op: 'contains', text: 'head of' }), 'matches')).toMatchObject({ text: 'head of' });
  });

  it('to exists and back restores what was typed', () => {
    const gone = changeOp(row({ op: 'contains', text: 'Acme, Inc' }), 'exists');
    expect(rowToCriterion(gone).value).toBeNull();
    expect(changeOp(gone, 'contains').text).toBe('Acme, Inc');
    const range = changeOp(changeOp(row({ op: 'between', text: '5', high: '9' }), 'exists'), 'between');
    expect(range).toMatchObject({ text: '5', high: '9' });
  });
});

describe('criteria as rows and back', () => {
  const demo = demoWorkspace(new Date('2026-11-27T12:00:00Z'));
  const definition = demo.records.find((r) => r.type === 'definition')!.record as LeadDefinition;
  const audience = demo.records.filter((r) => r.type === 'campaign').flatMap((r) => (r.record as Campaign).audience);
  const all = [...definition.criteria, ...definition.disqualifiers, ...audience];

  it.each(all.map((c) => [c.label, c] as const))('round-trips the demo criterion “%s”', (_label, criterion) => {
    const back = Criterion.parse(rowToCriterion(criterionToRow(criterion)));
    expect(back).toEqual(criterion);
  });

  it('shows a custom field as its key, and a list as comma-separated text', () => {
    const plan = Criterion.parse({ id: crypto.randomUUID(), label: 'Plan', field: 'custom:plan', op: 'in', value: ['Team', 'Business', 'Enterprise'] });
    expect(criterionToRow(plan)).toMatchObject({ field: 'custom', customKey: 'plan', text: 'Team, Business, Enterprise' });
    const size = definition.criteria.find((c) => c.op === 'between')!;
    expect(criterionToRow(size)).toMatchObject({ field: 'employees', text: '50', high: '5000', weight: '20' });
  });

  it('keeps a list value with a comma whole, one per line', () => {
    const c = Criterion.parse({ id: crypto.randomUUID(), label: 'Named', field: 'company', op: 'in', value: ['Acme, Inc.', 'Globex'], weight: 5 });
    expect(listText(c.value as string[])).toBe('Acme, Inc.\nGlobex');
    expect(Criterion.parse(rowToCriterion(criterionToRow(c)))).toEqual(c);
  });

  it('round-trips numbers for a numeric field', () => {
    const c = Criterion.parse({ id: crypto.randomUUID(), label: 'Sizes', field: 'employees', op: 'in', value: [50, 100], weight: 5 });
    expect(Criterion.parse(rowToCriterion(criterionToRow(c)))).toEqual(c);
  });

  it('reports a bad custom key and a weight that is not a whole number from 0 to 100', () => {
    expect(check(row({ field: 'custom', customKey: 'lead source', text: 'x' })).success).toBe(false);
    expect(check(row({ field: 'custom', customKey: 'lead_source', text: 'x' })).success).toBe(true);
    expect(check(row({ text: 'x', weight: '101' })).success).toBe(false);
    expect(check(row({ text: 'x', weight: '' })).success).toBe(false);
  });
});

describe('a pattern described in words', () => {
  const pattern = (overrides: Partial<CriterionRow> = {}) => row({ field: 'title', op: 'matches', text: '\\b(ceo|founder)\\b', ...overrides });
  const problems = (rows: CriterionRow[]) => {
    const mapped = mapIssues([], []);
    addCriterionProblems(mapped, 'criteria', rows);
    return mapped.fields;
  };

  it('round-trips the description, trimmed, and leaves it off other operators', () => {
    const described = Criterion.parse(rowToCriterion(pattern({ description: '  is the CEO or a founder ' })));
    expect(described.description).toBe('is the CEO or a founder');
    expect(criterionToRow(described).description).toBe('is the CEO or a founder');
    expect(rowToCriterion(pattern({ op: 'contains', description: 'kept as typed' }))).not.toHaveProperty('description');
    expect(rowToCriterion(pattern({ description: '   ' }))).not.toHaveProperty('description');
  });

  it('requires words for a pattern, not for other operators, and at most 200 characters', () => {
    const message = 'Say in words what this pattern means: Sales sees this, not the pattern.';
    expect(problems([pattern(), pattern({ description: ' ' }), pattern({ description: 'is the CEO' }), row({ text: 'Acme' })])).toEqual({
      'criteria.0.description': message,
      'criteria.1.description': message,
    });
    const long = check(pattern({ description: 'x'.repeat(201) }));
    expect(mapIssues(long.error?.issues ?? [], ['description']).fields).toEqual({ description: 'Use at most 200 characters.' });
  });

  it('reads a draft saved before descriptions, with none', () => {
    const { description: _none, ...older } = pattern();
    expect(CriterionRowSchema.parse(older).description).toBe('');
    // Criteria saved before descriptions read by their label (and still parse).
    expect(check({ ...pattern(), description: '' }).success).toBe(true);
  });
});

describe('moving rows', () => {
  it('moves up and down, and ignores moves off the ends', () => {
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });
});
