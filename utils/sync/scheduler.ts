import { listWorkspaces, openWorkspaceDb, parseRecord, tokenOf, updateWorkspaceMember, type WorkspaceDb, type WorkspaceInfo } from '../store';
import { syncOnce } from './engine';
import { readSyncStatus, writeSyncStatus, type SyncStatus } from './status';
import { httpTransport, SyncFailure, type Fetch } from './transport';

export type SyncReason = 'write' | 'manual' | 'connect' | 'startup' | 'alarm' | 'online' | 'poll';

export interface SchedulerOptions {
  fetch?: Fetch;
  /** Delay after a local write before syncing, so a burst of writes goes in one push. */
  debounceMs?: number;
  random?: () => number;
}

const maxBackoffMs = 5 * 60_000;

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … up to 5 minutes, each ×0.5–1.5. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  return Math.min(maxBackoffMs, 1000 * 2 ** Math.max(0, failures - 1)) * (0.5 + random());
}

/** Where a failure leaves the status: what to show and whether to retry by itself. */
function statusAfter(error: unknown, previous: SyncStatus, random: () => number): SyncStatus {
  const at = new Date();
  const failures = previous.failures + 1;
  const retry = (ms: number) => new Date(at.getTime() + ms).toISOString();
  if (error instanceof SyncFailure) {
    switch (error.kind) {
      case 'unauthorized':
        return { ...previous, state: 'revoked', message: 'The server no longer accepts this device’s token: access was revoked or the token rotated.', at: at.toISOString(), failures, nextAttemptAt: undefined };
      case 'network':
        return { ...previous, state: 'offline', message: error.message, at: at.toISOString(), failures, nextAttemptAt: retry(backoffMs(failures, random)) };
      case 'rate-limited':
        return { ...previous, state: 'error', message: 'The server asked Tandem to slow down; it will retry by itself.', at: at.toISOString(), failures, nextAttemptAt: retry((error.details.retryAfterSeconds ?? 1) * 1000) };
      default:
        return { ...previous, state: 'error', message: error.message, at: at.toISOString(), failures, nextAttemptAt: retry(backoffMs(failures, random)) };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ...previous, state: 'error', message: `Sync failed: ${message}`, at: at.toISOString(), failures, nextAttemptAt: retry(backoffMs(failures, random)) };
}

/** The member record the server keeps for this install's member says its role and name. */
async function followMemberRecord(db: WorkspaceDb, info: WorkspaceInfo): Promise<void> {
  const row = await db.get('records', ['member', info.member.memberId]);
  if (!row) return;
  const parsed = parseRecord('member', info.member.memberId, row.doc);
  if (parsed.ok && !parsed.record.deleted) await updateWorkspaceMember(info.id, { name: parsed.record.name, role: parsed.record.role });
}

/**
 * Runs sync for the server workspaces on this device. All its state lives in IndexedDB, so
 * a background stopped in the middle resumes correctly the next time it wakes; one sync per
 * workspace runs at a time, across contexts too (Web Locks where available).
 */
export function createSyncScheduler(options: SchedulerOptions = {}) {
  const fetchImpl = options.fetch ?? ((i, init) => fetch(i, init));
  const random = options.random ?? Math.random;
  const debounceMs = options.debounceMs ?? 800;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Map<string, Promise<void>>();

  async function run(info: WorkspaceInfo, reason: SyncReason): Promise<void> {
    const token = await tokenOf(info.id);
    if (!token || !info.serverUrl) return;
    const db = await openWorkspaceDb(info.id);
    try {
      const previous = await readSyncStatus(db);
      const automatic = reason !== 'manual' && reason !== 'connect';
      if (previous.state === 'revoked' && reason !== 'manual') return;
      if (automatic && reason !== 'write' && previous.nextAttemptAt && Date.parse(previous.nextAttemptAt) > Date.now()) {
        schedule(info, 'alarm', Date.parse(previous.nextAttemptAt) - Date.now());
        return;
      }
      await writeSyncStatus(db, info.id, { ...previous, state: 'syncing', at: new Date().toISOString() });
      try {
        await syncOnce({ db, workspaceId: info.id, actor: info.member, transport: httpTransport(info.serverUrl, token, fetchImpl) });
        const at = new Date().toISOString();
        await writeSyncStatus(db, info.id, { state: 'synced', at, lastSyncedAt: at, failures: 0 });
        await followMemberRecord(db, info);
      } catch (error) {
        const next = statusAfter(error, previous, random);
        await writeSyncStatus(db, info.id, next);
        if (next.nextAttemptAt) schedule(info, 'alarm', Date.parse(next.nextAttemptAt) - Date.now());
      }
    } finally {
      db.close();
    }
  }

  /** Syncs one workspace now, or joins the sync already running for it. */
  function syncWorkspace(info: WorkspaceInfo, reason: SyncReason): Promise<void> {
    const current = running.get(info.id);
    if (current) return current.then(() => (reason === 'write' || reason === 'manual' ? syncWorkspace(info, reason) : undefined));
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    const locked = (locks ? locks.request(`tandem-sync-${info.id}`, () => run(info, reason)) : run(info, reason)) as Promise<void>;
    const task = locked.finally(() => running.delete(info.id));
    running.set(info.id, task);
    return task;
  }

  function schedule(info: WorkspaceInfo, reason: SyncReason, delayMs: number): void {
    clearTimeout(timers.get(info.id));
    timers.set(
      info.id,
      setTimeout(() => {
        timers.delete(info.id);
        void syncWorkspace(info, reason);
      }, Math.max(0, delayMs)),
    );
  }

  async function serverWorkspaces(): Promise<WorkspaceInfo[]> {
    return (await listWorkspaces()).filter((w) => w.kind === 'server');
  }

  return {
    syncWorkspace,
    /** A sync for one workspace: debounced after writes, at once otherwise. */
    async request(workspaceId: string, reason: SyncReason): Promise<void> {
      const info = (await serverWorkspaces()).find((w) => w.id === workspaceId);
      if (!info) return;
      if (reason === 'write') schedule(info, reason, debounceMs);
      else await syncWorkspace(info, reason);
    },
    async syncAll(reason: SyncReason): Promise<void> {
      await Promise.all((await serverWorkspaces()).map((info) => syncWorkspace(info, reason)));
    },
    dispose(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
