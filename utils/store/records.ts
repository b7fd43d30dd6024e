import { recordSchemas, type RecordOf, type RecordType } from '../model';
import { typeRange, type WorkspaceDb } from './db';

/** A stored row that no longer parses (damaged, or written by an older version). */
export interface RecordProblem {
  type: RecordType;
  id: string;
  message: string;
}

export interface RecordList<T extends RecordType> {
  records: RecordOf<T>[];
  /** Rows that were skipped, so the UI can say so instead of crashing. */
  problems: RecordProblem[];
}

export function parseRecord<T extends RecordType>(
  type: T,
  id: string,
  doc: unknown,
): { ok: true; record: RecordOf<T> } | { ok: false; problem: RecordProblem } {
  const parsed = recordSchemas[type].safeParse(doc);
  if (parsed.success) return { ok: true, record: parsed.data as RecordOf<T> };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return { ok: false, problem: { type, id, message: `${first?.message ?? 'Unreadable'}${where}` } };
}

/** Every live record of a type, parsed; deleted ones are left out. */
export async function listRecords<T extends RecordType>(db: WorkspaceDb, type: T): Promise<RecordList<T>> {
  const rows = await db.getAll('records', typeRange(type));
  const list: RecordList<T> = { records: [], problems: [] };
  for (const row of rows) {
    const result = parseRecord(type, row.id, row.doc);
    if (!result.ok) list.problems.push(result.problem);
    else if (!result.record.deleted) list.records.push(result.record);
  }
  return list;
}
