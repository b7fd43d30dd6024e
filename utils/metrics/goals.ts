import type { Goal, GoalMetric, GoalProgress } from '../model';
import type { Workspace } from './data';
import { handoff } from './handoff';
import { daySpan, elapsedShare, within, type Span } from './period';
import { compareText } from './quality';
import { formatNumber } from './stats';

const units: Record<GoalMetric, GoalProgress['unit']> = {
  leadsCaptured: 'count',
  leadsAccepted: 'count',
  acceptanceRate: 'percent',
  medianHoursToFirstFeedback: 'hours',
  // A custom goal is counted by hand; `count` is the closest of the units.
  custom: 'count',
};

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

interface Measure {
  value: number | null;
  /** How it was computed, or why it could not be. */
  note: string;
}

function measure(ws: Workspace, goal: Goal, span: Span, now: number): Measure {
  const feedback = ws.feedback.filter((f) => within(span, f.at));
  switch (goal.metric) {
    case 'leadsCaptured': {
      const value = ws.captured.filter((c) => within(span, c.at)).length;
      return { value, note: `${plural(value, 'lead', 'leads')} captured in the goal's period.` };
    }
    case 'leadsAccepted': {
      const value = feedback.filter((f) => f.feedback.verdict === 'accept').length;
      return { value, note: `${plural(value, 'lead', 'leads')} accepted by Sales in the goal's period.` };
    }
    case 'acceptanceRate': {
      const accepted = feedback.filter((f) => f.feedback.verdict === 'accept').length;
      if (feedback.length === 0) return { value: null, note: "No feedback has been given in the goal's period yet." };
      const value = (accepted / feedback.length) * 100;
      return { value, note: `${formatNumber(accepted)} of ${plural(feedback.length, 'verdict', 'verdicts')} given in the goal's period accepted the lead (${formatNumber(value)} %).` };
    }
    case 'medianHoursToFirstFeedback': {
      const h = handoff(ws, span, now);
      if (h.medianHours === null) {
        return { value: null, note: h.captured === 0 ? "No leads have been captured in the goal's period yet." : `${plural(h.captured, 'lead', 'leads')} captured in the goal's period, none with feedback yet.` };
      }
      return {
        value: h.medianHours,
        note: `Median of ${plural(h.answered, 'lead', 'leads')} with feedback, from capture to Sales' first feedback (lower is better)${h.waiting ? `; ${formatNumber(h.waiting)} still waiting` : ''}.`,
      };
    }
    case 'custom':
      return { value: null, note: 'A custom goal is tracked by hand: Tandem has no synced data to compute it from.' };
  }
}

/** value / target, or target / value where lower is better; capped at 1. A zero target is met by anything. */
function progressOf(metric: GoalMetric, target: number, value: number): number {
  if (metric === 'medianHoursToFirstFeedback') return value <= target ? 1 : target / value;
  if (target <= 0) return 1;
  return Math.min(1, value / target);
}

/** A goal's progress over its own period (whole days in `tz`), judged at `now`. */
export function goalProgress(ws: Workspace, goal: Goal, tz: string, now: number): GoalProgress {
  const base = {
    goalId: goal.id,
    name: goal.name,
    owner: goal.owner,
    metric: goal.metric,
    target: goal.target,
    unit: units[goal.metric],
    periodStart: goal.periodStart,
    periodEnd: goal.periodEnd,
    dependsOn: goal.dependsOn,
  };
  if (goal.periodEnd < goal.periodStart) {
    return { ...base, value: null, progress: null, status: 'not-computable', note: "The goal's period ends before it starts." };
  }
  const span = daySpan(goal.periodStart, goal.periodEnd, tz);
  const { value, note } = measure(ws, goal, span, now);
  if (value === null) return { ...base, value, progress: null, status: 'not-computable', note };
  const progress = progressOf(goal.metric, goal.target, value);
  const elapsed = elapsedShare(span, now);
  const status = progress >= 1 ? 'met' : progress >= elapsed ? 'on-track' : 'behind';
  const time = elapsed >= 1 ? ' The period is over.' : elapsed <= 0 ? ' The period has not started.' : ` ${formatNumber(elapsed * 100)} % of the period has passed.`;
  return { ...base, value, progress, status, note: note + time };
}

/** Goals whose period overlaps the query's, by start, end, then name. */
export function goals(ws: Workspace, period: { from: string; to: string; tz: string }, now: number): GoalProgress[] {
  return ws.goals
    .filter((g) => g.periodStart <= period.to && g.periodEnd >= period.from)
    .sort(
      (a, b) =>
        (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0) ||
        (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0) ||
        compareText(a.name, b.name) ||
        compareText(a.id, b.id),
    )
    .map((g) => goalProgress(ws, g, period.tz, now));
}
