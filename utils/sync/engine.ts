import { contactKey, recordSchemas, type AnyRecord, type MutationOutcome, type PullResponse, type RecordOf, type RecordType } from '../model';
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

/** Is this pulled record an erasure's tombstone (server/erase.ts), which names nobody? */
function isErasure(type: RecordType, doc: AnyRecord): boolean {
  if (!doc.deleted) return false;
  if (type === 'fact') return (doc as RecordOf<'fact'>).contactKey === 'erased';
  if (type === 'feedback') return (doc as RecordOf<'feedback'>).subject.contactKey === 'erased';
  return type === 'lead' && !(doc as RecordOf<'lead'>).email;
}

/** The contact key a stored lead, feedback or fact is about. */
function subjectOf(type: RecordType, doc: unknown): string | undefined {
  const parsed = recordSchemas[type].safeParse(doc);
  if (!parsed.success) return undefined;
  if (type === 'fact') return (parsed.data as RecordOf<'fact'>).contactKey;
  if (type === 'feedback') return (parsed.data as RecordOf<'feedback'>).subject.contactKey;
  const email = type === 'lead' ? (parsed.data as RecordOf<'lead'>).email : undefined;
  return email ? contactKey({ email }) : undefined;
}

/**
 * Applies one page of a pull in one transaction. Confirmed mutations leave the outbox
 * (refused ones become notices for their author). A change to a record no pending mutation
 * touches goes straight into the view; a change to one that pending work touches updates its
 * shadow, and the view is rebuilt from the shadow with that work applied again on top. A
 * record a confirmed mutation touched, and nothing pending still does, drops its shadow: the
 * server's version (this change, or the shadow if the server refused it) is the view.
 */
export async function applyPull(target: Pick<SyncTarget, 'db' | 'workspaceId' | 'actor'>, page: PullResponse): Promise<{ applied: number; skipped: number }> {
  const { db, workspaceId, actor } = target;
  const tx = db.transaction(['base', 'records', 'outbox', 'meta', 'notices', 'recent'], 'readwrite', { durability: 'relaxed' });
  const base = tx.objectStore('base');
  const records = tx.objectStore('records');
  const outbox = tx.objectStore('outbox');

  const entries = await outbox.getAll();
  const confirmed = entries.filter((e) => e.mutationId <= page.lastMutationId);
  const pending = entries.filter((e) => e.mutationId > page.lastMutationId);
  const touchedBy = (list: OutboxEntry[]) => {
    const keys = new Map<string, [RecordType, string]>();
    for (const entry of list) for (const [type, id] of entry.touched ?? []) keys.set(key(type, id), [type, id]);
    return keys;
  };
  const pendingKeys = touchedBy(pending);
  const settledKeys = touchedBy(confirmed);
  for (const k of pendingKeys.keys()) settledKeys.delete(k);

  const topics = new Set<RecordType>();
  const changed = new Set<string>();
  const erasedContacts = new Set<string>();
  let skipped = 0;
  for (const change of page.changes) {
    const parsed = recordSchemas[change.type].safeParse(change.value);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const row = { type: change.type, id: change.id, doc: parsed.data };
    const k = key(change.type, change.id);
    if (isErasure(change.type, parsed.data)) {
      // An erasure's tombstone no longer says whose it was; the record it replaces does.
      const before = (await base.get([change.type, change.id])) ?? (await records.get([change.type, change.id]));
      const whose = before?.doc ? subjectOf(change.type, before.doc) : undefined;
      if (whose) erasedContacts.add(whose);
    }
    void (pendingKeys.has(k) ? base : records).put(row);
    changed.add(k);
    topics.add(change.type);
  }

  // An erased contact leaves this device's recent contacts too (with what its pages showed).
  for (const contact of erasedContacts) void tx.objectStore('recent').delete(contact);

  for (const entry of confirmed) void outbox.delete(entry.mutationId);
  const byId = new Map(entries.map((e) => [e.mutationId, e]));
  const now = new Date().toISOString();
  for (const outcome of page.outcomes) {
    const notice: SyncNotice = { ...outcome, args: byId.get(outcome.id)?.args ?? null, createdAt: now };
    void tx.objectStore('notices').put(notice, outcome.id);
  }

  for (const [k, [type, id]] of settledKeys) {
    topics.add(type);
    if (!changed.has(k)) {
      const shadow = await base.get([type, id]);
      if (shadow) void (shadow.doc === null ? records.delete([type, id]) : records.put({ type, id, doc: shadow.doc }));
    }
    void base.delete([type, id]);
  }

  // Pending work is applied again only where the server changed what it was based on.
  if ([...pendingKeys.keys()].some((k) => changed.has(k))) {
    for (const [type, id] of pendingKeys.values()) {
      const shadow = await base.get([type, id]);
      if (!shadow) continue; // written before shadows existed: re-applying below is enough
      void (shadow.doc === null ? records.delete([type, id]) : records.put({ type, id, doc: shadow.doc }));
      topics.add(type);
    }
    for (const entry of pending) {
      const mutator = mutatorNamed(entry.name);
      const args = mutator?.args.safeParse(entry.args);
      if (!mutator || !args?.success) continue;
      const { mutationTx, touched } = trackingMutationTx(records, base);
      try {
        await mutator.apply(mutationTx, args.data, { actor, now });
      } catch {
        // It no longer applies on the server's newer state; the server will say why.
      }
      const all = [...(entry.touched ?? [])];
      for (const t of touched) if (!all.some(([a, b]) => a === t[0] && b === t[1])) all.push(t);
      if (all.length !== (entry.touched ?? []).length) void outbox.put({ ...entry, touched: all } satisfies OutboxEntry);
    }
  }

  void tx.objectStore('meta').put(page.cursor, 'cursor');
  void tx.objectStore('meta').put(ackAfter(page), 'ack');
  await tx.done;

  emitChange({
    workspaceId,
    topics: [...topics, 'outbox', ...(page.outcomes.length ? (['notices'] as const) : []), ...(erasedContacts.size ? (['recent'] as const) : [])],
  });
  return { applied: page.changes.length - skipped, skipped };
}

/**
 * Pulls until the server has nothing more, applying each page in its own transaction. The
 * next page is fetched while the current one is applied: its cursor and ack are known from
 * the page itself.
 */
export async function pullAll(target: SyncTarget, clientId: string, limit = 500): Promise<number> {
  let pulled = 0;
  let cursor = ((await target.db.get('meta', 'cursor')) as number | undefined) ?? 0;
  let ack = ((await target.db.get('meta', 'ack')) as number | undefined) ?? 0;
  let next = target.transport.pull({ clientId, cursor, ack, limit });
  for (;;) {
    const page = await next;
    cursor = page.cursor;
    ack = ackAfter(page);
    if (page.more) {
      next = target.transport.pull({ clientId, cursor, ack, limit });
      next.catch(() => {}); // awaited on the next turn; a failure there is handled there
    }
    pulled += (await applyPull(target, page)).applied;
    if (!page.more) return pulled;
  }
}

/** Every outcome up to lastMutationId is recorded with a page (pull returns up to 1,000 a time). */
function ackAfter(page: PullResponse): number {
  return page.outcomes.length >= 1000 ? page.outcomes[page.outcomes.length - 1]!.id : page.lastMutationId;
}

/** One sync cycle: push what is waiting, then pull until up to date. */
export async function syncOnce(target: SyncTarget): Promise<{ pushed: number; pulled: number }> {
  const clientId = await clientIdOf(target.db);
  const pushed = await pushOutbox(target, clientId);
  const pulled = await pullAll(target, clientId);
  return { pushed, pulled };
}
