import { useId, useState } from 'react';
import { diffDefinitions } from '../utils/definitionDiff';
import type { LeadDefinition } from '../utils/model';
import { formatTime } from './format';

/** Every published version of the definition, and a readable diff between any two of them. */
export function DefinitionHistory({ history, from: initialFrom }: { history: LeadDefinition[]; from?: number }) {
  const newest = history[0];
  const [from, setFrom] = useState(initialFrom ?? history[1]?.number ?? newest?.number ?? 1);
  const [to, setTo] = useState(newest?.number ?? 1);
  const fromId = useId();
  const toId = useId();
  const headingId = useId();
  if (history.length < 2) {
    return (
      <section className="card" aria-labelledby={headingId}>
        <h3 id={headingId}>History</h3>
        <p className="muted">Only one version has been published so far.</p>
      </section>
    );
  }
  const byNumber = new Map(history.map((d) => [d.number, d]));
  const older = byNumber.get(Math.min(from, to));
  const newer = byNumber.get(Math.max(from, to));
  const changes = older && newer ? diffDefinitions(older, newer) : [];
  const versionOptions = history.map((d) => (
    <option key={d.number} value={d.number}>
      Version {d.number} · {formatTime(d.publishedAt)}
    </option>
  ));
  return (
    <section className="card" aria-labelledby={headingId} data-testid="definition-history">
      <h3 id={headingId}>History</h3>
      <ol reversed className="versions">
        {history.map((d) => (
          <li key={d.number}>
            <strong>Version {d.number}</strong> <span className="muted">by {d.publishedBy}, {formatTime(d.publishedAt)}</span>
            {d.changeNote && <p className="prewrap">{d.changeNote}</p>}
          </li>
        ))}
      </ol>
      <div className="history-compare">
        <div>
          <label htmlFor={fromId}>Compare version</label>
          <select id={fromId} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {versionOptions}
          </select>
        </div>
        <div>
          <label htmlFor={toId}>with version</label>
          <select id={toId} value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {versionOptions}
          </select>
        </div>
      </div>
      {older && newer && older !== newer ? (
        <>
          <p>
            From version {older.number} to version {newer.number}:
          </p>
          {changes.length ? (
            <ul className="diff" aria-label={`Changes from version ${older.number} to ${newer.number}`}>
              {changes.map((c, i) => (
                <li key={i} className={c.kind}>
                  <span className="visually-hidden">{c.kind}: </span>
                  {c.text}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">The rules are the same in both versions.</p>
          )}
        </>
      ) : (
        <p className="muted">Pick two different versions to see what changed.</p>
      )}
    </section>
  );
}
