import { z } from 'zod';
import { DateOnly, Id } from './common';
import { CriterionField, CriterionOp, CriterionValue } from './definition';
import { FeedbackReason } from './feedback';
import { GoalMetric } from './goal';

/**
 * The shared numbers: what the dashboard shows and `GET /v1/metrics` returns, computed by one
 * function (utils/metrics) from the same synced records on both sides.
 */

/** An IANA time zone name that this runtime knows (`Europe/Berlin`, `UTC`). */
export const TimeZone = z
  .string()
  .min(1)
  .max(100)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Give a time zone like Europe/Berlin or UTC.');

/** A period of whole days in a time zone: from the start of `from` to the end of `to`. */
export const MetricsQuery = z
  .object({ from: DateOnly, to: DateOnly, tz: TimeZone.default('UTC') })
  .refine((q) => q.from <= q.to, { message: 'The period ends before it starts.', path: ['to'] });
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const Count = z.number().int().nonnegative();
/** A share from 0 to 1, or null when there is nothing to divide by. */
const Share = z.number().min(0).max(1).nullable();

export const GoalProgress = z.object({
  goalId: Id,
  name: z.string(),
  owner: z.enum(['marketing', 'sales', 'joint']),
  metric: GoalMetric,
  /** As the goal says it: a count, a percentage (60 = 60 %), or hours. */
  target: z.number(),
  unit: z.enum(['count', 'percent', 'hours']),
  periodStart: DateOnly,
  periodEnd: DateOnly,
  /** The metric over the goal's own period, in the target's unit; null when it cannot be computed. */
  value: z.number().nullable(),
  /** value / target (target / value for hours, where lower is better), capped at 1; null when unknown. */
  progress: Share,
  status: z.enum(['met', 'on-track', 'behind', 'not-computable']),
  /** Why it is not computable, or how it was computed, in words. */
  note: z.string(),
  dependsOn: z.array(Id),
});
export type GoalProgress = z.infer<typeof GoalProgress>;

export const ReasonCount = z.object({ reason: FeedbackReason, count: Count, share: Share });

export const CampaignQuality = z.object({
  /** null: feedback on leads that came through no campaign. */
  campaignId: Id.nullable(),
  campaignName: z.string(),
  product: z.string().nullable(),
  accepted: Count,
  rejected: Count,
  nurture: Count,
  total: Count,
  acceptanceRate: Share,
  rejectionRate: Share,
  /** Rejection reasons, most frequent first, with their share of this campaign's rejections. */
  reasons: z.array(ReasonCount),
});
export type CampaignQuality = z.infer<typeof CampaignQuality>;

export const Handoff = z.object({
  /** The SLA of the definition in force (hours to accept or return), null when none is published. */
  slaHours: z.number().nullable(),
  /** Leads captured in the period. */
  captured: Count,
  /** Of those, leads with a first feedback from Sales. */
  answered: Count,
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  withinSla: Count,
  /** withinSla / answered. */
  withinSlaShare: Share,
  /** Leads without feedback yet, and of those the ones already past the SLA. */
  waiting: Count,
  overdue: Count,
});
export type Handoff = z.infer<typeof Handoff>;

export const TimelineItem = z.object({ id: Id, name: z.string(), startsOn: DateOnly, endsOn: DateOnly.nullable() });

/** Campaigns and sales plays of one product side by side, and where the teams are out of step. */
export const ProductTimeline = z.object({
  product: z.string(),
  campaigns: z.array(TimelineItem),
  plays: z.array(TimelineItem),
  /** Stretches (inclusive days within the period) where one team pushes the product and the other does not. */
  gaps: z.array(z.object({ from: DateOnly, to: DateOnly, kind: z.enum(['campaign-without-play', 'play-without-campaign']) })),
});
export type ProductTimeline = z.infer<typeof ProductTimeline>;

/** What the feedback suggests changing in the lead definition, with the evidence. */
export const Suggestion = z.object({
  id: z.string(),
  /** “Consider employees ≥ 50”. */
  text: z.string(),
  /** “41 % of rejections from campaign X say too small; 9 of 11 had fewer than 50 employees.” */
  evidence: z.string(),
  reason: FeedbackReason,
  campaignId: Id.nullable(),
  /** The criterion to open in the editor, when the suggestion can be one. */
  criterion: z
    .object({ label: z.string(), field: CriterionField, op: CriterionOp, value: CriterionValue, as: z.enum(['criterion', 'disqualifier']) })
    .nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Metrics = z.object({
  period: z.object({ from: DateOnly, to: DateOnly, timeZone: z.string() }),
  leads: z.object({
    captured: Count,
    /** Feedback given in the period, by verdict. */
    accepted: Count,
    rejected: Count,
    nurture: Count,
    acceptanceRate: Share,
  }),
  goals: z.array(GoalProgress),
  quality: z.array(CampaignQuality),
  handoff: Handoff,
  timing: z.array(ProductTimeline),
  suggestions: z.array(Suggestion),
});
export type Metrics = z.infer<typeof Metrics>;
