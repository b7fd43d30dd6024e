import { z } from 'zod';
import type { WorkspaceDb } from '../store/db';
import { Timestamp } from '../model';

/**
 * Drafts of Marketing's documents live in the workspace's `meta` store, so closing the page
 * loses nothing. They are local to this device and never synced.
 */
export const draftKeys = {
  definition: 'draft:definition',
  campaign: (id: string) => `draft:campaign:${id}`,
  play: (id: string) => `draft:play:${id}`,
  goal: (id: string) => `draft:goal:${id}`,
} as const;

export type DocumentKind = 'campaign' | 'play' | 'goal';

export const draftPrefix = (kind: DocumentKind) => `draft:${kind}:`;

export interface StoredDraft<D> {
  key: string;
  /** When it was last written (ISO time). */
  savedAt: string;
  draft: D;
}

const Envelope = z.object({ savedAt: Timestamp, draft: z.unknown() });

function parseStored<D>(key: string, value: unknown, schema: z.ZodType<D>): StoredDraft<D> | undefined {
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return undefined;
  // A draft written by an older version that no longer fits is left alone, not shown broken.
  const draft = schema.safeParse(envelope.data.draft);
  return draft.success ? { key, savedAt: envelope.data.savedAt, draft: draft.data } : undefined;
}

export async function readDraft<D>(db: WorkspaceDb, key: string, schema: z.ZodType<D>): Promise<StoredDraft<D> | undefined> {
  return parseStored(key, await db.get('meta', key), schema);
}

/** Keeps a draft; returns when it was saved. */
export async function writeDraft<D>(db: WorkspaceDb, key: string, draft: D, now = new Date()): Promise<string> {
  const savedAt = now.toISOString();
  await db.put('meta', { savedAt, draft }, key);
  return savedAt;
}

export async function deleteDraft(db: WorkspaceDb, key: string): Promise<void> {
  await db.delete('meta', key);
}

/** Every readable draft whose key starts with `prefix`, newest first. */
export async function listDrafts<D>(db: WorkspaceDb, prefix: string, schema: z.ZodType<D>): Promise<StoredDraft<D>[]> {
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  const tx = db.transaction('meta');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
  return keys
    .flatMap((key, i) => parseStored(key, values[i], schema) ?? [])
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * Calls `save` with the latest value once no new value came for `delayMs`; `flush` saves a
 * pending value at once (when the page hides or the editor closes), `cancel` drops it.
 */
export function debouncer<T>(save: (value: T) => void, delayMs = 300) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const p = pending;
    pending = undefined;
    if (p) save(p.value);
  };
  return {
    push(value: T) {
      pending = { value };
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
    get pending() {
      return pending !== undefined;
    },
  };
}

/**
 * Keeps drafts as they are typed: a write about `delayMs` after the last change, at once on
 * `flush`; writes and deletes run in order, so a late write never brings back a discarded draft.
 */
export function draftWriter(db: WorkspaceDb, onSaved: (key: string, savedAt: string) => void, delayMs = 300) {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (op: () => Promise<unknown>) => {
    queue = queue.then(op).catch((error: unknown) => console.warn('Tandem could not keep a draft:', error));
    return queue;
  };
  const saver = debouncer<{ key: string; draft: unknown }>(({ key, draft }) => {
    void enqueue(async () => onSaved(key, await writeDraft(db, key, draft)));
  }, delayMs);
  return {
    push(key: string, draft: unknown) {
      saver.push({ key, draft });
    },
    /** Writes a pending draft now; resolves when every write so far is done. */
    async flush() {
      saver.flush();
      await queue;
    },
    /** Drops a pending write and deletes the stored draft. */
    async discard(key: string) {
      saver.cancel();
      await enqueue(() => deleteDraft(db, key));
    },
  };
}
