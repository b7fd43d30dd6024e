import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where it is, without any password: for logs and the CLI. */
  description: string;
  /**
   * Runs `work` in a transaction that holds the workspace's write lock, so writes to one
   * workspace are serialised and sequence order is commit order (a row lock in PostgreSQL;
   * SQLite has one writer).
   */
  writeTransaction<T>(workspaceId: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const defaultSqlitePath = resolve('data', 'tandem.sqlite');

// PostgreSQL's bigint arrives as a string by default; Tandem's counters stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * better-sqlite3 through Kysely prepares every statement anew; a push runs the same few
 * statements hundreds of times. Keeping the prepared statements (by SQL text) is safe: the
 * driver runs one statement at a time and Tandem never streams.
 */
function cachingStatements(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        if (statements.size >= 256) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  } as SqliteDatabase;
}

/**
 * Opens the database named by `--database` or `DATABASE_URL`: a `postgres://` URL, or else a
 * path to a SQLite file (created with its folder if missing). Runs migrations.
 */
export async function openDatabase(location: string | undefined = process.env.DATABASE_URL): Promise<Db> {
  const target = location?.trim() || defaultSqlitePath;
  let db: Db;
  if (/^postgres(ql)?:\/\//.test(target)) {
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(target);
    db = {
      kysely,
      dialect: 'postgres',
      description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
      writeTransaction: (workspaceId, work) =>
        kysely.transaction().execute(async (trx) => {
          await sql`select 1 from workspaces where id = ${workspaceId} for update`.execute(trx);
          return work(trx);
        }),
      close: () => kysely.destroy(),
    };
  } else {
    const file = target.startsWith('sqlite:') ? target.slice('sqlite:'.length) : target;
    // The folder holds token hashes and the team's data: only its owner may read it.
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
    const database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
    db = {
      kysely,
      dialect: 'sqlite',
      description: `SQLite at ${file === ':memory:' ? 'memory' : resolve(file)}`,
      // One connection, one transaction at a time (Kysely's driver holds a mutex). BEGIN
      // IMMEDIATE takes the write lock up front, so another process on the same file waits
      // (busy_timeout) instead of failing when this one first reads, then writes.
      writeTransaction: (_workspaceId, work) =>
        kysely.connection().execute(async (connection) => {
          await sql`begin immediate`.execute(connection);
          try {
            const result = await work(connection as unknown as Transaction<Database>);
            await sql`commit`.execute(connection);
            return result;
          } catch (error) {
            await sql`rollback`.execute(connection);
            throw error;
          }
        }),
      close: () => kysely.destroy(),
    };
  }
  const { error, results } = await new Migrator({ db: db.kysely, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Could not prepare the database (${db.description})${failed ? ` at migration ${failed}` : ''}: ${String(error)}`);
  }
  return db;
}
