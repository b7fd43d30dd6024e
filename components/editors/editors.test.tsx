// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { act, createElement, type FunctionComponent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoIds } from '../../utils/demo';
import { MutationError } from '../../utils/mutators';
import { listRecords, mutate, openActiveWorkspace, type Workspace } from '../../utils/store';
import { CampaignsEditor, DefinitionEditor, GoalsEditor, PlaysEditor, type EditorProps } from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let workspace: Workspace;
let container: HTMLElement;
let root: Root | undefined;
let writes: { name: string; args: unknown }[];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  workspace = await openActiveWorkspace();
  container = document.createElement('div');
  document.body.append(container);
  writes = [];
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  container.remove();
  workspace.db.close();
});

const write = async (name: string, args: unknown) => {
  writes.push({ name, args });
  await mutate(workspace.db, workspace.info.id, name, args, workspace.info.member);
};

async function settle(ms = 30) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

async function render(component: FunctionComponent<EditorProps>, props: Partial<EditorProps> = {}) {
  root = createRoot(container);
  await act(async () => root!.render(createElement(component, { workspace, canEdit: true, write, ...props })));
  await eventually(() => {
    if (text().includes('Loading…')) throw new Error('still loading');
  });
}

async function remount(component: FunctionComponent<EditorProps>, props: Partial<EditorProps> = {}) {
  await act(async () => root!.unmount());
  await render(component, props);
}

/** The control labelled exactly `text` (by <label for>), inside `scope`. */
function field(text: string, scope: ParentNode = container): HTMLInputElement {
  const label = [...scope.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`No field labelled “${text}”`);
  return document.getElementById(label.htmlFor) as HTMLInputElement;
}

/** The “Depends on” checkbox of the goal with that name. */
function dependsOnBox(name: string): HTMLInputElement {
  const label = [...container.querySelectorAll<HTMLLabelElement>('label.choice')].find((l) => l.textContent?.trim() === name);
  if (!label) throw new Error(`No “Depends on” choice ${name}`);
  return label.querySelector('input')!;
}

function button(text: string | RegExp, scope: ParentNode = container): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => (typeof text === 'string' ? b.textContent?.trim() === text : text.test(b.textContent ?? '')));
  if (!found) throw new Error(`No button “${String(text)}”`);
  return found;
}

/** The fieldset whose legend says `name`. */
function group(name: string): HTMLFieldSetElement {
  const legend = [...container.querySelectorAll('legend')].find((l) => l.textContent?.trim() === name);
  if (!legend) throw new Error(`No group “${name}”`);
  return legend.parentElement as HTMLFieldSetElement;
}

async function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  await act(async () => {
    const proto = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function click(b: HTMLButtonElement) {
  await act(async () => {
    b.click();
    await new Promise((r) => setTimeout(r, 30));
  });
}

/** Retries an assertion while the editors load and write (IndexedDB is asynchronous), up to 3 s. */
async function eventually(assertion: () => unknown | Promise<unknown>) {
  const deadline = Date.now() + 3000;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await settle(20);
    }
  }
}

function text() {
  return container.textContent ?? '';
}
const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('ed-error'))?.textContent;

describe('DefinitionEditor', () => {
  it('starts a draft from the latest version, checks it beside each field, and publishes version 2', async () => {
    await render(DefinitionEditor);
    expect(field('Name').value).toBe('Ideal customer: mid-market B2B teams');
    expect(field('Threshold').value).toBe('60');
    expect(field('Change note').value).toBe('');
    expect(group('Company of 50 to 5,000 people')).toBeTruthy();

    await type(field('Threshold'), '');
    expect(field('Threshold').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(field('Threshold'))).toBe('Give a number.');
    await click(button('Publish version 2'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Fix the 1 problem above.');
    expect(writes).toEqual([]);

    await type(field('Threshold'), '70');
    await type(field('Change note'), 'Raised the bar.');
    await click(button('Publish version 2'));
    await eventually(() => expect(writes.map((w) => w.name)).toEqual(['definition.publish']));
    const first = (await listRecords(workspace.db, 'definition')).records.find((d) => d.number === 1)!;
    expect(writes[0]!.args).toMatchObject({ basedOn: 1, basedOnId: first.id, threshold: 70, changeNote: 'Raised the bar.', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await eventually(() => expect(container.querySelector('[role="status"].ed-status')?.textContent).toBe('Published version 2'));
    const versions = (await listRecords(workspace.db, 'definition')).records.map((d) => d.number).sort();
    expect(versions).toEqual([1, 2]);
    await eventually(() => button('Publish version 3'));
    expect(field('Change note').value).toBe('');
    expect(await workspace.db.get('meta', 'draft:definition')).toBeUndefined();
  });

  it('builds a criterion row by row, with a value input that follows the operator', async () => {
    await render(DefinitionEditor);
    await click(button('Add criterion'));
    const row = group('Criterion 9');
    expect(document.activeElement).toBe(field('Label', row));
    await type(field('Label', row), 'Big enough');
    const named = group('Big enough');
    await type(field('Field', named), 'employees');
    await type(field('Operator', named), 'between');
    await type(field('From', named), '200');
    expect(errorOf(field('From', named)) ?? named.querySelector('.ed-error')?.textContent).toBe('Give a lower and an upper number, lower first.');
    await type(field('To', named), '5000');
    expect(named.querySelector('.ed-error')).toBeNull();
    expect(named.textContent).toContain('Reads: Employees is between 200 and 5000');
    await type(field('Operator', named), 'atLeast');
    expect(field('Value', named).value).toBe('200');
    await type(field('Operator', named), 'exists');
    expect(named.textContent).toContain('No value');
    await click(button('Move up', named));
    expect([...group('Criteria').querySelectorAll(':scope > fieldset > legend')].map((l) => l.textContent).slice(-2)).toEqual(['Big enough', 'Came in through a high-intent channel']);
    await click(button('Remove', group('Big enough')));
    expect(() => group('Big enough')).toThrow();
  });

  it('asks what a pattern means in words, and Sales reads those words, never the pattern', async () => {
    await render(DefinitionEditor);
    const demo = group('Title names a buying role');
    expect(field('Pattern', demo).value).toBe('\\b(head|director|vp|vice president|chief|manager)\\b');
    expect(field('Describe it in words for Sales', demo).value).toBe('names a buying role (head, director, VP, vice president, chief, manager)');
    expect(demo.textContent).toContain('Reads: Title names a buying role (head, director, VP, vice president, chief, manager)');

    await click(button('Add criterion'));
    await type(field('Label', group('Criterion 9')), 'Runs the company');
    const row = group('Runs the company');
    await type(field('Field', row), 'title');
    expect(() => field('Describe it in words for Sales', row)).toThrow();
    await type(field('Operator', row), 'matches');
    await type(field('Pattern', row), '\\b(ceo|founder)\\b');
    const words = field('Describe it in words for Sales', row);
    expect(document.getElementById(words.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(/^Finish the sentence “Title …”/);
    await click(button('Publish version 2'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Fix the 1 problem above.');
    expect(errorOf(words)).toBe('Say in words what this pattern means: Sales sees this, not the pattern.');
    expect(writes).toEqual([]);

    await type(words, '  is the CEO or a founder ');
    expect(errorOf(words)).toBeUndefined();
    expect(row.textContent).toContain('Reads: Title is the CEO or a founder');
    // Another operator needs no words: the field goes, and what was typed comes back with the pattern.
    await type(field('Operator', row), 'contains');
    expect(() => field('Describe it in words for Sales', row)).toThrow();
    await type(field('Operator', row), 'matches');
    expect(field('Describe it in words for Sales', row).value).toBe('  is the CEO or a founder ');
    await click(button('Publish version 2'));
    await eventually(() => expect(writes.map((w) => w.name)).toEqual(['definition.publish']));
    const published = (writes[0]!.args as { criteria: { label: string; description?: string }[] }).criteria;
    expect(published.find((c) => c.label === 'Runs the company')).toMatchObject({ op: 'matches', value: '\\b(ceo|founder)\\b', description: 'is the CEO or a founder' });

    await remount(DefinitionEditor, { canEdit: false });
    await eventually(() => expect(text()).toContain('Title is the CEO or a founder'));
    expect(text()).toContain('Email ends in .edu or an academic domain such as .ac.uk');
    expect(text()).not.toMatch(/\\b|ceo\|/);
  });

  it('previews the draft against the published version, marking changed verdicts', async () => {
    await render(DefinitionEditor);
    await click(button('Add disqualifier'));
    const row = group('Disqualifier 3');
    expect(field('Weight', group('Company of 50 to 5,000 people'))).toBeTruthy();
    expect(() => field('Weight', row)).toThrow();
    await type(field('Label', row), 'Outside Europe');
    await type(field('Field', group('Outside Europe')), 'country');
    await type(field('Value', group('Outside Europe')), 'United States');
    const changed = [...container.querySelectorAll('[data-testid="fit-preview"] tr.ed-changed th')].map((th) => th.textContent);
    expect(changed).toEqual(['Dana Whitfield']);
    expect(text()).toContain('1 of 6 verdicts change.');
  });

  it('keeps the draft when the page closes, restores it, and discards it on request', async () => {
    await render(DefinitionEditor);
    await type(field('Name'), 'Tighter definition');
    await settle(400);
    const stored = (await workspace.db.get('meta', 'draft:definition')) as { draft: { basedOn: number; form: { name: string } } };
    expect(stored.draft).toMatchObject({ basedOn: 1, form: { name: 'Tighter definition' } });

    await remount(DefinitionEditor);
    await eventually(() => expect(container.querySelector('.ed-restored')?.textContent).toMatch(/^Restored your unsaved draft from .+\.$/));
    expect(field('Name').value).toBe('Tighter definition');
    await click(button('Discard draft'));
    expect(field('Name').value).toBe('Ideal customer: mid-market B2B teams');
    expect(await workspace.db.get('meta', 'draft:definition')).toBeUndefined();
    expect(() => button('Discard draft')).toThrow();
  });

  it('shows a sales member the published version with no editing controls', async () => {
    await render(DefinitionEditor, { canEdit: false });
    expect(text()).toContain('Ideal customer: mid-market B2B teams');
    expect(container.querySelectorAll('input, select, textarea, button')).toHaveLength(0);
  });

  it('hands a conflict to the ConflictResolver', async () => {
    const conflicting = async () => {
      const [latest] = (await listRecords(workspace.db, 'definition')).records;
      throw new MutationError('conflict', 'Version 2 was published while you edited version 1.', { type: 'definition', record: latest! });
    };
    await render(DefinitionEditor, { write: conflicting });
    await type(field('Threshold'), '65');
    await click(button('Publish version 2'));
    await eventually(() => expect(container.querySelector('[data-testid="conflict"]')).not.toBeNull());
  });
});

describe('CampaignsEditor', () => {
  it('lists campaigns, creates one after saying what is missing, and restores an unsaved one', async () => {
    await render(CampaignsEditor);
    await eventually(() => button('Edit Revenue Ops webinar series'));
    await click(button('New campaign'));
    expect(document.activeElement).toBe(field('Name'));
    expect(field('Status').value).toBe('draft');
    expect(field('Owner').value).toBe('You (demo)');
    await click(button('Save campaign'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Fix the 2 problems above.');
    expect(errorOf(field('Product'))).toBe('Fill this in.');

    await type(field('Name'), 'Spring launch');
    await settle(400);
    await remount(CampaignsEditor);
    await eventually(() => expect(container.querySelector('.ed-restored')?.textContent).toMatch(/^Restored your unsaved draft from/));
    expect(field('Name').value).toBe('Spring launch');

    await type(field('Product'), 'Forecasting');
    await type(field('Target accounts'), 'contoso.com\nnot a domain');
    expect(errorOf(field('Target accounts'))).toBe('“not a domain”: Write a domain like example.com');
    await type(field('Target accounts'), 'Contoso.com\n');
    expect(text()).toContain('Targets the account contoso.com.');
    await click(button('Add talking point'));
    await type(field('Talking point 1'), 'Ask about their forecast.');
    await click(button('Add asset'));
    await type(field('URL', group('Asset 1')), 'javascript:alert(1)');
    expect(errorOf(field('URL', group('Asset 1')))).toBe('Give a link that starts with http:// or https://.');
    await type(field('Label', group('Asset 1')), 'Deck');
    await type(field('URL', group('Deck')), 'https://example.com/deck');
    await click(button('Save campaign'));
    await eventually(() => expect(container.querySelector('[role="status"].ed-status')?.textContent).toBe('Saved campaign “Spring launch”.'));
    const saved = (await listRecords(workspace.db, 'campaign')).records.find((c) => c.name === 'Spring launch');
    expect(saved).toMatchObject({ version: 1, product: 'Forecasting', targetAccounts: ['contoso.com'], talkingPoints: ['Ask about their forecast.'], assets: [{ label: 'Deck', url: 'https://example.com/deck' }] });
    expect(writes[0]).toMatchObject({ name: 'campaign.put', args: { baseVersion: 0, baseRev: null, rev: expect.stringMatching(/^[\da-f-]{36}$/) } });
    expect(saved?.rev).toBe((writes[0]!.args as { rev: string }).rev);
  });

  it('edits an existing campaign from its version, with the audience in the same builder', async () => {
    await render(CampaignsEditor);
    await click(button('Edit Revenue Ops webinar series'));
    const rule = group('Revenue, sales or marketing team');
    expect(field('Values', rule).value).toBe('Revenue Operations, Sales, Marketing');
    expect(() => field('Weight', rule)).toThrow();
    await type(field('Values', rule), 'Revenue Operations, Sales');
    await click(button('Save campaign'));
    await eventually(() => expect(writes[0]).toMatchObject({ name: 'campaign.put', args: { baseVersion: 1, doc: { audience: [{ value: ['Revenue Operations', 'Sales'] }] } } }));
    await eventually(() => expect(text()).toContain('Saved campaign'));
    const saved = (await listRecords(workspace.db, 'campaign')).records.find((c) => c.name === 'Revenue Ops webinar series');
    expect(saved?.version).toBe(2);
    // Based on the version it showed, named by that version's edit; this edit has its own.
    const args = writes[0]!.args as { baseRev: unknown; rev: string };
    expect(args.baseRev).toBeNull(); // the demo's campaigns were made before revisions
    expect(saved?.rev).toBe(args.rev);
  });

  it('shows everything read-only to a sales member', async () => {
    await render(CampaignsEditor, { canEdit: false });
    expect(text()).toContain('Forecasting for named accounts');
    expect(text()).toContain('Target accounts: contoso.com');
    expect(container.querySelectorAll('input, select, textarea, button')).toHaveLength(0);
  });
});

describe('PlaysEditor and GoalsEditor', () => {
  it('saves a play', async () => {
    await render(PlaysEditor);
    await click(button('New play'));
    await type(field('Name'), 'Q1 renewals');
    await type(field('Product'), 'Forecasting');
    await type(field('Ends on'), '2000-01-01');
    expect(errorOf(field('Ends on'))).toBe('The end date is before the start date.');
    await type(field('Ends on'), '');
    await click(button('Save play'));
    await eventually(() => expect(text()).toContain('Saved play “Q1 renewals”.'));
    expect((await listRecords(workspace.db, 'play')).records.map((p) => p.name)).toContain('Q1 renewals');
  });

  it('saves goals that depend on each other, and refuses a loop', async () => {
    await render(GoalsEditor);
    await click(button('New goal'));
    await type(field('Name'), 'MQLs');
    await type(field('Target'), '200');
    await type(field('Period end'), '2099-12-31');
    await click(button('Save goal'));
    await eventually(() => expect(text()).toContain('Saved goal “MQLs”.'));
    await click(button('New goal'));
    await type(field('Name'), 'SQLs');
    await type(field('Metric'), 'leadsAccepted');
    await type(field('Target'), '50');
    await type(field('Period end'), '2099-12-31');
    await act(async () => dependsOnBox('MQLs').click());
    await click(button('Save goal'));
    await eventually(() => expect(text()).toContain('Saved goal “SQLs”.'));
    const goals = (await listRecords(workspace.db, 'goal')).records;
    const mql = goals.find((g) => g.name === 'MQLs')!;
    expect(goals.find((g) => g.name === 'SQLs')).toMatchObject({ metric: 'leadsAccepted', target: 50, dependsOn: [mql.id] });

    await eventually(() => button('Edit MQLs'));
    await click(button('Edit MQLs'));
    await act(async () => dependsOnBox('SQLs').click());
    expect(text()).toContain('This would make goals depend on each other in a loop: MQLs → SQLs → MQLs.');
    await click(button('Save goal'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Fix the 1 problem above.');
    expect(writes).toHaveLength(2);
  });

  it('a sales member sees plays read-only', async () => {
    await render(PlaysEditor, { canEdit: false, workspace: { ...workspace, info: { ...workspace.info, member: { memberId: demoIds.rep, name: 'Jordan Lee', role: 'sales' } } } });
    expect(text()).toContain('Data Enrichment bundle push');
    expect(container.querySelectorAll('input, select, textarea, button')).toHaveLength(0);
  });
});
