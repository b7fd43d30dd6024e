import { describe, expect, it } from 'vitest';
import { MetricsQuery } from '../model';
import { checkedMetrics, campaign, feedback, input, lead, reject, uuid } from './fixtures';
import type { MetricsInput } from './index';

const march = MetricsQuery.parse({ from: '2026-03-01', to: '2026-03-31', tz: 'UTC' });
const quality = (data: MetricsInput) => checkedMetrics(data, march, new Date('2026-04-15T00:00:00Z')).quality;

const spring = campaign('Spring launch', { product: 'Tandem' });
const webinar = campaign('Webinar', { product: 'Insights' });

describe('lead quality by campaign', () => {
  it('counts verdicts per campaign with rates and reasons, most feedback first', () => {
    const data = input({
      campaigns: [spring, webinar],
      feedback: [
        feedback({ at: '2026-03-02T10:00:00Z', campaignId: spring.id }),
        reject('2026-03-03T10:00:00Z', ['too-small', 'no-budget'], { campaignId: spring.id }),
        reject('2026-03-04T10:00:00Z', ['too-small'], { campaignId: spring.id }),
        reject('2026-03-05T10:00:00Z', ['wrong-region', 'too-small', 'too-small'], { campaignId: spring.id }), // said twice, counted once
        feedback({ at: '2026-03-06T10:00:00Z', verdict: 'nurture', reasons: ['no-budget'], campaignId: spring.id }), // not a rejection
        feedback({ at: '2026-03-07T10:00:00Z', campaignId: webinar.id }),
        reject('2026-04-01T00:00:00Z', ['competitor'], { campaignId: webinar.id }), // after the period
      ],
    });
    expect(quality(data)).toEqual([
      {
        campaignId: spring.id,
        campaignName: 'Spring launch',
        product: 'Tandem',
        accepted: 1,
        rejected: 3,
        nurture: 1,
        total: 5,
        acceptanceRate: 0.2,
        rejectionRate: 0.6,
        reasons: [
          { reason: 'too-small', count: 3, share: 1 },
          { reason: 'no-budget', count: 1, share: 1 / 3 },
          { reason: 'wrong-region', count: 1, share: 1 / 3 },
        ],
      },
      { campaignId: webinar.id, campaignName: 'Webinar', product: 'Insights', accepted: 1, rejected: 0, nurture: 0, total: 1, acceptanceRate: 1, rejectionRate: 0, reasons: [] },
    ]);
  });

  it('finds the campaign through the lead, by id or by email, else counts the feedback under “No campaign”', () => {
    const data = input({
      campaigns: [spring, webinar],
      leads: [
        lead({ id: uuid('by-id'), campaignId: spring.id, capturedAt: '2026-02-01T00:00:00Z' }),
        lead({ id: uuid('by-email'), email: 'Grace@Navy.mil', campaignId: webinar.id, capturedAt: '2026-02-01T00:00:00Z' }),
        lead({ id: uuid('no-campaign'), email: 'ada@example.com', capturedAt: '2026-02-01T00:00:00Z' }),
        lead({ id: uuid('gone'), email: 'gone@example.com', campaignId: spring.id, deleted: true, version: 2, capturedAt: '2026-02-01T00:00:00Z' }),
      ],
      feedback: [
        feedback({ at: '2026-03-02T10:00:00Z', leadId: uuid('by-id'), key: 'email:other@example.com' }),
        feedback({ at: '2026-03-02T11:00:00Z', key: 'email:grace@navy.mil' }),
        feedback({ at: '2026-03-02T12:00:00Z', key: 'email:ada@example.com', leadId: uuid('no-campaign') }),
        feedback({ at: '2026-03-02T13:00:00Z', key: 'email:gone@example.com' }),
        feedback({ at: '2026-03-02T14:00:00Z', key: 'url:https://crm.example.com/contacts/1' }),
        // The subject's own campaign wins over the lead's.
        feedback({ at: '2026-03-02T15:00:00Z', leadId: uuid('by-id'), campaignId: webinar.id }),
      ],
    });
    expect(quality(data).map((q) => [q.campaignName, q.campaignId, q.total])).toEqual([
      ['No campaign', null, 3],
      ['Webinar', webinar.id, 2],
      ['Spring launch', spring.id, 1],
    ]);
  });

  it('picks, among leads with the same email, the one captured last before the feedback', () => {
    const data = input({
      campaigns: [spring, webinar],
      leads: [
        lead({ email: 'ann@acme.com', campaignId: spring.id, capturedAt: '2026-01-01T00:00:00Z' }),
        lead({ email: 'ann@acme.com', campaignId: webinar.id, capturedAt: '2026-03-10T00:00:00Z' }),
      ],
      feedback: [feedback({ at: '2026-03-05T00:00:00Z', key: 'email:ann@acme.com' }), feedback({ at: '2026-03-20T00:00:00Z', key: 'email:ann@acme.com' })],
    });
    expect(quality(data).map((q) => q.campaignName)).toEqual(['Spring launch', 'Webinar']);
  });

  it('names a campaign it does not know (or that was deleted) “Unknown campaign”, and orders equal totals by name', () => {
    const deleted = campaign('Old', { deleted: true, version: 2 });
    const data = input({
      campaigns: [deleted, webinar, campaign('Alpha')],
      feedback: [
        feedback({ at: '2026-03-02T10:00:00Z', campaignId: uuid('nowhere') }),
        feedback({ at: '2026-03-02T10:00:00Z', campaignId: deleted.id }),
        feedback({ at: '2026-03-02T10:00:00Z', campaignId: webinar.id }),
        feedback({ at: '2026-03-02T10:00:00Z', campaignId: uuid('Alpha') }),
      ],
    });
    expect(quality(data).map((q) => [q.campaignName, q.product, q.total])).toEqual([
      ['Alpha', 'Tandem', 1],
      ['Unknown campaign', null, 1],
      ['Unknown campaign', null, 1],
      ['Webinar', 'Insights', 1],
    ]);
  });
});
