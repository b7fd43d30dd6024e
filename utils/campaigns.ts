import { evaluateCriterion, type CriterionResult } from './fit';
import { emailDomain, type Campaign, type ParsedContact } from './model';

export type CampaignTiming = 'running' | 'upcoming' | 'ended';

export interface CampaignMatch {
  campaign: Campaign;
  timing: CampaignTiming;
  /** How strongly it concerns this contact; higher first. */
  score: number;
  /** Why it matched, in words, strongest first. */
  reasons: string[];
  audience: CriterionResult[];
}

/** The campaign's timing on `today` (YYYY-MM-DD). Dates compare as strings in that form. */
export function campaignTiming(campaign: Campaign, today: string): CampaignTiming {
  if (campaign.status === 'ended' || (campaign.endsOn !== undefined && campaign.endsOn < today)) return 'ended';
  if (campaign.startsOn > today) return 'upcoming';
  return 'running';
}

const timingRank: Record<CampaignTiming, number> = { running: 0, upcoming: 1, ended: 2 };

/** Is `domain` the target or one of its subdomains? */
function inDomain(domain: string, target: string): boolean {
  return domain === target || domain.endsWith(`.${target}`);
}

/**
 * The campaigns that concern a contact, ranked: running before upcoming before ended, then
 * by strength, the sum of what matched: a named target account (100), the campaign's UTM
 * tag on the contact (80), a full audience match (50), an audience match with unknowns (20),
 * a campaign for everyone (no audience, no named accounts: 10). Drafts and deleted campaigns
 * are left out, and so are campaigns whose audience the contact fails, or that name only
 * accounts the contact is not in, unless the campaign reached them directly (their account,
 * or its UTM tag). An ended campaign is kept only when it reached them
 * directly, since then it did touch them. Paused campaigns count as running in their dates.
 */
export function campaignsForContact(
  campaigns: readonly Campaign[],
  contact: ParsedContact,
  today: string,
): CampaignMatch[] {
  const domain = emailDomain(contact.email);
  const rawUtm = contact.custom && Object.hasOwn(contact.custom, 'utm_campaign') ? contact.custom.utm_campaign : undefined;
  const utm = typeof rawUtm === 'string' ? rawUtm.trim().toLowerCase() : undefined;
  const matches: CampaignMatch[] = [];

  for (const campaign of campaigns) {
    if (campaign.deleted || campaign.status === 'draft') continue;
    const timing = campaignTiming(campaign, today);
    const reasons: string[] = [];
    let score = 0;

    const account = domain ? campaign.targetAccounts.find((t) => inDomain(domain, t)) : undefined;
    if (account) {
      score += 100;
      reasons.push(`Targets the account ${account}.`);
    }
    const cameThrough = !!campaign.utmCampaign && utm === campaign.utmCampaign.trim().toLowerCase();
    if (cameThrough) {
      score += 80;
      reasons.push(`The contact came in through utm_campaign=${campaign.utmCampaign}.`);
    }

    const audience = campaign.audience.map((c) => evaluateCriterion(c, contact));
    const failed = audience.filter((r) => r.outcome === 'fail');
    const unknown = audience.filter((r) => r.outcome === 'unknown');
    if (failed.length === 0 && audience.length > 0) {
      if (unknown.length === 0) {
        score += 50;
        reasons.push(`In the audience: ${audience.map((r) => r.criterion.label).join('; ')}.`);
      } else {
        score += 20;
        reasons.push(
          `May be in the audience: ${unknown.map((r) => r.reason.replace(/\.$/, '')).join('; ')}.`,
        );
      }
    } else if (audience.length === 0 && campaign.targetAccounts.length === 0) {
      score += 10;
      reasons.push('Aimed at every contact.');
    } else if (!reasons.length) {
      // Outside the audience, or outside the accounts a campaign names and nothing else.
      continue;
    }
    if (timing === 'ended' && !account && !cameThrough) continue;
    matches.push({ campaign, timing, score, reasons, audience });
  }

  return matches.sort(
    (a, b) =>
      timingRank[a.timing] - timingRank[b.timing] ||
      b.score - a.score ||
      a.campaign.name.localeCompare(b.campaign.name),
  );
}

/** Today as YYYY-MM-DD in the person's own time zone. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
