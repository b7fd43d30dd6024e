import { describe, expect, it } from 'vitest';
import { mutatorNamed } from './mutators';
import { conflictSides, describeValue, differingFields, mergeFields, resend } from './merge';
import { demoWorkspace } from './demo';
import type { Campaign, LeadDefinition } from './model';

const demo = demoWorkspace(new Date('2026-03-02T09:00:00Z'));
const campaign = demo.records.find((r) => r.type === 'campaign')!.record as Campaign;
const definition = demo.records.find((r) => r.type === 'definition')!.record as LeadDefinition;

// Server now has version 3 (their edit); my edit was based on version 2.
const theirs: Campaign = { ...campaign, version: 3, rev: '00000000-0000-4000-8000-0000000000e3', name: 'Their name', offer: 'Their offer', updatedAt: '2026-03-03T10:00:00.000Z' };
const { version: _v, deleted: _d, updatedAt: _u, ...editable } = campaign;
const mineDoc = { ...editable, offer: 'My offer', talkingPoints: ['Mine first'] };
const conflict = { name: 'campaign.put', args: { doc: mineDoc, baseVersion: 2 }, current: { type: 'campaign', record: theirs } };

describe('conflict merge', () => {
  it('finds the two sides of a refused document edit, and nothing in other refusals', () => {
    expect(conflictSides(conflict)).toEqual({ type: 'campaign', mine: mineDoc, theirs });
    expect(conflictSides({ name: 'feedback.create', args: {}, current: { type: 'feedback', record: {} } })).toBeUndefined();
    expect(conflictSides({ name: 'campaign.put', args: { doc: mineDoc, baseVersion: 2 } })).toBeUndefined();
  });

  it('lists only the fields that differ, with their names in words', () => {
    expect(differingFields('campaign', mineDoc, theirs).map((d) => [d.label, d.mine, d.theirs])).toEqual([
      ['Name', campaign.name, 'Their name'],
      ['Talking points', ['Mine first'], campaign.talkingPoints],
      ['Offer', 'My offer', 'Their offer'],
    ]);
  });

  it('merges field by field on top of theirs, and re-sends on their version so it applies', async () => {
    const merged = mergeFields('campaign', mineDoc, theirs, { offer: 'mine', talkingPoints: 'mine', name: 'theirs' });
    expect(merged).toMatchObject({ name: 'Their name', offer: 'My offer', talkingPoints: ['Mine first'], version: 3 });
    const again = resend(conflict, merged, () => '00000000-0000-4000-8000-0000000000e4');
    // Based on their version by number and by the edit that made it; a new edit of its own.
    expect(again).toEqual({
      name: 'campaign.put',
      args: { doc: expect.objectContaining({ id: campaign.id, offer: 'My offer', name: 'Their name' }), baseVersion: 3, baseRev: theirs.rev, rev: '00000000-0000-4000-8000-0000000000e4' },
    });
    expect((again.args as { doc: object }).doc).not.toHaveProperty('version');
    expect((again.args as { doc: object }).doc).not.toHaveProperty('rev');

    // The re-sent mutation is valid and applies on the server's version.
    const mutator = mutatorNamed('campaign.put')!;
    const args = mutator.args.parse(again.args);
    const store = new Map<string, unknown>([[campaign.id, theirs]]);
    await mutator.apply(
      { get: async (_t, id) => store.get(id) as never, put: async (_t, r) => void store.set(r.id, r), list: async () => [] },
      args,
      { actor: { memberId: campaign.id, name: 'M', role: 'marketing' }, now: '2026-03-03T11:00:00.000Z' },
    );
    expect(store.get(campaign.id)).toMatchObject({ version: 4, rev: '00000000-0000-4000-8000-0000000000e4', offer: 'My offer', name: 'Their name' });
  });

  it('drops an optional field when mine had none', () => {
    const merged = mergeFields('campaign', { ...mineDoc, endsOn: undefined }, { ...theirs, endsOn: '2026-12-31' }, { endsOn: 'mine' });
    expect(merged).not.toHaveProperty('endsOn');
  });

  it('re-publishes a refused definition as the next version after theirs, with a new id', () => {
    const { version: _a, deleted: _b, updatedAt: _c, number: _n, publishedAt: _p, publishedBy: _q, ...draft } = definition;
    const mine = { ...draft, id: '00000000-0000-4000-8000-0000000000f1', threshold: 70, basedOn: 1 };
    const server = { ...definition, id: '00000000-0000-4000-8000-0000000000f2', number: 2, threshold: 65, notes: 'Theirs' };
    const refused = { name: 'definition.publish', args: mine, current: { type: 'definition', record: server } };
    expect(differingFields('definition', mine, server).map((d) => d.field)).toEqual(['threshold', 'notes']);
    const merged = mergeFields('definition', mine, server, { threshold: 'mine' });
    const again = resend(refused, merged, () => '00000000-0000-4000-8000-0000000000f3');
    expect(again.args).toMatchObject({ id: '00000000-0000-4000-8000-0000000000f3', basedOn: 2, basedOnId: server.id, threshold: 70, notes: 'Theirs' });
    expect(mutatorNamed('definition.publish')!.args.safeParse(again.args).success).toBe(true);
  });

  it('describes values in words: criteria by rule, the SLA in sentences, empties', () => {
    // Marketing's own conflict: the words, and the pattern they stand for.
    expect(describeValue(definition.disqualifiers)[0]).toBe('Student or academic email: Email ends in .edu or an academic domain such as .ac.uk, pattern \\.(edu|ac\\.[a-z]{2})$');
    expect(describeValue(definition.criteria)[0]).toBe('Company of 50 to 5,000 people: Employees is between 50 and 5000 (20 pts)');
    expect(describeValue(definition.sla)).toEqual(['Accept or return within 24 h', '3 attempts before “unable to reach”', definition.sla.notes]);
    expect(describeValue(undefined)).toEqual(['(empty)']);
    expect(describeValue([])).toEqual(['(none)']);
  });
});
