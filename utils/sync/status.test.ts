import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onChange, openWorkspaceDb, type ChangeEvent, type WorkspaceDb } from '../store';
import { readSyncStatus, writeSyncStatus, type SyncStatus } from './status';

// The sync line every view shows: kept in the workspace's database, and every open view told
// when it changes.

const workspaceId = '30000000-0000-4000-8000-000000000001';
let db: WorkspaceDb;
let events: ChangeEvent[];
let stop: () => void;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openWorkspaceDb(workspaceId);
  events = [];
  stop = onChange((event) => void events.push(event));
});
afterEach(() => {
  stop();
  db.close();
});

describe('the sync status', () => {
  it('reads as idle before any sync, and when what is stored cannot be read', async () => {
    const idle = { state: 'idle', at: new Date(0).toISOString(), failures: 0 };
    expect(await readSyncStatus(db)).toEqual(idle);
    await db.put('meta', { state: 'dancing' }, 'syncStatus');
    expect(await readSyncStatus(db)).toEqual(idle);
  });

  it('keeps every state a sync can end in, and tells the open views', async () => {
    const states: SyncStatus['state'][] = ['idle', 'syncing', 'synced', 'offline', 'error', 'revoked'];
    for (const state of states) {
      const status: SyncStatus = { state, at: '2025-05-01T10:00:00.000Z', failures: 2, message: `It is ${state}.`, nextAttemptAt: '2025-05-01T10:00:01.000Z' };
      await writeSyncStatus(db, workspaceId, status);
      expect(await readSyncStatus(db)).toEqual(status);
    }
    expect(events).toEqual(states.map(() => ({ workspaceId, topics: ['sync'] })));
    await expect(writeSyncStatus(db, workspaceId, { state: 'error', at: 'yesterday', failures: 0 })).rejects.toThrow();
  });
});
