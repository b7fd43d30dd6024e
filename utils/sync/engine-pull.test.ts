import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Feedback, PullResponse } from '../model';
import { listRecentContacts, listRecords, mutate, openWorkspaceDb, rememberContact, type WorkspaceDb } from '../store';
import { applyPull } from './engine';

// Applying pulled pages while this install has work the server has not confirmed: the view is
// the server's state with that work applied again on top, and an erasure clears the contact.

const workspaceId = '50000000-0000-4000-8000-000000000001';
const me = { memberId: '50000000-0000-4000-8000-000000000002', name: 'Jordan', role: 'sales' as const };
const other = { memberId: '50000000-0000-4000-8000-000000000003', name: 'Mia', role: 'marketing' as const };
const feedbackId = '50000000-0000-4000-8000-0000000000f1';
let db: WorkspaceDb;
const target = () => ({ db, workspaceId, actor: me });

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openWorkspaceDb(workspaceId);
});

const page = (lastMutationId: number, docs: Feedback[], over: Partial<PullResponse> = {}): PullResponse => ({
  cursor: 10 + lastMutationId,
  lastMutationId,
  outcomes: [],
  changes: docs.map((doc) => ({ type: 'feedback', id: doc.id, version: doc.version, deleted: doc.deleted, value: doc })),
  more: false,
  ...over,
});
const shown = async () => (await listRecords(db, 'feedback')).records;
const reply = (id: string, body: string, author: { memberId: string; name: string }) => ({ id, body, author: { memberId: author.memberId, name: author.name }, createdAt: '2025-05-01T10:00:00.000Z' });

describe('a pull over pending work', () => {
  it('shows the server’s newer version with this install’s unconfirmed reply applied again on top', async () => {
    await mutate(db, workspaceId, 'feedback.create', { id: feedbackId, subject: { contactKey: 'email:grace@navy.example', contactName: 'Grace' }, verdict: 'accept', reasons: [], note: '' }, me);
    const created = (await shown())[0]!;
    await applyPull(target(), page(1, [created]));
    expect(await db.count('outbox')).toBe(0);

    await mutate(db, workspaceId, 'feedback.reply', { feedbackId, replyId: '50000000-0000-4000-8000-0000000000a2', body: 'Mine' }, me);
    const theirs = { ...created, version: 2, replies: [reply('50000000-0000-4000-8000-0000000000a1', 'Theirs', other)] };
    await applyPull(target(), page(1, [theirs]));
    expect((await shown())[0]!.replies.map((r) => r.body)).toEqual(['Theirs', 'Mine']);
    expect(await db.count('outbox')).toBe(1);

    // The server confirms it: its version is the view, and nothing is pending.
    const confirmed = { ...theirs, version: 3, replies: [...theirs.replies, reply('50000000-0000-4000-8000-0000000000a2', 'Mine', me)] };
    await applyPull(target(), page(2, [confirmed]));
    expect((await shown())[0]).toMatchObject({ version: 3, replies: [{ body: 'Theirs' }, { body: 'Mine' }] });
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('base')).toBe(0);
    expect(await db.get('meta', 'cursor')).toBe(12);
  });

  it('shows the server’s version again when it refused this install’s change', async () => {
    await mutate(db, workspaceId, 'feedback.create', { id: feedbackId, subject: { contactKey: 'email:grace@navy.example' }, verdict: 'accept', reasons: [], note: '' }, me);
    const created = (await shown())[0]!;
    await applyPull(target(), page(1, [created]));
    await mutate(db, workspaceId, 'feedback.reply', { feedbackId, replyId: '50000000-0000-4000-8000-0000000000a2', body: 'Mine' }, me);
    expect((await shown())[0]!.replies).toHaveLength(1);
    // Refused (no change comes back): the reply goes from the view, and its author is told.
    await applyPull(target(), page(2, [], { outcomes: [{ id: 2, name: 'feedback.reply', status: 'error', error: { code: 'forbidden', message: 'No.' } }] }));
    expect((await shown())[0]!.replies).toEqual([]);
    expect(await db.count('notices')).toBe(1);
  });

  it('takes an erased contact off the recent contacts, and leaves others', async () => {
    await rememberContact(db, workspaceId, { source: 'gmail', email: 'grace@navy.example', name: 'Grace Hopper' });
    await rememberContact(db, workspaceId, { source: 'gmail', email: 'ada@example.com', name: 'Ada' });
    const about = (key: string, id: string): Feedback => ({
      id,
      subject: { contactKey: key },
      verdict: 'accept',
      reasons: [],
      note: '',
      author: { memberId: other.memberId, name: other.name },
      createdAt: '2025-05-01T10:00:00.000Z',
      replies: [],
      version: 1,
      deleted: false,
      updatedAt: '2025-05-01T10:00:00.000Z',
    });
    const grace = about('email:grace@navy.example', '50000000-0000-4000-8000-0000000000b1');
    const ada = about('email:ada@example.com', '50000000-0000-4000-8000-0000000000b2');
    await applyPull(target(), page(0, [grace, ada]));
    // Ada's feedback deleted the ordinary way: she stays among the recent contacts.
    await applyPull(target(), page(0, [{ ...ada, version: 2, deleted: true }]));
    expect((await listRecentContacts(db)).map((r) => r.key).sort()).toEqual(['email:ada@example.com', 'email:grace@navy.example']);
    await applyPull(target(), page(0, [{ ...grace, version: 2, deleted: true, subject: { contactKey: 'erased' }, note: '' }]));
    expect((await listRecentContacts(db)).map((r) => r.key)).toEqual(['email:ada@example.com']);
  });
});
