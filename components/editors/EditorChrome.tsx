import { useState, type FormEvent, type ReactNode } from 'react';
import type { Checked } from '../../utils/editing/definition';
import { fixProblemsMessage, problemCount } from '../../utils/editing/issues';
import type { ConflictInput } from '../../utils/merge';
import { MutationError } from '../../utils/mutators';
import { ConflictResolver } from '../ConflictResolver';
import { formatTime } from '../format';
import './editors.css';

/** The document as it now stands, when `error` says someone changed it underneath; undefined for any other error. */
export function conflictOf(error: unknown): { current: ConflictInput['current'] } | undefined {
  if (error instanceof MutationError) return error.code === 'conflict' ? { current: error.current } : undefined;
  // An error that crossed a message boundary is a plain object with the same fields.
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'conflict') {
    const current = (error as { current?: unknown }).current;
    return { current: typeof current === 'object' && current !== null ? (current as ConflictInput['current']) : undefined };
  }
  return undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error));

/**
 * Saving a form: checks it with the mutator's schema first (and says how many problems are
 * left while there are), then writes; a conflict is handed to the ConflictResolver.
 */
export function useSave<Args>({
  check,
  name,
  write,
  onSaved,
  revealAll,
}: {
  check(): Checked<Args>;
  name: string;
  write(name: string, args: unknown): Promise<void>;
  onSaved(args: Args): Promise<void> | void;
  revealAll(): void;
}) {
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [writeError, setWriteError] = useState<string>();
  const [conflict, setConflict] = useState<ConflictInput>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (busy) return;
    const checked = check();
    setWriteError(undefined);
    if (!checked.args) {
      setAttempted(true);
      revealAll();
      // After the problems render, take the person to the first one.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      await write(name, checked.args);
      setAttempted(false);
      await onSaved(checked.args);
    } catch (error) {
      const found = conflictOf(error);
      if (found) setConflict({ name, args: checked.args, current: found.current });
      else setWriteError(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, attempted, writeError, conflict, clearConflict: () => setConflict(undefined) };
}

/** The save button, what stops it, and what went wrong writing. */
export function SaveBar({
  label,
  busy,
  checked,
  attempted,
  writeError,
  children,
}: {
  label: string;
  busy: boolean;
  checked: Checked<unknown>;
  attempted: boolean;
  writeError?: string;
  children?: ReactNode;
}) {
  const count = problemCount(checked.problems);
  return (
    <>
      {attempted && count > 0 && (
        <div role="alert" className="ed-alert">
          <p>{fixProblemsMessage(count)}</p>
          {checked.problems.other.length > 0 && (
            <ul>
              {checked.problems.other.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {writeError && (
        <p role="alert" className="ed-alert">
          {writeError}
        </p>
      )}
      <div className="actions ed-actions">
        <button type="submit" aria-disabled={busy || undefined}>
          {label}
        </button>
        {children}
      </div>
    </>
  );
}

/** Says a draft was restored, and when the draft was last kept. */
export function DraftNotice({ restoredAt, savedAt }: { restoredAt?: string; savedAt?: string }) {
  return (
    <>
      {restoredAt && (
        <p role="status" className="ed-restored">
          Restored your unsaved draft from {formatTime(restoredAt)}.
        </p>
      )}
      {savedAt && !restoredAt && <p className="muted ed-saved">Draft kept on this device at {formatTime(savedAt)}.</p>}
    </>
  );
}

export function Conflict({
  conflict,
  write,
  onDone,
}: {
  conflict: ConflictInput;
  write(name: string, args: unknown): Promise<void>;
  onDone(): void;
}) {
  return <ConflictResolver conflict={conflict} write={write} onDone={onDone} />;
}
