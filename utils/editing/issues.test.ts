import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Campaign, DateOnly, HttpUrl, Label } from '../model';
import { addProblem, fixProblemsMessage, humanMessage, mapIssues, problemCount } from './issues';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a problem');
  return parsed.error.issues;
};

describe('humanMessage', () => {
  it.each([
    ['an empty label', Label, '  ', 'Fill this in.'],
    ['a long label', Label, 'x'.repeat(201), 'Use at most 200 characters.'],
    ['a word for a number', z.number(), 'ten', 'Give a number.'],
    ['a missing number', z.number(), undefined, 'Give a number.'],
    ['a fraction for a whole number', z.number().int(), 1.5, 'Give a whole number.'],
    ['a negative count', z.number().int().min(0), -1, 'Give 0 or more.'],
    ['zero hours', z.number().positive(), 0, 'Give a number above 0.'],
    ['too many hours', z.number().max(2160), 3000, 'Give 2160 or less.'],
    ['a bad date', DateOnly, '2026-13-01', 'Give a date (YYYY-MM-DD).'],
    ['a javascript: link', HttpUrl, 'javascript:alert(1)', 'Give a link that starts with http:// or https://.'],
    ['an unknown choice', z.enum(['a', 'b']), 'c', 'Pick one of the choices.'],
    ['a bad domain (the model says it best)', Campaign.shape.targetAccounts.element, 'not a domain', 'Write a domain like example.com'],
    ['too many items', z.array(z.string()).max(2), ['a', 'b', 'c'], 'Too many: at most 2.'],
  ])('says %s plainly', (_what, schema, value, message) => {
    expect(humanMessage(issuesOf(schema, value)[0]!)).toBe(message);
  });
});

describe('mapIssues', () => {
  const schema = z.object({
    doc: z.object({
      name: Label,
      assets: z.array(z.object({ label: Label, url: HttpUrl })).max(2),
      sla: z.object({ hours: z.number() }),
      id: z.uuid(),
    }),
  });

  it('puts each problem beside the field whose path it has, with indices filled in', () => {
    const issues = issuesOf(schema, { doc: { name: '', assets: [{ label: 'ok', url: 'https://a.com' }, { label: '', url: 'ftp://x' }], sla: { hours: 'x' }, id: 'nope' } });
    const mapped = mapIssues(issues, ['name', 'assets', 'assets.*.label', 'assets.*.url', 'sla.hours'], { strip: ['doc'] });
    expect(mapped.fields).toEqual({
      name: 'Fill this in.',
      'assets.1.label': 'Fill this in.',
      'assets.1.url': 'Give a link that starts with http:// or https://.',
      'sla.hours': 'Give a number.',
    });
    expect(mapped.other).toEqual(['This id is not valid.']);
    expect(problemCount(mapped)).toBe(5);
  });

  it('falls back to the list when no pattern names the item, and keeps only the first problem of a field', () => {
    const issues = issuesOf(schema, { doc: { name: 'x', assets: [1, 2, 3], sla: { hours: 1 }, id: crypto.randomUUID() } });
    const mapped = mapIssues(issues, ['assets'], { strip: ['doc'] });
    expect(Object.keys(mapped.fields)).toEqual(['assets']);
    expect(mapped.other).toEqual([]);
  });

  it('lets the caller describe a problem, and add its own', () => {
    const issues = issuesOf(schema, { doc: { name: '', assets: [], sla: { hours: 1 }, id: crypto.randomUUID() } });
    const mapped = mapIssues(issues, ['name', 'assets'], { strip: ['doc'], describe: (_i, key) => (key === 'name' ? 'Name the campaign.' : undefined) });
    addProblem(mapped, 'name', 'ignored: name has a problem already');
    addProblem(mapped, 'assets', 'Add an asset.');
    addProblem(mapped, 'owner', null);
    expect(mapped.fields).toEqual({ name: 'Name the campaign.', assets: 'Add an asset.' });
  });
});

describe('fixProblemsMessage', () => {
  it('counts the problems', () => {
    expect(fixProblemsMessage(3)).toBe('Fix the 3 problems above.');
    expect(fixProblemsMessage(1)).toBe('Fix the 1 problem above.');
  });
});
