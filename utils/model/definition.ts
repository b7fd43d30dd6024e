import { z } from 'zod';
import { Id, Label, RecordBase, Text, Timestamp } from './common';
import { countryCode } from '../facts/vocabulary';
import { ContactField } from './contact';
import { patternMaxLength, patternProblem } from '../pattern';

export const CriterionOp = z.enum([
  'equals',
  'in',
  'notIn',
  'contains',
  'matches',
  'between',
  'atLeast',
  'atMost',
  'exists',
]);
export type CriterionOp = z.infer<typeof CriterionOp>;

/** A field of the contact, or `custom:<key>` for a team's own field. */
export const CriterionField = z.union([
  ContactField,
  z.string().regex(/^custom:[\w.-]{1,60}$/, 'Custom fields are written custom:<key>'),
]);
export type CriterionField = z.infer<typeof CriterionField>;

/** A value, and so a pattern, is at most 300 characters. */
const Scalar = z.union([z.string().max(patternMaxLength), z.number()]);

/** The value an operator compares with; its shape depends on the operator. */
export const CriterionValue = z.union([
  Scalar,
  z.array(Scalar).max(200),
  z.tuple([z.number(), z.number()]),
  z.null(),
]);

export const Criterion = z
  .object({
    id: Id,
    label: Label,
    field: CriterionField,
    op: CriterionOp,
    value: CriterionValue,
    weight: z.number().int().min(0).max(100).default(10),
    /**
     * What a `matches` pattern means, in plain words Marketing writes and Sales reads instead
     * of the pattern: it finishes the sentence “Title …”, as in “names a buying role (head,
     * director, VP, chief, manager)”. Optional: criteria saved before it existed have none.
     */
    description: z.string().trim().max(200).optional(),
  })
  .overwrite(migrateCriterion)
  .superRefine((c, ctx) => {
    const problem = c.op === 'matches' ? storedPatternProblem(c.value) : criterionValueProblem(c.op, c.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type Criterion = z.infer<typeof Criterion>;

/** Custom field names that earlier versions (and the first demo) used for the lead source. */
const LEAD_SOURCE_KEYS = new Set(['custom:lead_source', 'custom:leadSource', 'custom:lead-source', 'custom:leadsource']);

/**
 * Criteria written by an older version read as today's: the lead source has its own field
 * (it was a custom field while `source` named the host), and countries are ISO codes (they
 * were names). Applied on every parse, so stored definitions and campaigns migrate as they
 * are read, on the server and in every install.
 */
function migrateCriterion<C extends { field: string; value: unknown }>(c: C): C {
  const field = LEAD_SOURCE_KEYS.has(c.field) ? 'leadSource' : c.field;
  const code = (v: unknown) => (typeof v === 'string' ? (countryCode(v) ?? v) : v);
  const value = field === 'country' ? (Array.isArray(c.value) ? c.value.map(code) : code(c.value)) : c.value;
  return field === c.field && value === c.value ? c : { ...c, field, value };
}

/** Says what is wrong with a value for an operator, in words, or null when it fits. */
export function criterionValueProblem(op: CriterionOp, value: unknown): string | null {
  switch (op) {
    case 'exists':
      return null;
    case 'in':
    case 'notIn':
      return Array.isArray(value) && value.length > 0 ? null : 'List at least one value.';
    case 'between':
      return Array.isArray(value) &&
        value.length === 2 &&
        typeof value[0] === 'number' &&
        typeof value[1] === 'number' &&
        value[0] <= value[1]
        ? null
        : 'Give a lower and an upper number, lower first.';
    case 'atLeast':
    case 'atMost':
      return typeof value === 'number' ? null : 'Give a number.';
    case 'matches':
      return typeof value === 'string' && value !== '' ? patternProblem(value) : 'Give a pattern.';
    case 'equals':
    case 'contains':
      return typeof value === 'string' || typeof value === 'number'
        ? value === ''
          ? 'Give a value.'
          : null
        : 'Give one value.';
  }
}

/**
 * The pattern check of `Criterion` itself, which reads stored definitions and campaigns as
 * well as checking new ones: looser than what may be published. Patterns ran on JavaScript's
 * RegExp until issue 16 and run on RE2 since; a definition published before may hold a
 * pattern JavaScript took and RE2 does not (a look-ahead, `\1`, `\u00e9`). Rejecting it
 * here would make the whole stored definition unreadable (parseRecord skips it, the sidebar
 * would lose every criterion), so it still parses, and evaluateFit shows that one criterion
 * as unknown. What is published from now on is held to RE2 by `publishablePatterns` in the
 * `definition.publish` and `campaign.put` mutators and by the editors (criterionValueProblem).
 *
 * JavaScript's RegExp only parses the pattern here, to accept exactly what was accepted
 * before; nothing ever runs it against text.
 */
function storedPatternProblem(value: unknown): string | null {
  const problem = criterionValueProblem('matches', value);
  if (!problem || typeof value !== 'string' || value === '' || value.length > patternMaxLength) return problem;
  try {
    new RegExp(value, 'i');
    return null;
  } catch {
    return problem;
  }
}

/**
 * A refinement for what is published: each `matches` criterion in the named lists must be a
 * pattern RE2 runs, or the issue says in words what to change (at `<list>.<i>.value`, where
 * the editors show it).
 */
export function publishablePatterns<K extends string>(...lists: K[]) {
  return (doc: { [list in K]: readonly Pick<Criterion, 'op' | 'value'>[] }, ctx: z.RefinementCtx): void => {
    for (const list of lists) {
      doc[list].forEach((c, i) => {
        const problem = c.op === 'matches' ? criterionValueProblem(c.op, c.value) : null;
        if (problem) ctx.addIssue({ code: 'custom', path: [list, i, 'value'], message: problem });
      });
    }
  };
}

export const Stage = z.object({
  name: Label,
  owner: z.enum(['marketing', 'sales', 'joint']),
  entry: Text,
});
export type Stage = z.infer<typeof Stage>;

export const Sla = z.object({
  /** Sales accepts or returns an MQL within this many hours. */
  acceptWithinHours: z.number().int().positive().max(24 * 90),
  /** Attempts to reach a lead before "unable to reach" may be given. */
  minAttempts: z.number().int().min(0).max(50),
  notes: Text.default(''),
});
export type Sla = z.infer<typeof Sla>;

/** One published version of the shared lead definition. Every version is kept. */
export const LeadDefinition = RecordBase.extend({
  name: Label,
  /** 1, 2, 3...: the published version number. */
  number: z.number().int().positive(),
  criteria: z.array(Criterion).max(100),
  disqualifiers: z.array(Criterion).max(100),
  /** Score (sum of the weights of passed criteria) that makes a fit. */
  threshold: z.number().int().min(0).max(10_000),
  stages: z.array(Stage).max(20),
  sla: Sla,
  notes: Text.default(''),
  changeNote: Text.default(''),
  publishedAt: Timestamp,
  publishedBy: z.string().max(200),
});
export type LeadDefinition = z.infer<typeof LeadDefinition>;
