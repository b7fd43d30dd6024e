import { useState } from 'react';
import { describeFact, FACT_FIELDS, factSource } from '../utils/facts/describe';
import type { FactConflict } from '../utils/facts/remember';
import { evaluateFit, verdictText, type CriterionResult, type Outcome } from '../utils/fit';
import type { FactValue, LeadDefinition, ParsedContact } from '../utils/model';
import { canAsk, FactAsk } from './FactAsk';

const outcomeMark: Record<Outcome, { symbol: string; text: string }> = {
  pass: { symbol: '✓', text: 'Passes' },
  fail: { symbol: '✗', text: 'Fails' },
  unknown: { symbol: '?', text: 'Unknown' },
};

/** Where the fact a criterion read came from, when the contact's facts say (not for the email's own domain). */
function sourceOf(contact: ParsedContact, r: CriterionResult): string | undefined {
  if (r.outcome === 'unknown' || r.criterion.field.startsWith('custom:')) return undefined;
  const fact = contact.facts[r.criterion.field];
  if (!fact) return undefined;
  const source = factSource(fact);
  return `${source.charAt(0).toUpperCase()}${source.slice(1)}.`;
}

interface ResultListProps {
  results: CriterionResult[];
  kind: 'criterion' | 'disqualifier';
  contact: ParsedContact;
  conflicts: readonly FactConflict[];
  onAddFact?: (fact: FactValue) => Promise<void>;
}

function ResultList({ results, kind, contact, conflicts, onAddFact }: ResultListProps) {
  return (
    <ul className="results">
      {results.map((r) => {
        // A disqualifier that "passes" is bad news; show it as such.
        const tone = kind === 'disqualifier' ? (r.outcome === 'pass' ? 'fail' : r.outcome === 'fail' ? 'pass' : 'unknown') : r.outcome;
        return (
          <li key={r.criterion.id} className={`result ${tone}`}>
            <span className="mark" aria-hidden="true">{outcomeMark[tone].symbol}</span>
            <span>
              <strong>{r.criterion.label}</strong>
              {kind === 'criterion' && <span className="weight"> · {r.criterion.weight} pts</span>}
              <span className="visually-hidden">
                {kind === 'disqualifier' ? (r.outcome === 'pass' ? ': applies' : r.outcome === 'fail' ? ': does not apply' : ': unknown') : `: ${outcomeMark[r.outcome].text}`}
              </span>
              <br />
              <span className="reason">{r.reason}</span>
              {sourceOf(contact, r) && (
                <>
                  <br />
                  <span className="reason fact-source">{sourceOf(contact, r)}</span>
                </>
              )}
              {conflicts
                .filter((c) => c.field === r.criterion.field)
                .map((c) => (
                  <span key={c.text} className="conflict" data-testid="fact-conflict">
                    Sources disagree: {c.text}
                  </span>
                ))}
              {r.outcome === 'unknown' && onAddFact && canAsk(r.criterion) && <FactAsk criterion={r.criterion} onSave={onAddFact} />}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export interface FitCardProps {
  definition: LeadDefinition;
  /** The contact with what the team remembers about it (withRemembered). */
  contact: ParsedContact;
  /** Where the page, a remembered page and a person disagree. */
  conflicts?: readonly FactConflict[];
  /** Saves a fact a rep adds for an unknown criterion; left out where nobody may add one. */
  onAddFact?: (fact: FactValue) => Promise<void>;
  /** Facts the page showed that the team does not know yet, and how to remember them. */
  unremembered?: { count: number; remember(): Promise<void> };
}

/** The fit of the contact in view against the shared lead definition, with every reason. */
export function FitCard({ definition, contact, conflicts = [], onAddFact, unremembered }: FitCardProps) {
  const fit = evaluateFit(definition, contact);
  const known = FACT_FIELDS.map((field) => describeFact(contact, field)).filter((line): line is string => !!line);
  return (
    <section aria-labelledby="fit-heading" className="card">
      <h2 id="fit-heading">Fit</h2>
      <p className={`verdict ${fit.verdict}`} data-testid="fit-verdict">
        <span className="pill">{verdictText[fit.verdict]}</span> {fit.summary}
      </p>
      <p className="meter" aria-hidden="true">
        <span style={{ width: `${fit.maxScore ? Math.min(100, (fit.score / fit.maxScore) * 100) : 0}%` }} />
        <span className="threshold" style={{ left: `${fit.maxScore ? Math.min(100, (fit.threshold / fit.maxScore) * 100) : 0}%` }} />
      </p>
      <h3>Criteria</h3>
      <ResultList results={fit.criteria} kind="criterion" contact={contact} conflicts={conflicts} onAddFact={onAddFact} />
      {fit.disqualifiers.length > 0 && (
        <>
          <h3>Disqualifiers</h3>
          <ResultList results={fit.disqualifiers} kind="disqualifier" contact={contact} conflicts={conflicts} onAddFact={onAddFact} />
        </>
      )}
      <details className="facts" data-testid="contact-facts">
        <summary>What Tandem knows about this contact ({known.length})</summary>
        {known.length ? (
          <ul>
            {known.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing yet: the page in view shows no facts Tandem can read.</p>
        )}
        {conflicts.length > 0 && (
          <>
            <p className="conflict-heading">Sources disagree (a person’s word comes first, then the page in view):</p>
            <ul>
              {conflicts.map((c) => (
                <li key={c.text} className="conflict">
                  {c.text}
                </li>
              ))}
            </ul>
          </>
        )}
        {unremembered && unremembered.count > 0 && <RememberButton {...unremembered} />}
      </details>
      <p className="muted">
        Scored against “{definition.name}”, version {definition.number}.
      </p>
    </section>
  );
}

/** Remembers, for the whole team, the facts this page showed (a signature's, an added site's). */
function RememberButton({ count, remember }: { count: number; remember(): Promise<void> }) {
  const [state, setState] = useState<{ saving: boolean; error?: string }>({ saving: false });
  return (
    <p className="remember">
      <button
        type="button"
        className="secondary"
        disabled={state.saving}
        onClick={() => {
          setState({ saving: true });
          remember().then(
            () => setState({ saving: false }),
            (e: unknown) => setState({ saving: false, error: e instanceof Error ? e.message : String(e) }),
          );
        }}
      >
        Remember {count === 1 ? 'this fact' : `these ${count} facts`} for the team
      </button>
      {state.error && (
        <span role="alert" className="error">
          {' '}
          {state.error}
        </span>
      )}
    </p>
  );
}
