import { describe, expect, it } from 'vitest';
import { MetricsQuery, type Handoff } from '../model';
import { checkedMetrics, definition, feedback, input, lead, uuid } from './fixtures';
import type { MetricsInput } from './index';

const march = MetricsQuery.parse({ from: '2026-03-01', to: '2026-03-31', tz: 'UTC' });
const now = new Date('2026-04-01T12:00:00Z');
const handoff = (data: MetricsInput, at = now): Handoff => checkedMetrics(data, march, at).handoff;

const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

/** Eleven leads captured on 2 March, answered after 1..10 and 100 hours; three waiting since 30 and 31 March. */
function records(): MetricsInput {
  const captured = '2026-03-02T09:00:00Z';
  const answered = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
  const leads = answered.map((_, i) => lead({ id: uuid(`answered-${i}`), email: `p${i}@acme.com`, capturedAt: captured }));
  const feedbackGiven = answered.map((h, i) =>
    // Half by the lead's id, half by its email's contact key.
    i % 2 ? feedback({ at: hoursAfter(captured, h), leadId: uuid(`answered-${i}`) }) : feedback({ at: hoursAfter(captured, h), key: `email:P${i}@Acme.com` }),
  );
  return input({
    definitions: [definition(1, { sla: { acceptWithinHours: 8, minAttempts: 3, notes: '' } })],
    leads: [
      ...leads,
      lead({ capturedAt: '2026-03-30T11:00:00Z' }), // 49 hours waiting at `now`
      lead({ capturedAt: '2026-03-31T12:00:00Z' }), // 24 hours waiting
      lead({ email: 'early@acme.com', capturedAt: '2026-03-31T12:00:00Z' }), // feedback came before the capture: still waiting
    ],
    feedback: [...feedbackGiven, feedback({ at: '2026-03-20T00:00:00Z', key: 'email:early@acme.com' })],
  });
}

describe('hand-off from Marketing to Sales', () => {
  it('measures hours to the first feedback: median, 90th percentile, within the SLA', () => {
    expect(handoff(records())).toEqual({
      slaHours: 8,
      captured: 14,
      answered: 11,
      medianHours: 6,
      p90Hours: 10, // rank (11 - 1) * 0.9 = 9: the tenth value
      withinSla: 8,
      withinSlaShare: 8 / 11,
      waiting: 3,
      overdue: 3,
    });
  });

  it('counts a lead overdue only once it has waited longer than the SLA', () => {
    const data = records();
    data.definitions[0]!.sla.acceptWithinHours = 48;
    expect(handoff(data)).toMatchObject({ withinSla: 10, waiting: 3, overdue: 1 });
    expect(handoff(data, new Date('2026-04-01T11:00:00Z'))).toMatchObject({ overdue: 0 }); // exactly 48 hours
  });

  it('uses the SLA of the newest definition that is not deleted', () => {
    const data = records();
    const sla = (h: number) => ({ acceptWithinHours: h, minAttempts: 1, notes: '' });
    const newer = { ...data, definitions: [...data.definitions, definition(2, { sla: sla(2) }), definition(3, { sla: sla(1000), deleted: true })] };
    expect(handoff(newer)).toMatchObject({ slaHours: 2, withinSla: 2, overdue: 3 });
  });

  it('counts nothing within the SLA when no definition is published', () => {
    const data = { ...records(), definitions: [] };
    expect(handoff(data)).toMatchObject({ slaHours: null, answered: 11, withinSla: 0, withinSlaShare: null, waiting: 3, overdue: 0, medianHours: 6 });
  });

  it('takes the earliest feedback, even one given after the period', () => {
    const captured = '2026-03-31T20:00:00Z';
    const data = input({
      leads: [lead({ id: uuid('late'), capturedAt: captured })],
      feedback: [feedback({ at: hoursAfter(captured, 30), leadId: uuid('late') }), feedback({ at: hoursAfter(captured, 6), leadId: uuid('late'), verdict: 'nurture' })],
    });
    expect(handoff(data)).toMatchObject({ captured: 1, answered: 1, medianHours: 6, p90Hours: 6 });
  });
});
