import { describeRule } from './fit';
import type { Criterion, LeadDefinition, Stage } from './model';

/**
 * What changed between two published versions of the lead definition, in words Sales can
 * read at a glance: “threshold 60 → 70; new disqualifier: Student email”.
 */

export interface DefinitionChange {
  /** What part of the definition: for grouping and styling. */
  area: 'name' | 'threshold' | 'criteria' | 'disqualifiers' | 'stages' | 'sla' | 'notes';
  kind: 'added' | 'removed' | 'changed';
  text: string;
}

const ownerWords: Record<Stage['owner'], string> = { marketing: 'Marketing', sales: 'Sales', joint: 'both teams' };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function criteriaChanges(area: 'criteria' | 'disqualifiers', older: Criterion[], newer: Criterion[]): DefinitionChange[] {
  const noun = area === 'criteria' ? 'criterion' : 'disqualifier';
  const weighted = area === 'criteria';
  const changes: DefinitionChange[] = [];
  const before = new Map(older.map((c) => [c.id, c]));
  const after = new Map(newer.map((c) => [c.id, c]));
  for (const c of newer) {
    const old = before.get(c.id);
    if (!old) {
      changes.push({ area, kind: 'added', text: `new ${noun}: ${c.label} (${describeRule(c)}${weighted ? `, ${c.weight} pts` : ''})` });
      continue;
    }
    const parts: string[] = [];
    if (old.label !== c.label) parts.push(`renamed from “${old.label}”`);
    // A rule that reads by its label changes with a rename, which is said already.
    if (describeRule({ ...old, label: c.label }) !== describeRule(c)) parts.push(`${describeRule(old)} → ${describeRule(c)}`);
    // A pattern is never shown to Sales, but that it changed is.
    else if (c.op === 'matches' && !same(old.value, c.value)) parts.push('same words, new pattern');
    if (weighted && old.weight !== c.weight) parts.push(`weight ${old.weight} → ${c.weight}`);
    if (parts.length) changes.push({ area, kind: 'changed', text: `${noun} ${c.label}: ${parts.join(', ')}` });
  }
  for (const c of older) if (!after.has(c.id)) changes.push({ area, kind: 'removed', text: `removed ${noun}: ${c.label}` });
  return changes;
}

function stageChanges(older: Stage[], newer: Stage[]): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const before = new Map(older.map((s) => [s.name, s]));
  const after = new Map(newer.map((s) => [s.name, s]));
  for (const s of newer) {
    const old = before.get(s.name);
    if (!old) {
      changes.push({ area: 'stages', kind: 'added', text: `new stage: ${s.name} (owned by ${ownerWords[s.owner]})` });
      continue;
    }
    if (old.owner !== s.owner) changes.push({ area: 'stages', kind: 'changed', text: `stage ${s.name} now owned by ${ownerWords[s.owner]} (was ${ownerWords[old.owner]})` });
    if (old.entry !== s.entry) changes.push({ area: 'stages', kind: 'changed', text: `stage ${s.name}: entry criteria now “${s.entry}”` });
  }
  for (const s of older) if (!after.has(s.name)) changes.push({ area: 'stages', kind: 'removed', text: `removed stage: ${s.name}` });
  const kept = (list: Stage[], other: Map<string, Stage>) => list.filter((s) => other.has(s.name)).map((s) => s.name);
  if (!same(kept(older, after), kept(newer, before))) {
    changes.push({ area: 'stages', kind: 'changed', text: `stages reordered: ${newer.map((s) => s.name).join(' → ')}` });
  }
  return changes;
}

/** Every change from `older` to `newer`, in the order a reader cares about. */
export function diffDefinitions(older: LeadDefinition, newer: LeadDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  if (older.threshold !== newer.threshold) {
    changes.push({ area: 'threshold', kind: 'changed', text: `threshold ${older.threshold} → ${newer.threshold}` });
  }
  changes.push(...criteriaChanges('disqualifiers', older.disqualifiers, newer.disqualifiers));
  changes.push(...criteriaChanges('criteria', older.criteria, newer.criteria));
  changes.push(...stageChanges(older.stages, newer.stages));
  if (older.sla.acceptWithinHours !== newer.sla.acceptWithinHours) {
    changes.push({ area: 'sla', kind: 'changed', text: `Sales accepts or returns an MQL within ${older.sla.acceptWithinHours} h → ${newer.sla.acceptWithinHours} h` });
  }
  if (older.sla.minAttempts !== newer.sla.minAttempts) {
    changes.push({ area: 'sla', kind: 'changed', text: `attempts before “unable to reach” ${older.sla.minAttempts} → ${newer.sla.minAttempts}` });
  }
  if (older.sla.notes !== newer.sla.notes) changes.push({ area: 'sla', kind: 'changed', text: 'service-level notes changed' });
  if (older.name !== newer.name) changes.push({ area: 'name', kind: 'changed', text: `renamed “${older.name}” → “${newer.name}”` });
  if (older.notes !== newer.notes) changes.push({ area: 'notes', kind: 'changed', text: 'notes changed' });
  return changes;
}

/** The first few changes in one line, for a notice: “threshold 60 → 70; new disqualifier: …; and 2 more”. */
export function summariseChanges(changes: DefinitionChange[], max = 3): string {
  if (changes.length === 0) return 'no change to the rules';
  const shown = changes.slice(0, max).map((c) => c.text);
  const rest = changes.length - shown.length;
  return shown.join('; ') + (rest > 0 ? `; and ${rest} more ${rest === 1 ? 'change' : 'changes'}` : '');
}
