import { useId, useMemo, useState } from 'react';
import {
  checkDefinition,
  DefinitionDraft,
  definitionFormFrom,
  disqualifierWeight,
  newStageRow,
  type DefinitionForm,
  type StageRow,
  basedOnLatest,
} from '../../utils/editing/definition';
import { staleDefinitionBase } from '../../utils/mutators/definition';
import { draftKeys } from '../../utils/editing/drafts';
import { exampleDefinitionDraft, exampleSummary, isUntouchedStart } from '../../utils/editing/example';
import { ownerWords } from '../../utils/editing/documents';
import type { LeadDefinition } from '../../utils/model';
import { latestDefinition } from '../../utils/mutators';
import { DefinitionView } from '../DefinitionView';
import { CriteriaBuilder } from './CriteriaBuilder';
import { Conflict, DraftNotice, SaveBar, useSave } from './EditorChrome';
import { focusSoon, GroupProblem, RowButtons, SelectField, TextField, useProblems, type Problems } from './Field';
import { FitPreview } from './FitPreview';
import { useDraft, useRecords, type DraftState } from './hooks';
import type { EditorProps } from './types';
import './editors.css';

const ownerChoices = (['marketing', 'sales', 'joint'] as const).map((value) => ({ value, label: ownerWords[value] }));

function StagesEditor({ stages, onChange, problems }: { stages: StageRow[]; onChange(stages: StageRow[]): void; problems: Problems }) {
  const uid = useId();
  const nameId = (s: StageRow) => `${uid}-${s.key}-name`;
  const set = (i: number, stage: StageRow) => onChange(stages.map((s, j) => (j === i ? stage : s)));
  return (
    <fieldset className="ed-group">
      <legend>Stages</legend>
      <p className="ed-hint">In order, from first touch to opportunity.</p>
      <GroupProblem name="stages" problems={problems} />
      {stages.map((stage, i) => (
        <fieldset key={stage.key} className="ed-row">
          <legend>{stage.name.trim() || `Stage ${i + 1}`}</legend>
          <div className="ed-inline">
            <TextField label="Stage name" inputId={nameId(stage)} value={stage.name} onChange={(name) => set(i, { ...stage, name })} name={`stages.${i}.name`} problems={problems} />
            <SelectField label="Owner" value={stage.owner} options={ownerChoices} onChange={(owner) => set(i, { ...stage, owner })} name={`stages.${i}.owner`} problems={problems} />
          </div>
          <TextField label="Entry criteria" multiline rows={2} value={stage.entry} onChange={(entry) => set(i, { ...stage, entry })} name={`stages.${i}.entry`} problems={problems} hint="In words: what makes a lead enter this stage." />
          <RowButtons list={stages} index={i} onChange={onChange} focusIdOf={nameId} addId={`${uid}-add`} />
        </fieldset>
      ))}
      <button
        type="button"
        id={`${uid}-add`}
        className="secondary"
        onClick={() => {
          const stage = newStageRow();
          onChange([...stages, stage]);
          focusSoon(nameId(stage));
        }}
      >
        Add stage
      </button>
    </fieldset>
  );
}

/**
 * Beside an untouched first version: the demo workspace's definition, offered as a draft to
 * edit. The form below stays as it is for whoever would rather start from nothing.
 */
function ExampleOffer({ onStart }: { onStart(): void }) {
  const headingId = useId();
  const summary = useMemo(() => exampleSummary(), []);
  return (
    <aside className="ed-example" aria-labelledby={headingId}>
      <h3 id={headingId}>A first definition in a minute</h3>
      <p>{summary}</p>
      <button type="button" onClick={onStart}>
        Start from the example definition
      </button>
      <p className="ed-hint">Or fill in the form below from scratch. Nothing is published until you publish it.</p>
    </aside>
  );
}

function DraftForm({
  base,
  stored,
  latest,
  workspace,
  write,
  onPublished,
  onSettled,
}: {
  base: DefinitionDraft;
  stored: DraftState<DefinitionDraft>;
  latest: LeadDefinition | undefined;
  workspace: EditorProps['workspace'];
  write: EditorProps['write'];
  onPublished(number: number): void;
  onSettled(): void;
}) {
  const current = stored.draft ?? base;
  const { form } = current;
  const publishId = useMemo(() => crypto.randomUUID(), []);
  const checked = checkDefinition(current, publishId);
  // A restored draft shows all its problems at once; otherwise a field's show once it is edited.
  const { problems, revealAll } = useProblems(checked.problems, stored.restoredAt !== undefined);
  const next = (latest?.number ?? 0) + 1;
  const set = (patch: Partial<DefinitionForm>) => stored.update({ ...current, form: { ...form, ...patch } });
  const save = useSave({
    // A new id for every publish: the mutator treats a known id as already published.
    check: () => checkDefinition(current, crypto.randomUUID()),
    name: 'definition.publish',
    write,
    revealAll,
    onSaved: async () => {
      await stored.discard();
      onPublished(next);
    },
  });
  const stale = latest && staleDefinitionBase(latest, current);
  const nameId = useId();
  const [fromExample, setFromExample] = useState(false);
  const startFromExample = () => {
    stored.update(exampleDefinitionDraft());
    setFromExample(true);
    focusSoon(nameId);
  };

  return (
    <form onSubmit={(e) => void save.submit(e)} noValidate aria-label="Next version of the lead definition">
      <DraftNotice restoredAt={stored.restoredAt} savedAt={stored.savedAt} />
      <p className="muted">
        {latest ? `Editing a draft of version ${next}, starting from version ${current.basedOn ?? latest.number}.` : 'Nothing is published yet: this will be version 1.'}
        {!latest && fromExample && stored.draft && ' Started from the example definition: edit anything, then publish.'}
      </p>
      {!latest && isUntouchedStart(form) && <ExampleOffer onStart={startFromExample} />}
      {stale && (
        <p className="warning" role="status">
          Version {latest.number} was published since you started this draft{current.basedOn ? ` from version ${current.basedOn}` : ''}. Publishing will show you both.
        </p>
      )}
      <TextField label="Name" inputId={nameId} value={form.name} onChange={(name) => set({ name })} name="name" problems={problems} />
      <TextField
        label="Threshold"
        type="number"
        min={0}
        step={1}
        className="ed-narrow"
        value={form.threshold}
        onChange={(threshold) => set({ threshold })}
        name="threshold"
        problems={problems}
        hint={`A contact fits at this score: the sum of the weights of the criteria it passes (now at most ${form.criteria.reduce((t, r) => t + (Number(r.weight) || 0), 0)}).`}
      />
      <CriteriaBuilder
        legend="Criteria"
        noun="Criterion"
        addLabel="Add criterion"
        rows={form.criteria}
        onChange={(criteria) => set({ criteria })}
        weights
        newWeight={10}
        errorKey="criteria"
        problems={problems}
        hint="A criterion whose field the contact does not have is unknown, never failed."
      />
      <CriteriaBuilder
        legend="Disqualifiers"
        noun="Disqualifier"
        addLabel="Add disqualifier"
        rows={form.disqualifiers}
        onChange={(disqualifiers) => set({ disqualifiers })}
        weights={false}
        newWeight={disqualifierWeight}
        errorKey="disqualifiers"
        problems={problems}
        hint="A contact that passes any of these is disqualified, whatever its score."
      />
      <StagesEditor stages={form.stages} onChange={(stages) => set({ stages })} problems={problems} />
      <fieldset className="ed-group">
        <legend>Service level</legend>
        <div className="ed-inline">
          <TextField label="Accept within (hours)" type="number" min={1} step={1} value={form.acceptWithinHours} onChange={(acceptWithinHours) => set({ acceptWithinHours })} name="sla.acceptWithinHours" problems={problems} hint="Sales accepts or returns an MQL within this time." />
          <TextField label="Minimum attempts" type="number" min={0} step={1} value={form.minAttempts} onChange={(minAttempts) => set({ minAttempts })} name="sla.minAttempts" problems={problems} hint="Before “unable to reach” may be given." />
        </div>
        <TextField label="SLA notes" multiline rows={2} value={form.slaNotes} onChange={(slaNotes) => set({ slaNotes })} name="sla.notes" problems={problems} />
      </fieldset>
      <TextField label="Notes" multiline value={form.notes} onChange={(notes) => set({ notes })} name="notes" problems={problems} />
      <TextField label="Change note" multiline rows={2} value={form.changeNote} onChange={(changeNote) => set({ changeNote })} name="changeNote" problems={problems} hint="What changed and why: Sales sees it with the new version." />
      <FitPreview workspace={workspace} form={form} published={latest} />
      {save.conflict ? (
        <Conflict
          conflict={save.conflict}
          write={write}
          onDone={() => {
            save.clearConflict();
            void stored.discard().then(onSettled);
          }}
        />
      ) : (
        <SaveBar label={`Publish version ${next}`} busy={save.busy} checked={checked} attempted={save.attempted} writeError={save.writeError}>
          {stored.draft && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setFromExample(false);
                void stored.discard();
              }}
            >
              Discard draft
            </button>
          )}
        </SaveBar>
      )}
    </form>
  );
}

function DraftEditor({ workspace, write, latest }: { workspace: EditorProps['workspace']; write: EditorProps['write']; latest: LeadDefinition | undefined }) {
  const stored = useDraft(workspace.db, draftKeys.definition, DefinitionDraft);
  const [status, setStatus] = useState({ message: '', generation: 0 });
  const settle = (message: string) => setStatus((s) => ({ message, generation: s.generation + 1 }));
  // Until the first change, the form shows the latest version as it stands (and follows it).
  const base = useMemo<DefinitionDraft>(() => ({ ...basedOnLatest(latest), form: definitionFormFrom(latest) }), [latest]);
  return (
    <>
      <p role="status" className="ok ed-status">
        {status.message}
      </p>
      {stored.loaded ? (
        <DraftForm
          key={`${stored.restoredAt ?? 'fresh'}:${status.generation}`}
          base={base}
          stored={stored}
          latest={latest}
          workspace={workspace}
          write={write}
          onPublished={(number) => settle(`Published version ${number}`)}
          onSettled={() => settle('The conflict is settled: the form starts again from the latest version.')}
        />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </>
  );
}

/**
 * Marketing's editor of the shared lead definition: a draft of the next version (kept on this
 * device until published), a live preview of what it changes for recent contacts, and a
 * Publish button. Sales members see the published version, read-only.
 */
export function DefinitionEditor({ workspace, canEdit, write }: EditorProps) {
  const definitions = useRecords(workspace, 'definition');
  let body;
  if (definitions.status === 'loading') body = <p className="muted">Loading…</p>;
  else if (definitions.status === 'error') body = <p role="alert" className="error">Tandem could not read the lead definition: {definitions.message}</p>;
  else {
    const latest = latestDefinition(definitions.value.records);
    if (!canEdit) body = latest ? <DefinitionView definition={latest} /> : <p className="muted">Marketing has not published a lead definition in this workspace yet.</p>;
    else body = <DraftEditor workspace={workspace} write={write} latest={latest} />;
  }
  return (
    <section aria-labelledby="definition-editor-heading" className="card ed-editor">
      <h2 id="definition-editor-heading">Lead definition</h2>
      {body}
    </section>
  );
}
