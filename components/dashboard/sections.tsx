import { useState, type ReactNode } from 'react';
import { reasonLabels, type CampaignQuality, type GoalProgress, type Handoff, type Metrics, type ProductTimeline, type Suggestion } from '../../utils/model';
import { formatDate } from '../format';
import { ChartFigure } from './ChartFigure';
import { gapWords, handoffChart, handoffSlices, qualityChart, timelineChart, timelineRows, type TimelineRow } from './charts';
import type { Period } from './period';
import { formatCount, formatHours, formatShare, goalStatusWords, goalValueWords, ownerWords } from './words';

/** A dashboard section: a <section> named by its heading. */
export function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card dash-section" id={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}

const dateRange = (from: string, to: string | null) => (to === null ? `from ${formatDate(from)}, open-ended` : `${formatDate(from)} – ${formatDate(to)}`);

/* ---------- Goals ---------- */

function GoalItem({ goal, names }: { goal: GoalProgress; names: ReadonlyMap<string, GoalProgress> }) {
  const status = goalStatusWords[goal.status];
  const percent = goal.progress === null ? null : Math.round(goal.progress * 100);
  return (
    <li className="dash-goal" data-testid="goal">
      <p className="dash-goal-head">
        <strong>{goal.name}</strong> <span className={`pill dash-status ${goal.status}`}>{status}</span>
      </p>
      <p>
        {goalValueWords(goal)}
        {percent !== null && <span className="muted"> · {percent} % of the way</span>}
      </p>
      {percent !== null && (
        <div className="meter" aria-hidden="true">
          <span style={{ width: `${percent}%` }} />
        </div>
      )}
      <p className="muted">{goal.note}</p>
      <p className="muted">Goal period: {dateRange(goal.periodStart, goal.periodEnd)}</p>
      {goal.dependsOn.length > 0 && (
        <p className="muted">
          Depends on:{' '}
          {goal.dependsOn
            .map((id) => {
              const other = names.get(id);
              return other ? `${other.name} (${goalStatusWords[other.status].toLowerCase()})` : 'a goal outside this period';
            })
            .join('; ')}
        </p>
      )}
    </li>
  );
}

export function GoalsSection({ goals }: { goals: readonly GoalProgress[] }) {
  const byId = new Map(goals.map((g) => [g.goalId, g]));
  const owners = (['marketing', 'sales', 'joint'] as const).filter((o) => goals.some((g) => g.owner === o));
  return (
    <Section id="goals" title="Goals" intro="Progress towards each goal over the goal’s own period, as of now.">
      {goals.length === 0 ? (
        <p>No goals run in this period.</p>
      ) : (
        owners.map((owner) => (
          <div key={owner} className="dash-goal-group">
            <h3>{ownerWords[owner]}</h3>
            <ul className="dash-goals">
              {goals
                .filter((g) => g.owner === owner)
                .map((g) => (
                  <GoalItem key={g.goalId} goal={g} names={byId} />
                ))}
            </ul>
          </div>
        ))
      )}
    </Section>
  );
}

/* ---------- Lead quality ---------- */

const qualitySummary = (quality: readonly CampaignQuality[]) =>
  'Feedback by campaign: ' +
  quality.map((q) => `${q.campaignName}, ${q.accepted} accepted, ${q.nurture} nurture, ${q.rejected} rejected`).join('; ') +
  '.';

export function QualitySection({ quality }: { quality: readonly CampaignQuality[] }) {
  const withReasons = quality.filter((q) => q.reasons.length > 0);
  return (
    <Section id="quality" title="Lead quality by campaign" intro="Sales’ verdicts given in this period, by the campaign the lead came through.">
      {quality.length === 0 ? (
        <p>No feedback in this period.</p>
      ) : (
        <>
          <ChartFigure
            name="Accepted, nurture and rejected leads by campaign"
            summary={qualitySummary(quality)}
            config={(p) => qualityChart(quality, p)}
            dataKey={JSON.stringify(quality.map((q) => [q.campaignName, q.accepted, q.nurture, q.rejected]))}
            height={Math.max(140, 60 + quality.length * 44)}
            testId="chart-quality"
            table={{
              head: (
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Accepted</th>
                  <th scope="col">Nurture</th>
                  <th scope="col">Rejected</th>
                  <th scope="col">Total</th>
                  <th scope="col">Acceptance rate</th>
                  <th scope="col">Rejection rate</th>
                </tr>
              ),
              body: quality.map((q) => (
                <tr key={q.campaignId ?? 'none'}>
                  <th scope="row">{q.campaignName}</th>
                  <td>{formatCount(q.accepted)}</td>
                  <td>{formatCount(q.nurture)}</td>
                  <td>{formatCount(q.rejected)}</td>
                  <td>{formatCount(q.total)}</td>
                  <td>{formatShare(q.acceptanceRate)}</td>
                  <td>{formatShare(q.rejectionRate)}</td>
                </tr>
              )),
            }}
          />
          <h3>Rejection reasons</h3>
          {withReasons.length === 0 ? (
            <p>No leads were rejected in this period.</p>
          ) : (
            <ul className="dash-reasons" data-testid="rejection-reasons">
              {withReasons.map((q) => (
                <li key={q.campaignId ?? 'none'}>
                  <strong>{q.campaignName}</strong>
                  <span className="muted">
                    {' '}
                    ({formatCount(q.rejected)} {q.rejected === 1 ? 'rejection' : 'rejections'}, {formatShare(q.rejectionRate)} of its feedback)
                  </span>
                  <ul>
                    {q.reasons.map((r) => (
                      <li key={r.reason}>
                        {reasonLabels[r.reason]}: {formatCount(r.count)} ({formatShare(r.share)} of its rejections)
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Section>
  );
}

/* ---------- Hand-off ---------- */

export function HandoffSection({ handoff: h }: { handoff: Handoff }) {
  const slices = handoffSlices(h);
  const sla = h.slaHours === null ? 'No lead definition with an SLA is published.' : `The SLA: Sales accepts or returns a lead within ${formatHours(h.slaHours)}.`;
  return (
    <Section id="handoff" title="Hand-off" intro="From a lead’s capture to Sales’ first feedback on it, for the leads captured in this period.">
      <p>{sla}</p>
      <dl className="dash-stats">
        <div>
          <dt>Leads captured</dt>
          <dd>{formatCount(h.captured)}</dd>
        </div>
        <div>
          <dt>With feedback</dt>
          <dd>{formatCount(h.answered)}</dd>
        </div>
        <div>
          <dt>Median time to first feedback</dt>
          <dd>{formatHours(h.medianHours)}</dd>
        </div>
        <div>
          <dt>90th percentile</dt>
          <dd>{formatHours(h.p90Hours)}</dd>
        </div>
        {h.slaHours !== null && (
          <div>
            <dt>Answered within the SLA</dt>
            <dd>
              {formatCount(h.withinSla)} of {formatCount(h.answered)} ({formatShare(h.withinSlaShare)})
            </dd>
          </div>
        )}
        <div>
          <dt>Waiting for feedback</dt>
          <dd>{formatCount(h.waiting)}</dd>
        </div>
        {h.slaHours !== null && (
          <div>
            <dt>Overdue (waiting past the SLA)</dt>
            <dd>{formatCount(h.overdue)}</dd>
          </div>
        )}
      </dl>
      {h.captured === 0 ? (
        <p>No leads captured in this period.</p>
      ) : (
        <ChartFigure
          name="Leads captured in the period by hand-off"
          summary={`Hand-off of ${h.captured} leads: ${slices.map((s) => `${s.count} ${s.label.toLowerCase()}`).join(', ')}.`}
          config={(p) => handoffChart(h, p)}
          dataKey={JSON.stringify(slices)}
          height={220}
          testId="chart-handoff"
          table={{
            head: (
              <tr>
                <th scope="col">Where the hand-off stands</th>
                <th scope="col">Leads</th>
                <th scope="col">Share</th>
              </tr>
            ),
            body: slices.map((s) => (
              <tr key={s.label}>
                <th scope="row">{s.label}</th>
                <td>{formatCount(s.count)}</td>
                <td>{formatShare(h.captured ? s.count / h.captured : null)}</td>
              </tr>
            )),
          }}
        />
      )}
    </Section>
  );
}

/* ---------- Timing ---------- */

const kindWords: Record<TimelineRow['kind'], string> = {
  campaign: 'Campaign (Marketing)',
  play: 'Sales play (Sales)',
  ...gapWords,
};

function ProductTiming({ timeline, period }: { timeline: ProductTimeline; period: Period }) {
  const rows = timelineRows(timeline, period);
  const items = rows.filter((r) => r.kind === 'campaign' || r.kind === 'play');
  const gaps = rows.filter((r) => r.kind !== 'campaign' && r.kind !== 'play');
  const summary =
    `${timeline.product}: ` +
    items.map((r) => `${r.kind === 'campaign' ? 'campaign' : 'sales play'} ${r.name}, ${formatDate(r.from)} to ${formatDate(r.to)}`).join('; ') +
    (gaps.length ? `. Gaps: ${gaps.map((g) => `${g.name.toLowerCase()}, ${formatDate(g.from)} to ${formatDate(g.to)}`).join('; ')}.` : '. No gaps.');
  return (
    <div className="dash-product" data-testid="timing-product">
      <h3>{timeline.product}</h3>
      <ChartFigure
        name={`${timeline.product}: campaigns, sales plays and gaps`}
        summary={summary}
        config={(p) => timelineChart(rows, period, p)}
        dataKey={JSON.stringify([period, rows])}
        height={70 + rows.length * 34}
        testId="chart-timing"
        table={{
          head: (
            <tr>
              <th scope="col">What</th>
              <th scope="col">Name</th>
              <th scope="col">Starts</th>
              <th scope="col">Ends</th>
            </tr>
          ),
          body: rows.map((r, i) => (
            <tr key={`${r.kind}-${i}`}>
              <td>{kindWords[r.kind]}</td>
              <th scope="row">{r.kind === 'campaign' || r.kind === 'play' ? r.name : '—'}</th>
              <td>{formatDate(r.startsOn)}</td>
              <td>{r.endsOn === null ? 'Open-ended' : formatDate(r.endsOn)}</td>
            </tr>
          )),
        }}
      />
      {gaps.length === 0 ? (
        <p className="ok">Campaigns and sales plays line up for {timeline.product} in this period.</p>
      ) : (
        <ul className="dash-gaps" aria-label={`Gaps for ${timeline.product}`}>
          {gaps.map((g, i) => (
            <li key={i}>
              <strong>{g.name}</strong>: {formatDate(g.from)} – {formatDate(g.to)}
              {g.kind === 'campaign-without-play'
                ? ' — Marketing pushes it while no sales play backs it.'
                : ' — Sales pushes it while no campaign runs for it.'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function TimingSection({ timing, period }: { timing: readonly ProductTimeline[]; period: Period }) {
  const shown = timing.filter((t) => timelineRows(t, period).length > 0);
  return (
    <Section id="timing" title="Timing" intro="Campaigns and sales plays side by side per product, and where one team pushes a product without the other.">
      {shown.length === 0 ? <p>No campaigns or sales plays run in this period.</p> : shown.map((t) => <ProductTiming key={t.product} timeline={t} period={period} />)}
    </Section>
  );
}

/* ---------- Suggestions ---------- */

export function SuggestionsSection({
  suggestions,
  canEdit,
  onOpen,
}: {
  suggestions: readonly Suggestion[];
  canEdit: boolean;
  onOpen: (suggestion: Suggestion) => Promise<string>;
}) {
  const [status, setStatus] = useState<{ id: string; text: string; error?: boolean }>();
  const [busy, setBusy] = useState<string>();
  return (
    <Section
      id="suggestions"
      title="Suggestions for the next definition version"
      intro={canEdit ? 'From the rejections in this period. “Open in the editor” adds the criterion to your draft of the next version.' : 'From the rejections in this period. Marketing decides what goes into the next version.'}
    >
      {suggestions.length === 0 ? (
        <p>No suggestions: the feedback in this period does not point to a change in the lead definition.</p>
      ) : (
        <ul className="dash-suggestions">
          {suggestions.map((s) => (
            <li key={s.id} data-testid="suggestion">
              <p>
                <strong>{s.text}</strong>
              </p>
              <p className="muted">{s.evidence}</p>
              {canEdit && s.criterion && (
                <div className="actions">
                  <button
                    type="button"
                    aria-disabled={busy === s.id}
                    onClick={() => {
                      if (busy) return;
                      setBusy(s.id);
                      onOpen(s).then(
                        (text) => setStatus({ id: s.id, text }),
                        (error: unknown) => setStatus({ id: s.id, text: `Tandem could not open the editor: ${error instanceof Error ? error.message : String(error)}`, error: true }),
                      ).finally(() => setBusy(undefined));
                    }}
                  >
                    Open in the editor
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className={status?.error ? 'error' : 'ok'}>
        {status?.text}
      </p>
    </Section>
  );
}

/* ---------- Summary ---------- */

export function PeriodSummary({ leads }: { leads: Metrics['leads'] }) {
  const items: [string, string, string][] = [
    ['Leads captured', formatCount(leads.captured), 'captured'],
    ['Accepted', formatCount(leads.accepted), 'accepted'],
    ['Nurture', formatCount(leads.nurture), 'nurture'],
    ['Rejected', formatCount(leads.rejected), 'rejected'],
    ['Acceptance rate', formatShare(leads.acceptanceRate), 'acceptance'],
  ];
  return (
    <dl className="dash-stats dash-summary">
      {items.map(([term, value, key]) => (
        <div key={key}>
          <dt>{term}</dt>
          <dd data-testid={`summary-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
