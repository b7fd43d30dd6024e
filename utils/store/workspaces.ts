import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { demoIds, demoWorkspace } from '../demo';
import { ContactContext, contactKey, Id, RecentContact, recordSchemas, Role, Timestamp } from '../model';
import { emitChange } from './changes';
import { openWorkspaceDb, workspaceDbName, type WorkspaceDb } from './db';

/** A workspace this install knows: the local demo, or one on a sync server. */
export const WorkspaceInfo = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  kind: z.enum(['demo', 'server']),
  /** Who this install acts as in the workspace. */
  member: z.object({ memberId: Id, name: z.string().max(200), role: Role }),
  /** The sync server's origin, for server workspaces. The token is kept apart (see `secrets`). */
  serverUrl: z.string().url().optional(),
  addedAt: Timestamp,
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

interface RegistrySchema extends DBSchema {
  workspaces: { key: string; value: unknown };
  settings: { key: string; value: unknown };
  /** API tokens by workspace id. In IndexedDB, which content scripts cannot open (storage.local they could). */
  secrets: { key: string; value: string };
}

export const demoWorkspaceId = 'demo';
const registryName = 'tandem';

function openRegistry(): Promise<IDBPDatabase<RegistrySchema>> {
  return openDB<RegistrySchema>(registryName, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('workspaces');
        db.createObjectStore('settings');
      }
      if (oldVersion < 2) db.createObjectStore('secrets');
    },
  });
}

export async function listWorkspaces(): Promise<WorkspaceInfo[]> {
  const registry = await openRegistry();
  try {
    const rows = await registry.getAll('workspaces');
    return rows.flatMap((row) => {
      const parsed = WorkspaceInfo.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  } finally {
    registry.close();
  }
}

/**
 * Seeds the demo workspace on first use, when this install knows no workspace yet. Safe to
 * call from several contexts at once: the check and the writes share one transaction.
 */
export async function ensureDemoWorkspace(now = new Date()): Promise<void> {
  const registry = await openRegistry();
  let created = false;
  try {
    const tx = registry.transaction(['workspaces', 'settings'], 'readwrite');
    if ((await tx.objectStore('workspaces').count()) === 0) {
      const info: WorkspaceInfo = {
        id: demoWorkspaceId,
        name: 'Demo workspace',
        kind: 'demo',
        member: { memberId: demoIds.you, name: 'You (demo)', role: 'admin' },
        addedAt: now.toISOString(),
      };
      await tx.objectStore('workspaces').put(info, info.id);
      await tx.objectStore('settings').put(info.id, 'activeWorkspaceId');
      created = true;
    }
    await tx.done;
  } finally {
    registry.close();
  }
  if (!created) return;

  const db = await openWorkspaceDb(demoWorkspaceId);
  try {
    const tx = db.transaction(['records', 'meta', 'recent'], 'readwrite');
    if (!(await tx.objectStore('meta').get('seededAt'))) {
      const demo = demoWorkspace(now);
      for (const { type, record } of demo.records) {
        await tx.objectStore('records').put({ type, id: record.id, doc: recordSchemas[type].parse(record) });
      }
      // Recent contacts, oldest first so the first listed is the first in the demo.
      for (const [i, input] of demo.contacts.entries()) {
        const contact = ContactContext.parse(input);
        const seenAt = new Date(now.getTime() - i * 60_000).toISOString();
        await tx.objectStore('recent').put(RecentContact.parse({ key: contactKey(contact), contact, seenAt }));
      }
      await tx.objectStore('meta').put(now.toISOString(), 'seededAt');
    }
    await tx.done;
  } finally {
    db.close();
  }
  emitChange({ workspaceId: demoWorkspaceId, topics: ['workspaces'] });
}

/** An open workspace: who we are in it and its database. */
export interface Workspace {
  info: WorkspaceInfo;
  db: WorkspaceDb;
}

/** Opens the workspace this install is using, seeding the demo one if there is none. */
export async function openActiveWorkspace(): Promise<Workspace> {
  await ensureDemoWorkspace();
  const registry = await openRegistry();
  let info: WorkspaceInfo | undefined;
  try {
    const activeId = await registry.get('settings', 'activeWorkspaceId');
    const parsed = WorkspaceInfo.safeParse(await registry.get('workspaces', String(activeId)));
    if (parsed.success) info = parsed.data;
    else {
      const first = (await registry.getAll('workspaces')).map((w) => WorkspaceInfo.safeParse(w)).find((p) => p.success);
      info = first?.data;
    }
  } finally {
    registry.close();
  }
  if (!info) throw new Error('Tandem could not read its list of workspaces. Reinstalling the extension resets it.');
  return { info, db: await openWorkspaceDb(info.id) };
}

/** Adds (or updates) a server workspace with its token, and makes it the active one. */
export async function saveServerWorkspace(info: WorkspaceInfo, token: string): Promise<void> {
  const registry = await openRegistry();
  try {
    const tx = registry.transaction(['workspaces', 'settings', 'secrets'], 'readwrite');
    await tx.objectStore('workspaces').put(WorkspaceInfo.parse(info), info.id);
    await tx.objectStore('secrets').put(token, info.id);
    await tx.objectStore('settings').put(info.id, 'activeWorkspaceId');
    await tx.done;
  } finally {
    registry.close();
  }
  emitChange({ workspaceId: info.id, topics: ['workspaces'] });
}

/**
 * Follows the server's word on who this install is in a workspace (an admin changed the
 * member's role or name): the UI offers what the role may do, and local checks agree with the
 * server's. Returns whether anything changed.
 */
export async function updateWorkspaceMember(workspaceId: string, member: Pick<WorkspaceInfo['member'], 'name' | 'role'>): Promise<boolean> {
  const registry = await openRegistry();
  let changed = false;
  try {
    const tx = registry.transaction('workspaces', 'readwrite');
    const parsed = WorkspaceInfo.safeParse(await tx.store.get(workspaceId));
    if (parsed.success && (parsed.data.member.role !== member.role || parsed.data.member.name !== member.name)) {
      await tx.store.put({ ...parsed.data, member: { ...parsed.data.member, ...member } }, workspaceId);
      changed = true;
    }
    await tx.done;
  } finally {
    registry.close();
  }
  if (changed) emitChange({ workspaceId, topics: ['workspaces'] });
  return changed;
}

export async function setActiveWorkspace(workspaceId: string): Promise<void> {
  const registry = await openRegistry();
  try {
    if (!(await registry.get('workspaces', workspaceId))) throw new Error('That workspace is not on this device any more.');
    await registry.put('settings', workspaceId, 'activeWorkspaceId');
  } finally {
    registry.close();
  }
  emitChange({ workspaceId, topics: ['workspaces'] });
}

export async function tokenOf(workspaceId: string): Promise<string | undefined> {
  const registry = await openRegistry();
  try {
    return await registry.get('secrets', workspaceId);
  } finally {
    registry.close();
  }
}

/**
 * Removes a workspace from this device: its token always, its local data when `wipe` is set
 * (otherwise it stays for a later reconnect). The demo becomes active if it was this one.
 */
export async function removeWorkspace(workspaceId: string, { wipe }: { wipe: boolean }): Promise<void> {
  const registry = await openRegistry();
  try {
    const tx = registry.transaction(['workspaces', 'settings', 'secrets'], 'readwrite');
    await tx.objectStore('workspaces').delete(workspaceId);
    await tx.objectStore('secrets').delete(workspaceId);
    if ((await tx.objectStore('settings').get('activeWorkspaceId')) === workspaceId) {
      const rest = await tx.objectStore('workspaces').getAllKeys();
      await tx.objectStore('settings').put(rest.includes(demoWorkspaceId) ? demoWorkspaceId : (rest[0] ?? demoWorkspaceId), 'activeWorkspaceId');
    }
    await tx.done;
  } finally {
    registry.close();
  }
  if (wipe) await deleteWorkspaceData(workspaceId);
  emitChange({ workspaceId, topics: ['workspaces'] });
}

/** Deletes a workspace's local database (waits for open views to close it). */
export function deleteWorkspaceData(workspaceId: string): Promise<void> {
  return deleteDB(workspaceDbName(workspaceId));
}
