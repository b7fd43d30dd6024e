import { latestDefinition } from '../mutators/definition';
import { emailDomain, normaliseEmail, type Campaign, type Feedback, type Goal, type Lead, type LeadDefinition, type SalesPlay } from '../model';

/** The synced records the numbers are made of: the extension's IndexedDB or the server's records table. */
export interface MetricsInput {
  definitions: readonly LeadDefinition[];
  campaigns: readonly Campaign[];
  plays: readonly SalesPlay[];
  goals: readonly Goal[];
  leads: readonly Lead[];
  feedback: readonly Feedback[];
}

/**
 * When a lead was captured: `capturedAt`, which the server sets on capture; for leads
 * captured before it did, `updatedAt` while the lead is still at version 1 (nothing has
 * changed it since the capture). An older lead that has been edited since has no known
 * capture time and is left out of every capture count.
 */
export function captureTime(lead: Lead): number | undefined {
  if (lead.capturedAt) return Date.parse(lead.capturedAt);
  if (lead.version === 1) return Date.parse(lead.updatedAt);
  return undefined;
}

/** `email:<normalised address>`, the contact key feedback uses for a person with an email. */
export const emailKey = (email: string): string => `email:${normaliseEmail(email)}`;

/** A feedback's contact key, with the address part of an `email:` key normalised. */
function normalisedKey(key: string): string {
  return key.startsWith('email:') ? emailKey(key.slice('email:'.length)) : key;
}

/** The email domain in an `email:` contact key, if it is one. */
export function keyDomain(key: string): string | undefined {
  return key.startsWith('email:') ? emailDomain(key.slice('email:'.length)) : undefined;
}

export interface CapturedLead {
  lead: Lead;
  /** Epoch ms. */
  at: number;
}

export interface TimedFeedback {
  feedback: Feedback;
  /** createdAt in epoch ms. */
  at: number;
}

/** The input without deleted records, indexed for the questions the metrics ask. */
export interface Workspace {
  definition: LeadDefinition | undefined;
  campaigns: readonly Campaign[];
  campaignById: ReadonlyMap<string, Campaign>;
  plays: readonly SalesPlay[];
  goals: readonly Goal[];
  /** Leads whose capture time is known. */
  captured: readonly CapturedLead[];
  /** Every feedback, oldest first. */
  feedback: readonly TimedFeedback[];
  /** The campaign a feedback counts for, or null for “No campaign”. */
  campaignOf(feedback: Feedback): string | null;
  /** The first feedback about a lead given at or after its capture. */
  firstFeedback(lead: CapturedLead): TimedFeedback | undefined;
}

const byTimeThenId = (a: TimedFeedback, b: TimedFeedback) => a.at - b.at || (a.feedback.id < b.feedback.id ? -1 : a.feedback.id > b.feedback.id ? 1 : 0);

export function prepare(input: MetricsInput): Workspace {
  const live = <T extends { deleted: boolean }>(records: readonly T[]) => records.filter((r) => !r.deleted);
  const campaigns = live(input.campaigns);
  const leads = live(input.leads);
  const feedback = live(input.feedback)
    .map((f) => ({ feedback: f, at: Date.parse(f.createdAt) }))
    .sort(byTimeThenId);

  const leadById = new Map(leads.map((l) => [l.id, l]));
  const leadsByKey = new Map<string, Lead[]>();
  for (const lead of leads) {
    if (!lead.email) continue;
    const key = emailKey(lead.email);
    leadsByKey.set(key, [...(leadsByKey.get(key) ?? []), lead]);
  }
  const feedbackByLead = new Map<string, TimedFeedback[]>();
  const feedbackByKey = new Map<string, TimedFeedback[]>();
  const push = (map: Map<string, TimedFeedback[]>, key: string, f: TimedFeedback) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of feedback) {
    if (f.feedback.subject.leadId) push(feedbackByLead, f.feedback.subject.leadId, f);
    push(feedbackByKey, normalisedKey(f.feedback.subject.contactKey), f);
  }

  /**
   * A lead with a campaign for feedback given on its email address: among such leads, the
   * one captured last at or before the feedback, else the one captured first.
   */
  const candidatesByKey = new Map<string, CapturedLead[]>();
  function campaignLeadByEmail(key: string, at: number): Lead | undefined {
    let candidates = candidatesByKey.get(key);
    if (!candidates) {
      candidates = (leadsByKey.get(key) ?? [])
        .filter((l) => l.campaignId)
        .map((lead) => ({ lead, at: captureTime(lead) ?? Date.parse(lead.updatedAt) }))
        .sort((a, b) => a.at - b.at || (a.lead.id < b.lead.id ? -1 : 1));
      candidatesByKey.set(key, candidates);
    }
    const before = candidates.filter((c) => c.at <= at);
    return (before.at(-1) ?? candidates[0])?.lead;
  }

  /** The campaign a feedback counts for: its own, else its lead's (by id, else by email). */
  function attribute(f: Feedback): string | null {
    if (f.subject.campaignId) return f.subject.campaignId;
    const lead = f.subject.leadId ? leadById.get(f.subject.leadId) : undefined;
    if (lead?.campaignId) return lead.campaignId;
    const key = normalisedKey(f.subject.contactKey);
    if (!key.startsWith('email:')) return null;
    return campaignLeadByEmail(key, Date.parse(f.createdAt))?.campaignId ?? null;
  }

  function earliestAbout({ lead, at }: CapturedLead): TimedFeedback | undefined {
    const about = [...(feedbackByLead.get(lead.id) ?? []), ...(lead.email ? (feedbackByKey.get(emailKey(lead.email)) ?? []) : [])];
    return about.filter((f) => f.at >= at).sort(byTimeThenId)[0];
  }

  // The hand-off and every hours goal ask this of the same leads: answer each once.
  const firstCache = new Map<Lead, TimedFeedback | undefined>();

  return {
    definition: latestDefinition(input.definitions),
    campaigns,
    campaignById: new Map(campaigns.map((c) => [c.id, c])),
    plays: live(input.plays),
    goals: live(input.goals),
    captured: leads.flatMap((lead) => {
      const at = captureTime(lead);
      return at === undefined || Number.isNaN(at) ? [] : [{ lead, at }];
    }),
    feedback,
    campaignOf: attribute,
    firstFeedback(captured) {
      if (!firstCache.has(captured.lead)) firstCache.set(captured.lead, earliestAbout(captured));
      return firstCache.get(captured.lead);
    },
  };
}
