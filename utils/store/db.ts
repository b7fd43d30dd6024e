import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { RecordType } from '../model';

/**
 * One IndexedDB database per workspace, in the extension's origin only: content scripts
 * never open it (DESIGN.md rule 1). Rows hold the raw document; every read parses it with
 * the model's zod schemas, since a row may have been written by an older version.
 */
export interface WorkspaceSchema extends DBSchema {
  /**
   * Synced records of every type, keyed by [type, id]; one type is the key range
   * `typeRange(type)` (no index: every put would pay for one).
   */
  records: {
    key: [RecordType, string];
    value: { type: RecordType; id: string; doc: unknown };
  };
  /**
   * Shadows: the server's version of each record that unconfirmed local mutations changed
   * (`doc: null` when the server has none). A record without a shadow is, in `records`,
   * exactly the server's; one with a shadow is rebuilt from it with the outbox re-applied.
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
type Upgrade = (db: IDBPDatabase<WorkspaceSchema>, tx: IDBPTransaction<WorkspaceSchema, StoreNames<WorkspaceSchema>[], 'versionchange'>) => void;
const upgrades: Upgrade[] = [
  (db) => {
    const records = db.createObjectStore('records', { keyPath: ['type', 'id'] });
    records.createIndex('byType' as never, 'type'); // removed again in version 3
    db.createObjectStore('outbox', { keyPath: 'mutationId' });
    db.createObjectStore('meta');
    db.createObjectStore('recent', { keyPath: 'key' }).createIndex('bySeenAt', 'seenAt');
  },
  (db) => {
    db.createObjectStore('base', { keyPath: ['type', 'id'] });
    db.createObjectStore('notices');
  },
  (db, tx) => {
    // Records of one type are a range of the [type, id] key; the index only slowed writes.
    tx.objectStore('records').deleteIndex('byType');
  },
];

/** All keys [type, id] of one type: arrays compare element by element. */
export function typeRange(type: RecordType): IDBKeyRange {
  return IDBKeyRange.bound([type], [type, []]);
}

export async function openWorkspaceDb(workspaceId: string): Promise<WorkspaceDb> {
  const opened: WorkspaceDb = await openDB<WorkspaceSchema>(workspaceDbName(workspaceId), upgrades.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const upgrade of upgrades.slice(oldVersion)) upgrade(db, tx);
    },
    // A newer version elsewhere wants to upgrade, or the workspace is being wiped: let it.
    blocking() {
      opened.close();
    },
  });
  return opened;
}
