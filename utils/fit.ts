import { countryName } from './facts/vocabulary';
import {
  emailDomain,
  type ContactField,
  type Criterion,
  type CriterionField,
  type LeadDefinition,
  type ParsedContact,
} from './model';
import { compilePattern } from './pattern';

export type Outcome = 'pass' | 'fail' | 'unknown';

export interface CriterionResult {
  criterion: Criterion;
  outcome: Outcome;
  /** Why, in words a rep can read: `Employees 120 is between 50 and 1000`. */
  reason: string;
}

export type FitVerdict = 'fit' | 'partial' | 'no-fit' | 'disqualified' | 'not-enough-data';

export interface FitEvaluation {
  verdict: FitVerdict;
  /** Sum of the weights of the criteria that passed. */
  score: number;
  threshold: number;
  /** Sum of the weights of the criteria whose field is not known for this contact. */
  unknownWeight: number;
  maxScore: number;
  criteria: CriterionResult[];
  disqualifiers: CriterionResult[];
  /** One sentence that explains the verdict. */
  summary: string;
}

export const fieldLabels: Record<string, string> = {
  email: 'Email',
  emailDomain: 'Email domain',
  name: 'Name',
  title: 'Title',
  seniority: 'Seniority',
  department: 'Department',
  company: 'Company',
  industry: 'Industry',
  employees: 'Employees',
  country: 'Country',
  source: 'Seen in',
  leadSource: 'Lead source',
  revenue: 'Annual revenue',
  rating: 'Rating',
  stage: 'Stage',
};

export function fieldLabel(field: CriterionField): string {
  return fieldLabels[field] ?? field.replace(/^custom:/, '');
}

/** The contact's value for a criterion's field, or undefined when the contact does not say. */
export function contactValue(contact: ParsedContact, field: CriterionField): string | number | undefined {
  let value: string | number | undefined;
  if (field.startsWith('custom:')) {
    const key = field.slice('custom:'.length);
    // Own keys only: `custom:constructor` must not find Object.prototype's.
    value = contact.custom && Object.hasOwn(contact.custom, key) ? contact.custom[key] : undefined;
  }
  else if (field === 'emailDomain') value = emailDomain(contact.email);
  else value = contact[field as Exclude<ContactField, 'emailDomain'>];
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

const fold = (v: string | number) => String(v).trim().toLocaleLowerCase();
const quote = (v: string | number) => (typeof v === 'number' ? String(v) : `“${v}”`);
const list = (values: readonly (string | number)[]) => values.map(quote).join(', ');

/** A value as a person reads it: countries by name ("DE" → Germany), other values as they are. */
export function shownValue(field: CriterionField, value: string | number): string | number {
  return field === 'country' && typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) ? countryName(value) : value;
}

/** The headcount as the page gave it: "201–500" for a range, else the number. */
export function employeesText(contact: Pick<ParsedContact, 'employees' | 'employeesMax'>): string | undefined {
  if (contact.employees === undefined) return undefined;
  if (contact.employeesMax === undefined || contact.employeesMax === contact.employees) return String(contact.employees);
  return contact.employeesMax >= Number.MAX_SAFE_INTEGER ? `${contact.employees}+` : `${contact.employees}–${contact.employeesMax}`;
}

function asNumber(v: string | number): number | undefined {
  if (typeof v === 'number') return v;
  const n = Number(v.replace(/[\s,_]/g, ''));
  return Number.isFinite(n) && v.trim() !== '' ? n : undefined;
}

/** Evaluates one criterion against a contact. An unknown field is `unknown`, never `fail`. */
export function evaluateCriterion(criterion: Criterion, contact: ParsedContact): CriterionResult {
  const label = fieldLabel(criterion.field);
  const actual = contactValue(contact, criterion.field);
  const result = (outcome: Outcome, reason: string): CriterionResult => ({ criterion, outcome, reason });
  if (actual === undefined) return result('unknown', `${label} is not known for this contact.`);

  const { op } = criterion;
  const value = Array.isArray(criterion.value)
    ? criterion.value.map((v) => shownValue(criterion.field, v))
    : criterion.value === null
      ? null
      : shownValue(criterion.field, criterion.value);
  const shown = `${label} ${quote(shownValue(criterion.field, actual))}`;
  const range = criterion.field === 'employees' ? rangeOf(contact) : undefined;
  if (range && (op === 'between' || op === 'atLeast' || op === 'atMost')) return result(...rangeOutcome(label, range, op, criterion.value as number | [number, number]));
  switch (op) {
    case 'exists':
      return result('pass', `${label} is given.`);
    case 'equals': {
      const ok = fold(actual) === fold(criterion.value as string | number);
      return result(ok ? 'pass' : 'fail', `${shown} ${ok ? 'is' : 'is not'} ${quote(value as string | number)}.`);
    }
    case 'in':
    case 'notIn': {
      const values = value as (string | number)[];
      const found = (criterion.value as (string | number)[]).some((v) => fold(v) === fold(actual));
      const ok = op === 'in' ? found : !found;
      return result(ok ? 'pass' : 'fail', `${shown} is ${found ? '' : 'not '}one of ${list(values)}.`);
    }
    case 'contains': {
      const ok = fold(actual).includes(fold(value as string | number));
      return result(
        ok ? 'pass' : 'fail',
        `${shown} ${ok ? 'contains' : 'does not contain'} ${quote(value as string | number)}.`,
      );
    }
    case 'matches': {
      // RE2, in time linear in the text (utils/pattern.ts): a pattern cannot freeze the sidebar.
      const pattern = compilePattern(String(criterion.value));
      if ('error' in pattern) {
        // Published before patterns ran on RE2 (a look-ahead, `\1`), or by an older version whose
        // check was looser: that criterion is unknown, the rest of the evaluation goes on.
        return result('unknown', `${label} cannot be checked: the pattern behind “${patternRule(criterion)}” is not valid.`);
      }
      const ok = pattern.test(String(actual));
      const words = patternWords(criterion);
      // Sales reads what the pattern means, never the pattern itself.
      if (words) return result(ok ? 'pass' : 'fail', ok ? `${shown} ${words}.` : `${shown} does not fit: the rule is that it ${words}.`);
      return result(ok ? 'pass' : 'fail', `${shown} ${ok ? 'fits' : 'does not fit'} “${criterion.label}”.`);
    }
    case 'between':
    case 'atLeast':
    case 'atMost': {
      const n = asNumber(actual);
      if (n === undefined) return result('unknown', `${shown} is not a number, so it cannot be compared.`);
      if (op === 'between') {
        const [low, high] = value as [number, number];
        const ok = n >= low && n <= high;
        return result(ok ? 'pass' : 'fail', `${label} ${n} is ${ok ? '' : 'not '}between ${low} and ${high}.`);
      }
      const bound = value as number;
      const ok = op === 'atLeast' ? n >= bound : n <= bound;
      const word = op === 'atLeast' ? 'at least' : 'at most';
      return result(ok ? 'pass' : 'fail', `${label} ${n} is ${ok ? '' : 'not '}${word} ${bound}.`);
    }
  }
}

/** An employee range the page gave ("201-500"), when it is a range. */
function rangeOf(contact: ParsedContact): [number, number] | undefined {
  const { employees, employeesMax } = contact;
  return employees !== undefined && employeesMax !== undefined && employeesMax !== employees ? [employees, employeesMax] : undefined;
}

/**
 * A numeric rule against a range: it passes when the whole range does, fails when none of it
 * does, and is unknown when the range straddles the bound (the page does not say which side).
 */
function rangeOutcome(label: string, [low, high]: [number, number], op: 'between' | 'atLeast' | 'atMost', bound: number | [number, number]): [Outcome, string] {
  const shown = high >= Number.MAX_SAFE_INTEGER ? `${low}+` : `${low}–${high}`;
  const [min, max] = op === 'between' ? (bound as [number, number]) : op === 'atLeast' ? [bound as number, Infinity] : [-Infinity, bound as number];
  const rule = op === 'between' ? `between ${min} and ${max}` : op === 'atLeast' ? `at least ${min}` : `at most ${max}`;
  if (low >= min && high <= max) return ['pass', `${label} ${shown} is ${rule}.`];
  if (high < min || low > max) return ['fail', `${label} ${shown} is not ${rule}.`];
  return ['unknown', `${label} ${shown} may or may not be ${rule}: the range is all that is known.`];
}

const sum = (results: CriterionResult[], outcome: Outcome) =>
  results.filter((r) => r.outcome === outcome).reduce((total, r) => total + r.criterion.weight, 0);

/**
 * Scores a contact against the shared lead definition. Pure and fast: no I/O.
 *
 * - a disqualifier that passes makes the contact `disqualified`;
 * - a score (weights of passed criteria) at or above the threshold is a `fit`;
 * - below it, if the unknown criteria could still lift the score to the threshold, the
 *   verdict is `partial`, or `not-enough-data` when less than half the weight is known;
 * - otherwise `no-fit`.
 */
export function evaluateFit(
  definition: Pick<LeadDefinition, 'criteria' | 'disqualifiers' | 'threshold'>,
  contact: ParsedContact,
): FitEvaluation {
  const criteria = definition.criteria.map((c) => evaluateCriterion(c, contact));
  const disqualifiers = definition.disqualifiers.map((c) => evaluateCriterion(c, contact));
  const score = sum(criteria, 'pass');
  const unknownWeight = sum(criteria, 'unknown');
  const maxScore = criteria.reduce((total, r) => total + r.criterion.weight, 0);
  const { threshold } = definition;
  const base = { score, threshold, unknownWeight, maxScore, criteria, disqualifiers };

  const hit = disqualifiers.find((r) => r.outcome === 'pass');
  if (hit) return { ...base, verdict: 'disqualified', summary: `Disqualified: ${hit.criterion.label}.` };
  if (score >= threshold) {
    return { ...base, verdict: 'fit', summary: `Fits: scores ${score}, ${threshold} needed.` };
  }
  if (score + unknownWeight >= threshold) {
    const knownWeight = maxScore - unknownWeight;
    if (knownWeight * 2 < maxScore) {
      return {
        ...base,
        verdict: 'not-enough-data',
        summary: `Not enough data: ${count(criteria, 'unknown')} of ${criteria.length} criteria are unknown.`,
      };
    }
    return {
      ...base,
      verdict: 'partial',
      summary: `Partial: scores ${score} of ${threshold} needed; could fit once ${unknownWeight} points of unknown criteria are known.`,
    };
  }
  return { ...base, verdict: 'no-fit', summary: `No fit: scores ${score}, ${threshold} needed.` };
}

function count(results: CriterionResult[], outcome: Outcome): number {
  return results.filter((r) => r.outcome === outcome).length;
}

export const verdictText: Record<FitVerdict, string> = {
  fit: 'Fit',
  partial: 'Partial fit',
  'no-fit': 'No fit',
  disqualified: 'Disqualified',
  'not-enough-data': 'Not enough data',
};

const opWords: Record<Exclude<Criterion['op'], 'matches'>, string> = {
  equals: 'is',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  between: 'is between',
  atLeast: 'is at least',
  atMost: 'is at most',
  exists: 'is given',
};

/** What a `matches` criterion's pattern means, as Marketing described it (no closing full stop), if they did. */
function patternWords(criterion: Pick<Criterion, 'description'>): string | undefined {
  return criterion.description?.trim().replace(/\s*\.$/, '') || undefined;
}

/** A `matches` criterion in words, never its pattern: “Title names a buying role”, else its label. */
function patternRule(criterion: Pick<Criterion, 'field' | 'label' | 'description'>): string {
  const words = patternWords(criterion);
  return words ? `${fieldLabel(criterion.field)} ${words}` : criterion.label;
}

/**
 * A criterion's rule in words: `Employees is between 50 and 5000`. A pattern is never shown
 * (Sales reads this): a `matches` rule reads as Marketing described it, `Title names a buying
 * role`, or, saved before descriptions, as `Title fits “<its label>”`.
 */
export function describeRule(criterion: Pick<Criterion, 'field' | 'op' | 'value' | 'label' | 'description'>): string {
  const label = fieldLabel(criterion.field);
  const { op, value } = criterion;
  if (op === 'matches') return patternWords(criterion) ? patternRule(criterion) : `${label} fits “${criterion.label}”`;
  if (op === 'exists') return `${label} ${opWords[op]}`;
  if (op === 'between' && Array.isArray(value)) return `${label} is between ${value[0]} and ${value[1]}`;
  if (Array.isArray(value)) return `${label} ${opWords[op]} ${list(value.map((v) => shownValue(criterion.field, v)))}`;
  if (value === null) return `${label} ${opWords[op]}`;
  return `${label} ${opWords[op]} ${quote(shownValue(criterion.field, value))}`;
}
