import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoWorkspace } from './demo';
import { campaignFormFrom, checkCampaign } from './editing/documents';
import { checkDefinition } from './editing/definition';
import { exampleDefinition, exampleDefinitionForm } from './editing/example';
import { type Campaign, type LeadDefinition } from './model';
import { MutationError } from './mutators';
import {
  compilePattern,
  invalidMessage,
  lookaroundMessage,
  patternMaxLength,
  patternProblem,
  repeatMessage,
  tooLongMessage,
  unicodeEscapeMessage,
  type Pattern,
} from './pattern';
import { mutate } from './store/mutate';
import { listRecords } from './store/records';
import { openActiveWorkspace } from './store/workspaces';

/** The compiled pattern, failing the test when Tandem cannot run it. */
function compiled(source: string): Pattern {
  const result = compilePattern(source);
  if ('error' in result) throw new Error(`${source}: ${result.error}`);
  return result;
}

/** How long `f` takes, in milliseconds. */
function timed(f: () => void): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

describe('compilePattern: time linear in the text, whatever the pattern', () => {
  // Nested repeats: JavaScript's RegExp tries every way of splitting a run of letters among the
  // groups before it gives up. On this repo's machine (Node 20) the 30-character title below
  // took 2.5 s, and one character shorter 13.6 s from cold; each extra letter doubles it, so the
  // 10,000-character one would never finish. RE2 takes about a millisecond for either.
  const nested = '^(\\w+\\s?)+$';
  const title30 = 'SeniorVicePresidentGlobalSale.';
  const title10k = `${'Director of Global Sales '.repeat(400)}.`.slice(-10_000);

  it.each([
    ['30', title30],
    ['10,000', title10k],
  ])('does not backtrack on a %s-character title that almost matches', (_, title) => {
    let found: boolean | undefined;
    const ms = timed(() => (found = compiled(nested).test(title)));
    expect(found).toBe(false);
    expect(ms).toBeLessThan(200);
  });

  it('still matches what the pattern describes', () => {
    expect(title30).toHaveLength(30);
    expect(title10k).toHaveLength(10_000);
    expect(compiled(nested).test('Director of Global Sales')).toBe(true);
    expect(compiled(nested).test(title10k.slice(0, -1).trim())).toBe(true);
  });
});

describe('compilePattern: patterns Marketing wrote before behave the same', () => {
  it.each<[string, string, boolean]>([
    ['vp', 'VP of Sales', true],
    ['^HEAD of', 'head of operations', true],
    ['\\bcto\\b', 'Interim CTO', true],
    ['\\bcto\\b', 'Doctor', false],
  ])('ignores case: %s in “%s” is %s', (source, text, found) => {
    expect(compiled(source).test(text)).toBe(found);
  });

  const definitions: [string, LeadDefinition][] = [
    ['the demo definition', demoWorkspace().records.find((r) => r.type === 'definition')!.record as LeadDefinition],
    ['the example definition', exampleDefinition()],
  ];
  const texts = [
    'Head of Operations',
    'VP Sales',
    'Vice President, EMEA',
    'Chief Revenue Officer',
    'Sales Manager',
    'Headhunter',
    'Intern',
    'dana@uni.edu',
    'sam@cam.ac.uk',
    'sam@ox.AC.UK',
    'dana@contoso.com',
    'edu@contoso.com',
    'x@uni.edu.au',
  ];

  it.each(definitions)('runs every pattern of %s, as JavaScript did', (_, definition) => {
    const patterns = [...definition.criteria, ...definition.disqualifiers].filter((c) => c.op === 'matches').map((c) => String(c.value));
    expect(patterns.length).toBeGreaterThanOrEqual(2);
    for (const source of patterns) {
      // These patterns are safe to run on JavaScript's RegExp: it is the reference here.
      const before = new RegExp(source, 'i');
      for (const text of texts) expect([source, text, compiled(source).test(text)]).toEqual([source, text, before.test(text)]);
    }
  });

  it('reads the demo patterns as Marketing meant them', () => {
    const [buyingRole, academic] = ['\\b(head|director|vp|vice president|chief|manager)\\b', '\\.(edu|ac\\.[a-z]{2})$'];
    expect(['Head of Operations', 'VP Sales', 'Vice President, EMEA'].map((t) => compiled(buyingRole).test(t))).toEqual([true, true, true]);
    expect(['Headhunter', 'Intern'].map((t) => compiled(buyingRole).test(t))).toEqual([false, false]);
    expect(['dana@uni.edu', 'sam@cam.ac.uk', 'dana@contoso.com', 'x@uni.edu.au'].map((t) => compiled(academic).test(t))).toEqual([true, true, false, false]);
  });

  it('reads a no-break space in page text as the space it looks like, as JavaScript’s \\s did', () => {
    expect(compiled('vp\\s+sales').test('VP\u00a0Sales')).toBe(true);
    expect(compiled('^vp sales$').test('VP\u202fSales')).toBe(true);
    expect(compiled('vp\\S+').test('VP\u00a0Sales')).toBe(false);
  });
});

describe('compilePattern: what RE2 cannot run is said in words', () => {
  it.each([
    ['a back-reference', '(a)\\1'],
    ['a named back-reference', '(?<x>a)\\k<x>'],
    ['a look-ahead', '(?=x)'],
    ['a negative look-ahead', '^(?!intern)'],
    ['a look-behind', '(?<=vp )sales'],
    ['a negative look-behind', '(?<!assistant )manager'],
  ])('%s: says to write the alternatives out', (_, source) => {
    expect(compilePattern(source)).toEqual({ error: lookaroundMessage });
    expect(lookaroundMessage).toMatch(/look-ahead.*back-references \(\\1\).*write the alternatives out/);
  });

  it.each([
    ['a \\u escape', '\\u00e9', unicodeEscapeMessage],
    ['a repeat over 1000', 'a{1001}', repeatMessage],
    ['repeats that multiply past what RE2 takes', '(\\w{1,1000}){1,1000}', repeatMessage],
    ['an unclosed group', '(head|director', invalidMessage],
    ['a lone bracket', '[a-', invalidMessage],
  ])('%s', (_, source, message) => {
    expect(patternProblem(source)).toBe(message);
  });

  it('names no engine internals', () => {
    for (const message of [lookaroundMessage, unicodeEscapeMessage, repeatMessage, invalidMessage, tooLongMessage]) {
      expect(message).not.toMatch(/RE2|Perl|escape sequence|regexp|syntax/i);
    }
  });

  it('runs what the messages suggest instead', () => {
    expect(compiled('\\x{00E9}').test('Café')).toBe(true);
    expect(compiled('(head|director) of').test('Director of Sales')).toBe(true);
  });

  it(`takes up to ${patternMaxLength} characters`, () => {
    expect(patternProblem('a'.repeat(patternMaxLength))).toBeNull();
    expect(patternProblem('a'.repeat(patternMaxLength + 1))).toBe(tooLongMessage);
  });
});

describe('publishing a pattern RE2 cannot run', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  /** The demo definition with its first pattern replaced by `source`. */
  async function withPattern(source: string) {
    const ws = await openActiveWorkspace();
    const [definition] = (await listRecords(ws.db, 'definition')).records;
    const { version: _v, deleted: _d, updatedAt: _u, number, publishedAt: _p, publishedBy: _b, ...draft } = definition!;
    const i = draft.criteria.findIndex((c) => c.op === 'matches');
    const criteria = draft.criteria.map((c, j) => (j === i ? { ...c, value: source } : c));
    return { ws, i, args: { ...draft, criteria, id: crypto.randomUUID(), basedOn: number } };
  }

  it('is refused by definition.publish with the message in words, and nothing is stored', async () => {
    const { ws, i, args } = await withPattern('^(?!intern)');
    const before = await ws.db.getAll('records');
    const error = await mutate(ws.db, ws.info.id, 'definition.publish', args, ws.info.member).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MutationError);
    expect(error).toMatchObject({ code: 'invalid', message: `criteria.${i}.value: ${lookaroundMessage}` });
    expect(await ws.db.getAll('records')).toEqual(before);
    expect(await ws.db.getAll('outbox')).toEqual([]);
  });

  it('is published once rewritten', async () => {
    const { ws, args } = await withPattern('^(head|director|vp) of');
    await mutate(ws.db, ws.info.id, 'definition.publish', args, ws.info.member);
    expect((await listRecords(ws.db, 'definition')).records).toHaveLength(2);
  });

  it('is shown by the definition editor beside the pattern', () => {
    const form = exampleDefinitionForm();
    const i = form.criteria.findIndex((r) => r.op === 'matches');
    form.criteria[i] = { ...form.criteria[i]!, text: '(a)\\1' };
    expect(checkDefinition({ basedOn: null, form }, crypto.randomUUID()).problems.fields).toEqual({ [`criteria.${i}.value`]: lookaroundMessage });
    form.criteria[i] = { ...form.criteria[i]!, text: '(a)a' };
    expect(checkDefinition({ basedOn: null, form }, crypto.randomUUID()).args).toBeDefined();
  });

  it('in a campaign audience is refused by campaign.put and shown by the campaign editor', async () => {
    const ws = await openActiveWorkspace();
    const [campaign] = (await listRecords(ws.db, 'campaign')).records;
    const { version, deleted: _d, updatedAt: _u, ...doc } = campaign!;
    const audience = [{ id: crypto.randomUUID(), label: 'Not an assistant', field: 'title', op: 'matches', value: '(?<!assistant )manager', description: 'is a manager', weight: 10 }] as Campaign['audience'];
    const error = await mutate(ws.db, ws.info.id, 'campaign.put', { doc: { ...doc, audience }, baseVersion: version }, ws.info.member).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid', message: `doc.audience.0.value: ${lookaroundMessage}` });
    const checked = checkCampaign({ baseVersion: version, form: campaignFormFrom({ ...campaign!, audience }) });
    expect(checked.problems.fields).toEqual({ 'audience.0.value': lookaroundMessage });
  });
});
