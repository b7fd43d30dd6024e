import { reasonLabels, type ContactField, type Criterion, type CriterionOp, type Feedback, type FeedbackReason, type LeadDefinition, type Suggestion } from '../model';
import { keyDomain } from './data';
import type { FeedbackGroup } from './quality';
import { rejectionReasons } from './quality';
import { shownValue } from '../fit';
import { formatNumber } from './stats';

/**
 * What the rejections say about the lead definition. A reason is looked at when a group (one
 * campaign's feedback, or all of it) has at least `minRejections` rejections and the reason is
 * given on at least `minReasonShare` of them. A criterion is proposed only when the evidence
 * the feedback carries agrees: at least `minEvidence` of those rejections say the fact, at
 * least `minAgreement` of those fall under the proposed criterion, and it would leave out at
 * least `minRejectedPerAccepted` times as many of those rejected leads as of the group's
 * accepted ones (so good leads are not cut with the bad).
 */
export const suggestionThresholds = {
  minRejections: 5,
  minReasonShare: 0.3,
  minEvidence: 3,
  minAgreement: 2 / 3,
  minRejectedPerAccepted: 2,
  /** The round sizes “employees ≥ N” may propose: the smallest that most of the rejected fall below. */
  employeeSteps: [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000],
} as const;

const personalDomains = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'rocketmail.com',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'outlook.com', 'outlook.de', 'live.com', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'freenet.de',
  'mail.com', 'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com', 'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru',
  'qq.com', '163.com', '126.com', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 'btinternet.com', 'comcast.net',
  'fastmail.com', 'hey.com',
]);

/** Free mail providers and schools: addresses of a person, not of a company buying. */
export function isPersonalOrAcademic(domain: string): boolean {
  return personalDomains.has(domain) || /(^|\.)(edu|ac\.[a-z]{2}|edu\.[a-z]{2}|k12\.[a-z]{2}\.us)$/.test(domain);
}

/** Whether `part` of `whole` reaches the agreement threshold (with room for rounding: 2 of 3 is 2/3). */
const agrees = (part: number, whole: number) => part >= whole * suggestionThresholds.minAgreement - 1e-9;

const fold = (v: string | number) => String(v).trim().toLocaleLowerCase('en');

/** A proposed criterion before it is checked against the definition and put in words. */
type Proposal =
  | { kind: 'atLeast'; field: 'employees'; n: number; below: number; known: number; acceptedKnown: number; acceptedBelow: number }
  | {
      kind: 'list';
      field: ContactField;
      /** What the values are, for sentences: “country”, “email domain”. */
      noun: string;
      label: string;
      lead: string;
      values: { value: string; count: number }[];
      known: number;
      acceptedKnown: number;
      acceptedHit: number;
    };

type Read = (f: Feedback) => string | undefined;

const facts = (f: Feedback) => f.subject.facts ?? {};
const readDomain: Read = (f) => keyDomain(f.subject.contactKey);

function tooSmall(rejected: readonly Feedback[], accepted: readonly Feedback[]): Proposal | null {
  const sizes = rejected.map((f) => facts(f).employees).filter((n): n is number => n !== undefined);
  if (sizes.length < suggestionThresholds.minEvidence) return null;
  const n = suggestionThresholds.employeeSteps.find((step) => agrees(sizes.filter((s) => s < step).length, sizes.length));
  if (n === undefined) return null;
  const acceptedSizes = accepted.map((f) => facts(f).employees).filter((s): s is number => s !== undefined);
  const below = sizes.filter((s) => s < n).length;
  const acceptedBelow = acceptedSizes.filter((s) => s < n).length;
  if (acceptedBelow * suggestionThresholds.minRejectedPerAccepted > below) return null;
  return { kind: 'atLeast', field: 'employees', n, below, known: sizes.length, acceptedKnown: acceptedSizes.length, acceptedBelow };
}

/**
 * A `field in [...]` disqualifier from the values the rejected share: each value seen at least
 * `minRejectedPerAccepted` times as often on these rejections as on the accepted ones.
 */
function listOf(
  rejected: readonly Feedback[],
  accepted: readonly Feedback[],
  field: ContactField,
  read: Read,
  words: { noun: string; label: string; lead: string },
  keep: (folded: string) => boolean = () => true,
): Proposal | null {
  const seen = rejected.map(read).filter((v): v is string => v !== undefined && v.trim() !== '');
  if (seen.length < suggestionThresholds.minEvidence) return null;
  const acceptedSeen = accepted.map(read).filter((v): v is string => v !== undefined && v.trim() !== '');
  const counts = new Map<string, { value: string; count: number }>();
  for (const v of seen) {
    const entry = counts.get(fold(v));
    if (entry) entry.count++;
    else counts.set(fold(v), { value: v.trim(), count: 1 });
  }
  const acceptedCount = (key: string) => acceptedSeen.filter((v) => fold(v) === key).length;
  const values = [...counts]
    .filter(([key, { count }]) => keep(key) && acceptedCount(key) * suggestionThresholds.minRejectedPerAccepted <= count)
    .map(([, entry]) => entry)
    .sort((a, b) => b.count - a.count || (fold(a.value) < fold(b.value) ? -1 : 1))
    .slice(0, 200);
  const covered = values.reduce((sum, v) => sum + v.count, 0);
  if (values.length === 0 || !agrees(covered, seen.length)) return null;
  const keys = new Set(values.map((v) => fold(v.value)));
  return {
    kind: 'list',
    field,
    ...words,
    values,
    known: seen.length,
    acceptedKnown: acceptedSeen.length,
    acceptedHit: acceptedSeen.filter((v) => keys.has(fold(v))).length,
  };
}

const proposers: Partial<Record<FeedbackReason, (rejected: readonly Feedback[], accepted: readonly Feedback[]) => Proposal[]>> = {
  'too-small': (r, a) => [tooSmall(r, a)].filter((p) => p !== null),
  'student-personal': (r, a) =>
    [listOf(r, a, 'emailDomain', readDomain, { noun: 'email address', label: 'Personal or academic email', lead: 'used' }, isPersonalOrAcademic)].filter((p) => p !== null),
  competitor: (r, a) =>
    [listOf(r, a, 'emailDomain', readDomain, { noun: 'email address', label: 'Competitor', lead: 'wrote from' }, (d) => !isPersonalOrAcademic(d))].filter((p) => p !== null),
  'wrong-region': (r, a) =>
    [listOf(r, a, 'country', (f) => facts(f).country, { noun: 'country', label: 'Outside our regions', lead: 'were from' })].filter((p) => p !== null),
  'wrong-persona': (r, a) =>
    [
      listOf(r, a, 'seniority', (f) => facts(f).seniority, { noun: 'seniority', label: 'Not our persona (seniority)', lead: 'were' }),
      listOf(r, a, 'department', (f) => facts(f).department, { noun: 'department', label: 'Not our persona (department)', lead: 'were in' }),
    ].filter((p) => p !== null),
};

/** What the definition already has for the proposal's field and operator, in either list. */
function existing(definition: LeadDefinition | undefined, field: ContactField, op: CriterionOp): Criterion[] {
  return definition ? [...definition.criteria, ...definition.disqualifiers].filter((c) => c.field === field && c.op === op) : [];
}

const few = (items: readonly string[], max = 5) =>
  items.length <= max ? joinWords(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
function joinWords(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
const none = (n: number) => (n === 0 ? 'None' : formatNumber(n));

/** A proposal in words, less what the definition already has; null when nothing new is left. */
function toSuggestion(
  p: Proposal,
  definition: LeadDefinition | undefined,
  reason: FeedbackReason,
  campaignId: string | null,
  intro: string,
): Suggestion | null {
  const id = `${reason}:${campaignId ?? 'all'}:${p.field}`;
  if (p.kind === 'atLeast') {
    if (existing(definition, 'employees', 'atLeast').some((c) => c.value === p.n)) return null;
    const accepted = p.acceptedKnown
      ? ` ${none(p.acceptedBelow)} of the ${formatNumber(p.acceptedKnown)} accepted with a known size had fewer than ${p.n}.`
      : '';
    return {
      id,
      text: `Consider employees ≥ ${p.n}`,
      evidence: `${intro}; ${p.below} of the ${p.known} with a known size had fewer than ${p.n} employees.${accepted}`,
      reason,
      campaignId,
      criterion: { label: `At least ${p.n} employees`, field: 'employees', op: 'atLeast', value: p.n, as: 'criterion' },
    };
  }
  const have = new Set(existing(definition, p.field, 'in').flatMap((c) => (Array.isArray(c.value) ? c.value.map(fold) : [])));
  const fresh = p.values.filter((v) => !have.has(fold(v.value)));
  if (fresh.length === 0) return null;
  const already = p.values.filter((v) => have.has(fold(v.value)));
  // Countries are stored as ISO codes and read by name.
  const named = (value: string) => String(shownValue(p.field, value));
  const counted = p.values.map((v) => `${named(v.value)} (${v.count})`);
  const covered = p.values.reduce((sum, v) => sum + v.count, 0);
  const accepted = p.acceptedKnown
    ? ` ${none(p.acceptedHit)} of the ${formatNumber(p.acceptedKnown)} accepted with a known ${p.noun} did.`
    : '';
  const has = already.length ? ` The definition already disqualifies ${few(already.map((v) => named(v.value)))}.` : '';
  const values = fresh.map((v) => v.value);
  const what = p.field === 'emailDomain' ? 'email domains' : p.field === 'country' ? 'leads from' : p.noun;
  return {
    id,
    text: `Consider disqualifying ${what} ${few(values.map(named))}`,
    evidence: `${intro}; ${covered} of the ${p.known} with a known ${p.noun} ${p.lead} ${few(counted)}.${accepted}${has}`,
    reason,
    campaignId,
    criterion: { label: p.label, field: p.field, op: 'in', value: values, as: 'disqualifier' },
  };
}

/** Whether `b` proposes nothing that `a` does not already. */
function covers(a: Suggestion, b: Suggestion): boolean {
  if (!a.criterion || !b.criterion || a.criterion.field !== b.criterion.field || a.criterion.op !== b.criterion.op) return false;
  const av = a.criterion.value;
  const bv = b.criterion.value;
  if (Array.isArray(av) && Array.isArray(bv)) return bv.every((v) => av.some((x) => fold(x) === fold(v)));
  return av === bv;
}

export interface SuggestionGroup {
  campaignId: string | null;
  /** “from campaign “Spring launch”” or “in this period”. */
  where: string;
  feedback: readonly Feedback[];
}

export function suggestionsFor(group: SuggestionGroup, definition: LeadDefinition | undefined): Suggestion[] {
  const rejected = group.feedback.filter((f) => f.verdict === 'reject');
  const accepted = group.feedback.filter((f) => f.verdict === 'accept');
  if (rejected.length < suggestionThresholds.minRejections) return [];
  const out: Suggestion[] = [];
  for (const { reason, count, share } of rejectionReasons(group.feedback)) {
    if ((share ?? 0) < suggestionThresholds.minReasonShare) continue;
    const withReason = rejected.filter((f) => f.reasons.includes(reason));
    const intro = `${Math.round((share ?? 0) * 100)} % of the ${rejected.length} rejections ${group.where} say “${reasonLabels[reason]}” (${count})`;
    for (const p of proposers[reason]?.(withReason, accepted) ?? []) {
      const s = toSuggestion(p, definition, reason, group.campaignId, intro);
      if (s) out.push(s);
    }
  }
  return out;
}

/**
 * Suggestions from all rejections first, then campaign by campaign (in the order given); a
 * campaign's suggestion that the overall one already makes is left out.
 */
export function suggestions(all: readonly Feedback[], campaigns: readonly FeedbackGroup[], definition: LeadDefinition | undefined): Suggestion[] {
  const overall = suggestionsFor({ campaignId: null, where: 'in the period', feedback: all }, definition);
  const perCampaign = campaigns
    .filter((g) => g.campaignId !== null)
    .flatMap((g) => suggestionsFor({ campaignId: g.campaignId, where: `from campaign “${g.campaignName}”`, feedback: g.feedback }, definition))
    .filter((s) => !overall.some((o) => o.reason === s.reason && covers(o, s)));
  return [...overall, ...perCampaign];
}
