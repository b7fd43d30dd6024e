import { MetricsQuery, type Metrics } from '../model';
import { prepare, type MetricsInput } from './data';
import { goals } from './goals';
import { handoff } from './handoff';
import { daySpan, within } from './period';
import { groupByCampaign, qualityOf, byTotalThenName } from './quality';
import { share } from './stats';
import { suggestions } from './suggestions';
import { timing } from './timing';

export { captureTime, type MetricsInput } from './data';
export { dayStart, daySpan } from './period';
export { percentile, median } from './stats';
export { isPersonalOrAcademic, suggestionThresholds } from './suggestions';

/**
 * The shared numbers for a period of whole days in a time zone: what the dashboard shows over
 * IndexedDB and what `GET /v1/metrics` returns over the server's records. Pure: the same
 * records, query and `now` give the same answer anywhere. Deleted records count for nothing.
 * The query is parsed again (a ZodError for an unknown time zone, never NaN in the numbers).
 */
export function computeMetrics(input: MetricsInput, unchecked: MetricsQuery, now: Date = new Date()): Metrics {
  const query = MetricsQuery.parse(unchecked);
  const ws = prepare(input);
  const at = now.getTime();
  const span = daySpan(query.from, query.to, query.tz);
  const feedback = ws.feedback.filter((f) => within(span, f.at));
  const count = (verdict: 'accept' | 'reject' | 'nurture') => feedback.filter((f) => f.feedback.verdict === verdict).length;
  const accepted = count('accept');
  const groups = groupByCampaign(ws, feedback);
  const quality = groups.map(qualityOf).sort(byTotalThenName);
  const ordered = quality.map((q) => groups.find((g) => g.campaignId === q.campaignId)!);
  return {
    period: { from: query.from, to: query.to, timeZone: query.tz },
    leads: {
      captured: ws.captured.filter((c) => within(span, c.at)).length,
      accepted,
      rejected: count('reject'),
      nurture: count('nurture'),
      acceptanceRate: share(accepted, feedback.length),
    },
    goals: goals(ws, query, at),
    quality,
    handoff: handoff(ws, span, at),
    timing: timing(ws, query),
    suggestions: suggestions(
      feedback.map((f) => f.feedback),
      ordered,
      ws.definition,
    ),
  };
}
