import { criterionToRow, rowField } from '../../utils/editing/criteria';
import { basedOnLatest, DefinitionDraft, definitionFormFrom, disqualifierWeight } from '../../utils/editing/definition';
import { draftKeys, readDraft, writeDraft } from '../../utils/editing/drafts';
import { Criterion, type LeadDefinition, type Suggestion } from '../../utils/model';
import type { WorkspaceDb } from '../../utils/store';

/** The weight a suggested criterion starts with, as a new row in the editor does. */
export const suggestedWeight = 10;

export type SuggestedCriterion = NonNullable<Suggestion['criterion']>;

/**
 * The draft with the suggestion's criterion (or disqualifier) added: the stored draft if there
 * is one, else a new draft of the next version started from `latest`, the way the editor
 * starts one. A criterion the draft already has (same field, operator and value) is not added
 * twice. An empty change note gets the suggestion and its evidence, for Sales to read.
 */
export function draftWithSuggestion(
  stored: DefinitionDraft | undefined,
  latest: LeadDefinition | undefined,
  suggestion: Pick<Suggestion, 'text' | 'evidence'> & { criterion: SuggestedCriterion },
  newId: string = crypto.randomUUID(),
): { draft: DefinitionDraft; added: boolean } {
  const draft: DefinitionDraft = stored ?? { ...basedOnLatest(latest), form: definitionFormFrom(latest) };
  const { label, field, op, value, as } = suggestion.criterion;
  const criterion = Criterion.parse({ id: newId, label, field, op, value, weight: as === 'criterion' ? suggestedWeight : disqualifierWeight });
  const row = criterionToRow(criterion);
  const list = as === 'criterion' ? draft.form.criteria : draft.form.disqualifiers;
  const same = list.some((r) => rowField(r) === rowField(row) && r.op === row.op && r.text.trim() === row.text && r.high.trim() === row.high);
  if (same) return { draft, added: false };
  const changeNote = draft.form.changeNote.trim() === '' ? `${suggestion.text}: ${suggestion.evidence}` : draft.form.changeNote;
  const form =
    as === 'criterion' ? { ...draft.form, criteria: [...list, row], changeNote } : { ...draft.form, disqualifiers: [...list, row], changeNote };
  return { draft: { ...draft, form }, added: true };
}

/** Puts the suggestion into the definition draft kept in the workspace's meta store. */
export async function addSuggestionToDraft(
  db: WorkspaceDb,
  latest: LeadDefinition | undefined,
  suggestion: Pick<Suggestion, 'text' | 'evidence'> & { criterion: SuggestedCriterion },
): Promise<{ added: boolean; next: number }> {
  const stored = await readDraft(db, draftKeys.definition, DefinitionDraft);
  const { draft, added } = draftWithSuggestion(stored?.draft, latest, suggestion);
  if (added) await writeDraft(db, draftKeys.definition, draft);
  return { added, next: (latest?.number ?? 0) + 1 };
}
