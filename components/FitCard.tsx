import { describeFact, FACT_FIELDS, factSource } from '../utils/facts/describe';
import { evaluateFit, verdictText, type CriterionResult, type Outcome } from '../utils/fit';
import type { LeadDefinition, ParsedContact } from '../utils/model';

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

function ResultList({ results, kind, contact }: { results: CriterionResult[]; kind: 'criterion' | 'disqualifier'; contact: ParsedContact }) {
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
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The fit of the contact in view against the shared lead definition, with every reason. */
export function FitCard({ definition, contact }: { definition: LeadDefinition; contact: ParsedContact }) {
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
      <ResultList results={fit.criteria} kind="criterion" contact={contact} />
      {fit.disqualifiers.length > 0 && (
        <>
          <h3>Disqualifiers</h3>
          <ResultList results={fit.disqualifiers} kind="disqualifier" contact={contact} />
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
      </details>
      <p className="muted">
        Scored against “{definition.name}”, version {definition.number}.
      </p>
    </section>
  );
}
