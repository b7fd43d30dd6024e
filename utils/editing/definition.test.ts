import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { demoWorkspace } from '../demo';
import type { LeadDefinition, RecentContact } from '../model';
import { listRecords, mutate, openActiveWorkspace } from '../store';
import { newCriterionRow } from './criteria';
import { checkDefinition, compareFit, definitionFormFrom, previewDefinition, type DefinitionDraft } from './definition';

const now = new Date('2026-11-27T12:00:00Z');
const demo = demoWorkspace(now);
const published = demo.records.find((r) => r.type === 'definition')!.record as LeadDefinition;
const contacts: RecentContact[] = demo.contacts.map((contact, i) => ({ key: `k${i}`, contact: { custom: {}, facts: {}, ...contact }, seenAt: now.toISOString() }));
const draftOf = (edit: (d: DefinitionDraft) => void = () => {}): DefinitionDraft => {
  const draft = { basedOn: published.number, form: definitionFormFrom(published) };
  edit(draft);
  return draft;
};

describe('checking a draft of the lead definition', () => {
  it('turns the published version back into the same definition.publish args', () => {
    const id = crypto.randomUUID();
    const { args, problems } = checkDefinition(draftOf(), id);
    expect(problems).toEqual({ fields: {}, other: [] });
    const { version: _v, deleted: _d, updatedAt: _u, number: _n, publishedAt: _p, publishedBy: _b, ...rest } = published;
    expect(args).toEqual({ ...rest, changeNote: '', id, basedOn: 1 });
  });

  it('starts an empty definition with the usual stages and SLA, and asks for a name', () => {
    const { args, problems } = checkDefinition({ basedOn: null, form: definitionFormFrom(undefined) }, crypto.randomUUID());
    expect(args).toBeUndefined();
    expect(problems.fields).toEqual({ name: 'Fill this in.' });
    expect(definitionFormFrom(undefined).stages.map((s) => s.name)).toEqual(['Lead', 'MQL', 'SAL', 'SQL', 'Opportunity']);
  });

  it('puts each problem beside its field', () => {
    const draft = draftOf(({ form }) => {
      form.threshold = '';
      form.acceptWithinHours = '0';
      form.minAttempts = '2.5';
      form.stages[1]!.name = ' ';
      form.criteria[0]!.high = '';
      form.disqualifiers.push({ ...newCriterionRow(0), label: '', field: 'custom', customKey: 'bad key!', op: 'atLeast', text: 'many' });
    });
    const { args, problems } = checkDefinition(draft, crypto.randomUUID());
    expect(args).toBeUndefined();
    expect(problems.fields).toEqual({
      threshold: 'Give a number.',
      'sla.acceptWithinHours': 'Give a number above 0.',
      'sla.minAttempts': 'Give a whole number.',
      'stages.1.name': 'Fill this in.',
      // zod skips the value check while a criterion has other problems; the editor does not.
      'criteria.0.value': 'Give a lower and an upper number, lower first.',
      'disqualifiers.2.label': 'Fill this in.',
      'disqualifiers.2.field': 'Give a key: up to 60 letters, digits, _ . or -.',
      'disqualifiers.2.value': 'Give a number.',
    });
  });

  it('publishes as version 2 through the store when valid', async () => {
    globalThis.indexedDB = new IDBFactory();
    const ws = await openActiveWorkspace();
    const [latest] = (await listRecords(ws.db, 'definition')).records;
    const { args } = checkDefinition(
      { basedOn: latest!.number, form: { ...definitionFormFrom(latest), threshold: '70', changeNote: 'Raised the bar.' } },
      crypto.randomUUID(),
    );
    await mutate(ws.db, ws.info.id, 'definition.publish', args, ws.info.member);
    const numbers = (await listRecords(ws.db, 'definition')).records.map((d) => [d.number, d.threshold, d.changeNote]).sort();
    expect(numbers).toEqual([
      [1, 60, 'First version of the shared definition.'],
      [2, 70, 'Raised the bar.'],
    ]);
    ws.db.close();
  });
});

describe('the live preview', () => {
  it('scores with the valid rows only, and the published threshold while the draft one is not a number', () => {
    const form = definitionFormFrom(published);
    form.threshold = 'x';
    form.criteria[1]!.text = '';
    const preview = previewDefinition(form, 60);
    expect(preview.threshold).toBe(60);
    expect(preview.criteria).toHaveLength(published.criteria.length - 1);
    expect(preview.skipped).toBe(1);
  });

  it('shows no change for an unchanged draft', () => {
    const rows = compareFit(published, previewDefinition(definitionFormFrom(published), 0), contacts);
    expect(rows.map((r) => r.name)).toEqual(demo.contacts.map((c) => c.name));
    expect(rows.every((r) => !r.changed && r.published!.verdict === r.draft.verdict)).toBe(true);
  });

  it('marks the contacts whose verdict a new disqualifier changes', () => {
    const form = definitionFormFrom(published);
    form.disqualifiers.push({ ...newCriterionRow(0), label: 'Outside Europe', field: 'country', op: 'equals', text: 'United States' });
    const rows = compareFit(published, previewDefinition(form, 0), contacts);
    const dana = rows.find((r) => r.name === 'Dana Whitfield')!;
    expect(dana).toMatchObject({ published: { verdict: 'fit' }, draft: { verdict: 'disqualified' }, changed: true });
    // Tom was already disqualified (a student email): no change.
    expect(rows.find((r) => r.name === 'Tom Becker')).toMatchObject({ draft: { verdict: 'disqualified' }, changed: false });
    expect(rows.filter((r) => r.changed).map((r) => r.name)).toEqual(['Dana Whitfield']);
  });

  it('has nothing to compare with before the first version', () => {
    const rows = compareFit(undefined, previewDefinition(definitionFormFrom(published), 0), contacts);
    expect(rows[0]).toMatchObject({ published: undefined, changed: false });
  });
});
