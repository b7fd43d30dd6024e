import { checkGoal, GoalDraft, goalFormFrom, metricWords, newGoalForm, ownerWords, type GoalForm } from '../../utils/editing/documents';
import { GoalMetric, type Goal } from '../../utils/model';
import { DocumentsEditor, type DocumentSpec, type FieldsProps } from './DocumentsEditor';
import { SelectField, TextField } from './Field';
import { dates } from './text';
import type { EditorProps } from './types';
import './editors.css';

const ownerChoices = (['marketing', 'sales', 'joint'] as const).map((value) => ({ value, label: ownerWords[value] }));
const metricChoices = GoalMetric.options.map((value) => ({ value, label: metricWords[value] }));

function GoalFields({ form, set, problems, records, firstInputId }: FieldsProps<'goal', GoalForm>) {
  const others = records.filter((g) => g.id !== form.id);
  const dependsError = problems.error('dependsOn');
  const dependsErrorId = `${form.id}-depends-error`;
  return (
    <>
      <TextField label="Name" inputId={firstInputId} value={form.name} onChange={(name) => set({ name })} name="name" problems={problems} />
      <div className="ed-inline">
        <SelectField label="Owner" value={form.owner} options={ownerChoices} onChange={(owner) => set({ owner })} name="owner" problems={problems} />
        <SelectField label="Metric" value={form.metric} options={metricChoices} onChange={(metric) => set({ metric })} name="metric" problems={problems} />
      </div>
      <TextField
        label="Target"
        type="number"
        min={0}
        step={form.metric === 'acceptanceRate' ? 0.1 : 1}
        className="ed-narrow"
        value={form.target}
        onChange={(target) => set({ target })}
        name="target"
        problems={problems}
        hint={form.metric === 'acceptanceRate' ? 'A percentage: 60 for 60%.' : form.metric === 'medianHoursToFirstFeedback' ? 'In hours: lower is better.' : undefined}
      />
      <div className="ed-inline">
        <TextField label="Period start" type="date" value={form.periodStart} onChange={(periodStart) => set({ periodStart })} name="periodStart" problems={problems} />
        <TextField label="Period end" type="date" value={form.periodEnd} onChange={(periodEnd) => set({ periodEnd })} name="periodEnd" problems={problems} />
      </div>
      <fieldset className="ed-group" aria-describedby={dependsError ? dependsErrorId : undefined}>
        <legend>Depends on</legend>
        <p className="ed-hint">Goals that must be met for this one to be, like MQLs before SQLs.</p>
        {others.length === 0 && <p className="muted">No other goals yet.</p>}
        {others.map((goal) => (
          <label key={goal.id} className="choice">
            <input
              type="checkbox"
              checked={form.dependsOn.includes(goal.id)}
              onChange={(e) => {
                problems.touch('dependsOn');
                set({ dependsOn: e.target.checked ? [...form.dependsOn, goal.id] : form.dependsOn.filter((id) => id !== goal.id) });
              }}
            />
            {goal.name}
          </label>
        ))}
        {dependsError && (
          <p id={dependsErrorId} className="ed-error">
            {dependsError}
          </p>
        )}
      </fieldset>
    </>
  );
}

function GoalSummary({ record }: { record: Goal }) {
  return (
    <span className="muted">
      {ownerWords[record.owner]} · {metricWords[record.metric]}: {record.target} · {dates(record.periodStart, record.periodEnd)}
    </span>
  );
}

function GoalDetails({ record, records }: { record: Goal; records: Goal[] }) {
  const names = record.dependsOn.map((id) => records.find((g) => g.id === id)?.name ?? 'a goal no longer there');
  return (
    <article className="ed-details" aria-labelledby={`goal-${record.id}`}>
      <h3 id={`goal-${record.id}`}>{record.name}</h3>
      <p>
        <GoalSummary record={record} />
      </p>
      {names.length > 0 && <p>Depends on: {names.join(', ')}</p>}
    </article>
  );
}

const goalSpec: DocumentSpec<'goal', GoalForm> = {
  kind: 'goal',
  heading: 'Goals',
  noun: 'goal',
  newLabel: 'New goal',
  saveLabel: 'Save goal',
  mutation: 'goal.put',
  draftSchema: GoalDraft,
  formFrom: goalFormFrom,
  newForm: ({ today }) => newGoalForm(today),
  check: (draft, records) => checkGoal(draft, records),
  nameOf: (form) => form.name.trim(),
  order: (a, b) => a.periodStart.localeCompare(b.periodStart) || a.name.localeCompare(b.name),
  Summary: GoalSummary,
  Details: GoalDetails,
  Fields: GoalFields,
};

/** Goals of Marketing, Sales or both, with the goals each depends on. */
export function GoalsEditor(props: EditorProps) {
  return <DocumentsEditor spec={goalSpec} {...props} />;
}
