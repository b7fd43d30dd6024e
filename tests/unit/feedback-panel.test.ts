// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedbackPanel, type FeedbackPanelProps } from '../../components/FeedbackPanel';
import { ContactContext, Feedback, ReadState } from '../../utils/model';
import type { SidebarSource } from '../../utils/views';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const rep = { memberId: '00000000-0000-4000-8000-0000000000a1', name: 'Jordan Lee', role: 'sales' as const };
const priya = { memberId: '00000000-0000-4000-8000-0000000000b1', name: 'Priya Shah' };
const key = 'email:dana@contoso.com';
const contact = ContactContext.parse({ source: 'demo', name: 'Dana Whitfield', email: 'dana@contoso.com' });
const threadId = '00000000-0000-4000-8000-000000000901';

function thread(replies: [who: { memberId: string; name: string }, at: string, body: string][]): Feedback {
  return Feedback.parse({
    id: threadId,
    version: 1 + replies.length,
    deleted: false,
    updatedAt: '2026-03-01T09:00:00Z',
    subject: { contactKey: key, contactName: 'Dana Whitfield' },
    verdict: 'reject',
    reasons: ['no-budget'],
    note: 'Frozen until Q2.',
    author: { memberId: rep.memberId, name: rep.name },
    createdAt: '2026-03-01T09:00:00Z',
    replies: replies.map(([who, at, body], i) => ({ id: `00000000-0000-4000-8000-00000000091${i}`, body, author: who, createdAt: at })),
  });
}
const readAt = (at: string) => ReadState.parse({ id: rep.memberId, version: 1, deleted: false, updatedAt: at, seen: { [threadId]: at } });

let container: HTMLElement;
let root: Root;
let visibility: DocumentVisibilityState;
let write: ReturnType<typeof vi.fn>;
let source: SidebarSource;

beforeEach(() => {
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  write = vi.fn(async () => {});
  source = {
    info: { id: 'w', name: 'W', kind: 'server', member: rep, serverUrl: 'https://tandem.example', addedAt: '2026-01-01T00:00:00Z' },
    write,
    onChange: () => () => {},
    loadShared: async () => ({ history: [], definitionSeen: null, campaigns: [], feedback: [], read: readAt('2026-03-01T12:00:00Z'), problems: [] }),
  } as unknown as SidebarSource;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

const render = (props: Partial<FeedbackPanelProps>) =>
  act(async () => root.render(createElement(FeedbackPanel, { source, contactKey: key, contact, feedback: [], ...props })));
const replies = () => [...container.querySelectorAll('[aria-label="Replies"] > li')].map((li) => li.textContent);
const newOnes = () => [...container.querySelectorAll('[aria-label="Replies"] > li')].filter((li) => li.querySelector('.pill.new')?.textContent === 'New').length;

describe('FeedbackPanel: the author hears back', () => {
  const answered = thread([
    [priya, '2026-03-01T10:00:00Z', 'Which quarter?'],
    [rep, '2026-03-01T11:00:00Z', 'Q2.'],
    [priya, '2026-03-01T13:00:00+01:00', 'Thanks, noted.'], // 12:00Z: before the mark at 12:30Z
    [priya, '2026-03-01T14:00:00Z', 'We moved them to nurture.'],
  ]);

  it('shows Marketing’s replies since the last read as New, and marks the thread read once', async () => {
    await render({ feedback: [answered], read: readAt('2026-03-01T12:30:00Z') });
    expect(replies()).toHaveLength(4);
    expect(newOnes()).toBe(1);
    expect(replies()[3]).toContain('New');
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith('feedback.read', { feedbackIds: [threadId] });

    // The mark lands: still New while the panel stays on this contact, and no second write.
    await render({ feedback: [answered], read: readAt('2026-03-01T15:00:00Z') });
    expect(newOnes()).toBe(1);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('asks once even when the mark does not clear the thread (a clock behind the server’s)', async () => {
    const read = readAt('2026-03-01T12:30:00Z');
    await render({ feedback: [answered], read });
    await render({ feedback: [answered], read: { ...read, version: 2 } });
    await render({ feedback: [answered], read: { ...read, version: 3 } });
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('marks again when someone writes again', async () => {
    await render({ feedback: [answered], read: readAt('2026-03-01T12:30:00Z') });
    const later = thread([...answered.replies.map((r) => [r.author, r.createdAt, r.body] as [typeof priya, string, string]), [priya, '2026-03-01T16:00:00Z', 'Call booked.']]);
    await render({ feedback: [later], read: readAt('2026-03-01T15:00:00Z') });
    expect(write).toHaveBeenCalledTimes(2);
    expect(newOnes()).toBe(2);
  });

  it('my own reply is never New and does not need marking', async () => {
    await render({ feedback: [thread([[rep, '2026-03-01T10:00:00Z', 'Adding: they use a competitor.']])], read: undefined });
    expect(newOnes()).toBe(0);
    expect(write).not.toHaveBeenCalled();
  });

  it('waits until the document is visible', async () => {
    visibility = 'hidden';
    await render({ feedback: [answered], read: undefined });
    expect(newOnes()).toBe(3);
    expect(write).not.toHaveBeenCalled();
    visibility = 'visible';
    await act(async () => document.dispatchEvent(new Event('visibilitychange')));
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('forgets what was new when it moves to another contact and back', async () => {
    await render({ feedback: [answered], read: readAt('2026-03-01T12:30:00Z') });
    expect(newOnes()).toBe(1);
    await render({ feedback: [answered], read: readAt('2026-03-01T15:00:00Z'), contactKey: 'email:other@example.com' });
    await render({ feedback: [answered], read: readAt('2026-03-01T15:00:00Z') });
    expect(newOnes()).toBe(0);
  });

  it('loads the read marks itself when the caller does not pass them', async () => {
    await render({ feedback: [answered] });
    await act(() => new Promise((r) => setTimeout(r, 0)));
    // loadShared's mark is 12:00Z: the reply at 13:00+01:00 is that same instant, so only 14:00Z is New.
    expect(newOnes()).toBe(1);
    expect(write).toHaveBeenCalledTimes(1);
  });
});
