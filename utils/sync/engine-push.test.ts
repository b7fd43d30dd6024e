import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PushRequest } from '../model';
import { mutate, openWorkspaceDb, type WorkspaceDb } from '../store';
import { pushOutbox, syncOnce, type SyncTarget } from './engine';
import { SyncFailure, type SyncTransport } from './transport';

// Pushing the outbox to a server that refuses in the ways the protocol allows: a batch too
// large, or a gap (the server restored from a backup). Nothing is lost or sent twice.

const workspaceId = '20000000-0000-4000-8000-000000000001';
const actor = { memberId: '20000000-0000-4000-8000-000000000002', name: 'Jordan', role: 'sales' as const };
let db: WorkspaceDb;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openWorkspaceDb(workspaceId);
});

async function write(n: number) {
  for (let i = 0; i < n; i++) {
    await mutate(db, workspaceId, 'feedback.create', { id: crypto.randomUUID(), subject: { contactKey: 'email:a@b.co' }, verdict: 'accept', reasons: [], note: `${i}` }, actor);
  }
}

/** A server that answers each push with `answer(request)`: a failure to throw, or nothing to accept it. */
function server(answer: (request: PushRequest) => SyncFailure | undefined) {
  const pushes: number[][] = [];
  const transport: SyncTransport = {
    me: () => Promise.reject(new Error('not asked')),
    async push(request) {
      pushes.push(request.mutations.map((m) => m.id));
      const failure = answer(request);
      if (failure) throw failure;
      return { results: request.mutations.map((m) => ({ id: m.id, status: 'applied' as const })) };
    },
    pull: () => Promise.resolve({ cursor: 0, lastMutationId: 0, outcomes: [], changes: [], more: false }),
  };
  const target: SyncTarget = { db, workspaceId, actor, transport };
  return { pushes, target };
}

describe('pushing the outbox', () => {
  it('halves a batch the server finds too large until it goes through, in order', async () => {
    await write(5);
    const { pushes, target } = server((r) => (r.mutations.length > 2 ? new SyncFailure('too-large', 'Too large.') : undefined));
    expect(await pushOutbox(target, 'c1', 8)).toBe(5);
    expect(pushes).toEqual([[1, 2, 3, 4, 5], [1, 2, 3, 4], [1, 2], [3, 4], [5]]);
  });

  it('gives up when even one mutation is too large', async () => {
    await write(2);
    const { pushes, target } = server(() => new SyncFailure('too-large', 'Too large.'));
    await expect(pushOutbox(target, 'c1', 2)).rejects.toMatchObject({ kind: 'too-large' });
    expect(pushes).toEqual([[1, 2], [1]]);
  });

  it('renumbers what is pending to follow the server after a gap, once, and sends it', async () => {
    await write(3);
    let gaps = 0;
    const { pushes, target } = server((r) => (r.mutations[0]!.id !== 8 && gaps++ === 0 ? new SyncFailure('gap', 'Push from 8.', { status: 409, lastMutationId: 7 }) : undefined));
    expect(await pushOutbox(target, 'c1')).toBe(3);
    expect(pushes).toEqual([[1, 2, 3], [8, 9, 10]]);
    expect((await db.getAll('outbox')).map((e) => e.mutationId)).toEqual([8, 9, 10]);
    // The next write follows on.
    await write(1);
    expect((await db.getAll('outbox')).map((e) => e.mutationId)).toEqual([8, 9, 10, 11]);
  });

  it('stops on a second gap, or a gap that does not say where the server is', async () => {
    await write(2);
    const again = server(() => new SyncFailure('gap', 'Push from 4.', { status: 409, lastMutationId: 3 }));
    await expect(pushOutbox(again.target, 'c1')).rejects.toMatchObject({ kind: 'gap' });
    expect(again.pushes).toEqual([[1, 2], [4, 5]]);

    const unsaid = server(() => new SyncFailure('gap', 'Push from somewhere.', { status: 409 }));
    await expect(pushOutbox(unsaid.target, 'c1')).rejects.toMatchObject({ kind: 'gap' });
    expect(unsaid.pushes).toEqual([[4, 5]]);
  });

  it('passes on any other refusal, keeping the outbox', async () => {
    await write(2);
    const { target } = server(() => new SyncFailure('server', 'Down.', { status: 500 }));
    await expect(syncOnce(target)).rejects.toMatchObject({ kind: 'server' });
    expect(await db.count('outbox')).toBe(2);
  });

  it('keeps one client id for the install', async () => {
    const ids: string[] = [];
    const { target } = server((r) => void ids.push(r.clientId) as undefined);
    await write(1);
    await syncOnce(target);
    await write(1);
    await syncOnce(target);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
  });
});
