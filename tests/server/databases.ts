import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The server suite runs once on each. */
export const databaseKinds: DatabaseKind[] = ['sqlite', 'postgres'];

export interface FreshDatabase {
  /** What `--database` / `DATABASE_URL` take. */
  location: string;
  drop(): Promise<void>;
}

let counter = 0;

/** An empty database of the given kind: a SQLite file in a temp folder, or a new PostgreSQL database. */
export async function freshDatabase(kind: DatabaseKind): Promise<FreshDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-sqlite-'));
    return { location: join(dir, 'tandem.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = inject('postgresUrl');
  const name = `tandem_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
