import { useId, useState } from 'react';
import { MutationError } from '../utils/mutators';
import { conflictSides, describeValue, differingFields, mergeFields, resend, type ConflictInput, type Side } from '../utils/merge';

const typeWords = { definition: 'the lead definition', campaign: 'the campaign', play: 'the sales play', goal: 'the goal' } as const;

function Value({ value }: { value: unknown }) {
  const lines = describeValue(value);
  return lines.length === 1 ? <span className="prewrap">{lines[0]}</span> : (
    <ul className="value-lines">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * Both versions of a document side by side, after someone else's change made the server
 * refuse yours: keep yours (sent again on top of theirs), take theirs, or pick per field.
 */
export function ConflictResolver(props: {
  conflict: ConflictInput;
  write(name: string, args: unknown): Promise<void>;
  onDone(): void;
}) {
  const [conflict, setConflict] = useState(props.conflict);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const sides = conflictSides(conflict);
  if (!sides) {
    return (
      <div className="conflict card" role="alert">
        <p>{conflict.current ? 'This change cannot be merged.' : 'The server did not send its version, so there is nothing to compare.'}</p>
        <button type="button" onClick={props.onDone}>
          Dismiss
        </button>
      </div>
    );
  }
  const { type, mine, theirs } = sides;
  const differences = differingFields(type, mine, theirs);
  const choiceOf = (field: string): Side => choices[field] ?? 'mine';
  const name = String(theirs.name ?? mine.name ?? '');
  const theirVersion = type === 'definition' ? `version ${String(theirs.number)}` : `version ${String(theirs.version)}`;

  const save = async (doc: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const again = resend(conflict, doc);
      await props.write(again.name, again.args);
      props.onDone();
    } catch (e) {
      // Changed yet again: compare with the newest version instead.
      if (e instanceof MutationError && e.code === 'conflict' && e.current) {
        setConflict({ ...conflict, current: e.current });
        setError('It changed again while you were choosing: the newest version is shown now.');
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="conflict card" aria-labelledby={headingId} data-testid="conflict">
      <h3 id={headingId}>
        Someone changed {typeWords[type]} {name && <>“{name}”</>} while you edited it
      </h3>
      <p>
        Your edit was not saved. Theirs is now {theirVersion}
        {typeof theirs.publishedBy === 'string' && <> by {theirs.publishedBy}</>}. Keep yours, take theirs, or choose field by field.
      </p>
      {differences.length === 0 ? (
        <p className="muted">The two versions are the same in every field you edit.</p>
      ) : (
        <table className="conflict-table">
          <caption className="visually-hidden">Fields that differ</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">Theirs</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={d.field}>
                <th scope="row">{d.label}</th>
                {(['mine', 'theirs'] as const).map((side) => (
                  <td key={side} className={choiceOf(d.field) === side ? 'chosen' : undefined}>
                    <label className="choice">
                      <input
                        type="radio"
                        name={`${headingId}-${d.field}`}
                        checked={choiceOf(d.field) === side}
                        onChange={() => setChoices({ ...choices, [d.field]: side })}
                        aria-label={`${d.label}: ${side === 'mine' ? 'yours' : 'theirs'}`}
                      />
                      <Value value={side === 'mine' ? d.mine : d.theirs} />
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void save(mine)}>
          Keep mine
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={props.onDone}>
          Take theirs
        </button>
        {differences.length > 1 && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void save(mergeFields(type, mine, theirs, Object.fromEntries(differences.map((d) => [d.field, choiceOf(d.field)]))))}>
            Save my choices
          </button>
        )}
      </div>
    </section>
  );
}
