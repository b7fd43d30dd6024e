import { describe, expect, it } from 'vitest';
import { MetricsQuery, type ProductTimeline } from '../model';
import { checkedMetrics, campaign, input, play } from './fixtures';
import type { MetricsInput } from './index';

const timing = (data: MetricsInput, from = '2026-03-01', to = '2026-03-31'): ProductTimeline[] =>
  checkedMetrics(data, MetricsQuery.parse({ from, to, tz: 'Europe/Berlin' }), new Date('2026-03-15T00:00:00Z')).timing;

describe('campaigns and sales plays side by side', () => {
  it('finds the stretches where one team pushes a product and the other does not, cut at the period’s edges', () => {
    const data = input({
      campaigns: [
        campaign('Winter', { startsOn: '2026-02-01', endsOn: '2026-03-10' }), // runs into the period
        campaign('Spring', { startsOn: '2026-03-20' }), // open-ended
      ],
      plays: [play('Q1 push', { startsOn: '2026-03-05', endsOn: '2026-03-25' })],
    });
    expect(timing(data)).toEqual([
      {
        product: 'Tandem',
        campaigns: [
          { id: campaign('Winter').id, name: 'Winter', startsOn: '2026-02-01', endsOn: '2026-03-10' },
          { id: campaign('Spring').id, name: 'Spring', startsOn: '2026-03-20', endsOn: null },
        ],
        plays: [{ id: play('Q1 push').id, name: 'Q1 push', startsOn: '2026-03-05', endsOn: '2026-03-25' }],
        gaps: [
          { from: '2026-03-01', to: '2026-03-04', kind: 'campaign-without-play' },
          { from: '2026-03-11', to: '2026-03-19', kind: 'play-without-campaign' },
          { from: '2026-03-26', to: '2026-03-31', kind: 'campaign-without-play' },
        ],
      },
    ]);
  });

  it('joins back-to-back and overlapping items of one team into one stretch', () => {
    const data = input({
      campaigns: [campaign('A', { startsOn: '2026-03-01', endsOn: '2026-03-10' }), campaign('B', { startsOn: '2026-03-11', endsOn: '2026-03-15' }), campaign('C', { startsOn: '2026-03-12', endsOn: '2026-03-20' })],
      plays: [play('P', { startsOn: '2026-03-31', endsOn: '2026-03-31' })],
    });
    expect(timing(data)[0]!.gaps).toEqual([
      { from: '2026-03-01', to: '2026-03-20', kind: 'campaign-without-play' },
      { from: '2026-03-31', to: '2026-03-31', kind: 'play-without-campaign' },
    ]);
  });

  it('has no gaps where both teams push the product all along', () => {
    const data = input({ campaigns: [campaign('A', { startsOn: '2026-01-01' })], plays: [play('P', { startsOn: '2026-02-01', endsOn: '2026-04-30' })] });
    expect(timing(data)[0]!.gaps).toEqual([]);
  });

  it('leaves out drafts, deleted items and items outside the period; products by name, matched ignoring case', () => {
    const data = input({
      campaigns: [
        campaign('Draft', { status: 'draft', startsOn: '2026-03-01' }),
        campaign('Deleted', { deleted: true, startsOn: '2026-03-01' }),
        campaign('Ended before', { startsOn: '2026-01-01', endsOn: '2026-02-28' }),
        campaign('Paused', { status: 'paused', product: 'insights', startsOn: '2026-03-05', endsOn: '2026-03-06' }),
        campaign('Zeta campaign', { product: 'Zeta', startsOn: '2026-04-01' }),
      ],
      plays: [play('Insights push', { product: 'Insights', startsOn: '2026-03-06', endsOn: '2026-03-06' }), play('Gone', { deleted: true })],
    });
    expect(timing(data)).toEqual([
      {
        product: 'insights',
        campaigns: [{ id: campaign('Paused').id, name: 'Paused', startsOn: '2026-03-05', endsOn: '2026-03-06' }],
        plays: [{ id: play('Insights push').id, name: 'Insights push', startsOn: '2026-03-06', endsOn: '2026-03-06' }],
        gaps: [{ from: '2026-03-05', to: '2026-03-05', kind: 'campaign-without-play' }],
      },
    ]);
  });

  it('sorts products by name and handles a one-day period', () => {
    const data = input({
      campaigns: [campaign('B', { product: 'beta', startsOn: '2026-03-01' }), campaign('A', { product: 'Alpha', startsOn: '2026-03-01' })],
      plays: [play('P', { product: 'Alpha', startsOn: '2026-03-15', endsOn: '2026-03-15' })],
    });
    expect(timing(data, '2026-03-15', '2026-03-15')).toEqual([
      expect.objectContaining({ product: 'Alpha', gaps: [] }),
      expect.objectContaining({ product: 'beta', gaps: [{ from: '2026-03-15', to: '2026-03-15', kind: 'campaign-without-play' }] }),
    ]);
  });

  it('stays quick over a very long period', () => {
    const data = input({ campaigns: [campaign('A', { startsOn: '0001-01-01' })], plays: [play('P', { startsOn: '5000-01-01', endsOn: '5000-12-31' })] });
    const started = performance.now();
    expect(timing(data, '0001-01-01', '9999-12-31')[0]!.gaps).toEqual([
      { from: '0001-01-01', to: '4999-12-31', kind: 'campaign-without-play' },
      { from: '5001-01-01', to: '9999-12-31', kind: 'campaign-without-play' },
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
