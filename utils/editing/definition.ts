import { z } from 'zod';
import { evaluateFit, type FitVerdict } from '../fit';
import { ContactContext, Stage, type Criterion, type LeadDefinition, type RecentContact } from '../model';
import { definitionPublish } from '../mutators/definition';
import { addCriterionProblems, criterionPatterns, criterionToRow, CriterionRow, numberInput, parseNumber, rowToCriterion, validCriteria } from './criteria';
import { mapIssues, type MappedIssues } from './issues';

export const StageRow = z.object({
  key: z.string(),
  name: z.string(),
  owner: Stage.shape.owner,
  entry: z.string(),
});
export type StageRow = z.infer<typeof StageRow>;

/** The lead definition as the editor holds it: text as typed. */
export const DefinitionForm = z.object({
  name: z.string(),
  threshold: z.string(),
  criteria: z.array(CriterionRow),
  disqualifiers: z.array(CriterionRow),
  stages: z.array(StageRow),
  acceptWithinHours: z.string(),
  minAttempts: z.string(),
  slaNotes: z.string(),
  notes: z.string(),
  changeNote: z.string(),
});
export type DefinitionForm = z.infer<typeof DefinitionForm>;

/**
 * A draft of the next version, and the published version it was started from (null: none):
 * its number, and its id (drafts saved before ids were kept have none, and are checked on the
 * number alone).
 */
export const DefinitionDraft = z.object({
  basedOn: z.number().int().positive().nullable(),
  basedOnId: z.string().nullable().optional(),
  form: DefinitionForm,
});
export type DefinitionDraft = z.infer<typeof DefinitionDraft>;

/** What a new draft is based on: the latest published version, or none. */
export function basedOnLatest(latest: Pick<LeadDefinition, 'number' | 'id'> | undefined): Pick<DefinitionDraft, 'basedOn' | 'basedOnId'> {
  return { basedOn: latest?.number ?? null, basedOnId: latest?.id ?? null };
}

/** Disqualifiers do not score, so their weight is not shown; new ones carry 0. */
export const disqualifierWeight = 0;

const newStage = (name: string, owner: StageRow['owner'], entry = ''): StageRow => ({ key: crypto.randomUUID(), name, owner, entry });

export function newStageRow(): StageRow {
  return newStage('', 'marketing');
}

/** The form for the next version: a copy of `latest` with an empty change note, or a sensible start. */
export function definitionFormFrom(latest: LeadDefinition | undefined): DefinitionForm {
  if (!latest) {
    return {
      name: '',
      threshold: '50',
      criteria: [],
      disqualifiers: [],
      stages: [
        newStage('Lead', 'marketing', 'Any person we can reach.'),
        newStage('MQL', 'marketing', 'Scores at the threshold or more and is not disqualified.'),
        newStage('SAL', 'sales', 'Sales accepted the MQL within the SLA.'),
        newStage('SQL', 'sales', 'A first call confirmed need and a buying role.'),
        newStage('Opportunity', 'sales', 'A deal is open in the CRM.'),
      ],
      acceptWithinHours: '24',
      minAttempts: '3',
      slaNotes: '',
      notes: '',
      changeNote: '',
    };
  }
  return {
    name: latest.name,
    threshold: String(latest.threshold),
    criteria: latest.criteria.map(criterionToRow),
    disqualifiers: latest.disqualifiers.map(criterionToRow),
    stages: latest.stages.map((s, i) => ({ key: `stage-${i}`, ...s })),
    acceptWithinHours: String(latest.sla.acceptWithinHours),
    minAttempts: String(latest.sla.minAttempts),
    slaNotes: latest.sla.notes,
    notes: latest.notes,
    changeNote: '',
  };
}

/** The `definition.publish` args for a form, not yet checked. */
export function definitionArgs(form: DefinitionForm, { id, basedOn, basedOnId }: { id: string; basedOn: number | null; basedOnId?: string | null | undefined }) {
  return {
    id,
    basedOn,
    ...(basedOnId === undefined ? {} : { basedOnId }),
    name: form.name.trim(),
    threshold: numberInput(form.threshold),
    criteria: form.criteria.map(rowToCriterion),
    disqualifiers: form.disqualifiers.map(rowToCriterion),
    stages: form.stages.map(({ name, owner, entry }) => ({ name: name.trim(), owner, entry: entry.trim() })),
    sla: {
      acceptWithinHours: numberInput(form.acceptWithinHours),
      minAttempts: numberInput(form.minAttempts),
      notes: form.slaNotes.trim(),
    },
    notes: form.notes.trim(),
    changeNote: form.changeNote.trim(),
  };
}

export const definitionPatterns: readonly string[] = [
  'name',
  'threshold',
  ...criterionPatterns('criteria'),
  ...criterionPatterns('disqualifiers'),
  'stages',
  'stages.*.name',
  'stages.*.owner',
  'stages.*.entry',
  'sla.acceptWithinHours',
  'sla.minAttempts',
  'sla.notes',
  'notes',
  'changeNote',
];

export type DefinitionPublishArgs = z.output<typeof definitionPublish.args>;

export interface Checked<Args> {
  /** The parsed args, ready to write, when the form has no problem. */
  args: Args | undefined;
  problems: MappedIssues;
}

/** Checks a draft with the `definition.publish` schema and says which field each problem is in. */
export function checkDefinition(draft: DefinitionDraft, id: string): Checked<DefinitionPublishArgs> {
  const parsed = definitionPublish.args.safeParse(definitionArgs(draft.form, { id, basedOn: draft.basedOn, basedOnId: draft.basedOnId }));
  const problems = mapIssues(parsed.success ? [] : parsed.error.issues, definitionPatterns);
  addCriterionProblems(problems, 'criteria', draft.form.criteria);
  addCriterionProblems(problems, 'disqualifiers', draft.form.disqualifiers);
  const ok = parsed.success && Object.keys(problems.fields).length === 0 && problems.other.length === 0;
  return { args: parsed.success && ok ? parsed.data : undefined, problems };
}

/** What a draft scores with as it stands: the rows that are valid, and its threshold if it is one. */
export function previewDefinition(
  form: DefinitionForm,
  fallbackThreshold: number,
): { criteria: Criterion[]; disqualifiers: Criterion[]; threshold: number; skipped: number } {
  const criteria = validCriteria(form.criteria);
  const disqualifiers = validCriteria(form.disqualifiers);
  const threshold = parseNumber(form.threshold);
  const usable = threshold !== undefined && Number.isInteger(threshold) && threshold >= 0;
  return {
    criteria,
    disqualifiers,
    threshold: usable ? threshold : fallbackThreshold,
    skipped: form.criteria.length + form.disqualifiers.length - criteria.length - disqualifiers.length,
  };
}

export interface FitPreviewRow {
  key: string;
  name: string;
  published?: { verdict: FitVerdict; score: number };
  draft: { verdict: FitVerdict; score: number };
  /** The verdict differs from the published version's. */
  changed: boolean;
}

/** Who a contact is, in a few words. */
export function contactName(contact: RecentContact['contact']): string {
  return contact.name || contact.email || contact.company || 'Unnamed contact';
}

/** Each recent contact scored by the published version and by the draft. */
export function compareFit(
  published: Pick<LeadDefinition, 'criteria' | 'disqualifiers' | 'threshold'> | undefined,
  draft: Pick<LeadDefinition, 'criteria' | 'disqualifiers' | 'threshold'>,
  contacts: readonly RecentContact[],
): FitPreviewRow[] {
  return contacts.map(({ key, contact: input }) => {
    const contact = ContactContext.parse(input);
    const before = published && evaluateFit(published, contact);
    const after = evaluateFit(draft, contact);
    return {
      key,
      name: contactName(input),
      published: before && { verdict: before.verdict, score: before.score },
      draft: { verdict: after.verdict, score: after.score },
      changed: !!before && before.verdict !== after.verdict,
    };
  });
}
