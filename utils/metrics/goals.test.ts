import { describe, expect, it } from 'vitest';
import { GoalProgress, MetricsQuery, type Goal } from '../model';
import { checkedMetrics, feedback, goal, input, lead, reject, uuid } from './fixtures';

const query = (from: string, to: string, tz = 'UTC') => MetricsQuery.parse({ from, to, tz });

/** Halfway through the goals' period 2026-04-01..2026-04-10 (UTC). */
const now = new Date('2026-04-06T00:00:00Z');

// Three leads captured in the period (one before it); first feedback after 12 and 48 hours, one waiting.
const records = {
  leads: [
    lead({ id: uuid('l1'), capturedAt: '2026-04-02T00:00:00Z', email: 'ann@acme.com' }),
    lead({ id: uuid('l2'), capturedAt: '2026-04-03T00:00:00Z', email: 'bob@acme.com' }),
    lead({ id: uuid('l3'), capturedAt: '2026-04-04T00:00:00Z' }),
    lead({ id: uuid('l4'), capturedAt: '2026-03-31T12:00:00Z' }),
  ],
  // Five verdicts in the period, three of them accept: 60 %.
  feedback: [
    feedback({ at: '2026-04-02T12:00:00Z', leadId: uuid('l1') }),
    reject('2026-04-05T00:00:00Z', ['no-need'], { key: 'email:Bob@Acme.com' }),
    feedback({ at: '2026-04-05T06:00:00Z' }),
    feedback({ at: '2026-04-05T07:00:00Z' }),
    feedback({ at: '2026-04-05T08:00:00Z', verdict: 'nurture' }),
    feedback({ at: '2026-03-31T13:00:00Z' }), // before the period
  ],
};

function progress(goals: Goal[], q = query('2026-04-01', '2026-04-10'), at = now): GoalProgress[] {
  return checkedMetrics(input({ ...records, goals }), q, at).goals;
}
const one = (g: Goal, q?: MetricsQuery, at?: Date) => progress([g], q, at)[0]!;

const april = ['2026-04-01', '2026-04-10'] as const;

describe('goal progress over the goal’s own period', () => {
  it('counts leads captured', () => {
    expect(one(goal('Captured', 'leadsCaptured', 4, ...april))).toEqual({
      goalId: uuid('Captured'),
      name: 'Captured',
      owner: 'joint',
      metric: 'leadsCaptured',
      target: 4,
      unit: 'count',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-10',
      value: 3,
      progress: 0.75,
      status: 'on-track',
      note: "3 leads captured in the goal's period. 50 % of the period has passed.",
      dependsOn: [],
    });
  });

  it('counts accepted leads and falls behind when progress is less than the time passed', () => {
    expect(one(goal('Accepted', 'leadsAccepted', 8, ...april))).toMatchObject({ value: 3, progress: 0.375, status: 'behind', unit: 'count' });
  });

  it('gives the acceptance rate in percent, as targets are written', () => {
    expect(one(goal('Rate', 'acceptanceRate', 60, ...april))).toMatchObject({ value: 60, progress: 1, status: 'met', unit: 'percent' });
    expect(one(goal('Rate 75', 'acceptanceRate', 75, ...april))).toMatchObject({ value: 60, progress: 0.8, status: 'on-track' });
    expect(one(goal('Rate 75', 'acceptanceRate', 75, ...april)).note).toBe(
      "3 of 5 verdicts given in the goal's period accepted the lead (60 %). 50 % of the period has passed.",
    );
  });

  it('takes the median hours to the first feedback, where lower is better', () => {
    // Captured leads answered after 12 and 48 hours: median 30.
    expect(one(goal('Fast', 'medianHoursToFirstFeedback', 24, ...april))).toMatchObject({ value: 30, progress: 0.8, status: 'on-track', unit: 'hours' });
    expect(one(goal('Fast enough', 'medianHoursToFirstFeedback', 36, ...april))).toMatchObject({ value: 30, progress: 1, status: 'met' });
    expect(one(goal('Very fast', 'medianHoursToFirstFeedback', 12, ...april))).toMatchObject({ value: 30, progress: 0.4, status: 'behind' });
    expect(one(goal('Fast', 'medianHoursToFirstFeedback', 24, ...april)).note).toMatch(/Median of 2 leads with feedback.*lower is better.*1 still waiting/);
  });

  it('cannot compute custom goals, nor a rate or a time without data, and says why', () => {
    expect(one(goal('Custom', 'custom', 5, ...april))).toMatchObject({ value: null, progress: null, status: 'not-computable', note: expect.stringMatching(/custom goal/) });
    const empty = ['2026-05-01', '2026-05-31'] as const;
    const may = query(...empty);
    expect(one(goal('Rate', 'acceptanceRate', 50, ...empty), may)).toMatchObject({ value: null, status: 'not-computable', note: expect.stringMatching(/No feedback/) });
    expect(one(goal('Hours', 'medianHoursToFirstFeedback', 5, ...empty), may)).toMatchObject({ value: null, status: 'not-computable', note: expect.stringMatching(/No leads/) });
    // Captured but never answered.
    expect(one(goal('Hours', 'medianHoursToFirstFeedback', 5, '2026-04-04', '2026-04-04'), query('2026-04-04', '2026-04-04'))).toMatchObject({
      value: null,
      status: 'not-computable',
      note: "1 lead captured in the goal's period, none with feedback yet.",
    });
  });

  it('counts the goal’s whole period even when the query covers part of it, and keeps dependsOn', () => {
    const g = goal('Captured', 'leadsCaptured', 4, ...april, { dependsOn: [uuid('Other')] });
    expect(one(g, query('2026-04-09', '2026-04-20'))).toMatchObject({ value: 3, dependsOn: [uuid('Other')] });
  });

  it('lists the goals whose period overlaps the query’s, by start', () => {
    const goals = [
      goal('Later', 'leadsCaptured', 1, '2026-04-10', '2026-04-30'),
      goal('Before', 'leadsCaptured', 1, '2026-03-01', '2026-03-31'),
      goal('Earlier', 'leadsCaptured', 1, '2026-03-15', '2026-04-01'),
      goal('After', 'leadsCaptured', 1, '2026-04-11', '2026-04-30'),
      goal('Deleted', 'leadsCaptured', 1, ...april, { deleted: true }),
    ];
    expect(progress(goals).map((g) => g.name)).toEqual(['Earlier', 'Later']);
  });

  it('judges a past period as fully elapsed and a future one as not started', () => {
    const past = one(goal('March', 'leadsCaptured', 2, '2026-03-01', '2026-03-31'), query('2026-03-01', '2026-03-31'));
    expect(past).toMatchObject({ value: 1, progress: 0.5, status: 'behind', note: "1 lead captured in the goal's period. The period is over." });
    const future = one(goal('May', 'leadsCaptured', 2, '2026-05-01', '2026-05-31'), query('2026-05-01', '2026-05-31'));
    expect(future).toMatchObject({ value: 0, progress: 0, status: 'on-track', note: expect.stringMatching(/has not started/) });
  });

  it('meets a zero target at once', () => {
    expect(one(goal('Zero', 'leadsAccepted', 0, ...april))).toMatchObject({ value: 3, progress: 1, status: 'met' });
    expect(one(goal('Zero hours', 'medianHoursToFirstFeedback', 0, ...april))).toMatchObject({ value: 30, progress: 0, status: 'behind' });
  });

  it('reads the goal’s days in the query’s time zone', () => {
    // 01:00 on 1 April in Tokyo is 16:00 on 31 March in UTC.
    const tokyo = { ...records, leads: [lead({ capturedAt: '2026-03-31T16:00:00Z' })] };
    const g = goal('Captured', 'leadsCaptured', 1, ...april);
    expect(checkedMetrics(input({ ...tokyo, goals: [g] }), query(...april, 'Asia/Tokyo'), now).goals[0]).toMatchObject({ value: 1, status: 'met' });
    expect(checkedMetrics(input({ ...tokyo, goals: [g] }), query(...april, 'UTC'), now).goals[0]).toMatchObject({ value: 0, status: 'behind' });
  });

  it('cannot compute a goal whose period ends before it starts', () => {
    expect(one(goal('Backwards', 'leadsCaptured', 1, '2026-04-10', '2026-04-01'), query('2026-04-01', '2026-04-30'))).toMatchObject({
      value: null,
      progress: null,
      status: 'not-computable',
    });
  });
});
