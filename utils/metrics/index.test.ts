import { describe, expect, it } from 'vitest';
import { Metrics, MetricsQuery } from '../model';
import { campaign, definition, feedback, goal, input, lead, play, reject } from './fixtures';
import { computeMetrics, type MetricsInput } from './index';

const query = (from: string, to: string, tz = 'UTC') => MetricsQuery.parse({ from, to, tz });
const now = new Date('2026-04-15T12:00:00Z');

/** Computes, and checks that the answer is what the contract says and holds no NaN or Infinity. */
function metrics(data: MetricsInput, q: MetricsQuery, at = now): Metrics {
  const result = computeMetrics(data, q, at);
  expect(Metrics.parse(result)).toEqual(result);
  const numbers: number[] = [];
  JSON.stringify(result, (_key, value: unknown) => {
    if (typeof value === 'number') numbers.push(value);
    return value;
  });
  expect(numbers.every(Number.isFinite)).toBe(true);
  return result;
}

const nothing = {
  leads: { captured: 0, accepted: 0, rejected: 0, nurture: 0, acceptanceRate: null },
  goals: [],
  quality: [],
  timing: [],
  suggestions: [],
};

describe('computeMetrics', () => {
  it('answers an empty workspace with zeros and nulls', () => {
    expect(metrics(input(), query('2026-03-01', '2026-03-31'))).toEqual({
      period: { from: '2026-03-01', to: '2026-03-31', timeZone: 'UTC' },
      ...nothing,
      handoff: { slaHours: null, captured: 0, answered: 0, medianHours: null, p90Hours: null, withinSla: 0, withinSlaShare: null, waiting: 0, overdue: 0 },
    });
  });

  it('answers a period with nothing in it with zeros and nulls, and the SLA in force', () => {
    const data = input({
      definitions: [definition(1)],
      campaigns: [campaign('Spring', { startsOn: '2026-03-01', endsOn: '2026-03-31' })],
      plays: [play('Push', { startsOn: '2026-03-01', endsOn: '2026-03-31' })],
      goals: [goal('Q1', 'leadsCaptured', 10, '2026-01-01', '2026-03-31')],
      leads: [lead({ capturedAt: '2026-03-10T10:00:00Z' })],
      feedback: [feedback({ at: '2026-03-11T10:00:00Z' }), reject('2026-03-12T10:00:00Z', ['too-small'])],
    });
    expect(metrics(data, query('2026-05-01', '2026-05-01'))).toEqual({
      period: { from: '2026-05-01', to: '2026-05-01', timeZone: 'UTC' },
      ...nothing,
      handoff: { slaHours: 48, captured: 0, answered: 0, medianHours: null, p90Hours: null, withinSla: 0, withinSlaShare: null, waiting: 0, overdue: 0 },
    });
  });

  it('counts leads captured and feedback given in the period by verdict', () => {
    const data = input({
      leads: [
        lead({ capturedAt: '2026-03-01T00:00:00Z' }),
        lead({ capturedAt: '2026-03-31T23:59:59Z' }),
        lead({ capturedAt: '2026-04-01T00:00:00Z' }), // the next day
        lead({ capturedAt: '2026-03-05T00:00:00Z', deleted: true, version: 2 }),
      ],
      feedback: [
        feedback({ at: '2026-03-02T10:00:00Z' }),
        feedback({ at: '2026-03-03T10:00:00Z' }),
        feedback({ at: '2026-03-04T10:00:00Z', verdict: 'nurture' }),
        reject('2026-03-05T10:00:00Z', ['too-small', 'no-budget']),
        feedback({ at: '2026-03-06T10:00:00Z', deleted: true }),
        feedback({ at: '2026-02-28T23:59:59Z' }),
      ],
    });
    expect(metrics(data, query('2026-03-01', '2026-03-31')).leads).toEqual({ captured: 2, accepted: 2, rejected: 1, nurture: 1, acceptanceRate: 0.5 });
  });

  it('takes the capture time from capturedAt, else from a version-1 lead’s updatedAt, else leaves the lead out', () => {
    const data = input({
      leads: [
        lead({ capturedAt: '2026-03-10T10:00:00Z', updatedAt: '2026-05-01T10:00:00Z', version: 3 }), // edited later: capturedAt counts
        lead({ updatedAt: '2026-03-11T10:00:00Z', version: 1 }), // older lead, never edited
        lead({ updatedAt: '2026-03-12T10:00:00Z', version: 2 }), // older lead, edited: capture time unknown
        lead({ updatedAt: '2026-02-12T10:00:00Z', version: 1 }), // before the period
      ],
    });
    const m = metrics(data, query('2026-03-01', '2026-03-31'));
    expect(m.leads.captured).toBe(2);
    expect(m.handoff.captured).toBe(2);
  });

  it('counts a feedback at 23:30 on the last day in Los Angeles, and not in Tokyo, where it is the next day', () => {
    const data = input({
      feedback: [
        feedback({ at: '2026-03-31T23:30:00-07:00' }), // 2026-04-01 15:30 in Tokyo
        feedback({ at: '2026-03-01T00:30:00+09:00', verdict: 'nurture' }), // 2026-02-28 07:30 in Los Angeles
      ],
    });
    expect(metrics(data, query('2026-03-01', '2026-03-31', 'America/Los_Angeles')).leads).toMatchObject({ accepted: 1, nurture: 0 });
    expect(metrics(data, query('2026-03-01', '2026-03-31', 'Asia/Tokyo')).leads).toMatchObject({ accepted: 0, nurture: 1 });
    // In UTC the first is 06:30 on 1 April, the second 15:30 on 28 February: neither is in March.
    expect(metrics(data, query('2026-03-01', '2026-03-31', 'UTC')).leads).toMatchObject({ accepted: 0, nurture: 0 });
  });

  it('counts the 23 hours of Europe/Berlin’s 2026-03-29 and nothing on either side', () => {
    const data = input({
      leads: [
        lead({ capturedAt: '2026-03-28T22:59:59Z' }), // 23:59:59 on the 28th, CET
        lead({ capturedAt: '2026-03-28T23:00:00Z' }), // 00:00 on the 29th, CET
        lead({ capturedAt: '2026-03-29T01:30:00Z' }), // 03:30 CEST, after the clocks went forward
        lead({ capturedAt: '2026-03-29T21:59:59Z' }), // 23:59:59 on the 29th, CEST
        lead({ capturedAt: '2026-03-29T22:00:00Z' }), // 00:00 on the 30th, CEST
      ],
    });
    expect(metrics(data, query('2026-03-29', '2026-03-29', 'Europe/Berlin')).leads.captured).toBe(3);
    // In UTC the same day holds a different three.
    expect(metrics(data, query('2026-03-29', '2026-03-29', 'UTC')).leads.captured).toBe(3);
    expect(metrics(data, query('2026-03-30', '2026-03-30', 'Europe/Berlin')).leads.captured).toBe(1);
    expect(metrics(data, query('2026-03-30', '2026-03-30', 'UTC')).leads.captured).toBe(0);
  });

  it('gives the same answer for the same records in any order', () => {
    const records = input({
      definitions: [definition(1), definition(2, { sla: { acceptWithinHours: 24, minAttempts: 2, notes: '' } })],
      campaigns: [campaign('A'), campaign('B', { product: 'Other' })],
      plays: [play('P', { startsOn: '2026-03-10' })],
      goals: [goal('G1', 'leadsAccepted', 2, '2026-03-01', '2026-03-31'), goal('G2', 'acceptanceRate', 50, '2026-03-01', '2026-03-31')],
      leads: [lead({ capturedAt: '2026-03-02T00:00:00Z', campaignId: campaign('A').id, email: 'x@acme.com' }), lead({ capturedAt: '2026-03-03T00:00:00Z' })],
      feedback: [
        feedback({ at: '2026-03-04T00:00:00Z', key: 'email:x@acme.com' }),
        reject('2026-03-05T00:00:00Z', ['too-small'], { campaignId: campaign('B').id }),
        reject('2026-03-05T00:00:00Z', ['wrong-region'], { campaignId: campaign('B').id }),
      ],
    });
    const reversed: MetricsInput = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, [...v].reverse()])) as never;
    const q = query('2026-03-01', '2026-03-31', 'Europe/Berlin');
    expect(metrics(reversed, q)).toEqual(metrics(records, q));
  });

  it('refuses a query that does not parse rather than answer NaN', () => {
    expect(() => computeMetrics(input(), { from: '2026-03-01', to: '2026-03-31', tz: 'Mars/Olympus_Mons' })).toThrow(/time zone/);
    expect(() => computeMetrics(input(), { from: '2026-03-31', to: '2026-03-01', tz: 'UTC' })).toThrow(/ends before it starts/);
  });

  it('defaults now to the present', () => {
    const result = computeMetrics(input({ goals: [goal('Long ago', 'leadsCaptured', 1, '2020-01-01', '2020-12-31')] }), query('2020-01-01', '2020-12-31'));
    expect(result.goals[0]).toMatchObject({ status: 'behind', value: 0 });
    expect(result.goals[0]!.note).toMatch(/The period is over/);
  });
});
