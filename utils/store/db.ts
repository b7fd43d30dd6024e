import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RecordType } from '../model';

/**
 * One IndexedDB database per workspace, in the extension's origin only: content scripts
 * never open it (DESIGN.md rule 1). Rows hold the raw document; every read parses it with
 * the model's zod schemas, since a row may have been written by an older version.
 */
export interface WorkspaceSchema extends DBSchema {
  /** Synced records of every type, keyed by [type, id]. */
  records: {
    key: [RecordType, string];
    value: { type: RecordType; id: string; doc: unknown };
    indexes: { byType: RecordType };
  };
  /**
   * The server's state as last pulled. `records` is this plus the outbox re-applied on top;
   * keeping both lets a refused mutation be undone by rebuilding from here.
   */
  base: {
    key: [RecordType, string];
    value: { type: RecordType; id: string; doc: unknown };
  };
  /** Mutations applied here and not yet confirmed by the server, in order. */
  outbox: {
    key: number;
    value: OutboxEntry;
  };
  /** Mutations the server refused or found in conflict, kept until their author has seen them. */
  notices: { key: number; value: unknown };
  /** Small values: identity, sync counters. */
  meta: { key: string; value: unknown };
  /** Contacts seen on this device, newest first by `seenAt`. Never synced. */
  recent: { key: string; value: unknown; indexes: { bySeenAt: string } };
}

export interface OutboxEntry {
  mutationId: number;
  name: string;
  args: unknown;
  createdAt: string;
  /** The records its local apply wrote, to rebuild them when the server answers. */
  touched?: [RecordType, string][];
}

export type WorkspaceDb = IDBPDatabase<WorkspaceSchema>;

export const workspaceDbName = (workspaceId: string) => `tandem-ws-${workspaceId}`;

/** Each entry upgrades from the version before it; never edit one that has shipped. */
const upgrades: ((db: IDBPDatabase<WorkspaceSchema>) => void)[] = [
  (db) => {
    const records = db.createObjectStore('records', { keyPath: ['type', 'id'] });
    records.createIndex('byType', 'type');
    db.createObjectStore('outbox', { keyPath: 'mutationId' });
    db.createObjectStore('meta');
    db.createObjectStore('recent', { keyPath: 'key' }).createIndex('bySeenAt', 'seenAt');
  },
  (db) => {
    db.createObjectStore('base', { keyPath: ['type', 'id'] });
    db.createObjectStore('notices');
  },
];

export async function openWorkspaceDb(workspaceId: string): Promise<WorkspaceDb> {
  const opened: WorkspaceDb = await openDB<WorkspaceSchema>(workspaceDbName(workspaceId), upgrades.length, {
    upgrade(db, oldVersion) {
      for (const upgrade of upgrades.slice(oldVersion)) upgrade(db);
    },
    // A newer version elsewhere wants to upgrade, or the workspace is being wiped: let it.
    blocking() {
      opened.close();
    },
  });
  return opened;
}
