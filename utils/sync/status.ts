import { z } from 'zod';
import { Timestamp } from '../model';
import { emitChange, type WorkspaceDb } from '../store';

/** What the sidebar shows about sync, kept in the workspace's database so every view agrees. */
export const SyncStatus = z.object({
  state: z.enum(['idle', 'syncing', 'synced', 'offline', 'error', 'revoked']),
  /** The reason, in words, for offline, error and revoked. */
  message: z.string().max(500).optional(),
  /** When the state was set. */
  at: Timestamp,
  /** When the last sync finished without error. */
  lastSyncedAt: Timestamp.optional(),
  failures: z.number().int().nonnegative().default(0),
  /** The earliest time an automatic retry runs (backoff). */
  nextAttemptAt: Timestamp.optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export async function readSyncStatus(db: WorkspaceDb): Promise<SyncStatus> {
  const parsed = SyncStatus.safeParse(await db.get('meta', 'syncStatus'));
  return parsed.success ? parsed.data : { state: 'idle', at: new Date(0).toISOString(), failures: 0 };
}

export async function writeSyncStatus(db: WorkspaceDb, workspaceId: string, status: SyncStatus): Promise<void> {
  await db.put('meta', SyncStatus.parse(status), 'syncStatus');
  emitChange({ workspaceId, topics: ['sync'] });
}
