import { FeedbackReason, type CampaignQuality, type Feedback } from '../model';
import type { TimedFeedback, Workspace } from './data';
import { share } from './stats';

export const noCampaignName = 'No campaign';
export const unknownCampaignName = 'Unknown campaign';

/** The feedback of one campaign (or of none), as counted in the period. */
export interface FeedbackGroup {
  campaignId: string | null;
  campaignName: string;
  product: string | null;
  feedback: Feedback[];
}

const reasonOrder = new Map(FeedbackReason.options.map((r, i) => [r, i]));

/** Feedback grouped by the campaign it counts for, in no particular order. */
export function groupByCampaign(ws: Workspace, feedback: readonly TimedFeedback[]): FeedbackGroup[] {
  const groups = new Map<string | null, FeedbackGroup>();
  for (const { feedback: f } of feedback) {
    const campaignId = ws.campaignOf(f);
    let group = groups.get(campaignId);
    if (!group) {
      const campaign = campaignId === null ? undefined : ws.campaignById.get(campaignId);
      group = {
        campaignId,
        campaignName: campaignId === null ? noCampaignName : (campaign?.name ?? unknownCampaignName),
        product: campaign?.product ?? null,
        feedback: [],
      };
      groups.set(campaignId, group);
    }
    group.feedback.push(f);
  }
  return [...groups.values()];
}

/** Each reason given on rejections, counted once a feedback, most frequent first. */
export function rejectionReasons(feedback: readonly Feedback[]): CampaignQuality['reasons'] {
  const rejections = feedback.filter((f) => f.verdict === 'reject');
  const counts = new Map<FeedbackReason, number>();
  for (const f of rejections) for (const reason of new Set(f.reasons)) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count, share: share(count, rejections.length) }))
    .sort((a, b) => b.count - a.count || reasonOrder.get(a.reason)! - reasonOrder.get(b.reason)!);
}

export function qualityOf(group: FeedbackGroup): CampaignQuality {
  const count = (verdict: Feedback['verdict']) => group.feedback.filter((f) => f.verdict === verdict).length;
  const accepted = count('accept');
  const rejected = count('reject');
  const nurture = count('nurture');
  const total = accepted + rejected + nurture;
  return {
    campaignId: group.campaignId,
    campaignName: group.campaignName,
    product: group.product,
    accepted,
    rejected,
    nurture,
    total,
    acceptanceRate: share(accepted, total),
    rejectionRate: share(rejected, total),
    reasons: rejectionReasons(group.feedback),
  };
}

/** Most feedback first, then by name (then id, so equal names keep one order everywhere). */
export function byTotalThenName(a: CampaignQuality, b: CampaignQuality): number {
  return (
    b.total - a.total ||
    compareText(a.campaignName, b.campaignName) ||
    compareText(a.campaignId ?? '', b.campaignId ?? '')
  );
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** Names in a human order that is the same in the browser and on the server; ties broken by code units. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
