import { sql, type Transaction } from 'kysely';
import { recordSchemas, type AnyRecord, type Change, type RecordType } from '../utils/model';
import type { MutationTx } from '../utils/mutators';
import type { Database } from './db/schema';

/** Gives the next sequence number of a workspace. Call only inside its write transaction. */
async function nextSeq(trx: Transaction<Database>, workspaceId: string): Promise<number> {
  const row = await trx
    .updateTable('workspaces')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', workspaceId)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

/** Writes a record (parsed first) with the workspace's next sequence number. */
export async function putRecord(trx: Transaction<Database>, workspaceId: string, type: RecordType, record: AnyRecord): Promise<void> {
  const doc = recordSchemas[type].parse(record);
  const seq = await nextSeq(trx, workspaceId);
  const row = { workspace_id: workspaceId, type, id: doc.id, version: doc.version, deleted: doc.deleted ? 1 : 0, seq, doc: JSON.stringify(doc) };
  await trx
    .insertInto('records')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'type', 'id']).doUpdateSet({ version: row.version, deleted: row.deleted, seq, doc: row.doc }))
    .execute();
}

/** A stored row as it travels in pull and in conflicts. */
export function toChange(row: { type: string; id: string; version: number; deleted: number; doc: string }): Change {
  return { type: row.type as RecordType, id: row.id, version: row.version, deleted: row.deleted === 1, value: JSON.parse(row.doc) };
}

function parseRow<T extends RecordType>(type: T, doc: string) {
  const parsed = recordSchemas[type].safeParse(JSON.parse(doc));
  return parsed.success ? parsed.data : undefined;
}

/** The mutators' view of the database inside one workspace's write transaction. */
export function dbMutationTx(trx: Transaction<Database>, workspaceId: string): MutationTx {
  return {
    async get(type, id) {
      const row = await trx
        .selectFrom('records')
        .select('doc')
        .where('workspace_id', '=', workspaceId)
        .where('type', '=', type)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? (parseRow(type, row.doc) as never) : undefined;
    },
    put: (type, record) => putRecord(trx, workspaceId, type, record),
    async list(type) {
      const rows = await trx.selectFrom('records').select('doc').where('workspace_id', '=', workspaceId).where('type', '=', type).execute();
      return rows.flatMap((row) => {
        const parsed = parseRow(type, row.doc);
        return parsed ? [parsed as never] : [];
      });
    },
  };
}
