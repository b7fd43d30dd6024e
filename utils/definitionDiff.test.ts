import { describe, expect, it } from 'vitest';
import { demoWorkspace } from './demo';
import { diffDefinitions, summariseChanges } from './definitionDiff';
import type { Criterion, LeadDefinition } from './model';

const v1 = demoWorkspace(new Date('2026-03-02T09:00:00Z')).records.find((r) => r.type === 'definition')!.record as LeadDefinition;

const studentEmail: Criterion = {
  id: '00000000-0000-4000-8000-0000000000a1',
  label: 'Student email',
  field: 'emailDomain',
  op: 'matches',
  value: '\\.edu$',
  weight: 0,
  description: 'ends in .edu',
};

function next(change: (d: LeadDefinition) => Partial<LeadDefinition>): LeadDefinition {
  return { ...v1, number: 2, ...change(v1) };
}

describe('diffDefinitions', () => {
  it('says nothing changed between a version and itself', () => {
    expect(diffDefinitions(v1, v1)).toEqual([]);
    expect(summariseChanges([])).toBe('no change to the rules');
  });

  it('reads the example from the issue: threshold and a new disqualifier', () => {
    const v2 = next((d) => ({ threshold: 70, disqualifiers: [...d.disqualifiers, studentEmail] }));
    expect(summariseChanges(diffDefinitions(v1, v2))).toBe(
      'threshold 60 → 70; new disqualifier: Student email (Email domain ends in .edu)',
    );
  });

  it('names added, removed and changed criteria by their label, with rule and weight', () => {
    const [size, industry, ...rest] = v1.criteria;
    const v2 = next(() => ({
      criteria: [
        { ...size!, value: [100, 5000], weight: 25 },
        { ...industry!, label: 'Industries we serve' },
        ...rest.slice(1),
        { ...studentEmail, id: '00000000-0000-4000-8000-0000000000a2', label: 'Uses our product', field: 'custom:uses_product', op: 'exists', value: null, weight: 5 },
      ],
    }));
    const texts = diffDefinitions(v1, v2).map((c) => `${c.kind}: ${c.text}`);
    expect(texts).toEqual([
      'changed: criterion Company of 50 to 5,000 people: Employees is between 50 and 5000 → Employees is between 100 and 5000, weight 20 → 25',
      'changed: criterion Industries we serve: renamed from “Industry we serve”',
      'added: new criterion: Uses our product (uses_product is given, 5 pts)',
      `removed: removed criterion: ${rest[0]!.label}`,
    ]);
  });

  it('says a pattern changed in words, never showing the pattern', () => {
    const [student, ...others] = v1.disqualifiers;
    const { description: words, ...undescribed } = student!;
    const changedPattern = next(() => ({ disqualifiers: [{ ...student!, value: '\\.edu$' }, ...others] }));
    const redescribed = next(() => ({ disqualifiers: [{ ...student!, description: 'ends in .edu' }, ...others] }));
    // Saved before descriptions: that rule reads by its label.
    const older = next(() => ({ disqualifiers: [{ ...undescribed, label: 'Student email' }, ...others] }));
    const texts = (from: LeadDefinition, to: LeadDefinition) => diffDefinitions(from, to).map((c) => c.text);
    expect(texts(v1, changedPattern)).toEqual(['disqualifier Student or academic email: same words, new pattern']);
    expect(texts(v1, redescribed)).toEqual([`disqualifier Student or academic email: Email ${words} → Email ends in .edu`]);
    expect(texts(older, v1)).toEqual([`disqualifier Student or academic email: renamed from “Student email”, Email fits “Student email” → Email ${words}`]);
    expect(texts(older, { ...older, disqualifiers: [{ ...undescribed, label: 'Academic email' }, ...others] })).toEqual(['disqualifier Academic email: renamed from “Student email”']);
    for (const version of [changedPattern, redescribed, older]) {
      for (const text of [...texts(v1, version), ...texts(version, v1)]) expect(text).not.toMatch(/\\|\$|\(edu\|/);
    }
  });

  it('follows stages by name: owner, entry, added, removed and order', () => {
    const [lead, mql, sal, sql] = v1.stages;
    const v2 = next(() => ({
      stages: [lead!, { ...sal!, owner: 'joint' }, { ...mql!, entry: 'Scores 70 or more.' }, sql!, { name: 'Won', owner: 'sales', entry: 'Signed.' }],
    }));
    expect(diffDefinitions(v1, v2).map((c) => c.text)).toEqual([
      'stage SAL now owned by both teams (was Sales)',
      'stage MQL: entry criteria now “Scores 70 or more.”',
      'new stage: Won (owned by Sales)',
      'removed stage: Opportunity',
      'stages reordered: Lead → SAL → MQL → SQL → Won',
    ]);
  });

  it('reports the SLA, name and notes, and shortens a long list for a notice', () => {
    const v2 = next((d) => ({
      name: 'Mid-market v2',
      notes: 'New notes',
      threshold: 50,
      sla: { ...d.sla, acceptWithinHours: 48, minAttempts: 5, notes: 'Other' },
    }));
    const changes = diffDefinitions(v1, v2);
    expect(changes.map((c) => c.area)).toEqual(['threshold', 'sla', 'sla', 'sla', 'name', 'notes']);
    expect(changes[1]!.text).toBe('Sales accepts or returns an MQL within 24 h → 48 h');
    expect(summariseChanges(changes, 2)).toBe(
      'threshold 60 → 50; Sales accepts or returns an MQL within 24 h → 48 h; and 4 more changes',
    );
  });
});
