import { describe, expect, it } from 'vitest';
import { Criterion, MetricsQuery, type ContactFacts, type FeedbackReason, type Suggestion } from '../model';
import { checkedMetrics, campaign, definition, feedback, input, reject } from './fixtures';
import { isPersonalOrAcademic, type MetricsInput } from './index';

const march = MetricsQuery.parse({ from: '2026-03-01', to: '2026-03-31', tz: 'UTC' });
const suggest = (data: MetricsInput): Suggestion[] => checkedMetrics(data, march, new Date('2026-04-01T00:00:00Z')).suggestions;

const spring = campaign('Spring launch');
const webinar = campaign('Webinar');

let day = 0;
const at = () => `2026-03-${String((day++ % 28) + 1).padStart(2, '0')}T10:00:00Z`;

interface Evidence {
  facts?: ContactFacts;
  key?: string;
}
/** Rejections for one reason, one a piece of evidence (or a bare one for each `undefined`). */
const rejections = (reason: FeedbackReason, evidence: (Evidence | undefined)[], campaignId?: string) =>
  evidence.map((e) => reject(at(), [reason], { campaignId, ...e }));
const accepts = (evidence: Evidence[], campaignId?: string) => evidence.map((e) => feedback({ at: at(), campaignId, ...e }));
const sized = (...sizes: number[]) => sizes.map((employees) => ({ facts: { employees } }));
const from = (...countries: string[]) => countries.map((country) => ({ facts: { country } }));
const mail = (...domains: string[]) => domains.map((d, i) => ({ key: `email:person${i}@${d}` }));
const bare = (n: number) => Array.from({ length: n }, () => undefined);
/** A criterion as the editor would save it from the suggestion: it must parse. */
const asCriterion = (s: Suggestion) => Criterion.parse({ id: crypto.randomUUID(), weight: 10, ...s.criterion });

describe('suggestions for the next definition', () => {
  it('proposes employees ≥ N for a campaign whose rejections are mostly too small, with the numbers', () => {
    const data = input({
      campaigns: [spring, webinar],
      feedback: [
        ...rejections('too-small', sized(5, 8, 12, 15, 20, 30, 40, 45, 48, 120, 300), spring.id),
        ...rejections('no-need', bare(16), spring.id),
        ...accepts([...sized(30, 500, 800, 1000, 2000), {}], spring.id),
        // Elsewhere, enough other rejections that overall “too small” stays under 30 %.
        ...rejections('no-budget', bare(12), webinar.id),
      ],
    });
    const [s, ...rest] = suggest(data);
    expect(rest).toEqual([]);
    expect(s).toEqual({
      id: `too-small:${spring.id}:employees`,
      text: 'Consider employees ≥ 50',
      evidence:
        '41 % of the 27 rejections from campaign “Spring launch” say “Too small” (11); 9 of the 11 with a known size had fewer than 50 employees. 1 of the 5 accepted with a known size had fewer than 50.',
      reason: 'too-small',
      campaignId: spring.id,
      criterion: { label: 'At least 50 employees', field: 'employees', op: 'atLeast', value: 50, as: 'criterion' },
    });
    expect(asCriterion(s!)).toMatchObject({ field: 'employees', op: 'atLeast', value: 50 });
  });

  it('proposes a disqualifier for the personal and academic domains of student/personal rejections', () => {
    const data = input({
      feedback: [...rejections('student-personal', mail('gmail.com', 'gmail.com', 'cs.uni.edu', 'outlook.com', 'acme.com')), ...rejections('bad-data', bare(2))],
    });
    expect(suggest(data)).toEqual([
      {
        id: 'student-personal:all:emailDomain',
        text: 'Consider disqualifying email domains gmail.com, cs.uni.edu and outlook.com',
        evidence: '71 % of the 7 rejections in the period say “Student or personal” (5); 4 of the 5 with a known email address used gmail.com (2), cs.uni.edu (1) and outlook.com (1).',
        reason: 'student-personal',
        campaignId: null,
        criterion: { label: 'Personal or academic email', field: 'emailDomain', op: 'in', value: ['gmail.com', 'cs.uni.edu', 'outlook.com'], as: 'disqualifier' },
      },
    ]);
    expect(isPersonalOrAcademic('ox.ac.uk')).toBe(true);
    expect(isPersonalOrAcademic('acme.com')).toBe(false);
  });

  it('proposes a country disqualifier for wrong-region rejections, leaving out countries Sales accepts', () => {
    const data = input({
      feedback: [...rejections('wrong-region', [...from('Brazil', 'brazil', 'Brazil', 'India', 'Germany'), undefined]), ...accepts(from('Germany', 'Germany'))],
    });
    const [s, ...rest] = suggest(data);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      id: 'wrong-region:all:country',
      text: 'Consider disqualifying leads from Brazil and India',
      evidence: '100 % of the 6 rejections in the period say “Wrong region” (6); 4 of the 5 with a known country were from Brazil (3) and India (1). None of the 2 accepted with a known country did.',
      criterion: { label: 'Outside our regions', field: 'country', op: 'in', value: ['BR', 'IN'], as: 'disqualifier' },
    });
    expect(asCriterion(s!)).toMatchObject({ op: 'in' });
  });

  it('proposes seniority or department for wrong-persona rejections where the evidence agrees', () => {
    const persona = (seniority: string, department: string) => ({ facts: { seniority, department } });
    const data = input({
      feedback: [
        ...rejections('wrong-persona', [persona('Intern', 'Marketing'), persona('Intern', 'Marketing'), persona('Intern', 'Marketing'), persona('Student', 'Sales'), undefined]),
        // Marketing people are accepted too: no department suggestion.
        ...accepts([persona('VP', 'Marketing'), persona('Director', 'Marketing')]),
      ],
    });
    expect(suggest(data)).toEqual([
      expect.objectContaining({
        id: 'wrong-persona:all:seniority',
        text: 'Consider disqualifying seniority Intern and Student',
        criterion: { label: 'Not our persona (seniority)', field: 'seniority', op: 'in', value: ['Intern', 'Student'], as: 'disqualifier' },
      }),
    ]);
  });

  it('proposes the competitors’ email domains, not free-mail ones', () => {
    const data = input({ feedback: [...rejections('competitor', mail('rival.com', 'rival.com', 'gmail.com', 'rival.io')), ...rejections('duplicate', bare(1))] });
    expect(suggest(data)).toEqual([
      expect.objectContaining({
        id: 'competitor:all:emailDomain',
        text: 'Consider disqualifying email domains rival.com and rival.io',
        evidence: '80 % of the 5 rejections in the period say “Competitor” (4); 3 of the 4 with a known email address wrote from rival.com (2) and rival.io (1).',
        criterion: { label: 'Competitor', field: 'emailDomain', op: 'in', value: ['rival.com', 'rival.io'], as: 'disqualifier' },
      }),
    ]);
  });

  it('proposes nothing the definition already has, and only the values it lacks', () => {
    const small = rejections('too-small', sized(5, 8, 12, 30, 40));
    const students = rejections('student-personal', mail('gmail.com', 'gmail.com', 'outlook.com', 'uni.edu', 'yahoo.com'));
    const criterion = (field: string, op: string, value: unknown) => Criterion.parse({ id: crypto.randomUUID(), label: 'x', field, op, value });
    expect(suggest(input({ feedback: small })).map((s) => s.text)).toEqual(['Consider employees ≥ 50']);
    expect(suggest(input({ feedback: small, definitions: [definition(1, { criteria: [criterion('employees', 'atLeast', 50)] })] }))).toEqual([]);
    // The same field and operator with another value is something else.
    expect(suggest(input({ feedback: small, definitions: [definition(1, { criteria: [criterion('employees', 'atLeast', 20)] })] })).map((s) => s.text)).toEqual([
      'Consider employees ≥ 50',
    ]);

    const all = ['gmail.com', 'outlook.com', 'uni.edu', 'yahoo.com'];
    expect(suggest(input({ feedback: students, definitions: [definition(1, { disqualifiers: [criterion('emailDomain', 'in', all.map((d) => d.toUpperCase()))] })] }))).toEqual([]);
    const [partial] = suggest(input({ feedback: students, definitions: [definition(1, { disqualifiers: [criterion('emailDomain', 'in', ['gmail.com', 'yahoo.com'])] })] }));
    expect(partial).toMatchObject({
      text: 'Consider disqualifying email domains outlook.com and uni.edu',
      criterion: { value: ['outlook.com', 'uni.edu'] },
      evidence: expect.stringMatching(/The definition already disqualifies gmail\.com and yahoo\.com\.$/),
    });
  });

  it('says nothing below the thresholds: too few rejections, a minor reason, thin or disagreeing evidence, good leads in the way', () => {
    // Four rejections only.
    expect(suggest(input({ feedback: rejections('too-small', sized(5, 8, 12, 30)) }))).toEqual([]);
    // “Too small” on 2 of 7 rejections: under 30 %.
    expect(suggest(input({ feedback: [...rejections('too-small', sized(5, 8)), ...rejections('no-need', bare(5))] }))).toEqual([]);
    // Only two say how big they are.
    expect(suggest(input({ feedback: rejections('too-small', [...sized(5, 8), ...bare(3)]) }))).toEqual([]);
    // Sizes all over the place: no round number most of them fall below.
    expect(suggest(input({ feedback: rejections('too-small', sized(5, 20_000, 30_000, 40_000, 50_000)) }))).toEqual([]);
    // As many accepted leads as rejected ones are under 50.
    expect(suggest(input({ feedback: [...rejections('too-small', sized(5, 8, 12, 30, 40)), ...accepts(sized(10, 20, 30, 600))] }))).toEqual([]);
    // Reasons with no criterion to propose.
    expect(suggest(input({ feedback: rejections('no-budget', bare(8)) }))).toEqual([]);
    // Rejections outside the period.
    expect(suggest(input({ feedback: rejections('too-small', sized(5, 8, 12, 30, 40)).map((f) => ({ ...f, createdAt: '2026-04-02T00:00:00Z' })) }))).toEqual([]);
  });

  it('keeps a campaign’s suggestion only when the overall one does not already make it', () => {
    const data = input({
      campaigns: [spring, webinar],
      feedback: [
        ...rejections('wrong-region', from('Brazil', 'Brazil', 'Brazil'), spring.id),
        ...rejections('wrong-region', from('India', 'India'), spring.id),
        ...rejections('wrong-region', from('Brazil', 'Brazil', 'Brazil', 'Brazil', 'Brazil'), webinar.id),
      ],
    });
    expect(suggest(data).map((s) => [s.id, s.criterion?.value])).toEqual([
      ['wrong-region:all:country', ['BR', 'IN']],
      // Each campaign's own proposal is part of the overall one.
    ]);
    const split = input({
      campaigns: [spring, webinar],
      feedback: [
        ...rejections('wrong-region', from(...Array<string>(10).fill('Brazil')), spring.id),
        ...rejections('wrong-region', from('India', 'India', 'India', 'India', 'India'), webinar.id),
        ...accepts(from('India', 'India', 'India'), spring.id),
      ],
    });
    // Overall, India is accepted too often to disqualify; the webinar's rejections still point at it.
    expect(suggest(split).map((s) => [s.id, s.criterion?.value])).toEqual([
      ['wrong-region:all:country', ['BR']],
      [`wrong-region:${webinar.id}:country`, ['IN']],
    ]);
  });
});
