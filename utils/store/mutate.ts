import { describeZodError, recordSchemas, type RecordType } from '../model';
import { mutatorNamed, MutationError, type MutationContext, type MutationTx } from '../mutators';
import { emitChange } from './changes';
import type { IDBPObjectStore, StoreNames } from 'idb';
import { typeRange, type WorkspaceDb, type WorkspaceSchema } from './db';
import { parseRecord } from './records';

export type RecordsStore = IDBPObjectStore<WorkspaceSchema, ArrayLike<StoreNames<WorkspaceSchema>>, 'records', 'readwrite'>;
export type BaseStore = IDBPObjectStore<WorkspaceSchema, ArrayLike<StoreNames<WorkspaceSchema>>, 'base', 'readwrite'>;

/** The mutators' view of IndexedDB inside one transaction. Writes are parsed before they land. */
export function idbMutationTx(store: RecordsStore): MutationTx {
  return {
    async get(type, id) {
      const row = await store.get([type, id]);
      if (!row) return undefined;
      const parsed = parseRecord(type, id, row.doc);
      return parsed.ok ? parsed.record : undefined;
    },
    async put(type, record) {
      const doc = recordSchemas[type].parse(record);
      await store.put({ type, id: doc.id, doc });
    },
    async list(type) {
      const rows = await store.getAll(typeRange(type));
      return rows.flatMap((row) => {
        const parsed = parseRecord(type, row.id, row.doc);
        return parsed.ok ? [parsed.record] : [];
      });
    },
  };
}

/**
 * A MutationTx over the records view that lists which records it wrote, and before the first
 * local write to a record keeps the server's version of it in `base` (a shadow; `doc: null`
 * when the server has no such record), so a refused mutation can be undone. Records no
 * pending mutation touches have no shadow: the view itself is the server's state.
 */
export function trackingMutationTx(records: RecordsStore, base: BaseStore): { mutationTx: MutationTx; touched: [RecordType, string][] } {
  const inner = idbMutationTx(records);
  const touched: [RecordType, string][] = [];
  return {
    touched,
    mutationTx: {
      ...inner,
      put: async (type, record) => {
        if (!touched.some(([t, id]) => t === type && id === record.id)) {
          touched.push([type, record.id]);
          if ((await base.count([type, record.id])) === 0) {
            const current = await records.get([type, record.id]);
            await base.put({ type, id: record.id, doc: current?.doc ?? null });
          }
        }
        return inner.put(type, record);
      },
    },
  };
}

/**
 * Applies a named mutation to the local store at once and queues it in the outbox, in one
 * transaction: either both happen or neither does. Throws a MutationError the UI can show.
 */
export async function mutate(
  db: WorkspaceDb,
  workspaceId: string,
  name: string,
  rawArgs: unknown,
  actor: MutationContext['actor'],
): Promise<void> {
  const mutator = mutatorNamed(name);
  if (!mutator) throw new MutationError('invalid', `Tandem does not know the change “${name}”.`);
  const args = mutator.args.safeParse(rawArgs);
  if (!args.success) throw new MutationError('invalid', describeZodError(args.error));
  if (!mutator.roles.includes(actor.role)) {
    throw new MutationError('forbidden', `A ${actor.role} member cannot do this (${name}).`);
  }

  const tx = db.transaction(['records', 'base', 'outbox', 'meta'], 'readwrite');
  const now = new Date().toISOString();
  const { mutationTx, touched } = trackingMutationTx(tx.objectStore('records'), tx.objectStore('base'));
  try {
    await mutator.apply(mutationTx, args.data, { actor, now });
    const meta = tx.objectStore('meta');
    const mutationId = ((await meta.get('lastMutationId')) as number | undefined ?? 0) + 1;
    await tx.objectStore('outbox').add({ mutationId, name, args: args.data, createdAt: now, touched });
    await meta.put(mutationId, 'lastMutationId');
    await tx.done;
  } catch (error) {
    tx.done.catch(() => {}); // the abort below rejects it; the mutation's own error is what matters
    try {
      tx.abort();
    } catch {
      // already finished
    }
    throw error;
  }
  emitChange({ workspaceId, topics: [...new Set(touched.map(([type]) => type)), 'outbox'] });
}

export { describeZodError };
