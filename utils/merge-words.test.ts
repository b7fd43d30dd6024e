import { describe, expect, it } from 'vitest';
import { conflictSides, describeValue, differingFields, editableFields, isDocumentEdit, mergeFields, resend } from './merge';

// What the conflict dialog shows Marketing: every field a person edits, named in words, and
// each value as a line of text (utils/merge.test.ts has the merge itself).

describe('the conflict dialog in words', () => {
  it('names every field a person edits, per document', () => {
    const named = (type: keyof typeof editableFields) => Object.values(editableFields[type]);
    expect(named('definition')).toEqual(['Name', 'Threshold', 'Criteria', 'Disqualifiers', 'Stages', 'Service level', 'Notes', 'Change note']);
    expect(named('campaign')).toEqual(['Name', 'Product', 'Status', 'Starts on', 'Ends on', 'Audience', 'Target accounts', 'UTM campaign', 'Talking points', 'Offer', 'Assets', 'Owner']);
    expect(named('play')).toEqual(['Name', 'Product', 'Starts on', 'Ends on', 'Pitch', 'Owner']);
    expect(named('goal')).toEqual(['Name', 'Owner', 'Metric', 'Target', 'Period starts', 'Period ends', 'Depends on']);
  });

  it('shows a play or goal field that differs by its name', () => {
    expect(differingFields('play', { pitch: 'Mine', id: 'a' }, { pitch: 'Theirs', id: 'b' })).toEqual([{ field: 'pitch', label: 'Pitch', mine: 'Mine', theirs: 'Theirs' }]);
    expect(differingFields('goal', { target: 40, notes: 'x' }, { target: 50 }).map((d) => d.label)).toEqual(['Target']);
    // Absent and empty (null) read the same.
    expect(differingFields('goal', { dependsOn: null }, {})).toEqual([]);
  });

  it('writes each kind of value as lines a person reads', () => {
    expect(describeValue(null)).toEqual(['(empty)']);
    expect(describeValue('')).toEqual(['(empty)']);
    expect(describeValue(0)).toEqual(['0']);
    expect(describeValue('Spring launch')).toEqual(['Spring launch']);
    expect(describeValue(['acme.com', 'globex.com'])).toEqual(['acme.com', 'globex.com']);
    expect(describeValue([{ label: 'Deck', url: 'https://example.com/deck' }])).toEqual(['Deck (https://example.com/deck)']);
    expect(describeValue([{ name: 'MQL', owner: 'marketing', entry: 'Fits the definition' }, { name: 'SAL', owner: 'sales' }])).toEqual(['MQL (marketing): Fits the definition', 'SAL (sales): ']);
    expect(describeValue([{ field: 'title', op: 'contains' }])).toEqual(['{"field":"title","op":"contains"}']);
    expect(describeValue([{ field: 'title', op: 'contains', value: 'VP', label: 'Senior', weight: 0 }])).toEqual(['Senior: Title contains “VP”']);
    expect(describeValue({ acceptWithinHours: 48, minAttempts: 3 })).toEqual(['Accept or return within 48 h', '3 attempts before “unable to reach”']);
    expect(describeValue({ metric: 'leads' })).toEqual(['{"metric":"leads"}']);
  });

  it('offers merging only for refused edits of a document it can read', () => {
    expect(['definition.publish', 'campaign.put', 'play.put', 'goal.put'].map(isDocumentEdit)).toEqual([true, true, true, true]);
    expect(['feedback.create', 'lead.update', 'toString', 'constructor'].map(isDocumentEdit)).toEqual([false, false, false, false]);
    const record = { id: 'p1', version: 2, name: 'Theirs' };
    expect(conflictSides({ name: 'play.put', args: { doc: { id: 'p1', name: 'Mine' }, baseVersion: 1 }, current: { type: 'play', record } })).toMatchObject({ type: 'play', mine: { name: 'Mine' } });
    expect(conflictSides({ name: 'goal.put', args: { doc: { id: 'g1' }, baseVersion: 1 }, current: { type: 'goal', record } })).toMatchObject({ type: 'goal' });
    for (const broken of [
      { name: 'play.put', args: { doc: { id: 'p1' } }, current: { type: 'play', record: null } },
      { name: 'play.put', args: { doc: { id: 'p1' } }, current: { type: 'play', record: 'text' } },
      { name: 'play.put', args: null, current: { type: 'play', record } },
      { name: 'play.put', args: 'text', current: { type: 'play', record } },
      { name: 'play.put', args: { baseVersion: 1 }, current: { type: 'play', record } },
      { name: 'play.put', args: { doc: 'text' }, current: { type: 'play', record } },
    ]) {
      expect(conflictSides(broken), JSON.stringify(broken)).toBeUndefined();
      expect(() => resend(broken, {}), JSON.stringify(broken)).toThrow('This change is not an edit of a document.');
    }
  });

  it('takes a field a person chose as theirs, or left unchosen, from their version', () => {
    const theirs = { id: 'p1', version: 2, name: 'Theirs', pitch: 'Their pitch' };
    expect(mergeFields('play', { name: 'Mine', pitch: 'My pitch' }, theirs, { name: 'mine' })).toEqual({ id: 'p1', version: 2, name: 'Mine', pitch: 'Their pitch' });
  });

  it('gives a re-published definition a fresh id of its own', () => {
    const conflict = { name: 'definition.publish', args: { id: 'd2', name: 'Mine', basedOn: 1 }, current: { type: 'definition', record: { id: 'd9', number: 2 } } };
    const first = resend(conflict, { id: 'd2', name: 'Mine' }) as { args: { id: string } };
    const second = resend(conflict, { id: 'd2', name: 'Mine' }) as { args: { id: string } };
    expect(first.args.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.args.id).not.toBe(second.args.id);
  });
});
