/**
 * The baseline's database side: the SQL Tandem runs for a pull page and for a `feedback.create`
 * push, with the bare driver (better-sqlite3 with prepared statements, or a pg Pool of 10). Used
 * by bench/baseline-http.ts.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { FeedbackCreateArgs } from './workload';

/** Who the baseline acts as: what Tandem learns from the token, given up front. */
export interface Actor {
  workspaceId: string;
  memberId: string;
  memberName: string;
}

interface Row {
  type: string;
  id: string;
  version: number;
  deleted: number;
  seq: number;
  doc: string;
}
export type Mutation = { id: number; name: string; args: FeedbackCreateArgs };
export type Result = { id: number; status: 'applied' | 'duplicate' };
export class Gap extends Error {}

// The statements Kysely compiles for server/sync.ts and server/records.ts, word for word
// (placeholders `?` on SQLite, `$n` on PostgreSQL).
const q = {
  page: 'select "type", "id", "version", "deleted", "seq", "doc" from "records" where "workspace_id" = ? and "seq" > ? order by "seq" limit ?',
  lock: 'select 1 from workspaces where id = ? for update',
  client: 'select "member_id", "workspace_id", "last_mutation_id" from "clients" where "id" = ?',
  insertClient:
    'insert into "clients" ("id", "workspace_id", "member_id", "last_mutation_id", "last_seen_at") values (?, ?, ?, ?, ?) on conflict ("id") do nothing',
  clientAgain: 'select "member_id", "last_mutation_id" from "clients" where "id" = ?',
  record: 'select "doc" from "records" where "workspace_id" = ? and "type" = ? and "id" = ?',
  nextSeq: 'update "workspaces" set "seq" = seq + 1 where "id" = ? returning "seq"',
  upsert:
    'insert into "records" ("workspace_id", "type", "id", "version", "deleted", "seq", "doc") values (?, ?, ?, ?, ?, ?, ?) ' +
    'on conflict ("workspace_id", "type", "id") do update set "version" = ?, "deleted" = ?, "seq" = ?, "doc" = ?',
  finish: 'update "clients" set "last_mutation_id" = ?, "last_seen_at" = ? where "id" = ?',
};
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/** The document `feedback.create` writes, keys in the schema's order as zod leaves them. */
function feedbackDoc({ memberId, memberName }: Actor, args: FeedbackCreateArgs, now: string) {
  return JSON.stringify({
    id: args.id,
    version: 1,
    deleted: false,
    updatedAt: now,
    subject: args.subject,
    verdict: args.verdict,
    reasons: [...new Set(args.reasons)],
    note: args.note,
    author: { memberId, name: memberName },
    createdAt: now,
    replies: [],
  });
}

function pageBody(rows: Row[], cursor: number, limit: number): string {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return JSON.stringify({
    cursor: page.length ? Number(page[page.length - 1]!.seq) : cursor,
    lastMutationId: 0,
    outcomes: [],
    changes: page.map((r) => ({ type: r.type, id: r.id, version: r.version, deleted: r.deleted === 1, value: JSON.parse(r.doc) })),
    more,
  });
}

export interface Store {
  pull(cursor: number, limit: number): Promise<string> | string;
  push(clientId: string, mutations: Mutation[]): Promise<Result[]> | Result[];
  close(): Promise<void> | void;
}

export function sqliteStore(file: string, actor: Actor): Store {
  const { workspaceId, memberId } = actor;
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const s = Object.fromEntries(Object.entries(q).filter(([name]) => name !== 'lock').map(([name, text]) => [name, db.prepare(text)]));
  const one = db.transaction((clientId: string, m: Mutation, first: boolean): Result | null => {
    const at = new Date().toISOString();
    let client = s.client!.get(clientId) as { last_mutation_id: number } | undefined;
    if (!client) {
      s.insertClient!.run(clientId, workspaceId, memberId, 0, at);
      client = s.clientAgain!.get(clientId) as { last_mutation_id: number };
    }
    const last = Number(client.last_mutation_id);
    if (m.id <= last) return { id: m.id, status: 'duplicate' };
    if (m.id > last + 1) {
      if (first) throw new Gap();
      return null;
    }
    const now = new Date().toISOString();
    if (!s.record!.get(workspaceId, 'feedback', m.args.id)) {
      const seq = Number((s.nextSeq!.get(workspaceId) as { seq: number }).seq);
      const doc = feedbackDoc(actor, m.args, now);
      s.upsert!.run(workspaceId, 'feedback', m.args.id, 1, 0, seq, doc, 1, 0, seq, doc);
    }
    s.finish!.run(m.id, new Date().toISOString(), clientId);
    return { id: m.id, status: 'applied' };
  });
  return {
    pull: (cursor, limit) => pageBody(s.page!.all(workspaceId, cursor, limit + 1) as Row[], cursor, limit),
    push(clientId, mutations) {
      const results: Result[] = [];
      for (const [index, m] of mutations.entries()) {
        const done = one(clientId, m, index === 0);
        if (!done) break;
        results.push(done);
      }
      return results;
    },
    close() {
      db.close();
    },
  };
}

export function postgresStore(url: string, actor: Actor): Store {
  const { workspaceId, memberId } = actor;
  // As server/db/connect.ts: bigint as a number, a pool of 10.
  pg.types.setTypeParser(20, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const s = Object.fromEntries(Object.entries(q).map(([name, text]) => [name, numbered(text)])) as typeof q;
  return {
    async pull(cursor, limit) {
      const { rows } = await pool.query<Row>(s.page, [workspaceId, cursor, limit + 1]);
      return pageBody(rows, cursor, limit);
    },
    async push(clientId, mutations) {
      const results: Result[] = [];
      for (const [index, m] of mutations.entries()) {
        const c = await pool.connect();
        let done: Result | null;
        try {
          await c.query('begin');
          await c.query(s.lock, [workspaceId]);
          const at = new Date().toISOString();
          let client = (await c.query<{ last_mutation_id: number }>(s.client, [clientId])).rows[0];
          if (!client) {
            await c.query(s.insertClient, [clientId, workspaceId, memberId, 0, at]);
            client = (await c.query<{ last_mutation_id: number }>(s.clientAgain, [clientId])).rows[0]!;
          }
          const last = Number(client.last_mutation_id);
          if (m.id <= last) done = { id: m.id, status: 'duplicate' };
          else if (m.id > last + 1) {
            if (index === 0) throw new Gap();
            done = null;
          } else {
            const now = new Date().toISOString();
            if (!(await c.query(s.record, [workspaceId, 'feedback', m.args.id])).rows[0]) {
              const seq = Number((await c.query<{ seq: number }>(s.nextSeq, [workspaceId])).rows[0]!.seq);
              const doc = feedbackDoc(actor, m.args, now);
              await c.query(s.upsert, [workspaceId, 'feedback', m.args.id, 1, 0, seq, doc, 1, 0, seq, doc]);
            }
            await c.query(s.finish, [m.id, new Date().toISOString(), clientId]);
            done = { id: m.id, status: 'applied' };
          }
          await c.query('commit');
        } catch (error) {
          await c.query('rollback').catch(() => {});
          throw error;
        } finally {
          c.release();
        }
        if (!done) break;
        results.push(done);
      }
      return results;
    },
    close: () => pool.end(),
  };
}

export const openStore = (location: string, actor: Actor): Store =>
  /^postgres(ql)?:\/\//.test(location) ? postgresStore(location, actor) : sqliteStore(location, actor);
