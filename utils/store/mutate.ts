import type { z } from 'zod';
import { recordSchemas, type RecordType } from '../model';
import { mutatorNamed, MutationError, type MutationContext, type MutationTx } from '../mutators';
import { emitChange } from './changes';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { WorkspaceDb, WorkspaceSchema } from './db';
import { parseRecord } from './records';

export type RecordsStore = IDBPObjectStore<WorkspaceSchema, ArrayLike<StoreNames<WorkspaceSchema>>, 'records', 'readwrite'>;

/** The mutators' view of IndexedDB inside one transaction. Writes are parsed before they land. */
export function idbMutationTx(records: RecordsStore): MutationTx {
  const store = records;
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
      const rows = await store.index('byType').getAll(type);
      return rows.flatMap((row) => {
        const parsed = parseRecord(type, row.id, row.doc);
        return parsed.ok ? [parsed.record] : [];
      });
    },
  };
}

/** A MutationTx over the records view that also lists which records were written. */
export function trackingMutationTx(records: RecordsStore): { mutationTx: MutationTx; touched: [RecordType, string][] } {
  const inner = idbMutationTx(records);
  const touched: [RecordType, string][] = [];
  return {
    touched,
    mutationTx: {
      ...inner,
      put: (type, record) => {
        if (!touched.some(([t, id]) => t === type && id === record.id)) touched.push([type, record.id]);
        return inner.put(type, record);
      },
    },
  };
}

/** Says in words what is wrong with a mutation's arguments. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
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

  const tx = db.transaction(['records', 'outbox', 'meta'], 'readwrite');
  const now = new Date().toISOString();
  const { mutationTx, touched } = trackingMutationTx(tx.objectStore('records'));
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
