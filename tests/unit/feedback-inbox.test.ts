// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackInbox, filterInbox, localDayStart, noFilters } from '../../components/FeedbackInbox';
import { demoIds, demoWorkspace } from '../../utils/demo';
import { Feedback, Lead, ReadState, type Campaign, type RecordType } from '../../utils/model';
import { listRecords, mutate, openWorkspaceDb, type Workspace } from '../../utils/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const marketer = { memberId: demoIds.marketer, name: 'Priya Shah', role: 'marketing' as const };
const other = { memberId: '00000000-0000-4000-8000-0000000000f1', name: 'Sam Ortiz', role: 'sales' as const };
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function feedback(n: number, input: Partial<Feedback> & { createdAt: string }): Feedback {
  return Feedback.parse({
    id: uuid(9000 + n),
    version: 1,
    deleted: false,
    updatedAt: input.createdAt,
    subject: { contactKey: `email:person${n}@example.com`, contactName: `Person ${n}` },
    verdict: 'accept',
    reasons: [],
    note: `Note ${n}`,
    author: { memberId: demoIds.rep, name: 'Jordan Lee' },
    replies: [],
    ...input,
  });
}

let workspace: Workspace;
let campaigns: Campaign[];
let container: HTMLElement;
let root: Root;
const writes: string[] = [];

async function seed() {
  const db = await openWorkspaceDb('inbox-test');
  const demo = demoWorkspace(new Date('2026-03-10T12:00:00Z'));
  const put = (type: RecordType, doc: { id: string }) => db.put('records', { type, id: doc.id, doc });
  for (const { type, record } of demo.records) if (type === 'member' || type === 'campaign') await put(type, record);
  campaigns = (await listRecords(db, 'campaign')).records;
  const lead = Lead.parse({
    id: uuid(8001), version: 1, deleted: false, updatedAt: '2026-03-01T00:00:00Z', name: 'Person 3', phones: [], source: 'manual',
    campaignId: campaigns[1]!.id, status: 'new', capturedBy: { memberId: demoIds.rep, name: 'Jordan Lee' },
  });
  await put('lead', lead);
  const list = [
    // Read by Priya before Sam's reply came: unread again.
    feedback(1, {
      createdAt: '2026-03-01T09:00:00Z', verdict: 'reject', reasons: ['no-budget'], subject: { contactKey: 'email:person1@example.com', contactName: 'Person 1', campaignId: campaigns[0]!.id },
      replies: [
        { id: uuid(9101), body: 'Which quarter?', author: { memberId: demoIds.marketer, name: 'Priya Shah' }, createdAt: '2026-03-01T10:00:00Z' },
        { id: uuid(9102), body: 'Q3, they said.', author: { memberId: other.memberId, name: other.name }, createdAt: '2026-03-02T10:00:00Z' },
      ],
    }),
    // Read.
    feedback(2, { createdAt: '2026-03-03T09:00:00Z', verdict: 'nurture', reasons: ['too-small'] }),
    // Its campaign comes from its lead. Unread.
    feedback(3, { createdAt: '2026-03-05T23:30:00Z', subject: { contactKey: 'email:person3@example.com', leadId: lead.id }, author: { memberId: other.memberId, name: other.name } }),
  ];
  for (const f of list) await put('feedback', f);
  await put('read', ReadState.parse({ id: demoIds.marketer, version: 1, deleted: false, updatedAt: '2026-03-04T00:00:00Z', seen: { [list[0]!.id]: '2026-03-01T12:00:00Z', [list[1]!.id]: '2026-03-04T00:00:00Z' } }));
  workspace = { info: { id: 'inbox-test', name: 'Test', kind: 'server', member: marketer, serverUrl: 'https://tandem.example', addedAt: '2026-01-01T00:00:00Z' }, db };
}

const write = async (name: string, args: unknown) => {
  writes.push(name);
  await mutate(workspace.db, workspace.info.id, name, args, marketer);
};

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  writes.length = 0;
  await seed();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(createElement(FeedbackInbox, { workspace, write })));
  await until(() => expect(items().length).toBe(3));
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  workspace.db.close();
});

async function until(check: () => void) {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (error) {
      if (i > 100) throw error;
      await act(() => new Promise((r) => setTimeout(r, 10)));
    }
  }
}

const items = () => [...container.querySelectorAll<HTMLLIElement>('.inbox-list > li')];
const count = () => container.querySelector('[role="status"]')!.textContent;
const labelled = <T extends HTMLElement>(text: string) => {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent!.trim() === text)!;
  return container.querySelector<T>(`#${CSS.escape(label.htmlFor)}`)!;
};
const button = (scope: ParentNode, name: string) => [...scope.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;

async function choose(text: string, value: string) {
  const control = labelled<HTMLSelectElement | HTMLInputElement>(text);
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), 'value')!.set!;
  await act(async () => {
    setter.call(control, value);
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

describe('FeedbackInbox', () => {
  it('lists every feedback newest first with its unread ones marked in words', () => {
    expect(container.querySelector('h2')!.textContent).toBe('Feedback inbox');
    // The person, with the address beside the name; never the contact key.
    expect(items().map((li) => li.querySelector('h3')!.textContent)).toEqual(['Unread Accept person3@example.com', 'Nurture Person 2', 'Unread Reject Person 1']);
    expect(items().map((li) => li.querySelector('.inbox-meta .inbox-address')?.textContent)).toEqual([undefined, 'person2@example.com', 'person1@example.com']);
    expect(container.textContent).not.toMatch(/email:/);
    expect(count()).toBe('3 of 3 shown · 2 unread');
    const first = items()[2]!;
    expect(first.textContent).toContain(campaigns[0]!.name);
    expect(first.textContent).toContain('No budget');
    expect(first.querySelector('[aria-label="Replies"]')!.textContent).toContain('Q3, they said.');
    // Only the reply after Priya's mark is new, and not her own.
    expect([...first.querySelectorAll('.pill.new')].map((p) => p.closest('li')!.textContent)).toEqual([expect.stringContaining('Q3, they said.')]);
    expect(items()[0]!.textContent).toContain(campaigns[1]!.name); // through the lead
  });

  it('filters by campaign (own or the lead’s), verdict, reason, author, dates and unread', async () => {
    await choose('Campaign', campaigns[1]!.id);
    expect(count()).toBe('1 of 3 shown · 1 unread');
    await choose('Campaign', 'none');
    expect(items().map((li) => li.querySelector('.inbox-contact')!.textContent)).toEqual(['Person 2']);
    await choose('Campaign', '');
    await choose('Verdict', 'reject');
    expect(count()).toBe('1 of 3 shown · 1 unread');
    await choose('Verdict', '');
    await choose('Reason', 'too-small');
    expect(items().map((li) => li.querySelector('.inbox-contact')!.textContent)).toEqual(['Person 2']);
    await choose('Reason', '');
    await choose('Author', other.memberId);
    expect(items()).toHaveLength(1);
    await choose('Author', '');
    await choose('From', '2026-03-02');
    await choose('To', '2026-03-03');
    expect(items().map((li) => li.querySelector('.inbox-contact')!.textContent)).toEqual(['Person 2']);
    await choose('To', '2026-03-01');
    expect(container.textContent).toContain('No feedback matches these filters.');
    expect(count()).toBe('0 of 3 shown · 0 unread');
    await act(async () => button(container, 'Clear filters').click());
    await act(async () => labelled<HTMLInputElement>('Unread only').click());
    expect(count()).toBe('2 of 3 shown · 2 unread');
  });

  it('marks one thread read, and all shown', async () => {
    const person1 = () => items().find((li) => li.textContent!.includes('Person 1'))!;
    await act(async () => button(person1(), 'Mark read').click());
    await until(() => expect(count()).toBe('3 of 3 shown · 1 unread'));
    expect(person1().classList.contains('unread')).toBe(false);
    expect(button(person1(), 'Mark read')).toBeUndefined();
    expect(document.activeElement).toBe(person1());
    await act(async () => button(container, 'Mark all shown as read').click());
    await until(() => expect(count()).toBe('3 of 3 shown · 0 unread'));
    expect(writes).toEqual(['feedback.read', 'feedback.read']);
    await act(async () => button(container, 'Mark all shown as read').click());
    expect(writes).toHaveLength(2);
  });

  it('keeps a thread read under "Unread only" listed until the filters change', async () => {
    await act(async () => labelled<HTMLInputElement>('Unread only').click());
    const person1 = () => items().find((li) => li.textContent!.includes('Person 1'));
    await act(async () => button(person1()!, 'Mark read').click());
    await until(() => expect(count()).toBe('2 of 3 shown · 1 unread'));
    expect(person1()).toBeDefined();
    await choose('Verdict', '');
    await until(() => expect(person1()).toBeUndefined());
  });

  it('opening the reply form marks the thread read; sending adds the reply under it', async () => {
    const person3 = () => items().find((li) => li.textContent!.includes('person3'))!;
    await act(async () => button(person3(), 'Reply').click());
    await until(() => expect(person3().classList.contains('unread')).toBe(false));
    const textarea = person3().querySelector('textarea')!;
    expect(document.activeElement).toBe(textarea);
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    await act(async () => {
      setter.call(textarea, 'Thanks, noted for the roadshow.');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button(person3(), 'Send reply').click());
    await until(() => expect(person3().querySelector('[aria-label="Replies"]')?.textContent).toContain('Thanks, noted for the roadshow.'));
    expect(writes).toEqual(['feedback.read', 'feedback.reply', 'feedback.read']);
    const stored = (await listRecords(workspace.db, 'feedback')).records.find((f) => f.id === uuid(9003))!;
    expect(stored.replies[0]).toMatchObject({ body: 'Thanks, noted for the roadshow.', author: { memberId: marketer.memberId } });
    expect(document.activeElement?.textContent).toBe('Reply');
  });
});

describe('filterInbox dates', () => {
  it('takes From and To as whole local days, both included', () => {
    const at = (iso: string) => feedback(1, { createdAt: iso });
    const start = new Date(localDayStart('2026-03-05')).toISOString();
    const endOfDay = new Date(localDayStart('2026-03-06') - 1).toISOString();
    const nextDay = new Date(localDayStart('2026-03-06')).toISOString();
    const list = [at(start), at(endOfDay), at(nextDay)];
    const shown = filterInbox(list, { ...noFilters, from: '2026-03-05', to: '2026-03-05' }, { leadsById: new Map(), unread: new Set() });
    expect(shown.map((f) => f.createdAt)).toEqual([endOfDay, start]);
    expect(Number.isNaN(localDayStart('05/03/2026'))).toBe(true);
  });
});
