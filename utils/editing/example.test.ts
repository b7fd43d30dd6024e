import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionFormFrom } from './definition';
import { exampleDefinition, exampleDefinitionDraft, exampleDefinitionForm, exampleSummary, isUntouchedStart } from './example';

const example = exampleDefinition(new Date('2026-11-27T12:00:00Z'));

describe('the example definition as a first draft', () => {
  it('passes the editor’s own check with no problem, as a first version', () => {
    const draft = exampleDefinitionDraft(example);
    expect(draft.basedOn).toBeNull();
    const id = crypto.randomUUID();
    const { args, problems } = checkDefinition(draft, id);
    expect(problems).toEqual({ fields: {}, other: [] });
    expect(args).toMatchObject({
      id,
      basedOn: null,
      name: example.name,
      threshold: example.threshold,
      stages: example.stages,
      sla: example.sla,
      notes: example.notes,
      changeNote: '',
    });
  });

  it('says what the example says, criterion by criterion, under new ids', () => {
    const { args } = checkDefinition(exampleDefinitionDraft(example), crypto.randomUUID());
    const withoutId = ({ id: _id, ...rest }: { id: string }) => rest;
    expect(args!.criteria.map(withoutId)).toEqual(example.criteria.map(withoutId));
    expect(args!.disqualifiers.map(withoutId)).toEqual(example.disqualifiers.map(withoutId));
    const exampleIds = new Set([...example.criteria, ...example.disqualifiers].map((c) => c.id));
    expect([...args!.criteria, ...args!.disqualifiers].filter((c) => exampleIds.has(c.id))).toEqual([]);
  });

  it('gives the criteria, disqualifiers and stages fresh ids each time', () => {
    const first = exampleDefinitionForm(example);
    const second = exampleDefinitionForm(example);
    const ids = (form: typeof first) => [...form.criteria, ...form.disqualifiers].map((r) => r.id);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(2 * ids(first).length);
    expect(ids(first).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(first.stages.map((s) => s.key)).not.toEqual(second.stages.map((s) => s.key));
    // Same content otherwise.
    const content = (form: typeof first) => ({ ...form, criteria: form.criteria.map((r) => ({ ...r, id: '' })), disqualifiers: form.disqualifiers.map((r) => ({ ...r, id: '' })), stages: form.stages.map((s) => ({ ...s, key: '' })) });
    expect(content(first)).toEqual(content(second));
  });

  it('leaves the change note to the author', () => {
    expect(example.changeNote).not.toBe('');
    expect(exampleDefinitionForm(example).changeNote).toBe('');
  });

  it('says what it contains in one sentence', () => {
    expect(exampleSummary(example)).toMatch(/^“Ideal customer: .+”: \d+ criteria, \d+ disqualifiers, 5 stages from Lead to Opportunity and a 24-hour SLA\. Edit anything before you publish\.$/);
    const small = { ...example, name: 'Small', criteria: example.criteria.slice(0, 1), disqualifiers: [], stages: example.stages.slice(0, 1), sla: { ...example.sla, acceptWithinHours: 8 } };
    expect(exampleSummary(small)).toBe('“Small”: 1 criterion, 0 disqualifiers, 1 stage (Lead) and an 8-hour SLA. Edit anything before you publish.');
  });
});

describe('whether a first version is still untouched', () => {
  it('is while the form is as the editor started it, with new stage keys', () => {
    expect(isUntouchedStart(definitionFormFrom(undefined))).toBe(true);
  });

  it('is not once anything was typed, added or changed', () => {
    const start = definitionFormFrom(undefined);
    expect(isUntouchedStart({ ...start, name: 'A' })).toBe(false);
    expect(isUntouchedStart({ ...start, notes: 'Agreed.' })).toBe(false);
    expect(isUntouchedStart({ ...start, acceptWithinHours: '48' })).toBe(false);
    expect(isUntouchedStart({ ...start, stages: start.stages.slice(1) })).toBe(false);
    expect(isUntouchedStart({ ...start, criteria: exampleDefinitionForm(example).criteria })).toBe(false);
    expect(isUntouchedStart(exampleDefinitionForm(example))).toBe(false);
  });
});
