import { z } from 'zod';
import { campaignsForContact } from '../campaigns';
import {
  Campaign,
  CampaignStatus,
  ContactContext,
  endsAfterStart,
  Goal,
  GoalMetric,
  type RecentContact,
  type SalesPlay,
} from '../model';
import { campaignPut, goalPut, playPut } from '../mutators/documents';
import { addCriterionProblems, criterionPatterns, criterionToRow, CriterionRow, numberInput, rowToCriterion, validCriteria } from './criteria';
import { contactName, type Checked } from './definition';
import { addProblem, mapIssues, type Issue, type MappedIssues } from './issues';

/**
 * A document being edited, and its version when editing started (0 for a new one) with that
 * version's `rev` (null: a new document, or one from before revisions; drafts saved before
 * revisions have none, and are checked on the version alone).
 */
export function documentDraft<F extends z.ZodType>(form: F) {
  return z.object({ baseVersion: z.number().int().nonnegative(), baseRev: z.string().nullable().optional(), form });
}

/** What a draft says it was based on, as `*.put` args take it. */
const baseOf = (draft: { baseVersion: number; baseRev?: string | null | undefined }) =>
  draft.baseRev === undefined ? { baseVersion: draft.baseVersion } : { baseVersion: draft.baseVersion, baseRev: draft.baseRev };

const ListRow = z.object({ key: z.string(), text: z.string() });
const AssetRow = z.object({ key: z.string(), label: z.string(), url: z.string() });
export type ListRow = z.infer<typeof ListRow>;
export type AssetRow = z.infer<typeof AssetRow>;

/** Text fields that are optional in the model: empty means "not given". */
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The end is not before the start: the model's own check, run even while other fields have problems. */
function endProblem(startsOn: string, endsOn: string | undefined): string | undefined {
  const checked = z
    .object({ startsOn: z.string(), endsOn: z.string().optional() })
    .superRefine(endsAfterStart)
    .safeParse({ startsOn, endsOn });
  return checked.success ? undefined : checked.error.issues[0]?.message;
}

function finish<Args>(parsed: z.ZodSafeParseResult<Args>, problems: MappedIssues): Checked<Args> {
  const ok = Object.keys(problems.fields).length === 0 && problems.other.length === 0;
  return { args: parsed.success && ok ? parsed.data : undefined, problems };
}

// Campaigns ------------------------------------------------------------------------------

export const CampaignForm = z.object({
  id: z.string(),
  name: z.string(),
  product: z.string(),
  status: CampaignStatus,
  startsOn: z.string(),
  endsOn: z.string(),
  audience: z.array(CriterionRow),
  /** Domains, one per line. */
  targetAccounts: z.string(),
  utmCampaign: z.string(),
  talkingPoints: z.array(ListRow),
  offer: z.string(),
  assets: z.array(AssetRow),
  owner: z.string(),
});
export type CampaignForm = z.infer<typeof CampaignForm>;
export const CampaignDraft = documentDraft(CampaignForm);
export type CampaignDraft = z.infer<typeof CampaignDraft>;

/** Audience rules do not score, so their weight is not shown; new ones carry the model's default. */
export const audienceWeight = 10;

export function campaignFormFrom(campaign: Campaign): CampaignForm {
  return {
    id: campaign.id,
    name: campaign.name,
    product: campaign.product,
    status: campaign.status,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn ?? '',
    audience: campaign.audience.map(criterionToRow),
    targetAccounts: campaign.targetAccounts.join('\n'),
    utmCampaign: campaign.utmCampaign ?? '',
    talkingPoints: campaign.talkingPoints.map((text, i) => ({ key: `point-${i}`, text })),
    offer: campaign.offer,
    assets: campaign.assets.map((a, i) => ({ key: `asset-${i}`, ...a })),
    owner: campaign.owner,
  };
}

export function newCampaignForm(owner: string, today: string): CampaignForm {
  return {
    id: crypto.randomUUID(),
    name: '',
    product: '',
    status: 'draft',
    startsOn: today,
    endsOn: '',
    audience: [],
    targetAccounts: '',
    utmCampaign: '',
    talkingPoints: [],
    offer: '',
    assets: [],
    owner,
  };
}

/** Domains as typed: one per line (commas and semicolons separate too), trimmed, blanks dropped. */
export function domainLines(text: string): string[] {
  return text
    .split(/[\r\n,;]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

export function campaignDoc(form: CampaignForm) {
  return {
    id: form.id,
    name: form.name.trim(),
    product: form.product.trim(),
    status: form.status,
    startsOn: form.startsOn.trim(),
    endsOn: optional(form.endsOn),
    audience: form.audience.map(rowToCriterion),
    targetAccounts: domainLines(form.targetAccounts),
    utmCampaign: optional(form.utmCampaign),
    talkingPoints: form.talkingPoints.map((p) => p.text.trim()),
    offer: form.offer.trim(),
    assets: form.assets.map((a) => ({ label: a.label.trim(), url: a.url.trim() })),
    owner: form.owner.trim(),
  };
}

export const campaignPatterns: readonly string[] = [
  'name',
  'product',
  'status',
  'startsOn',
  'endsOn',
  ...criterionPatterns('audience'),
  'targetAccounts',
  'utmCampaign',
  'talkingPoints',
  'talkingPoints.*',
  'offer',
  'assets',
  'assets.*.label',
  'assets.*.url',
  'owner',
];

export type CampaignPutArgs = z.output<typeof campaignPut.args>;

export function checkCampaign(draft: CampaignDraft): Checked<CampaignPutArgs> {
  const doc = campaignDoc(draft.form);
  const parsed = campaignPut.args.safeParse({ doc, ...baseOf(draft) });
  const problems = mapIssues(parsed.success ? [] : parsed.error.issues, campaignPatterns, {
    strip: ['doc'],
    // A domain's problem names the domain: lines are not numbered on screen.
    describe: (issue: Issue, key) =>
      key === 'targetAccounts' && typeof issue.path[2] === 'number'
        ? `“${doc.targetAccounts[issue.path[2]]}”: ${issue.message}`
        : undefined,
  });
  addCriterionProblems(problems, 'audience', draft.form.audience);
  addProblem(problems, 'endsOn', endProblem(doc.startsOn, doc.endsOn));
  return finish(parsed, problems);
}

export interface CampaignPreviewRow {
  key: string;
  name: string;
  reasons: string[];
}

/**
 * The recent contacts a campaign would reach, with why: its audience, its target accounts
 * and its UTM tag, as `campaignsForContact` ranks them, whatever its dates and status.
 */
export function previewCampaign(form: CampaignForm, contacts: readonly RecentContact[]): CampaignPreviewRow[] {
  const doc = campaignDoc(form);
  const start = '2000-01-01';
  const candidate: Campaign = {
    id: form.id,
    version: 0,
    deleted: false,
    updatedAt: new Date(0).toISOString(),
    name: doc.name || 'This campaign',
    product: doc.product,
    // Checked as if running, so the preview shows who it is aimed at.
    status: 'active',
    startsOn: start,
    endsOn: undefined,
    audience: validCriteria(form.audience),
    targetAccounts: doc.targetAccounts.flatMap((d) => {
      const parsed = Campaign.shape.targetAccounts.element.safeParse(d);
      return parsed.success ? [parsed.data] : [];
    }),
    utmCampaign: doc.utmCampaign,
    talkingPoints: [],
    offer: '',
    assets: [],
    owner: doc.owner,
  };
  return contacts.flatMap(({ key, contact }) => {
    const [match] = campaignsForContact([candidate], ContactContext.parse(contact), start);
    return match ? [{ key, name: contactName(contact), reasons: match.reasons }] : [];
  });
}

// Sales plays ----------------------------------------------------------------------------

export const PlayForm = z.object({
  id: z.string(),
  name: z.string(),
  product: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  pitch: z.string(),
  owner: z.string(),
});
export type PlayForm = z.infer<typeof PlayForm>;
export const PlayDraft = documentDraft(PlayForm);
export type PlayDraft = z.infer<typeof PlayDraft>;

export function playFormFrom(play: SalesPlay): PlayForm {
  return { id: play.id, name: play.name, product: play.product, startsOn: play.startsOn, endsOn: play.endsOn ?? '', pitch: play.pitch, owner: play.owner };
}

export function newPlayForm(owner: string, today: string): PlayForm {
  return { id: crypto.randomUUID(), name: '', product: '', startsOn: today, endsOn: '', pitch: '', owner };
}

export function playDoc(form: PlayForm) {
  return {
    id: form.id,
    name: form.name.trim(),
    product: form.product.trim(),
    startsOn: form.startsOn.trim(),
    endsOn: optional(form.endsOn),
    pitch: form.pitch.trim(),
    owner: form.owner.trim(),
  };
}

export const playPatterns: readonly string[] = ['name', 'product', 'startsOn', 'endsOn', 'pitch', 'owner'];
export type PlayPutArgs = z.output<typeof playPut.args>;

export function checkPlay(draft: PlayDraft): Checked<PlayPutArgs> {
  const doc = playDoc(draft.form);
  const parsed = playPut.args.safeParse({ doc, ...baseOf(draft) });
  const problems = mapIssues(parsed.success ? [] : parsed.error.issues, playPatterns, { strip: ['doc'] });
  addProblem(problems, 'endsOn', endProblem(doc.startsOn, doc.endsOn));
  return finish(parsed, problems);
}

// Goals ----------------------------------------------------------------------------------

export const GoalForm = z.object({
  id: z.string(),
  name: z.string(),
  owner: Goal.shape.owner,
  metric: GoalMetric,
  target: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dependsOn: z.array(z.string()),
});
export type GoalForm = z.infer<typeof GoalForm>;
export const GoalDraft = documentDraft(GoalForm);
export type GoalDraft = z.infer<typeof GoalDraft>;

/** The metrics in words. A rate's target is a percentage. */
export const metricWords: Record<GoalMetric, string> = {
  leadsCaptured: 'Leads captured',
  leadsAccepted: 'Leads accepted by Sales',
  acceptanceRate: 'Acceptance rate (%)',
  medianHoursToFirstFeedback: 'Median hours to first feedback',
  custom: 'Other (tracked by hand)',
};

export const ownerWords: Record<Goal['owner'], string> = { marketing: 'Marketing', sales: 'Sales', joint: 'Joint (both teams)' };

export function goalFormFrom(goal: Goal): GoalForm {
  return {
    id: goal.id,
    name: goal.name,
    owner: goal.owner,
    metric: goal.metric,
    target: String(goal.target),
    periodStart: goal.periodStart,
    periodEnd: goal.periodEnd,
    dependsOn: [...goal.dependsOn],
  };
}

export function newGoalForm(today: string): GoalForm {
  return { id: crypto.randomUUID(), name: '', owner: 'marketing', metric: 'leadsCaptured', target: '', periodStart: today, periodEnd: '', dependsOn: [] };
}

export function goalDoc(form: GoalForm) {
  return {
    id: form.id,
    name: form.name.trim(),
    owner: form.owner,
    metric: form.metric,
    target: numberInput(form.target),
    periodStart: form.periodStart.trim(),
    periodEnd: form.periodEnd.trim(),
    dependsOn: form.dependsOn,
  };
}

/**
 * A chain of goals that would depend on itself if goal `id` depended on `dependsOn`, as
 * ids from `id` back to `id`; undefined when there is none.
 */
export function dependencyCycle(
  goals: readonly Pick<Goal, 'id' | 'dependsOn'>[],
  id: string,
  dependsOn: readonly string[],
): string[] | undefined {
  const edges = new Map(goals.map((g) => [g.id, g.dependsOn]));
  edges.set(id, [...dependsOn]);
  const seen = new Set<string>();
  const walk = (at: string, path: string[]): string[] | undefined => {
    for (const next of edges.get(at) ?? []) {
      if (next === id) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(id, [id]);
}

export const goalPatterns: readonly string[] = ['name', 'owner', 'metric', 'target', 'periodStart', 'periodEnd', 'dependsOn'];
export type GoalPutArgs = z.output<typeof goalPut.args>;

/** Checks a goal with the `goal.put` schema, and that its period runs forward and its dependencies do not loop. */
export function checkGoal(draft: GoalDraft, goals: readonly Goal[] = []): Checked<GoalPutArgs> {
  const doc = goalDoc(draft.form);
  const parsed = goalPut.args.safeParse({ doc, ...baseOf(draft) });
  const problems = mapIssues(parsed.success ? [] : parsed.error.issues, goalPatterns, { strip: ['doc'] });
  if (doc.periodEnd && doc.periodStart && doc.periodEnd < doc.periodStart) {
    addProblem(problems, 'periodEnd', 'The period ends before it starts.');
  }
  if (doc.dependsOn.includes(doc.id)) addProblem(problems, 'dependsOn', 'A goal cannot depend on itself.');
  const cycle = dependencyCycle(goals, doc.id, doc.dependsOn);
  if (cycle) {
    const names = new Map(goals.map((g) => [g.id, g.name]));
    names.set(doc.id, doc.name || 'This goal');
    addProblem(problems, 'dependsOn', `This would make goals depend on each other in a loop: ${cycle.map((g) => names.get(g) ?? g).join(' → ')}.`);
  }
  return finish(parsed, problems);
}
