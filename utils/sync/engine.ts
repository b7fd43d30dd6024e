import { recordSchemas, type MutationOutcome, type PullResponse, type RecordType } from '../model';
import { mutatorNamed, type MutationContext } from '../mutators';
import { emitChange, trackingMutationTx, type OutboxEntry, type WorkspaceDb } from '../store';
import { SyncFailure, type SyncTransport } from './transport';

/** What a sync cycle needs: the workspace's database, who we are in it, and the server. */
export interface SyncTarget {
  db: WorkspaceDb;
  workspaceId: string;
  actor: MutationContext['actor'];
  transport: SyncTransport;
}

/** A refused or conflicting mutation, kept with what it tried to do so its author can see it. */
export interface SyncNotice extends MutationOutcome {
  args: unknown;
  createdAt: string;
}

const key = (type: RecordType, id: string) => `${type}\u0000${id}`;

/** This install's id in the workspace, made once and kept in its database. */
export async function clientIdOf(db: WorkspaceDb): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  let clientId = (await tx.store.get('clientId')) as string | undefined;
  if (!clientId) {
    clientId = crypto.randomUUID();
    await tx.store.put(clientId, 'clientId');
  }
  await tx.done;
  return clientId;
}

export const defaultPushBatch = 100;

/**
 * Pushes the outbox in order, in batches. A batch the server finds too large is halved; a gap
 * (the server lost mutations it had confirmed, e.g. restored from a backup) renumbers what is
 * still pending to follow the server's lastMutationId, since none of it was applied there.
 */
export async function pushOutbox(target: SyncTarget, clientId: string, batchSize = defaultPushBatch): Promise<number> {
  let pushed = 0;
  let size = batchSize;
  let renumbered = false;
  // Pushed entries stay in the outbox until a pull brings their effects (so a crash in
  // between loses nothing); later batches read after them.
  let after = 0;
  for (;;) {
    const pending = await target.db.getAll('outbox', IDBKeyRange.lowerBound(after, true), size);
    if (pending.length === 0) return pushed;
    try {
      await target.transport.push({
        clientId,
        mutations: pending.map((m) => ({ id: m.mutationId, name: m.name, args: m.args })),
      });
    } catch (error) {
      if (error instanceof SyncFailure && error.kind === 'too-large' && size > 1) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      if (error instanceof SyncFailure && error.kind === 'gap' && !renumbered && error.details.lastMutationId !== undefined) {
        await renumberOutbox(target.db, error.details.lastMutationId);
        after = error.details.lastMutationId;
        renumbered = true;
        continue;
      }
      throw error;
    }
    pushed += pending.length;
    after = pending[pending.length - 1]!.mutationId;
  }
}

async function renumberOutbox(db: WorkspaceDb, serverLast: number): Promise<void> {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const entries = await tx.objectStore('outbox').getAll();
  await tx.objectStore('outbox').clear();
  let id = serverLast;
  for (const entry of entries) await tx.objectStore('outbox').put({ ...entry, mutationId: ++id });
  await tx.objectStore('meta').put(id, 'lastMutationId');
  await tx.done;
}

/**
 * Applies one page of a pull in one transaction: the server's changes land in `base`;
 * confirmed mutations leave the outbox (refused ones become notices for their author); every
 * record they or the changes touched is rebuilt from `base`, and what is still pending is
 * applied again on top. The view is the server's state plus our unsent work.
 */
export async function applyPull(target: Pick<SyncTarget, 'db' | 'workspaceId' | 'actor'>, page: PullResponse): Promise<{ applied: number; skipped: number }> {
  const { db, workspaceId, actor } = target;
  const tx = db.transaction(['base', 'records', 'outbox', 'meta', 'notices'], 'readwrite');
  const base = tx.objectStore('base');
  const records = tx.objectStore('records');
  const outbox = tx.objectStore('outbox');
  const meta = tx.objectStore('meta');
  const affected = new Map<string, [RecordType, string]>();
  const fresh = new Map<string, unknown>();
  let skipped = 0;

  for (const change of page.changes) {
    const parsed = recordSchemas[change.type].safeParse(change.value);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    void base.put({ type: change.type, id: change.id, doc: parsed.data });
    affected.set(key(change.type, change.id), [change.type, change.id]);
    fresh.set(key(change.type, change.id), parsed.data);
  }

  const entries = await outbox.getAll();
  const confirmed = entries.filter((e) => e.mutationId <= page.lastMutationId);
  const pending = entries.filter((e) => e.mutationId > page.lastMutationId);
  for (const entry of [...confirmed, ...pending]) {
    for (const [type, id] of entry.touched ?? []) affected.set(key(type, id), [type, id]);
  }
  for (const entry of confirmed) void outbox.delete(entry.mutationId);

  const byId = new Map(entries.map((e) => [e.mutationId, e]));
  const now = new Date().toISOString();
  for (const outcome of page.outcomes) {
    const notice: SyncNotice = { ...outcome, args: byId.get(outcome.id)?.args ?? null, createdAt: now };
    void tx.objectStore('notices').put(notice, outcome.id);
  }

  for (const [k, [type, id]] of affected) {
    const doc = fresh.has(k) ? fresh.get(k) : (await base.get([type, id]))?.doc;
    if (doc === undefined) void records.delete([type, id]);
    else void records.put({ type, id, doc });
  }

  for (const entry of pending) {
    const mutator = mutatorNamed(entry.name);
    const args = mutator?.args.safeParse(entry.args);
    if (!mutator || !args?.success) continue;
    const { mutationTx, touched } = trackingMutationTx(records);
    try {
      await mutator.apply(mutationTx, args.data, { actor, now });
    } catch {
      // It no longer applies on the server's newer state; the server will say why.
    }
    const all = [...(entry.touched ?? [])];
    for (const t of touched) if (!all.some(([a, b]) => a === t[0] && b === t[1])) all.push(t);
    void outbox.put({ ...entry, touched: all } satisfies OutboxEntry);
  }

  void meta.put(page.cursor, 'cursor');
  // Every outcome up to lastMutationId has now been recorded (pull returns up to 1,000 a time).
  const ack = page.outcomes.length >= 1000 ? page.outcomes[page.outcomes.length - 1]!.id : page.lastMutationId;
  void meta.put(ack, 'ack');
  await tx.done;

  const topics = new Set<RecordType>([...affected.values()].map(([type]) => type));
  emitChange({ workspaceId, topics: [...topics, 'outbox', ...(page.outcomes.length ? (['notices'] as const) : [])] });
  return { applied: page.changes.length - skipped, skipped };
}

/** Pulls until the server has nothing more, applying each page in its own transaction. */
export async function pullAll(target: SyncTarget, clientId: string, limit = 500): Promise<number> {
  let pulled = 0;
  for (;;) {
    const cursor = ((await target.db.get('meta', 'cursor')) as number | undefined) ?? 0;
    const ack = ((await target.db.get('meta', 'ack')) as number | undefined) ?? 0;
    const page = await target.transport.pull({ clientId, cursor, ack, limit });
    pulled += (await applyPull(target, page)).applied;
    if (!page.more) return pulled;
  }
}

/** One sync cycle: push what is waiting, then pull until up to date. */
export async function syncOnce(target: SyncTarget): Promise<{ pushed: number; pulled: number }> {
  const clientId = await clientIdOf(target.db);
  const pushed = await pushOutbox(target, clientId);
  const pulled = await pullAll(target, clientId);
  return { pushed, pulled };
}
