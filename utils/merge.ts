import { describeRule } from './fit';
import type { Criterion, RecordType } from './model';

/**
 * Resolving a conflict: someone changed a document (definition, campaign, play, goal) while
 * you edited it, and the server refused your edit. You see both versions field by field and
 * keep yours (sent again on their version), take theirs, or pick per field.
 */

export type EditableType = Extract<RecordType, 'definition' | 'campaign' | 'play' | 'goal'>;
export type Side = 'mine' | 'theirs';

/** The fields a person edits, with their names in words, per document type. */
export const editableFields: Record<EditableType, Record<string, string>> = {
  definition: {
    name: 'Name',
    threshold: 'Threshold',
    criteria: 'Criteria',
    disqualifiers: 'Disqualifiers',
    stages: 'Stages',
    sla: 'Service level',
    notes: 'Notes',
    changeNote: 'Change note',
  },
  campaign: {
    name: 'Name',
    product: 'Product',
    status: 'Status',
    startsOn: 'Starts on',
    endsOn: 'Ends on',
    audience: 'Audience',
    targetAccounts: 'Target accounts',
    utmCampaign: 'UTM campaign',
    talkingPoints: 'Talking points',
    offer: 'Offer',
    assets: 'Assets',
    owner: 'Owner',
  },
  play: { name: 'Name', product: 'Product', startsOn: 'Starts on', endsOn: 'Ends on', pitch: 'Pitch', owner: 'Owner' },
  goal: {
    name: 'Name',
    owner: 'Owner',
    metric: 'Metric',
    target: 'Target',
    periodStart: 'Period starts',
    periodEnd: 'Period ends',
    dependsOn: 'Depends on',
  },
};

export interface FieldDifference {
  field: string;
  label: string;
  mine: unknown;
  theirs: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields where the two versions differ, in the order of `editableFields`. */
export function differingFields(type: EditableType, mine: Record<string, unknown>, theirs: Record<string, unknown>): FieldDifference[] {
  return Object.entries(editableFields[type]).flatMap(([field, label]) =>
    same(mine[field], theirs[field]) ? [] : [{ field, label, mine: mine[field], theirs: theirs[field] }],
  );
}

/**
 * Their version with the fields chosen as `mine` taken from mine. Fields not named in
 * `choices` come from theirs; fields no person edits (id, version...) always come from theirs.
 */
export function mergeFields<T extends Record<string, unknown>>(
  type: EditableType,
  mine: Record<string, unknown>,
  theirs: T,
  choices: Record<string, Side>,
): T {
  const merged: Record<string, unknown> = { ...theirs };
  for (const field of Object.keys(editableFields[type])) {
    if (choices[field] !== 'mine') continue;
    if (mine[field] === undefined) delete merged[field];
    else merged[field] = mine[field];
  }
  return merged as T;
}

const isCriterion = (v: unknown): v is Criterion =>
  typeof v === 'object' && v !== null && 'field' in v && 'op' in v && 'label' in v;

/** A field's value in words, one line per item for lists. */
export function describeValue(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return ['(empty)'];
  if (Array.isArray(value)) {
    if (value.length === 0) return ['(none)'];
    return value.map((item) => {
      // Only Marketing edits these documents, so a pattern is shown beside its words: two versions may differ in it alone.
      if (isCriterion(item)) return `${item.label}: ${describeRule(item)}${item.op === 'matches' ? `, pattern ${String(item.value)}` : ''}${item.weight ? ` (${item.weight} pts)` : ''}`;
      if (typeof item === 'object' && item !== null) {
        const o = item as Record<string, unknown>;
        if ('url' in o) return `${String(o.label)} (${String(o.url)})`;
        if ('owner' in o && 'name' in o) return `${String(o.name)} (${String(o.owner)}): ${String(o.entry ?? '')}`;
        return JSON.stringify(item);
      }
      return String(item);
    });
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('acceptWithinHours' in o) {
      return [`Accept or return within ${String(o.acceptWithinHours)} h`, `${String(o.minAttempts)} attempts before “unable to reach”`, ...(o.notes ? [String(o.notes)] : [])];
    }
    return [JSON.stringify(value)];
  }
  return [String(value)];
}

export interface ConflictInput {
  /** The refused mutation's name and args, as queued. */
  name: string;
  args: unknown;
  /** The server's document as it now stands. */
  current?: { type: string; record: unknown };
}

export interface ConflictSides {
  type: EditableType;
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
}

const editableOf: Record<string, EditableType> = {
  'definition.publish': 'definition',
  'campaign.put': 'campaign',
  'play.put': 'play',
  'goal.put': 'goal',
};

/** Whether a mutation of that name edits a document (so a refused one can be compared and merged). */
export function isDocumentEdit(name: string): boolean {
  return Object.hasOwn(editableOf, name);
}

/** The two versions in a refused edit, or undefined when it is not an edit of a document. */
export function conflictSides(conflict: ConflictInput): ConflictSides | undefined {
  const type = editableOf[conflict.name];
  const record = conflict.current?.record;
  if (!type || typeof record !== 'object' || record === null || typeof conflict.args !== 'object' || conflict.args === null) return undefined;
  const args = conflict.args as Record<string, unknown>;
  const mine = (type === 'definition' ? args : args.doc) as Record<string, unknown> | undefined;
  if (!mine || typeof mine !== 'object') return undefined;
  return { type, mine, theirs: record as Record<string, unknown> };
}

/**
 * The mutation that saves `doc` on top of the server's current version: the same change,
 * now based on what the server has, so it applies unless someone changes it yet again.
 */
export function resend(conflict: ConflictInput, doc: Record<string, unknown>, newId: () => string = () => crypto.randomUUID()): { name: string; args: unknown } {
  const sides = conflictSides(conflict);
  if (!sides) throw new Error('This change is not an edit of a document.');
  const theirs = sides.theirs;
  if (sides.type === 'definition') {
    const { version: _v, deleted: _d, updatedAt: _u, rev: _r, number: _n, publishedAt: _p, publishedBy: _b, basedOn: _o, basedOnId: _i, ...draft } = doc;
    return { name: conflict.name, args: { ...draft, id: newId(), basedOn: theirs.number, basedOnId: theirs.id } };
  }
  const { version: _v, deleted: _d, updatedAt: _u, rev: _r, ...rest } = doc;
  return { name: conflict.name, args: { doc: { ...rest, id: theirs.id }, baseVersion: theirs.version, baseRev: theirs.rev ?? null, rev: newId() } };
}
