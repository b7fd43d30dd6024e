import { useId, useMemo, useState } from 'react';
import { computeMetrics, type MetricsInput } from '../../utils/metrics';
import type { Metrics, Suggestion } from '../../utils/model';
import { latestDefinition, marketingRoles } from '../../utils/mutators';
import { listRecords, type Workspace } from '../../utils/store';
import { useActiveWorkspace, useWorkspaceLoad } from '../hooks';
import { downloadText, feedbackCsv, feedbackRows, leadRows, leadsCsv } from './exports';
import { browserTimeZone, dayInZone, defaultPreset, exportFileName, isDay, matchingPreset, periodProblem, presetPeriod, presets, type Period } from './period';
import { GoalsSection, HandoffSection, PeriodSummary, QualitySection, Section, SuggestionsSection, TimingSection } from './sections';
import { addSuggestionToDraft } from './suggestionDraft';
import './dashboard.css';

/** The record types the numbers are made of: a change to any of them (here or synced) reloads. */
const topics = ['definition', 'campaign', 'play', 'goal', 'lead', 'feedback'] as const;

interface Loaded {
  input: MetricsInput;
  /** Stored records that could not be read and are left out. */
  unreadable: number;
}

async function loadInput(workspace: Workspace): Promise<Loaded> {
  const { db } = workspace;
  const [definitions, campaigns, plays, goals, leads, feedback] = await Promise.all([
    listRecords(db, 'definition'),
    listRecords(db, 'campaign'),
    listRecords(db, 'play'),
    listRecords(db, 'goal'),
    listRecords(db, 'lead'),
    listRecords(db, 'feedback'),
  ]);
  const lists = [definitions, campaigns, plays, goals, leads, feedback];
  return {
    input: {
      definitions: definitions.records,
      campaigns: campaigns.records,
      plays: plays.records,
      goals: goals.records,
      leads: leads.records,
      feedback: feedback.records,
    },
    unreadable: lists.reduce((n, l) => n + l.problems.length, 0),
  };
}

function PeriodChooser({
  typed,
  today,
  timeZone,
  onChange,
}: {
  typed: Period;
  today: string;
  timeZone: string;
  onChange: (period: Period) => void;
}) {
  const id = useId();
  const problem = periodProblem(typed);
  const fromWrong = !isDay(typed.from) || (isDay(typed.to) && typed.from > typed.to);
  const toWrong = !isDay(typed.to) || (isDay(typed.from) && typed.from > typed.to);
  const chosen = problem ? undefined : matchingPreset(typed, today);
  return (
    <fieldset className="dash-period">
      <legend>Period</legend>
      <div className="dash-period-row">
        <div className="dash-date">
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            type="date"
            value={typed.from}
            aria-invalid={fromWrong || undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => onChange({ ...typed, from: e.target.value })}
          />
        </div>
        <div className="dash-date">
          <label htmlFor={`${id}-to`}>To</label>
          <input
            id={`${id}-to`}
            type="date"
            value={typed.to}
            aria-invalid={toWrong || undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => onChange({ ...typed, to: e.target.value })}
          />
        </div>
        <div className="dash-presets" role="group" aria-label="Preset periods">
          {presets.map((p) => (
            <button key={p.key} type="button" className="secondary" aria-pressed={chosen === p.key} onClick={() => onChange(presetPeriod(p.key, today))}>
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <p id={`${id}-problem`} className="error" role="alert">
        {problem ?? ''}
      </p>
      <p className="muted" data-testid="time-zone">
        Days run midnight to midnight in {timeZone}, this browser’s time zone.
      </p>
    </fieldset>
  );
}

function ExportSection({ input, period, timeZone }: { input: MetricsInput; period: Period; timeZone: string }) {
  const [status, setStatus] = useState('');
  const exportOne = (kind: 'leads' | 'feedback') => {
    const rows = (kind === 'leads' ? leadRows : feedbackRows)(input, period, timeZone).length - 1;
    const text = (kind === 'leads' ? leadsCsv : feedbackCsv)(input, period, timeZone);
    const name = exportFileName(kind, period);
    downloadText(text, name);
    setStatus(`Saved ${name}: ${rows} ${kind === 'leads' ? (rows === 1 ? 'lead' : 'leads') : rows === 1 ? 'feedback' : 'feedback entries'}.`);
  };
  return (
    <Section
      id="export"
      title="Export"
      intro="For a spreadsheet: the leads captured in this period, and the feedback given in it with its replies (one row per feedback). Opens in Excel with accents intact; cells that a spreadsheet would run as a formula start with an apostrophe."
    >
      <div className="actions">
        <button type="button" onClick={() => exportOne('leads')}>
          Export leads (CSV)
        </button>
        <button type="button" onClick={() => exportOne('feedback')}>
          Export feedback (CSV)
        </button>
      </div>
      <p role="status" className="ok">
        {status}
      </p>
    </Section>
  );
}

function DashboardBody({ metrics, input, period, timeZone, workspace }: { metrics: Metrics; input: MetricsInput; period: Period; timeZone: string; workspace: Workspace }) {
  const canEdit = marketingRoles.includes(workspace.info.member.role);
  const openInEditor = async (s: Suggestion): Promise<string> => {
    if (!s.criterion) throw new Error('this suggestion has no criterion to add.');
    const { added, next } = await addSuggestionToDraft(workspace.db, latestDefinition(input.definitions), {
      text: s.text,
      evidence: s.evidence,
      criterion: s.criterion,
    });
    await browser.tabs.create({ url: browser.runtime.getURL('/options.html#definition') });
    return added
      ? `Added “${s.criterion.label}” to your draft of version ${next}. The editor opened in a new tab.`
      : `Your draft of version ${next} already has “${s.criterion.label}”. The editor opened in a new tab.`;
  };
  return (
    <>
      <GoalsSection goals={metrics.goals} />
      <QualitySection quality={metrics.quality} />
      <HandoffSection handoff={metrics.handoff} />
      <TimingSection timing={metrics.timing} period={period} />
      <SuggestionsSection suggestions={metrics.suggestions} canEdit={canEdit} onOpen={openInEditor} />
      <ExportSection input={input} period={period} timeZone={timeZone} />
    </>
  );
}

function WorkspaceDashboard({ workspace }: { workspace: Workspace }) {
  const data = useWorkspaceLoad(workspace, topics, loadInput);
  // The browser's zone and today in it, as of opening the page (presets count from this day).
  const [{ timeZone, today }] = useState(() => {
    const zone = browserTimeZone();
    return { timeZone: zone, today: dayInZone(Date.now(), zone) };
  });
  const [typed, setTyped] = useState<Period>(() => presetPeriod(defaultPreset, today));
  // The numbers follow the last period that makes sense while a date is being typed.
  const [period, setPeriod] = useState<Period>(typed);
  const choose = (next: Period) => {
    setTyped(next);
    if (!periodProblem(next)) setPeriod(next);
  };
  const input = data.status === 'ready' ? data.value.input : undefined;
  const computed = useMemo(() => {
    if (!input) return undefined;
    try {
      return { metrics: computeMetrics(input, { from: period.from, to: period.to, tz: timeZone }) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [input, period, timeZone]);
  const metrics = computed?.metrics;

  return (
    <main className="dash">
      <header className="dash-header">
        <div>
          <h1>Tandem dashboard</h1>
          <p className="workspace">
            {workspace.info.name}
            {workspace.info.kind === 'demo' ? (
              <span className="pill demo">Demo data</span>
            ) : (
              <span className="muted">· {workspace.info.member.name} ({workspace.info.member.role})</span>
            )}
          </p>
        </div>
        <PeriodChooser typed={typed} today={today} timeZone={timeZone} onChange={choose} />
      </header>
      {data.status === 'loading' && <p className="muted">Loading…</p>}
      {data.status === 'error' && (
        <p role="alert" className="error">
          Tandem could not read this workspace: {data.message}
        </p>
      )}
      {computed?.error !== undefined && (
        <p role="alert" className="error">
          Tandem could not compute the numbers for this period: {computed.error}
        </p>
      )}
      {data.status === 'ready' && metrics && input && (
        <>
          <div className="dash-period-summary" aria-live="polite">
            <p>
              <strong>In this period</strong>
            </p>
            <PeriodSummary leads={metrics.leads} />
          </div>
          {data.value.unreadable > 0 && (
            <p className="warning">
              {data.value.unreadable} stored {data.value.unreadable === 1 ? 'record' : 'records'} could not be read and {data.value.unreadable === 1 ? 'is' : 'are'} left out of
              these numbers.
            </p>
          )}
          <DashboardBody metrics={metrics} input={input} period={period} timeZone={timeZone} workspace={workspace} />
        </>
      )}
    </main>
  );
}

/**
 * The dashboard both teams open: goals, lead quality by campaign, the hand-off against the
 * SLA, campaigns and sales plays in time, suggestions for the next definition version, and
 * CSV exports, for a period of whole days in the browser's time zone. Computed here from the
 * active workspace's IndexedDB with the same function the server's `GET /v1/metrics` uses.
 */
export function Dashboard() {
  const workspace = useActiveWorkspace();
  if (workspace.status === 'loading') return <p className="muted dash">Loading…</p>;
  if (workspace.status === 'error') {
    return (
      <p role="alert" className="error dash">
        Tandem could not open its workspace: {workspace.message}
      </p>
    );
  }
  return <WorkspaceDashboard key={workspace.value.info.id} workspace={workspace.value} />;
}
