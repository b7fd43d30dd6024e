import { describe, expect, it } from 'vitest';
import { contactValue, describeRule, evaluateCriterion, evaluateFit, type FitVerdict, type Outcome } from './fit';
import { ContactContext, Criterion, LeadDefinition, publishablePatterns, type ContactContext as ContactInput, type CriterionOp } from './model';
import { lookaroundMessage } from './pattern';

/** Every criterion goes through the schema, as one saved by the editor would. */
function criterion(field: string, op: CriterionOp, value: unknown, extra: { label?: string; weight?: number; description?: string } = {}) {
  return Criterion.parse({
    id: crypto.randomUUID(),
    label: extra.label ?? `${field} ${op}`,
    field,
    op,
    value,
    ...(extra.weight === undefined ? {} : { weight: extra.weight }),
    ...(extra.description === undefined ? {} : { description: extra.description }),
  });
}

function contact(input: Partial<ContactInput> = {}) {
  return ContactContext.parse({ source: 'gmail', ...input });
}

const dana = contact({
  email: 'Dana.Lee@EU.Acme.com',
  name: 'Dana Lee',
  title: 'VP of Marketing',
  seniority: 'Executive',
  department: 'Marketing',
  company: 'Acme GmbH',
  industry: 'Software',
  employees: 1200,
  country: 'Germany',
  custom: { plan: 'Enterprise', seats: '1,200', budget: 'lots', blank: '   ' },
});

/** Nothing but where it was seen. */
const stranger = contact();

describe('evaluateCriterion: each operator passes and fails', () => {
  it.each<[string, string, CriterionOp, unknown, Outcome, string]>([
    // equals
    ['equals, same text', 'country', 'equals', 'Germany', 'pass', 'Country “Germany” is “Germany”.'],
    ['equals, other case and spaces', 'title', 'equals', '  vp OF marketing ', 'pass', 'Title “VP of Marketing” is “  vp OF marketing ”.'],
    ['equals, different', 'country', 'equals', 'France', 'fail', 'Country “Germany” is not “France”.'],
    ['equals, a number', 'employees', 'equals', 1200, 'pass', 'Employees 1200 is 1200.'],
    ['equals, another number', 'employees', 'equals', 50, 'fail', 'Employees 1200 is not 50.'],
    // in
    // Countries are ISO codes once parsed, whatever case or language they were written in, and read by name.
    ['in, listed in another case', 'country', 'in', ['France', 'GERMANY'], 'pass', 'Country “Germany” is one of “France”, “Germany”.'],
    ['in, not listed', 'country', 'in', ['France', 'Spain'], 'fail', 'Country “Germany” is not one of “France”, “Spain”.'],
    ['in, numbers', 'employees', 'in', [100, 1200], 'pass', 'Employees 1200 is one of 100, 1200.'],
    // notIn
    ['notIn, not listed', 'country', 'notIn', ['France', 'Spain'], 'pass', 'Country “Germany” is not one of “France”, “Spain”.'],
    ['notIn, listed in another language', 'country', 'notIn', ['deutschland'], 'fail', 'Country “Germany” is one of “Germany”.'],
    // contains
    ['contains, other case', 'title', 'contains', 'MARKETING', 'pass', 'Title “VP of Marketing” contains “MARKETING”.'],
    ['contains, absent', 'title', 'contains', 'Sales', 'fail', 'Title “VP of Marketing” does not contain “Sales”.'],
    // matches: without a description (saved before there were any), the reason names the label, never the pattern
    ['matches, ignoring case', 'title', 'matches', '^vp\\b', 'pass', 'Title “VP of Marketing” fits “title matches”.'],
    ['matches, no match', 'title', 'matches', '^(director|head)\\b', 'fail', 'Title “VP of Marketing” does not fit “title matches”.'],
    // between (bounds included)
    ['between, inside', 'employees', 'between', [50, 5000], 'pass', 'Employees 1200 is between 50 and 5000.'],
    ['between, on the lower bound', 'employees', 'between', [1200, 5000], 'pass', 'Employees 1200 is between 1200 and 5000.'],
    ['between, on the upper bound', 'employees', 'between', [50, 1200], 'pass', 'Employees 1200 is between 50 and 1200.'],
    ['between, above', 'employees', 'between', [50, 1199], 'fail', 'Employees 1200 is not between 50 and 1199.'],
    ['between, below', 'employees', 'between', [1201, 5000], 'fail', 'Employees 1200 is not between 1201 and 5000.'],
    // atLeast
    ['atLeast, exactly', 'employees', 'atLeast', 1200, 'pass', 'Employees 1200 is at least 1200.'],
    ['atLeast, short by one', 'employees', 'atLeast', 1201, 'fail', 'Employees 1200 is not at least 1201.'],
    // atMost
    ['atMost, exactly', 'employees', 'atMost', 1200, 'pass', 'Employees 1200 is at most 1200.'],
    ['atMost, over by one', 'employees', 'atMost', 1199, 'fail', 'Employees 1200 is not at most 1199.'],
    // exists
    ['exists, given', 'company', 'exists', null, 'pass', 'Company is given.'],
  ])('%s', (_, field, op, value, outcome, reason) => {
    const result = evaluateCriterion(criterion(field, op, value), dana);
    expect(result.outcome).toBe(outcome);
    expect(result.reason).toBe(reason);
  });
});

describe('evaluateCriterion: fields', () => {
  it.each<[string, string, CriterionOp, unknown, Outcome]>([
    ['numbers written as text with thousands separators (at least)', 'custom:seats', 'atLeast', 1000, 'pass'],
    ['numbers written as text with thousands separators (at most)', 'custom:seats', 'atMost', 1000, 'fail'],
    ['numbers written as text with thousands separators (between)', 'custom:seats', 'between', [1200, 1200], 'pass'],
    ['a custom field, equals in another case', 'custom:plan', 'equals', 'enterprise', 'pass'],
    ['a custom field, in', 'custom:plan', 'in', ['Starter', 'Team'], 'fail'],
    ['a custom field, exists', 'custom:plan', 'exists', null, 'pass'],
    ['email domain is derived from the email, lower-cased', 'emailDomain', 'equals', 'eu.acme.com', 'pass'],
    ['email domain, in', 'emailDomain', 'in', ['gmail.com', 'outlook.com'], 'fail'],
    ['email domain, contains', 'emailDomain', 'contains', 'acme.com', 'pass'],
    ['email compares without case', 'email', 'equals', 'dana.lee@eu.acme.com', 'pass'],
    ['source is the place the contact was seen', 'source', 'equals', 'Gmail', 'pass'],
  ])('%s', (_, field, op, value, outcome) => {
    expect(evaluateCriterion(criterion(field, op, value), dana).outcome).toBe(outcome);
  });

  it('reads text numbers as numbers in the reason', () => {
    expect(evaluateCriterion(criterion('custom:seats', 'atLeast', 1000), dana).reason).toBe(
      'seats 1200 is at least 1000.',
    );
  });

  it.each([
    ['a custom field', 'custom:plan', 'Enterprise'],
    ['the email domain', 'emailDomain', 'eu.acme.com'],
    ['the employee count', 'employees', 1200],
    ['a blank custom field', 'custom:blank', undefined],
    ['a missing custom field', 'custom:missing', undefined],
    ['a missing field', 'industry', undefined],
  ])('contactValue gives %s', (_, field, expected) => {
    expect(contactValue(field === 'industry' ? stranger : dana, field as never)).toEqual(expected);
  });
});

describe('evaluateCriterion: an unknown field is unknown, never failed', () => {
  const ops: [CriterionOp, unknown][] = [
    ['equals', 'Software'],
    ['in', ['Software', 'Fintech']],
    ['notIn', ['Retail']],
    ['contains', 'soft'],
    ['matches', '^soft'],
    ['between', [10, 500]],
    ['atLeast', 10],
    ['atMost', 500],
    ['exists', null],
  ];

  it.each(ops)('%s on a field the contact does not give', (op, value) => {
    const result = evaluateCriterion(criterion('industry', op, value), stranger);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe('Industry is not known for this contact.');
  });

  it.each(ops)('%s on a custom field the contact does not have', (op, value) => {
    const result = evaluateCriterion(criterion('custom:segment', op, value), dana);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe('segment is not known for this contact.');
  });

  it.each(ops)('%s on a custom field that is only spaces', (op, value) => {
    expect(evaluateCriterion(criterion('custom:blank', op, value), dana).outcome).toBe('unknown');
  });

  it.each(ops)('%s on the email domain when there is no email', (op, value) => {
    const result = evaluateCriterion(criterion('emailDomain', op, value), stranger);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe('Email domain is not known for this contact.');
  });

  // A custom key that happens to be the name of a property every object inherits must still
  // be unknown when the contact does not have it.
  it.each<[string, CriterionOp, unknown]>([
    ['custom:constructor', 'exists', null],
    ['custom:toString', 'exists', null],
    ['custom:constructor', 'equals', 'x'],
  ])('%s %s on a contact without that key', (field, op, value) => {
    expect(evaluateCriterion(criterion(field, op, value), dana).outcome).toBe('unknown');
  });
});

describe('evaluateCriterion: a value that is not a number, for a numeric operator', () => {
  it.each<[string, CriterionOp, unknown, string]>([
    ['custom:budget', 'atLeast', 1000, 'budget “lots” is not a number, so it cannot be compared.'],
    ['custom:budget', 'atMost', 1000, 'budget “lots” is not a number, so it cannot be compared.'],
    ['custom:budget', 'between', [1, 1000], 'budget “lots” is not a number, so it cannot be compared.'],
    ['title', 'atLeast', 3, 'Title “VP of Marketing” is not a number, so it cannot be compared.'],
  ])('%s %s is unknown', (field, op, value, reason) => {
    const result = evaluateCriterion(criterion(field, op, value), dana);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe(reason);
    expect(result.reason).toMatch(/not a number/);
  });

  it.each(['10k', '$1,200', '1200 people', '—'])('"%s" is not read as a number', (seats) => {
    const result = evaluateCriterion(criterion('custom:seats', 'atLeast', 1), contact({ custom: { seats } }));
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toMatch(/not a number/);
  });
});

describe('evaluateCriterion: reasons are words a rep can read', () => {
  it.each<[string, CriterionOp, unknown, string[]]>([
    ['country', 'equals', 'France', ['Country', 'Germany', 'France']],
    ['country', 'in', ['France', 'Spain'], ['Country', 'Germany', 'France', 'Spain']],
    ['country', 'notIn', ['Germany', 'Austria'], ['Country', 'Germany', 'Austria']],
    ['title', 'contains', 'sales', ['Title', 'VP of Marketing', 'sales']],
    ['title', 'matches', '^cto$', ['Title', 'VP of Marketing', 'title matches']],
    ['employees', 'between', [10, 50], ['Employees', '1200', '10', '50']],
    ['employees', 'atLeast', 5000, ['Employees', '1200', '5000']],
    ['employees', 'atMost', 100, ['Employees', '1200', '100']],
    ['custom:plan', 'equals', 'Team', ['plan', 'Enterprise', 'Team']],
    ['emailDomain', 'in', ['acme.com'], ['Email domain', 'eu.acme.com', 'acme.com']],
    ['department', 'exists', null, ['Department']],
  ])('%s %s names the field and the values', (field, op, value, words) => {
    const { reason } = evaluateCriterion(criterion(field, op, value), dana);
    for (const word of words) expect(reason).toContain(word);
    // No code words or JavaScript leaking through.
    expect(reason).not.toMatch(/undefined|null|NaN|\[object|notIn|atLeast|atMost|custom:|emailDomain/);
    expect(reason).toMatch(/^[A-Za-z].*\.$/);
  });
});

describe('evaluateCriterion: patterns the schema accepts', () => {
  // The schema checks a pattern with `new RegExp(p, 'i')`; evaluation must not then throw on it
  // and take the whole fit panel down with it.
  it.each<[string, string, string]>([
    ['a hyphen in a character class', 'email', '^[\\w-.]+@eu\\.acme\\.com$'],
    ['an escaped space', 'title', '^vp\\ of'],
    ['an escaped hyphen', 'company', 'acme\\-?\\s?gmbh'],
  ])('%s evaluates without throwing', (_, field, pattern) => {
    const c = criterion(field, 'matches', pattern);
    expect(() => evaluateCriterion(c, dana)).not.toThrow();
    expect(evaluateCriterion(c, dana).outcome).toBe('pass');
  });
});

describe('evaluateCriterion: a pattern runs in time linear in the title (issue 16)', () => {
  // Nested repeats made JavaScript's backtracking RegExp try every split of the letters: this
  // 30-character title took 2.5 s and more (Node 20, this repo's machine), freezing the sidebar.
  const everyWord = criterion('title', 'matches', '^(\\w+\\s?)+$', { description: 'is words and spaces only' });

  it.each([
    ['30', 'SeniorVicePresidentGlobalSale.'],
    ['10,000', `${'Head of Revenue Operations '.repeat(371)}!`.slice(-10_000)],
  ])('answers at once for a %s-character title', (_, title) => {
    // Not through the schema, which caps a title far below 10,000 characters: the engine is what is timed.
    const who = { ...contact(), title };
    const start = performance.now();
    const result = evaluateCriterion(everyWord, who);
    expect(performance.now() - start).toBeLessThan(200);
    expect(result.outcome).toBe('fail');
  });

  it('still passes what fits', () => {
    expect(evaluateCriterion(everyWord, contact({ title: 'Head of Revenue Operations' })).outcome).toBe('pass');
  });
});

describe('evaluateCriterion: a stored pattern RE2 cannot run', () => {
  // Published before patterns ran on RE2: JavaScript took look-aheads and back-references.
  const stored = {
    id: crypto.randomUUID(),
    label: 'A manager, not an assistant',
    field: 'title',
    op: 'matches',
    value: '^(?!assistant).*manager',
    weight: 30,
    description: 'names a manager who is not an assistant',
  };

  it('still reads, so the definition it is in does', () => {
    expect(Criterion.safeParse(stored).success).toBe(true);
  });

  it('is unknown, with the reason in words, and the rest of the definition still scores', () => {
    const definition = {
      threshold: 50,
      criteria: [Criterion.parse(stored), criterion('country', 'in', ['Germany'], { weight: 50 })],
      disqualifiers: [],
    };
    const fit = evaluateFit(definition, contact({ title: 'Sales Manager', country: 'Germany' }));
    expect(fit.criteria[0]).toMatchObject({
      outcome: 'unknown',
      reason: 'Title cannot be checked: the pattern behind “Title names a manager who is not an assistant” is not valid.',
    });
    expect(fit).toMatchObject({ verdict: 'fit', score: 50, unknownWeight: 30 });
  });

  it('cannot be published again as it is: the publish check says what to change', () => {
    const parsed = LeadDefinition.pick({ criteria: true }).superRefine(publishablePatterns('criteria')).safeParse({ criteria: [stored] });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['criteria.0.value', lookaroundMessage]]);
  });
});

describe('evaluateCriterion and describeRule: a pattern reads in words, never as the pattern', () => {
  const buyingRole = '\\b(head|director|vp|chief|manager)\\b';
  const described = criterion('title', 'matches', buyingRole, { label: 'Title names a buying role', description: '  names a buying role (head, director, VP, chief, manager). ' });
  const undescribed = criterion('title', 'matches', buyingRole, { label: 'Title names a buying role' });
  const who = (title: string) => contact({ title });

  it.each<[string, Criterion, string, Outcome, string]>([
    ['described, passing', described, 'Head of Operations', 'pass', 'Title “Head of Operations” names a buying role (head, director, VP, chief, manager).'],
    ['described, failing', described, 'Intern', 'fail', 'Title “Intern” does not fit: the rule is that it names a buying role (head, director, VP, chief, manager).'],
    ['undescribed (older data), passing', undescribed, 'Head of Operations', 'pass', 'Title “Head of Operations” fits “Title names a buying role”.'],
    ['undescribed (older data), failing', undescribed, 'Intern', 'fail', 'Title “Intern” does not fit “Title names a buying role”.'],
  ])('%s', (_, c, title, outcome, reason) => {
    const result = evaluateCriterion(c, who(title));
    expect(result).toMatchObject({ outcome, reason });
    expect(result.reason).not.toContain('\\b');
  });

  it('keeps the description trimmed, and it is optional', () => {
    expect(described.description).toBe('names a buying role (head, director, VP, chief, manager).');
    expect(undescribed).not.toHaveProperty('description');
    expect(Criterion.safeParse({ ...undescribed, description: 'x'.repeat(201) }).success).toBe(false);
  });

  it('says a pattern that is not valid cannot be checked, without showing it', () => {
    // Saved by an older version whose check was looser.
    const broken = { ...described, value: '(head|director' };
    expect(evaluateCriterion(broken, who('Head of Sales'))).toMatchObject({
      outcome: 'unknown',
      reason: 'Title cannot be checked: the pattern behind “Title names a buying role (head, director, VP, chief, manager)” is not valid.',
    });
    expect(evaluateCriterion({ ...undescribed, value: '(head|director' }, who('Head of Sales')).reason).toBe(
      'Title cannot be checked: the pattern behind “Title names a buying role” is not valid.',
    );
  });

  it.each<[string, Criterion, string]>([
    ['described', described, 'Title names a buying role (head, director, VP, chief, manager)'],
    ['undescribed', undescribed, 'Title fits “Title names a buying role”'],
  ])('describeRule reads a %s pattern in words', (_, c, words) => {
    expect(describeRule(c)).toBe(words);
  });

  it('describeRule leaves a description off other operators', () => {
    expect(describeRule({ ...criterion('title', 'contains', 'head'), description: 'is senior' })).toBe('Title contains “head”');
  });
});

describe('evaluateFit', () => {
  // 100 points in all; 60 make a fit.
  const definition = {
    threshold: 60,
    criteria: [
      criterion('title', 'contains', 'marketing', { label: 'Works in marketing', weight: 30 }),
      criterion('employees', 'atLeast', 200, { label: '200+ employees', weight: 30 }),
      criterion('country', 'in', ['Germany', 'France'], { label: 'Germany or France', weight: 20 }),
      criterion('industry', 'equals', 'Software', { label: 'Software', weight: 20 }),
    ],
    disqualifiers: [
      criterion('emailDomain', 'in', ['gmail.com', 'yahoo.com'], { label: 'Personal email address' }),
      criterion('custom:student', 'equals', 'yes', { label: 'Student' }),
      criterion('custom:revenue', 'atMost', 0, { label: 'No revenue' }),
    ],
  };

  const base = { email: 'dana@acme.com' };
  it.each<[string, Partial<ContactInput>, FitVerdict, { score: number; unknownWeight: number; summary: string }]>([
    [
      'every criterion passes',
      { ...base, title: 'VP Marketing', employees: 1200, country: 'Germany', industry: 'Software' },
      'fit',
      { score: 100, unknownWeight: 0, summary: 'Fits: scores 100, 60 needed.' },
    ],
    [
      'score exactly at the threshold is a fit',
      { ...base, title: 'VP Marketing', employees: 200, country: 'Spain', industry: 'Retail' },
      'fit',
      { score: 60, unknownWeight: 0, summary: 'Fits: scores 60, 60 needed.' },
    ],
    [
      'a fit does not need the unknown criteria',
      { ...base, title: 'VP Marketing', employees: 5000 },
      'fit',
      { score: 60, unknownWeight: 40, summary: 'Fits: scores 60, 60 needed.' },
    ],
    [
      'one point short with everything known is no fit',
      { ...base, title: 'VP Marketing', employees: 199, country: 'Germany', industry: 'Retail' },
      'no-fit',
      { score: 50, unknownWeight: 0, summary: 'No fit: scores 50, 60 needed.' },
    ],
    [
      'no fit when the unknowns could not lift the score enough',
      { ...base, title: 'Engineer', employees: 10 },
      'no-fit',
      { score: 0, unknownWeight: 40, summary: 'No fit: scores 0, 60 needed.' },
    ],
    [
      'partial when the unknowns could still lift it',
      { ...base, title: 'VP Marketing', country: 'France', industry: 'Retail' },
      'partial',
      {
        score: 50,
        unknownWeight: 30,
        summary: 'Partial: scores 50 of 60 needed; could fit once 30 points of unknown criteria are known.',
      },
    ],
    [
      'partial when exactly half the weight is known',
      { ...base, title: 'VP Marketing', country: 'France' },
      'partial',
      {
        score: 50,
        unknownWeight: 50,
        summary: 'Partial: scores 50 of 60 needed; could fit once 50 points of unknown criteria are known.',
      },
    ],
    [
      'not enough data when less than half the weight is known',
      { ...base, title: 'VP Marketing' },
      'not-enough-data',
      { score: 30, unknownWeight: 70, summary: 'Not enough data: 3 of 4 criteria are unknown.' },
    ],
    [
      'not enough data when nothing is known',
      {},
      'not-enough-data',
      { score: 0, unknownWeight: 100, summary: 'Not enough data: 4 of 4 criteria are unknown.' },
    ],
    [
      'a passing disqualifier beats a full score',
      { email: 'dana@Gmail.com', title: 'VP Marketing', employees: 1200, country: 'Germany', industry: 'Software' },
      'disqualified',
      { score: 100, unknownWeight: 0, summary: 'Disqualified: Personal email address.' },
    ],
    [
      'a disqualifier on a custom field',
      { ...base, title: 'VP Marketing', employees: 1200, custom: { student: 'YES' } },
      'disqualified',
      { score: 60, unknownWeight: 40, summary: 'Disqualified: Student.' },
    ],
    [
      'a disqualifier whose field is unknown does not disqualify',
      { title: 'VP Marketing', employees: 1200, country: 'Germany', industry: 'Software' },
      'fit',
      { score: 100, unknownWeight: 0, summary: 'Fits: scores 100, 60 needed.' },
    ],
    [
      'a disqualifier whose value is not a number does not disqualify',
      { ...base, title: 'VP Marketing', employees: 1200, custom: { revenue: 'none yet' } },
      'fit',
      { score: 60, unknownWeight: 40, summary: 'Fits: scores 60, 60 needed.' },
    ],
  ])('%s', (_, input, verdict, expected) => {
    const evaluation = evaluateFit(definition, contact(input));
    expect(evaluation.verdict).toBe(verdict);
    expect(evaluation.score).toBe(expected.score);
    expect(evaluation.unknownWeight).toBe(expected.unknownWeight);
    expect(evaluation.summary).toBe(expected.summary);
    expect(evaluation.threshold).toBe(60);
    expect(evaluation.maxScore).toBe(100);
    expect(evaluation.criteria).toHaveLength(4);
    expect(evaluation.disqualifiers).toHaveLength(3);
  });

  it('keeps one result per criterion, in order, each with its reason', () => {
    const evaluation = evaluateFit(definition, contact({ title: 'VP Marketing', employees: 10 }));
    expect(evaluation.criteria.map((r) => [r.criterion.label, r.outcome, r.reason])).toEqual([
      ['Works in marketing', 'pass', 'Title “VP Marketing” contains “marketing”.'],
      ['200+ employees', 'fail', 'Employees 10 is not at least 200.'],
      ['Germany or France', 'unknown', 'Country is not known for this contact.'],
      ['Software', 'unknown', 'Industry is not known for this contact.'],
    ]);
  });

  it('names the first disqualifier that applies', () => {
    const evaluation = evaluateFit(
      definition,
      contact({ email: 'kid@yahoo.com', custom: { student: 'yes', revenue: 0 } }),
    );
    expect(evaluation.verdict).toBe('disqualified');
    expect(evaluation.summary).toBe('Disqualified: Personal email address.');
    expect(evaluation.disqualifiers.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass']);
  });
});

describe('a range of employees, as CRMs give it', () => {
  const ranged = contact({ employees: 201, employeesMax: 500 });
  it.each<[CriterionOp, unknown, Outcome, string]>([
    ['between', [50, 5000], 'pass', 'Employees 201–500 is between 50 and 5000.'],
    ['between', [1000, 5000], 'fail', 'Employees 201–500 is not between 1000 and 5000.'],
    ['between', [300, 5000], 'unknown', 'Employees 201–500 may or may not be between 300 and 5000: the range is all that is known.'],
    ['atLeast', 200, 'pass', 'Employees 201–500 is at least 200.'],
    ['atLeast', 501, 'fail', 'Employees 201–500 is not at least 501.'],
    ['atMost', 250, 'unknown', 'Employees 201–500 may or may not be at most 250: the range is all that is known.'],
  ])('%s %j', (op, value, outcome, reason) => {
    expect(evaluateCriterion(criterion('employees', op, value), ranged)).toMatchObject({ outcome, reason });
  });

  it('reads an open range ("10,000+") as at least its lower bound', () => {
    const big = contact({ employees: 10000, employeesMax: Number.MAX_SAFE_INTEGER });
    expect(evaluateCriterion(criterion('employees', 'atLeast', 5000), big)).toMatchObject({ outcome: 'pass', reason: 'Employees 10000+ is at least 5000.' });
    expect(evaluateCriterion(criterion('employees', 'between', [50, 5000]), big).outcome).toBe('fail');
  });
});

describe('criteria written by an older version', () => {
  it('read the lead source from its own field, where the custom field used to hold it', () => {
    const old = criterion('custom:lead_source', 'in', ['Webinar']);
    expect(old.field).toBe('leadSource');
    expect(evaluateCriterion(old, contact({ custom: { lead_source: 'Webinar' } }))).toMatchObject({ outcome: 'pass', reason: 'Lead source “Webinar” is one of “Webinar”.' });
  });

  it('keep countries as ISO codes and show them by name', () => {
    const regions = criterion('country', 'in', ['United States', 'Royaume-Uni', 'DE']);
    expect(regions.value).toEqual(['US', 'GB', 'DE']);
    expect(evaluateCriterion(regions, contact({ country: 'GB' })).reason).toBe('Country “United Kingdom” is one of “United States”, “United Kingdom”, “Germany”.');
  });
});
