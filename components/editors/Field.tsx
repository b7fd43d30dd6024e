import { useCallback, useId, useState, type ReactNode } from 'react';
import { move } from '../../utils/editing/criteria';
import type { MappedIssues } from '../../utils/editing/issues';
import './editors.css';

/** Which problems a form shows now: a field's once it was edited, all of them after a save attempt. */
export interface Problems {
  error(key: string): string | undefined;
  /** The field was edited: show its problem from now on. */
  touch(key: string): void;
}

export function useProblems(mapped: MappedIssues, showAllAtFirst: boolean) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(showAllAtFirst);
  const touch = useCallback((key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key))), []);
  const problems: Problems = {
    error: (key) => (showAll || touched.has(key) ? mapped.fields[key] : undefined),
    touch,
  };
  return { problems, showAll, revealAll: () => setShowAll(true) };
}

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A visible label, the control, a hint and the field's problem, tied together for assistive tech. */
export function Field({
  label,
  error,
  hint,
  className,
  id: fixedId,
  children,
}: {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** A fixed id for the control, to move focus to it. */
  id?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const generated = useId();
  const id = fixedId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['ed-field', className, error && 'invalid'].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={hintId} className="ed-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="ed-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface Bound {
  /** The field's error key (its args path); its problem is shown beside it. */
  name: string;
  problems: Problems;
}

export function TextField({
  label,
  value,
  onChange,
  name,
  problems,
  hint,
  type = 'text',
  multiline = false,
  rows = 3,
  min,
  max,
  step,
  className,
  inputId,
}: Bound & {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  type?: 'text' | 'number' | 'date' | 'url';
  multiline?: boolean;
  rows?: number;
  min?: number;
  max?: number;
  step?: number;
  className?: string;
  /** A fixed id, to move focus to this input. */
  inputId?: string;
}) {
  const change = (next: string) => {
    problems.touch(name);
    onChange(next);
  };
  return (
    <Field label={label} error={problems.error(name)} hint={hint} className={className} id={inputId}>
      {(control) =>
        multiline ? (
          <textarea {...control} rows={rows} value={value} onChange={(e) => change(e.target.value)} />
        ) : (
          <input
            {...control}
            type={type}
            value={value}
            min={min}
            max={max}
            step={step}
            inputMode={type === 'number' ? (step && step < 1 ? 'decimal' : 'numeric') : undefined}
            onChange={(e) => change(e.target.value)}
          />
        )
      }
    </Field>
  );
}

export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  name,
  problems,
  hint,
  className,
}: Bound & {
  label: ReactNode;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  hint?: ReactNode;
  className?: string;
}) {
  return (
    <Field label={label} error={problems.error(name)} hint={hint} className={className}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(e) => {
            problems.touch(name);
            onChange(e.target.value as V);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A problem of a whole list (too many items), shown under its legend. */
export function GroupProblem({ name, problems }: Bound) {
  const error = problems.error(name);
  return error ? <p className="ed-error">{error}</p> : null;
}

/** Move up / Move down / Remove for a row; ends stay focusable (aria-disabled) so focus is never lost. */
/**
 * Move up / Move down / Remove for row `index` of `list`. After a removal, focus goes to the
 * row that took its place (or the one before), else to the list's Add button.
 */
export function RowButtons<T>({ list, index, onChange, focusIdOf, addId }: { list: readonly T[]; index: number; onChange(next: T[]): void; focusIdOf(row: T): string; addId: string }) {
  const first = index === 0;
  const last = index === list.length - 1;
  const remove = () => {
    const next = list.filter((_, j) => j !== index);
    onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    focusSoon(neighbour === undefined ? addId : focusIdOf(neighbour));
  };
  return (
    <div className="ed-row-buttons">
      <button type="button" className="secondary" aria-disabled={first || undefined} onClick={() => !first && onChange(move(list, index, index - 1))}>
        Move up
      </button>
      <button type="button" className="secondary" aria-disabled={last || undefined} onClick={() => !last && onChange(move(list, index, index + 1))}>
        Move down
      </button>
      <button type="button" className="secondary" onClick={remove}>
        Remove
      </button>
    </div>
  );
}

/** Focuses the element with this id after the next render (a new row's first input). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
