import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Every schema change, in order. Never edit one that has shipped: add the next. */
const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('last_mutation_id', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('records')
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pk', ['workspace_id', 'type', 'id'])
        .execute();
      await db.schema.createIndex('records_by_seq').on('records').columns(['workspace_id', 'seq']).execute();
      await db.schema
        .createTable('outcomes')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
        .addColumn('mutation_id', 'bigint', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('current', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_pk', ['client_id', 'mutation_id'])
        .execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-member-email': {
    // The address an admin invites a member with (the admin API); null for members added
    // before it, or without one.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('members').addColumn('email', 'text').execute();
    },
  },
  '0003-audit-order': {
    // Audit entries made in the same millisecond still list in the order they were made:
    // `seq` counts a workspace's entries (given under its write lock). Earlier entries are
    // numbered by time, then id.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('audit').addColumn('seq', 'bigint').execute();
      await sql`update audit set seq = (select count(*) from audit earlier where earlier.workspace_id = audit.workspace_id and (earlier.created_at < audit.created_at or (earlier.created_at = audit.created_at and earlier.id <= audit.id)))`.execute(db);
      await db.schema.createIndex('audit_by_seq').on('audit').columns(['workspace_id', 'seq']).execute();
    },
  },
  '0004-webhooks': {
    // Outgoing webhooks (server/webhooks/). `secret` signs deliveries, so it is kept as it is
    // (a hash could not sign); it never leaves this table but in the signature. Deliveries
    // are a queue that any server process may work: a process claims due rows for a lease
    // (`claimed_by`, `claimed_until`), and only the claimer may finish them. Their times are
    // milliseconds since 1970 on the database's clock, so processes on machines whose clocks
    // differ still agree on when a lease ends.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema.createIndex('webhooks_by_workspace').on('webhooks').column('workspace_id').execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('last_attempt_at', 'bigint')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'bigint')
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_by_webhook').on('webhook_deliveries').columns(['webhook_id', 'created_at']).execute();
    },
  },
  '0005-devices': {
    // Each connected browser gets a token of its own (a "device"), traded for a one-time
    // connect code; an admin sees them and revokes one without the others. A row of `tokens`
    // is a device: `id` names it in the admin API, `name` says what it is ("Chrome on macOS",
    // or how its token was made), `last_seen_at` when it last called the server (to the
    // minute). Tokens made before this keep working, each one device, named null and not
    // seen yet. `connect_codes` holds the one-time codes, hashed like tokens: a code is used
    // once (`used_at`, and the device it became), before `expires_at`, unless cancelled
    // (the member revoked or their access replaced).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tokens').addColumn('id', 'text').execute();
      await db.schema.alterTable('tokens').addColumn('name', 'text').execute();
      await db.schema.alterTable('tokens').addColumn('last_seen_at', 'text').execute();
      const { rows } = await sql<{ hash: string }>`select hash from tokens`.execute(db);
      for (const { hash } of rows) await sql`update tokens set id = ${randomUUID()} where hash = ${hash}`.execute(db);
      await db.schema.createIndex('tokens_by_id').unique().on('tokens').column('id').execute();
      await db.schema.createIndex('tokens_by_member').on('tokens').column('member_id').execute();
      await db.schema
        .createTable('connect_codes')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('device_id', 'text')
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema.createIndex('connect_codes_by_member').on('connect_codes').column('member_id').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
