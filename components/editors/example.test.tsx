// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleDefinition } from '../../utils/editing/example';
import { listRecords, mutate, openActiveWorkspace, saveServerWorkspace, type Workspace } from '../../utils/store';
import { DefinitionEditor } from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const example = exampleDefinition();
const offerLabel = 'Start from the example definition';

let workspace: Workspace;
let container: HTMLElement;
let root: Root | undefined;
let writes: string[];

/** A team's own workspace, as it is right after connecting: nothing in it yet. */
async function openEmptyWorkspace(): Promise<Workspace> {
  await saveServerWorkspace(
    {
      id: 'team-1',
      name: 'Acme',
      kind: 'server',
      member: { memberId: crypto.randomUUID(), name: 'Mia Marketing', role: 'marketing' },
      serverUrl: 'https://tandem.example.com',
      addedAt: new Date().toISOString(),
    },
    'token',
  );
  return openActiveWorkspace();
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
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
  writes.push(name);
  await mutate(workspace.db, workspace.info.id, name, args, workspace.info.member);
};

const text = () => container.textContent ?? '';

async function settle(ms = 30) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

/** Retries an assertion while the editor loads and writes (IndexedDB is asynchronous), up to 3 s. */
async function eventually(assertion: () => unknown) {
  const deadline = Date.now() + 3000;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await settle(20);
    }
  }
}

async function render() {
  root = createRoot(container);
  await act(async () => root!.render(createElement(DefinitionEditor, { workspace, canEdit: true, write })));
  await eventually(() => {
    if (text().includes('Loading…')) throw new Error('still loading');
  });
}

function field(label: string, scope: ParentNode = container): HTMLInputElement {
  const found = [...scope.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!found) throw new Error(`No field labelled “${label}”`);
  return document.getElementById(found.htmlFor) as HTMLInputElement;
}

function button(label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`No button “${label}”`);
  return found;
}

const offer = () => [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === offerLabel);

function group(legend: string): HTMLFieldSetElement {
  const found = [...container.querySelectorAll('legend')].find((l) => l.textContent?.trim() === legend);
  if (!found) throw new Error(`No group “${legend}”`);
  return found.parentElement as HTMLFieldSetElement;
}

const rowsOf = (legend: string) => group(legend).querySelectorAll(':scope > fieldset').length;

async function click(b: HTMLButtonElement) {
  await act(async () => {
    b.click();
    await new Promise((r) => setTimeout(r, 30));
  });
}

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Reads the store inside act, as the editor may update meanwhile (it follows the store). */
async function read<T>(f: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await act(async () => {
    result = await f();
  });
  return result as T;
}

const outbox = () => read(async () => ((await workspace.db.getAll('outbox')) as { name: string }[]).map((m) => m.name));
const definitions = () => read(async () => (await listRecords(workspace.db, 'definition')).records);

describe('Start from the example definition', () => {
  it('is offered beside the empty form of a workspace without a definition, and fills an editable draft', async () => {
    workspace = await openEmptyWorkspace();
    await render();
    expect(text()).toContain('Nothing is published yet: this will be version 1.');
    const start = offer();
    expect(start).toBeDefined();
    expect(start!.type).toBe('button');
    const aside = start!.closest('aside')!;
    expect(aside.textContent).toContain(`${example.criteria.length} criteria`);
    expect(aside.textContent).toContain(`${example.disqualifiers.length} disqualifiers`);
    expect(aside.textContent).toContain(`${example.sla.acceptWithinHours}-hour SLA`);
    // The empty form is still there beside it.
    expect(field('Name').value).toBe('');
    expect(rowsOf('Criteria')).toBe(0);
    button('Add criterion');

    start!.focus();
    expect(document.activeElement).toBe(start);
    await click(start!);
    await eventually(() => expect(document.activeElement).toBe(field('Name')));
    expect(field('Name').value).toBe(example.name);
    expect(field('Threshold').value).toBe(String(example.threshold));
    expect(rowsOf('Criteria')).toBe(example.criteria.length);
    expect(rowsOf('Disqualifiers')).toBe(example.disqualifiers.length);
    expect(group(example.criteria[0]!.label)).toBeTruthy();
    expect(field('Accept within (hours)').value).toBe(String(example.sla.acceptWithinHours));
    expect(field('Change note').value).toBe('');
    expect(offer()).toBeUndefined();
    expect(container.querySelector('.ed-error')).toBeNull();

    // A draft, kept on this device, and nothing published.
    await settle(400);
    const stored = (await read(() => workspace.db.get('meta', 'draft:definition'))) as { draft: { basedOn: number | null; form: { name: string } } };
    expect(stored.draft).toMatchObject({ basedOn: null, form: { name: example.name } });
    expect(writes).toEqual([]);
    expect(await outbox()).toEqual([]);
    expect(await definitions()).toEqual([]);

    // Editable like any draft; published only on Publish.
    await type(field('Threshold'), '70');
    expect(await outbox()).toEqual([]);
    await click(button('Publish version 1'));
    await eventually(() => expect(writes).toEqual(['definition.publish']));
    expect(await outbox()).toEqual(['definition.publish']);
    const [published] = await definitions();
    expect(published).toMatchObject({ number: 1, name: example.name, threshold: 70 });
    expect(published!.criteria.map((c) => c.label)).toEqual(example.criteria.map((c) => c.label));
    expect(published!.criteria.some((c) => example.criteria.some((e) => e.id === c.id))).toBe(false);
    await eventually(() => button('Publish version 2'));
    expect(offer()).toBeUndefined();
  });

  it('goes away once something is typed, and the empty form works without it', async () => {
    workspace = await openEmptyWorkspace();
    await render();
    expect(offer()).toBeDefined();
    await type(field('Name'), 'Our own');
    expect(offer()).toBeUndefined();
    await click(button('Add criterion'));
    expect(rowsOf('Criteria')).toBe(1);
    await click(button('Discard draft'));
    expect(field('Name').value).toBe('');
    expect(offer()).toBeDefined();
    expect(await outbox()).toEqual([]);
  });

  it('is not offered when a definition exists', async () => {
    workspace = await openActiveWorkspace(); // the demo workspace, with its definition
    await render();
    expect(field('Name').value).toBe(example.name);
    expect(offer()).toBeUndefined();
    expect(text()).not.toContain('A first definition in a minute');
  });
});
