import type { z } from 'zod';

/** A zod issue, as `safeParse(...).error.issues` gives them. */
export type Issue = z.core.$ZodIssue;

/** Errors by field key: the args path of the field, `criteria.2.value`, `sla.minAttempts`. */
export type FieldErrors = Record<string, string>;

export interface MappedIssues {
  /** The first problem of each field, in words, keyed by the field's path. */
  fields: FieldErrors;
  /** Problems that belong to no field on the form. */
  other: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * An issue in words a person can act on. The model's own messages ("Write a domain like
 * example.com", "Give a number.") are kept; zod's defaults ("Too small: expected string to
 * have >=1 characters") are said plainly.
 */
export function humanMessage(issue: Issue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'Fill this in.' : `Use at least ${plural(min, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Add at least ${min}.`;
      return issue.inclusive === false ? `Give a number above ${min}.` : `Give ${min} or more.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Use at most ${plural(max, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Too many: at most ${max}.`;
      return issue.inclusive === false ? `Give a number below ${max}.` : `Give ${max} or less.`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return 'Give a whole number.';
      if (issue.expected === 'number') return 'Give a number.';
      if (issue.expected === 'string') return 'Fill this in.';
      return 'This value is not valid.';
    case 'not_multiple_of':
      return `Give a multiple of ${String(issue.divisor)}.`;
    case 'invalid_format':
      switch (issue.format) {
        case 'date':
          return 'Give a date (YYYY-MM-DD).';
        case 'url':
          return 'Give a link that starts with http:// or https://.';
        case 'email':
          return 'Give an email address.';
        case 'uuid':
          return 'This id is not valid.';
        default:
          // A pattern with its own message says what it wants; zod's default does not.
          return /^Invalid/.test(issue.message) ? 'This is not in the expected form.' : issue.message;
      }
    case 'invalid_value':
      return 'Pick one of the choices.';
    case 'invalid_union':
      return 'This value is not valid.';
    default:
      return issue.message;
  }
}

/** Does `pattern` (`criteria.*.value`) cover the start of `path`? Returns the concrete key, or undefined. */
function matchPattern(pattern: readonly string[], path: readonly PropertyKey[]): string | undefined {
  if (pattern.length > path.length) return undefined;
  const key: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const actual = path[i];
    if (part === '*' ? typeof actual !== 'number' : String(actual) !== part) return undefined;
    key.push(String(actual));
  }
  return key.join('.');
}

export interface MapOptions {
  /** Leading path segments that are not on the form (`doc` in `{doc, baseVersion}`). */
  strip?: readonly string[];
  /** Rewrites an issue's message for its field, or undefined to keep `humanMessage`. */
  describe?: (issue: Issue, key: string) => string | undefined;
}

/**
 * Puts each issue beside the field that caused it: the longest of `patterns` (paths with `*`
 * for an index, like `assets.*.url`) that starts the issue's path. An issue that matches
 * no pattern is kept in `other`. Only a field's first problem is kept.
 */
export function mapIssues(issues: readonly Issue[], patterns: readonly string[], options: MapOptions = {}): MappedIssues {
  const split = patterns.map((p) => p.split('.')).sort((a, b) => b.length - a.length);
  const strip = options.strip ?? [];
  const mapped: MappedIssues = { fields: {}, other: [] };
  for (const issue of issues) {
    const path = strip.every((s, i) => String(issue.path[i]) === s) ? issue.path.slice(strip.length) : issue.path;
    let key: string | undefined;
    for (const pattern of split) {
      key = matchPattern(pattern, path);
      if (key !== undefined) break;
    }
    const message = (key !== undefined && options.describe?.(issue, key)) || humanMessage(issue);
    if (key === undefined) {
      if (!mapped.other.includes(message)) mapped.other.push(message);
    } else {
      mapped.fields[key] ??= message;
    }
  }
  return mapped;
}

/** Adds a problem for a field unless it already has one. */
export function addProblem(mapped: MappedIssues, key: string, message: string | null | undefined): void {
  if (message) mapped.fields[key] ??= message;
}

/** How many problems the form has: one per field, plus those beside no field. */
export function problemCount(mapped: MappedIssues): number {
  return Object.keys(mapped.fields).length + mapped.other.length;
}

/** What the save button says when the form has problems. */
export function fixProblemsMessage(count: number): string {
  return count === 1 ? 'Fix the 1 problem above.' : `Fix the ${count} problems above.`;
}
