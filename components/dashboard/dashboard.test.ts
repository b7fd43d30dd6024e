import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DefinitionDraft, definitionFormFrom } from '../../utils/editing/definition';
import { draftKeys, readDraft, writeDraft } from '../../utils/editing/drafts';
import { demoWorkspace } from '../../utils/demo';
import { Campaign, Feedback, Lead, type Handoff, type LeadDefinition, type ProductTimeline } from '../../utils/model';
import { openWorkspaceDb } from '../../utils/store';
import { handoffSlices, timelineRows } from './charts';
import { feedbackRows, inPeriod, leadRows, timeInZone } from './exports';
import { addDays, dayInZone, exportFileName, isDay, matchingPreset, periodProblem, presetPeriod } from './period';
import { draftWithSuggestion, addSuggestionToDraft } from './suggestionDraft';
import { formatHours, goalValueWords } from './words';

describe('period', () => {
  it('has presets for the last 30 days, this calendar month and this quarter', () => {
    expect(presetPeriod('last-30-days', '2026-11-27')).toEqual({ from: '2026-10-29', to: '2026-11-27' });
    expect(presetPeriod('this-month', '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('this-month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('this-quarter', '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('this-quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('last-30-days', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('knows which preset a period is', () => {
    expect(matchingPreset({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-27')).toBe('this-month');
    expect(matchingPreset({ from: '2026-11-02', to: '2026-11-30' }, '2026-11-27')).toBeUndefined();
  });

  it('adds days across months, years and daylight-saving changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('says what is wrong with a period in words', () => {
    expect(periodProblem({ from: '2026-11-01', to: '2026-11-30' })).toBeNull();
    expect(periodProblem({ from: '', to: '2026-11-30' })).toBe('Give a From date.');
    expect(periodProblem({ from: '2026-11-01', to: '2026-02-30' })).toBe('Give a To date.');
    expect(periodProblem({ from: '2026-11-02', to: '2026-11-01' })).toBe('The period ends before it starts.');
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('finds the day of an instant in a time zone', () => {
    const instant = Date.parse('2026-11-27T23:30:00Z');
    expect(dayInZone(instant, 'UTC')).toBe('2026-11-27');
    expect(dayInZone(instant, 'Europe/Berlin')).toBe('2026-11-28');
    expect(dayInZone(instant, 'America/Los_Angeles')).toBe('2026-11-27');
  });

  it('names export files after the period', () => {
    expect(exportFileName('feedback', { from: '2026-11-01', to: '2026-11-30' })).toBe('tandem-feedback-2026-11-01-to-2026-11-30.csv');
  });
});

describe('exports', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const demo = demoWorkspace(now);
  const of = <T>(type: string) => demo.records.filter((r) => r.type === type).map((r) => r.record) as T[];
  const input = { leads: of<Lead>('lead'), feedback: of<Feedback>('feedback'), campaigns: of<Campaign>('campaign') };
  const period = { from: '2026-10-29', to: '2026-11-27' };

  it('takes whole days of the period in the time zone', () => {
    expect(inPeriod('2026-11-27T23:30:00Z', period, 'UTC')).toBe(true);
    expect(inPeriod('2026-11-27T23:30:00Z', period, 'Europe/Berlin')).toBe(false);
    expect(inPeriod('2026-10-28T23:30:00Z', period, 'Europe/Berlin')).toBe(true);
    expect(inPeriod('not a time', period, 'UTC')).toBe(false);
    expect(timeInZone('2026-11-27T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-28 00:30');
  });

  it('has one row per lead captured in the period, oldest first', () => {
    const rows = leadRows(input, period, 'UTC');
    expect(rows[0]![0]).toBe('Captured (UTC)');
    expect(rows).toHaveLength(1 + 14);
    expect(rows[1]![1]).toBe('Kit Morgan');
    expect(rows.at(-1)![1]).toBe('Tomás Herrera');
    const nina = rows.find((r) => r[1] === 'Nina Patel')!;
    expect(nina.slice(9, 14)).toEqual(['Entered by hand', undefined, 'Revenue Ops webinar series', 'SAL', 'Priya Shah']);
    expect(leadRows(input, { from: '2026-11-20', to: '2026-11-27' }, 'UTC')).toHaveLength(1 + 7);
  });

  it('has one row per feedback given in the period, with its reasons in words and its replies in one column', () => {
    const rows = feedbackRows(input, period, 'UTC');
    expect(rows[0]).toEqual(['Given (UTC)', 'Verdict', 'Reasons', 'Note', 'Author', 'Campaign', 'Contact', 'Contact email or page', 'Lead', 'Replies', 'Reply thread', 'Feedback id']);
    expect(rows).toHaveLength(1 + 13);
    const hana = rows.find((r) => r[6] === 'Hana Sato')!;
    expect(hana.slice(1, 10)).toEqual([
      'Reject',
      'Too small; No budget',
      'Eight people and no revenue team until they raise.',
      'Jordan Lee',
      'Revenue Ops webinar series',
      'Hana Sato',
      'hana@pebble-analytics.io',
      'Hana Sato',
      0,
    ]);
    const marco = rows.find((r) => r[6] === 'Marco Rossi')!;
    expect(marco[9]).toBe(1);
    expect(marco[10]).toBe('Priya Shah (2026-11-27 12:00): Thanks, that helps. We will tighten the size filter on the roadshow follow-ups.');
  });

  it('names the contact and gives the address apart, never a contact key', () => {
    const [first, second, third] = input.feedback.filter((f) => !f.deleted && inPeriod(f.createdAt, period, 'UTC'));
    const keyed = (f: Feedback, subject: Feedback['subject']) => ({ ...f, subject });
    const feedback = [
      keyed(first!, { contactKey: 'url:https://crm.example.com/people/zq', contactName: 'Zelda Quimby' }),
      keyed(second!, { contactKey: 'lead:00000000-0000-4000-8000-000000000001', contactName: 'Grace Hopper' }),
      keyed(third!, { contactKey: 'email:kim@example.com' }),
    ];
    const rows = feedbackRows({ ...input, feedback }, period, 'UTC').slice(1);
    expect(rows.map((r) => r.slice(6, 8)).sort()).toEqual([
      ['', 'kim@example.com'],
      ['Grace Hopper', ''],
      ['Zelda Quimby', 'https://crm.example.com/people/zq'],
    ]);
    expect(feedbackRows(input, period, 'UTC').flat().filter((cell) => typeof cell === 'string' && /^(email|url|lead):/.test(cell))).toEqual([]);
  });

  it('leaves out deleted records and feedback outside the period', () => {
    const deleted = { ...input, feedback: input.feedback.map((f) => ({ ...f, deleted: true })) };
    expect(feedbackRows(deleted, period, 'UTC')).toHaveLength(1);
    expect(feedbackRows(input, { from: '2025-01-01', to: '2025-01-31' }, 'UTC')).toHaveLength(1);
  });
});

describe('chart data', () => {
  it('splits the hand-off into slices that add up to the leads captured', () => {
    const h: Handoff = { slaHours: 24, captured: 14, answered: 12, medianHours: 7, p90Hours: 25, withinSla: 10, withinSlaShare: 10 / 12, waiting: 2, overdue: 1 };
    const slices = handoffSlices(h);
    expect(slices.map((s) => s.count)).toEqual([10, 2, 1, 1]);
    expect(slices.reduce((n, s) => n + s.count, 0)).toBe(14);
    expect(handoffSlices({ ...h, slaHours: null, withinSla: 0, withinSlaShare: null, overdue: 0 })).toEqual([
      { label: 'Answered', count: 12 },
      { label: 'Waiting for feedback', count: 2 },
    ]);
  });

  it('clips a product’s campaigns, plays and gaps to the period and leaves out what is outside it', () => {
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const t: ProductTimeline = {
      product: 'Forecasting',
      campaigns: [
        { id: id(1), name: 'Long campaign', startsOn: '2026-09-01', endsOn: null },
        { id: id(2), name: 'Old campaign', startsOn: '2026-01-01', endsOn: '2026-02-01' },
      ],
      plays: [{ id: id(3), name: 'Play', startsOn: '2026-11-10', endsOn: '2027-01-01' }],
      gaps: [{ from: '2026-11-01', to: '2026-11-09', kind: 'campaign-without-play' }],
    };
    expect(timelineRows(t, { from: '2026-11-01', to: '2026-11-30' })).toEqual([
      { kind: 'campaign', name: 'Long campaign', from: '2026-11-01', to: '2026-11-30', startsOn: '2026-09-01', endsOn: null },
      { kind: 'play', name: 'Play', from: '2026-11-10', to: '2026-11-30', startsOn: '2026-11-10', endsOn: '2027-01-01' },
      { kind: 'campaign-without-play', name: 'Campaign without a sales play', from: '2026-11-01', to: '2026-11-09', startsOn: '2026-11-01', endsOn: '2026-11-09' },
    ]);
  });
});

describe('words', () => {
  it('says a goal’s value against its target in its unit', () => {
    expect(goalValueWords({ value: 13, target: 20, unit: 'count' })).toBe('13 of 20');
    expect(goalValueWords({ value: null, target: 4, unit: 'count' })).toBe('— of 4');
    expect(goalValueWords({ value: 45, target: 60, unit: 'percent' })).toBe('45 % (target 60 %)');
    expect(goalValueWords({ value: 6.5, target: 24, unit: 'hours' })).toBe('6.5 h (target 24 h or less)');
    expect(formatHours(25.4)).toBe('25 h');
  });
});

describe('a suggestion in the definition draft', () => {
  const definition = demoWorkspace(new Date('2026-11-27T12:00:00Z')).records.find((r) => r.type === 'definition')!.record as LeadDefinition;
  const suggestion = {
    text: 'Consider employees ≥ 50',
    evidence: '63 % of the 8 rejections in the period say “Too small” (5).',
    criterion: { label: 'At least 50 employees', field: 'employees', op: 'atLeast', value: 50, as: 'criterion' } as const,
  };

  it('starts a draft of the next version from the latest one, as the editor does, with the criterion added', () => {
    const { draft, added } = draftWithSuggestion(undefined, definition, suggestion, '00000000-0000-4000-8000-000000009999');
    expect(added).toBe(true);
    expect(draft.basedOn).toBe(1);
    const fresh = definitionFormFrom(definition);
    expect(draft.form.criteria.slice(0, -1)).toEqual(fresh.criteria);
    expect(draft.form.criteria.at(-1)).toEqual({
      id: '00000000-0000-4000-8000-000000009999',
      label: 'At least 50 employees',
      field: 'employees',
      customKey: '',
      op: 'atLeast',
      text: '50',
      high: '',
      weight: '10',
      description: '',
    });
    expect(draft.form.disqualifiers).toEqual(fresh.disqualifiers);
    expect(draft.form.changeNote).toBe('Consider employees ≥ 50: 63 % of the 8 rejections in the period say “Too small” (5).');
    expect(DefinitionDraft.parse(draft)).toEqual(draft);
  });

  it('adds a disqualifier to the disqualifiers, with no weight, and keeps a change note already written', () => {
    const stored: DefinitionDraft = { basedOn: 1, form: { ...definitionFormFrom(definition), changeNote: 'Tighter size.' } };
    const { draft } = draftWithSuggestion(stored, definition, {
      text: 'Consider disqualifying email domains gmail.com',
      evidence: 'Because.',
      criterion: { label: 'Personal or academic email', field: 'emailDomain', op: 'in', value: ['gmail.com', 'web.de'], as: 'disqualifier' },
    });
    expect(draft.form.criteria).toEqual(stored.form.criteria);
    expect(draft.form.disqualifiers.at(-1)).toMatchObject({ label: 'Personal or academic email', field: 'emailDomain', op: 'in', text: 'gmail.com, web.de', weight: '0' });
    expect(draft.form.changeNote).toBe('Tighter size.');
  });

  it('does not add the same criterion twice', () => {
    const first = draftWithSuggestion(undefined, definition, suggestion).draft;
    const again = draftWithSuggestion(first, definition, suggestion);
    expect(again.added).toBe(false);
    expect(again.draft).toBe(first);
  });

  describe('in the workspace meta store', () => {
    beforeEach(() => {
      globalThis.indexedDB = new IDBFactory();
    });

    it('writes the draft the editor restores, on top of one being edited', async () => {
      const db = await openWorkspaceDb('dashboard-test');
      const editing: DefinitionDraft = { basedOn: 1, form: { ...definitionFormFrom(definition), name: 'Renamed in the editor' } };
      await writeDraft(db, draftKeys.definition, editing);
      expect(await addSuggestionToDraft(db, definition, suggestion)).toEqual({ added: true, next: 2 });
      const stored = (await readDraft(db, draftKeys.definition, DefinitionDraft))!.draft;
      expect(stored.form.name).toBe('Renamed in the editor');
      expect(stored.form.criteria.map((r) => r.label)).toContain('At least 50 employees');
      expect(await addSuggestionToDraft(db, definition, suggestion)).toEqual({ added: false, next: 2 });
      db.close();
    });
  });
});
