import type { Handoff } from '../model';
import type { Workspace } from './data';
import { hoursBetween, within, type Span } from './period';
import { median, percentile, share } from './stats';

/**
 * How fast Sales answers Marketing's leads: for the leads captured in the span, the hours from
 * capture to the first feedback about the lead (by its id, or by its email's contact key)
 * given at or after the capture, wherever that feedback falls in time.
 */
export function handoff(ws: Workspace, span: Span, now: number): Handoff {
  const slaHours = ws.definition?.sla.acceptWithinHours ?? null;
  const captured = ws.captured.filter((c) => within(span, c.at));
  const hours: number[] = [];
  let waiting = 0;
  let overdue = 0;
  for (const lead of captured) {
    const first = ws.firstFeedback(lead);
    if (first) hours.push(hoursBetween(lead.at, first.at));
    else {
      waiting++;
      if (slaHours !== null && hoursBetween(lead.at, now) > slaHours) overdue++;
    }
  }
  const withinSla = slaHours === null ? 0 : hours.filter((h) => h <= slaHours).length;
  return {
    slaHours,
    captured: captured.length,
    answered: hours.length,
    medianHours: median(hours),
    p90Hours: percentile(hours, 0.9),
    withinSla,
    withinSlaShare: slaHours === null ? null : share(withinSla, hours.length),
    waiting,
    overdue,
  };
}
