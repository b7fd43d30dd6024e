import { describeRule } from '../utils/fit';
import type { Criterion, LeadDefinition } from '../utils/model';
import { formatTime } from './format';

const ownerText = { marketing: 'Marketing', sales: 'Sales', joint: 'Both teams' } as const;

function CriterionList({ criteria, weights }: { criteria: Criterion[]; weights: boolean }) {
  return (
    <ul className="rules">
      {criteria.map((c) => (
        <li key={c.id}>
          <strong>{c.label}</strong>
          {weights && <span className="weight"> · {c.weight} pts</span>}
          <br />
          <span className="reason">{describeRule(c)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The current lead definition in full: what makes a lead worth Sales' time, and the hand-off rules. */
export function DefinitionView({ definition }: { definition: LeadDefinition }) {
  const maxScore = definition.criteria.reduce((total, c) => total + c.weight, 0);
  return (
    <section aria-labelledby="definition-heading" className="card">
      <h2 id="definition-heading">Lead definition</h2>
      <p className="definition-name">{definition.name}</p>
      <p className="muted">
        Version {definition.number}, published by {definition.publishedBy} on {formatTime(definition.publishedAt)}.
        {definition.changeNote && <> {definition.changeNote}</>}
      </p>
      <p>
        A contact is a fit at <strong>{definition.threshold}</strong> of {maxScore} points, unless a disqualifier
        applies.
      </p>
      <h3>Criteria</h3>
      <CriterionList criteria={definition.criteria} weights />
      <h3>Disqualifiers</h3>
      {definition.disqualifiers.length ? (
        <CriterionList criteria={definition.disqualifiers} weights={false} />
      ) : (
        <p className="muted">None.</p>
      )}
      <h3>Stages</h3>
      <ol className="stages">
        {definition.stages.map((stage) => (
          <li key={stage.name}>
            <strong>{stage.name}</strong> <span className="owner">owned by {ownerText[stage.owner]}</span>
            <br />
            <span className="reason">{stage.entry}</span>
          </li>
        ))}
      </ol>
      <h3>Service level</h3>
      <p>
        Sales accepts or returns an MQL within <strong>{definition.sla.acceptWithinHours} hours</strong>, after at
        least <strong>{definition.sla.minAttempts}</strong> attempts to reach the lead before “unable to reach”.
      </p>
      {definition.sla.notes && <p className="muted">{definition.sla.notes}</p>}
      {definition.notes && (
        <>
          <h3>Notes</h3>
          <p className="prewrap">{definition.notes}</p>
        </>
      )}
    </section>
  );
}
