import { demoWorkspace } from '../demo';
import type { LeadDefinition } from '../model';
import { basedOnLatest, definitionFormFrom, type DefinitionDraft, type DefinitionForm } from './definition';

/**
 * "Start from the example definition": the demo workspace's lead definition as a draft of a
 * first version, so a new workspace has something sound to edit within a minute. Nothing
 * here publishes: the draft is the editor's, to change and publish like any other.
 */

/** The demo workspace's lead definition (the example a first definition may start from). */
export function exampleDefinition(now: Date = new Date()): LeadDefinition {
  const found = demoWorkspace(now).records.find((r) => r.type === 'definition');
  if (!found) throw new Error('The demo workspace has no lead definition.');
  return found.record as LeadDefinition;
}

/**
 * The example as a form: everything it says (name, threshold, criteria, disqualifiers, stages,
 * SLA, notes), with new ids for its criteria and stages so that each use is a definition of
 * its own, and an empty change note for the author to write.
 */
export function exampleDefinitionForm(example: LeadDefinition = exampleDefinition()): DefinitionForm {
  const form = definitionFormFrom(example);
  return {
    ...form,
    criteria: form.criteria.map((row) => ({ ...row, id: crypto.randomUUID() })),
    disqualifiers: form.disqualifiers.map((row) => ({ ...row, id: crypto.randomUUID() })),
    stages: form.stages.map((stage) => ({ ...stage, key: crypto.randomUUID() })),
    changeNote: '',
  };
}

/** A draft of version 1 filled from the example. */
export function exampleDefinitionDraft(example?: LeadDefinition): DefinitionDraft {
  return { ...basedOnLatest(undefined), form: exampleDefinitionForm(example) };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "a" or "an" before a number said aloud: an 8-hour, an 11-hour, an 18-hour, a 24-hour SLA. */
function article(n: number): string {
  const digits = String(n);
  return /^8/.test(digits) || /^1[18]$/.test(digits) || /^1[18]\d{3}$/.test(digits) ? 'an' : 'a';
}

/** What the example holds, in one sentence for the offer. */
export function exampleSummary(example: LeadDefinition = exampleDefinition()): string {
  const { stages, sla } = example;
  const stageWords =
    stages.length === 0 ? 'no stages' : stages.length === 1 ? `1 stage (${stages[0]!.name})` : `${stages.length} stages from ${stages[0]!.name} to ${stages.at(-1)!.name}`;
  return (
    `“${example.name}”: ${plural(example.criteria.length, 'criterion', 'criteria')}, ` +
    `${plural(example.disqualifiers.length, 'disqualifier', 'disqualifiers')}, ${stageWords} ` +
    `and ${article(sla.acceptWithinHours)} ${sla.acceptWithinHours}-hour SLA. Edit anything before you publish.`
  );
}

/** The start form's text, without the stages' keys (new ones each time). */
function startText(form: DefinitionForm): string {
  return JSON.stringify({ ...form, stages: form.stages.map(({ name, owner, entry }) => ({ name, owner, entry })) });
}

/**
 * Whether a form of a first version is still as the editor started it: nothing typed, no
 * criterion or disqualifier added, the usual stages and SLA untouched. Only then is the
 * example offered, so it never replaces anything the author wrote.
 */
export function isUntouchedStart(form: DefinitionForm): boolean {
  return startText(form) === startText(definitionFormFrom(undefined));
}
