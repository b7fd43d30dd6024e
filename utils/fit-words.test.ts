import { describe, expect, it } from 'vitest';
import { describeRule, employeesText, evaluateCriterion, evaluateFit, fieldLabel, verdictText } from './fit';
import { ContactContext, type Criterion } from './model';

// What Sales and Marketing read of a definition: rules, verdicts and headcounts in words, and
// the edges of ranges and thresholds (utils/fit.test.ts has the rest).

const contact = (input: object) => ContactContext.parse({ source: 'manual', ...input });
const criterion = (over: Partial<Criterion>): Criterion => ({ id: '40000000-0000-4000-8000-000000000001', label: 'Rule', field: 'employees', op: 'atLeast', value: 50, weight: 10, ...over }) as Criterion;

describe('fit in words', () => {
  it('reads each rule as a sentence', () => {
    expect(describeRule(criterion({ field: 'title', op: 'equals', value: 'CTO' }))).toBe('Title is “CTO”');
    expect(describeRule(criterion({ field: 'industry', op: 'in', value: ['Software', 'Banking'] }))).toBe('Industry is one of “Software”, “Banking”');
    expect(describeRule(criterion({ field: 'country', op: 'notIn', value: ['DE', 'fr'] }))).toBe('Country is not one of “Germany”, “France”');
    expect(describeRule(criterion({ field: 'employees', op: 'between', value: [50, 500] }))).toBe('Employees is between 50 and 500');
    expect(describeRule(criterion({ field: 'revenue', op: 'atLeast', value: 1000000 }))).toBe('Annual revenue is at least 1000000');
    expect(describeRule(criterion({ field: 'employees', op: 'atMost', value: 10 }))).toBe('Employees is at most 10');
    expect(describeRule(criterion({ field: 'stage', op: 'exists', value: null }))).toBe('Stage is given');
    expect(describeRule(criterion({ field: 'source', op: 'contains', value: 'webinar' }))).toBe('Seen in contains “webinar”');
    expect(describeRule(criterion({ field: 'country', op: 'equals', value: 'Deutschland' }))).toBe('Country is “Deutschland”');
    expect(describeRule(criterion({ field: 'custom:tier', op: 'equals', value: 'gold' }))).toBe('tier is “gold”');
    expect(['name', 'seniority', 'rating', 'custom:plan'].map((f) => fieldLabel(f as Criterion['field']))).toEqual(['Name', 'Seniority', 'Rating', 'plan']);
  });

  it('names each verdict', () => {
    expect(verdictText).toEqual({ fit: 'Fit', partial: 'Partial fit', 'no-fit': 'No fit', disqualified: 'Disqualified', 'not-enough-data': 'Not enough data' });
  });

  it('shows a headcount as the page gave it', () => {
    expect(employeesText({})).toBeUndefined();
    expect(employeesText({ employees: 120 })).toBe('120');
    expect(employeesText({ employees: 120, employeesMax: 120 })).toBe('120');
    expect(employeesText({ employees: 201, employeesMax: 500 })).toBe('201–500');
    expect(employeesText({ employees: 10001, employeesMax: Number.MAX_SAFE_INTEGER })).toBe('10001+');
  });

  it('passes a headcount range that sits exactly on the bounds, and fails one that ends just outside', () => {
    const range = contact({ employees: 50, employeesMax: 200 });
    expect(evaluateCriterion(criterion({ op: 'atLeast', value: 50 }), range).outcome).toBe('pass');
    expect(evaluateCriterion(criterion({ op: 'atMost', value: 200 }), range).outcome).toBe('pass');
    expect(evaluateCriterion(criterion({ op: 'atLeast', value: 201 }), range).outcome).toBe('fail');
    expect(evaluateCriterion(criterion({ op: 'atMost', value: 49 }), range).outcome).toBe('fail');
    expect(evaluateCriterion(criterion({ op: 'atLeast', value: 200 }), range)).toMatchObject({ outcome: 'unknown', reason: 'Employees 50–200 may or may not be at least 200: the range is all that is known.' });
  });

  it('counts a number written with spaces or commas, and not a blank one', () => {
    expect(evaluateCriterion(criterion({ field: 'custom:seats', op: 'atLeast', value: 1000 }), contact({ custom: { seats: '1 200' } })).outcome).toBe('pass');
    expect(evaluateCriterion(criterion({ field: 'custom:seats', op: 'atLeast', value: 0 }), contact({ custom: { seats: ' ' } })).outcome).toBe('unknown');
  });

  it('is partial when the unknown criteria could lift the score exactly to the threshold', () => {
    const definition = {
      threshold: 30,
      disqualifiers: [],
      criteria: [criterion({ field: 'title', op: 'equals', value: 'CTO', weight: 20 }), criterion({ field: 'industry', op: 'exists', value: null, weight: 10 })],
    };
    expect(evaluateFit(definition, contact({ title: 'CTO' })).verdict).toBe('partial');
    expect(evaluateFit(definition, contact({ title: 'CEO' })).verdict).toBe('no-fit');
  });

  it('shows a country code by its name in a reason, and matches it whatever its case', () => {
    expect(evaluateCriterion(criterion({ field: 'country', op: 'equals', value: 'de' }), contact({ country: 'DE' }))).toMatchObject({ outcome: 'pass', reason: 'Country “Germany” is “Germany”.' });
    expect(evaluateCriterion(criterion({ field: 'title', op: 'equals', value: 'de' }), contact({ title: 'DE' })).reason).toBe('Title “DE” is “de”.');
  });
});
