import { useId } from 'react';
import {
  addWord,
  changeOp,
  criterionOps,
  customField,
  fieldChoices,
  newCriterionRow,
  opWords,
  rowField,
  rowToCriterion,
  valueShape,
  vocabularyFor,
  type CriterionRow,
} from '../../utils/editing/criteria';
import { describeRule, fieldLabel } from '../../utils/fit';
import { Criterion, type CriterionOp } from '../../utils/model';
import { Field, focusSoon, GroupProblem, RowButtons, SelectField, TextField, type Problems } from './Field';
import './editors.css';

const opChoices = criterionOps.map((op) => ({ value: op, label: opWords[op] }));

/** For a field with a fixed list of values: pick one to add it to the value (keyboard: a plain select). */
function VocabularyPicker({ row, set }: { row: CriterionRow; set(row: CriterionRow): void }) {
  const words = vocabularyFor(row);
  if (!words || !['list', 'single'].includes(valueShape(row.op))) return null;
  return (
    <Field label={valueShape(row.op) === 'list' ? 'Add a value' : 'Pick a value'}>
      {(control) => (
        <select
          {...control}
          className="ed-vocabulary"
          value=""
          onChange={(e) => {
            if (e.target.value) set(addWord(row, e.target.value));
          }}
        >
          <option value="">Choose…</option>
          {words.map((word) => (
            <option key={word} value={word}>
              {word}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ValueInput(props: { row: CriterionRow; set(row: CriterionRow): void; name: string; problems: Problems }) {
  return (
    <>
      <ValueText {...props} />
      <VocabularyPicker row={props.row} set={props.set} />
    </>
  );
}

function ValueText({ row, set, name, problems }: { row: CriterionRow; set(row: CriterionRow): void; name: string; problems: Problems }) {
  const rangeErrorId = useId();
  const shape = valueShape(row.op);
  const numeric = row.field === 'employees';
  switch (shape) {
    case 'none':
      return <p className="muted ed-novalue">No value: passes whenever the contact has this field.</p>;
    case 'list':
      return (
        <TextField
          label="Values"
          multiline
          rows={2}
          value={row.text}
          onChange={(text) => set({ ...row, text })}
          name={name}
          problems={problems}
          hint="Separated by commas, or one per line (then a value may hold a comma)."
        />
      );
    case 'range': {
      const error = problems.error(name);
      return (
        <div className="ed-range" role="group" aria-label="Between">
          <Field label="From">
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="decimal"
                value={row.text}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? rangeErrorId : undefined}
                onChange={(e) => {
                  problems.touch(name);
                  set({ ...row, text: e.target.value });
                }}
              />
            )}
          </Field>
          <Field label="To">
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="decimal"
                value={row.high}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? rangeErrorId : undefined}
                onChange={(e) => {
                  problems.touch(name);
                  set({ ...row, high: e.target.value });
                }}
              />
            )}
          </Field>
          {error && (
            <p id={rangeErrorId} className="ed-error ed-range-error">
              {error}
            </p>
          )}
        </div>
      );
    }
    case 'number':
      return <TextField label="Value" type="number" step={numeric ? 1 : undefined} value={row.text} onChange={(text) => set({ ...row, text })} name={name} problems={problems} />;
    case 'pattern':
      return (
        <TextField
          label="Pattern"
          value={row.text}
          onChange={(text) => set({ ...row, text })}
          name={name}
          problems={problems}
          hint="A regular expression (RE2: no look-ahead or back-references), case-insensitive: \b(vp|director)\b. Sales never sees it, only the words below."
        />
      );
    case 'single':
      return <TextField label="Value" value={row.text} onChange={(text) => set({ ...row, text })} name={name} problems={problems} />;
  }
}

/**
 * Rules in the criteria language, edited row by row: label, field, operator in words, a value
 * input that follows the operator, and (for fit criteria) a weight. One builder serves the
 * definition's criteria and disqualifiers and a campaign's audience.
 */
export function CriteriaBuilder({
  legend,
  noun,
  addLabel,
  rows,
  onChange,
  weights,
  newWeight,
  errorKey,
  problems,
  hint,
}: {
  legend: string;
  /** What one row is called: "Criterion" names the rows "Criterion 1", ... until they have a label. */
  noun: string;
  addLabel: string;
  rows: CriterionRow[];
  onChange(rows: CriterionRow[]): void;
  /** Show each row's weight (fit criteria score; disqualifiers and audience rules do not). */
  weights: boolean;
  /** The weight of a new row. */
  newWeight: number;
  /** The list's path in the args: `criteria`, `disqualifiers`, `audience`. */
  errorKey: string;
  problems: Problems;
  hint?: string;
}) {
  const uid = useId();
  const labelId = (row: CriterionRow) => `${uid}-${row.id}-label`;
  const addId = `${uid}-add`;
  const setRow = (i: number, row: CriterionRow) => onChange(rows.map((r, j) => (j === i ? row : r)));

  return (
    <fieldset className="ed-group">
      <legend>{legend}</legend>
      {hint && <p className="ed-hint">{hint}</p>}
      {weights && <p className="ed-hint">Weight: the points a criterion adds to the score when it passes (0–100).</p>}
      <GroupProblem name={errorKey} problems={problems} />
      {rows.length === 0 && <p className="muted">None yet.</p>}
      {rows.map((row, i) => {
        const key = (part: string) => `${errorKey}.${i}.${part}`;
        const parsed = Criterion.safeParse(rowToCriterion(row));
        return (
          <fieldset key={row.id} className="ed-row">
            <legend>{row.label.trim() || `${noun} ${i + 1}`}</legend>
            <div className="ed-inline">
              <TextField label="Label" className="ed-wide" inputId={labelId(row)} value={row.label} onChange={(label) => setRow(i, { ...row, label })} name={key('label')} problems={problems} />
              {weights && (
                <TextField
                  label="Weight"
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  className="ed-narrow"
                  value={row.weight}
                  onChange={(weight) => setRow(i, { ...row, weight })}
                  name={key('weight')}
                  problems={problems}
                />
              )}
            </div>
            <div className="ed-inline">
              <SelectField
                label="Field"
                value={row.field}
                options={fieldChoices}
                onChange={(field) => setRow(i, { ...row, field })}
                name={row.field === customField ? key('fieldSelect') : key('field')}
                problems={problems}
              />
              {row.field === customField && (
                <TextField label="Custom key" value={row.customKey} onChange={(customKey) => setRow(i, { ...row, customKey })} name={key('field')} problems={problems} hint="Read from custom:<key>" />
              )}
              <SelectField<CriterionOp> label="Operator" value={row.op} options={opChoices} onChange={(op) => setRow(i, changeOp(row, op))} name={key('op')} problems={problems} />
            </div>
            <ValueInput row={row} set={(next) => setRow(i, next)} name={key('value')} problems={problems} />
            {valueShape(row.op) === 'pattern' && (
              <TextField
                label="Describe it in words for Sales"
                className="ed-wide"
                value={row.description}
                onChange={(description) => setRow(i, { ...row, description })}
                name={key('description')}
                problems={problems}
                hint={`Finish the sentence “${fieldLabel(rowField(row))} …”, e.g. names a buying role (head, director, VP, chief, manager).`}
              />
            )}
            <div className="ed-row-foot">
              <p className="ed-rule">{parsed.success ? `Reads: ${describeRule(parsed.data)}` : ''}</p>
              <RowButtons list={rows} index={i} onChange={onChange} focusIdOf={labelId} addId={addId} />
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        id={addId}
        className="secondary"
        onClick={() => {
          const row = newCriterionRow(newWeight);
          onChange([...rows, row]);
          focusSoon(labelId(row));
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
