import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/connect';
import { addMember, createWorkspace } from '../../server/team';
import type { Change, Feedback, PullResponse, PushResponse, Role } from '../../utils/model';
import { freshDatabase, type FreshDatabase } from './databases';
import { alive } from '../processes';
import { logLines, sleep, spawnServer, stopServer, type ServerProcess } from './server-processes';

/**
 * Two real server processes on one PostgreSQL database, 20 clients pushing concurrently over
 * HTTP through both: every pull, through either process, sees every change once, in
 * sequence order, and a pull taken while pushes run never skips one.
 *
 * The records table keeps only each record's newest version, so a change a pull skipped can
 * be hidden by a later version of the same record. A trigger this test adds to the database
 * keeps every version written, with its sequence number: each page the poller pulls is
 * compared with what the records were at the page's cursor.
 */

async function call<T>(base: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${body === undefined ? 'GET' : 'POST'} ${base}${path} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const clientCount = 20;
const batches = 6;
const pageSize = 100;

/** One write to `records`, as the test's trigger kept it. */
interface Written {
  key: string;
  seq: number;
  version: number;
  deleted: boolean;
  value: unknown;
}

interface Client {
  index: number;
  clientId: string;
  memberId: string;
  token: string;
  nextId: number;
}

describe('two server processes on one PostgreSQL database', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let servers: ServerProcess[] = [];
  let workspaceId: string;
  const clients: Client[] = [];
  /** feedback id → who created it and the reply ids it must end up with, in order per author. */
  const expected = new Map<string, { author: string; replies: Set<string> }>();
  let hotId = '';
  let replyCount = 0;
  const incremental = new Map<string, Change>();
  let pollRequests = 0;

  beforeAll(async () => {
    fresh = await freshDatabase('postgres');
    // Both start at once on the empty database, so both run the migrations.
    servers = await Promise.all([spawnServer(fresh.location), spawnServer(fresh.location)]);
    db = await openDatabase(fresh.location);
    // Every version of every record, kept by the database itself in the writing transaction
    // (so only committed writes), whatever a later write does to the row in `records`.
    await sql`create table test_records_history (workspace_id text not null, type text not null, id text not null, version integer not null, deleted integer not null, seq bigint not null, doc text not null)`.execute(db.kysely);
    await sql`create function test_keep_record_version() returns trigger language plpgsql as $$
      begin
        insert into test_records_history values (new.workspace_id, new.type, new.id, new.version, new.deleted, new.seq, new.doc);
        return new;
      end $$`.execute(db.kysely);
    await sql`create trigger test_keep_record_version after insert or update on records for each row execute function test_keep_record_version()`.execute(db.kysely);
    const roles: Role[] = ['sales', 'marketing', 'admin'];
    const admin = await createWorkspace(db, 'Scale-out', 'Member 0');
    workspaceId = admin.workspaceId;
    const members = [{ memberId: admin.memberId, token: admin.token }];
    for (let i = 1; i < clientCount; i++) members.push(await addMember(db, workspaceId, `Member ${i}`, roles[i % 3]!));
    members.forEach((m, index) => clients.push({ index, clientId: randomUUID(), memberId: m.memberId, token: m.token, nextId: 1 }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s, 5_000)));
    await db?.close();
    await fresh?.drop();
    const left = servers.flatMap((s) => s.pids).filter(alive);
    expect(left, 'server processes left running').toEqual([]);
  });

  async function push(client: Client, server: ServerProcess, mutations: { name: string; args: unknown }[]) {
    const withIds = mutations.map((m) => ({ id: client.nextId++, ...m }));
    const { results } = await call<PushResponse>(server.url, '/v1/push', client.token, { clientId: client.clientId, mutations: withIds });
    expect(results, JSON.stringify(results.filter((r) => r.status !== 'applied'))).toEqual(withIds.map((m) => ({ id: m.id, status: 'applied' })));
  }

  const create = (client: Client, id: string, batch: number) => {
    expected.set(id, { author: client.memberId, replies: new Set() });
    return { name: 'feedback.create', args: { id, subject: { contactKey: `lead-${client.index}-${batch}@example.com` }, verdict: 'nurture', reasons: ['no-budget'], note: `from ${client.index}` } };
  };
  const reply = (client: Client, feedbackId: string, batch: number) => {
    const replyId = randomUUID();
    expected.get(feedbackId)!.replies.add(replyId);
    replyCount++;
    return { name: 'feedback.reply', args: { feedbackId, replyId, body: `reply from ${client.index} in batch ${batch}` } };
  };

  /** Every version written in the workspace after `seq`, in sequence order. */
  async function writtenAfter(seq: number): Promise<Written[]> {
    const { rows } = await sql<{ type: string; id: string; version: number; deleted: number; seq: string | number; doc: string }>`
      select type, id, version, deleted, seq, doc from test_records_history where workspace_id = ${workspaceId} and seq > ${seq} order by seq`.execute(db.kysely);
    return rows.map((r) => ({ key: `${r.type}:${r.id}`, seq: Number(r.seq), version: r.version, deleted: r.deleted === 1, value: JSON.parse(r.doc) }));
  }

  /**
   * A page pulled from `before` against the versions written: writes commit in sequence order
   * (each takes the workspace row's lock for its number), so everything numbered up to the
   * page's cursor was committed when the page was read. The page holds each record at its
   * newest version numbered up to the cursor, if that version is after `before`, and nothing
   * else. A page cut at the limit (`more`) may lack such a record only when a write numbered
   * after its cursor replaced it. Returns whether the page was checked in full (not cut).
   */
  function checkPage(before: number, page: PullResponse, written: Written[]): boolean {
    const cursor = page.cursor;
    const atCursor = new Map<string, Written>();
    for (const w of written) if (w.seq > before && w.seq <= cursor) atCursor.set(w.key, w);
    const replacedLater = new Set(written.filter((w) => w.seq > cursor).map((w) => w.key));
    const inPage = new Map(page.changes.map((c) => [`${c.type}:${c.id}`, c]));
    const range = `page (${before}, ${cursor}]`;
    for (const [key, change] of inPage) {
      const want = atCursor.get(key);
      expect(want, `${key} v${change.version} in ${range}: no such version written in that range`).toBeDefined();
      expect({ version: change.version, deleted: change.deleted, value: change.value }, `${key} in ${range}`).toEqual({ version: want!.version, deleted: want!.deleted, value: want!.value });
    }
    for (const [key, want] of atCursor) {
      if (inPage.has(key)) continue;
      const skipped = `${key} v${want.version} (seq ${want.seq}) is missing from ${range}`;
      expect(page.more, `${skipped}, a page not cut at the limit`).toBe(true);
      expect(replacedLater.has(key), `${skipped} and no later write replaced it`).toBe(true);
    }
    return !page.more;
  }

  /** Pulls from `cursor` to the end, following `more`, alternating between the servers. */
  async function pullAll(client: { clientId: string; token: string }, cursor: number, start: number) {
    const pages: PullResponse[] = [];
    for (let i = start; ; i++) {
      const page = await call<PullResponse>(servers[i % 2]!.url, `/v1/pull?clientId=${client.clientId}&cursor=${cursor}&limit=${pageSize}`, client.token);
      pages.push(page);
      if (page.changes.length) expect(page.cursor).toBeGreaterThan(cursor);
      else expect(page.cursor).toBe(cursor);
      cursor = page.cursor;
      if (!page.more) return pages;
    }
  }

  it('takes 20 clients pushing concurrently through both processes, while another client pulls as they go', async () => {
    const first = clients[0]!;
    hotId = randomUUID();
    await push(first, servers[0]!, [create(first, hotId, -1)]);

    const poller = { clientId: randomUUID(), token: clients[1]!.token };
    const seenVersion = new Map<string, number>();
    let cursor = 0;
    let pushing = true;
    let newerWhilePushing = 0;
    let checkedInFullWhilePushing = 0;
    const pollOnce = async () => {
      const from = cursor;
      const wasPushing = pushing;
      const pages = await pullAll(poller, cursor, pollRequests);
      pollRequests += pages.length;
      // Right after the pull: every write numbered up to a page's cursor is in the history by now.
      const written = await writtenAfter(from);
      let before = from;
      for (const page of pages) {
        if (checkPage(before, page, written) && page.changes.length && wasPushing) checkedInFullWhilePushing++;
        before = page.cursor;
        for (const change of page.changes) {
          const key = `${change.type}:${change.id}`;
          const before = seenVersion.get(key);
          // A change is never delivered twice, and never older than one already seen.
          if (before !== undefined) {
            expect(change.version, key).toBeGreaterThan(before);
            if (pushing) newerWhilePushing++;
          }
          seenVersion.set(key, change.version);
          incremental.set(key, change);
        }
        cursor = page.cursor;
      }
    };
    const polling = (async () => {
      while (pushing) {
        await pollOnce();
        await sleep(40);
      }
      await pollOnce();
    })().then(
      () => undefined,
      (error: unknown) => error,
    );

    const run = async (client: Client) => {
      let previous: string[] = [];
      for (let b = 0; b < batches; b++) {
        const made = [randomUUID(), randomUUID()];
        const mutations = [create(client, made[0]!, b), create(client, made[1]!, b), reply(client, made[0]!, b)];
        for (const id of previous) mutations.push(reply(client, id, b));
        mutations.push(reply(client, hotId, b));
        await push(client, servers[(client.index + b) % 2]!, mutations);
        previous = made;
      }
    };
    try {
      await Promise.all(clients.map(run));
    } finally {
      pushing = false;
    }
    const pollError = await polling;
    if (pollError) throw pollError;
    // The pulls really overlapped the pushes: they saw records that changed again later.
    expect(pollRequests).toBeGreaterThan(3);
    expect(newerWhilePushing).toBeGreaterThan(0);
    // ...and pages pulled while pushes ran were checked against every version written.
    expect(checkedInFullWhilePushing).toBeGreaterThan(3);
  }, 60_000);

  it('gives every client, through either process, every change exactly once and in sequence order', async () => {
    const { seq } = await db.kysely.selectFrom('workspaces').select('seq').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    const stored = await db.kysely.selectFrom('records').select(['type', 'id', 'seq', 'version']).where('workspace_id', '=', workspaceId).orderBy('seq').execute();
    const storedOrder = stored.map((r) => `${r.type}:${r.id}`);
    const seqOf = new Map(stored.map((r) => [`${r.type}:${r.id}`, Number(r.seq)]));

    const everyone = await Promise.all(clients.map((client) => pullAll(client, 0, client.index)));
    let reference: Change[] | undefined;
    for (const [i, pages] of everyone.entries()) {
      const client = clients[i]!;
      const cursors = pages.map((p) => p.cursor);
      expect(cursors, 'page cursors strictly increase').toEqual([...cursors].sort((a, b) => a - b));
      expect(new Set(cursors).size).toBe(cursors.length);
      expect(cursors.at(-1)).toBe(Number(seq));
      for (const page of pages.slice(0, -1)) expect(page).toMatchObject({ more: true, changes: expect.any(Array) });
      for (const page of pages) {
        expect(page.lastMutationId).toBe(client.nextId - 1);
        expect(page.outcomes).toEqual([]);
        // The page's cursor is the sequence number of its last change.
        if (page.changes.length) expect(page.cursor).toBe(seqOf.get(`${page.changes.at(-1)!.type}:${page.changes.at(-1)!.id}`));
      }
      const changes = pages.flatMap((p) => p.changes);
      const keys = changes.map((c) => `${c.type}:${c.id}`);
      expect(new Set(keys).size, 'no record twice').toBe(keys.length);
      expect(keys, 'in sequence order').toEqual(storedOrder);

      const feedback = new Map(changes.filter((c) => c.type === 'feedback').map((c) => [c.id, c]));
      expect(feedback.size).toBe(expected.size);
      for (const [id, want] of expected) {
        const change = feedback.get(id);
        expect(change, `feedback ${id}`).toBeDefined();
        const value = change!.value as Feedback;
        const replyIds = value.replies.map((r) => r.id);
        expect(new Set(replyIds).size, `no reply twice on ${id}`).toBe(replyIds.length);
        expect(new Set(replyIds)).toEqual(want.replies);
        expect(value.author.memberId).toBe(want.author);
        expect(change!.version).toBe(1 + want.replies.size);
        expect(change!.deleted).toBe(false);
      }
      expect((feedback.get(hotId)!.value as Feedback).replies).toHaveLength(clientCount * batches);
      expect(changes.filter((c) => c.type === 'member')).toHaveLength(clientCount);
      if (reference) expect(changes).toEqual(reference);
      else reference = changes;
    }

    // What the client that pulled as pushes ran put together is the final state.
    expect(new Map(reference!.map((c) => [`${c.type}:${c.id}`, c]))).toEqual(incremental);
  });

  it('numbers the writes 1..N with no gap and no number used twice', async () => {
    const { seq } = await db.kysely.selectFrom('workspaces').select('seq').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    const seqs = (await db.kysely.selectFrom('records').select('seq').where('workspace_id', '=', workspaceId).execute()).map((r) => Number(r.seq));
    const writes = clientCount /* members */ + expected.size /* creates */ + replyCount;
    expect(Number(seq)).toBe(writes);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(Math.min(...seqs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...seqs)).toBe(writes);
    // Records keep only their newest sequence number: the numbers missing are exactly the
    // versions a later reply replaced.
    expect(writes - seqs.length).toBe(replyCount);
  });

  it('served through both processes without a 5xx, logged as JSON, and both stop cleanly on SIGTERM', async () => {
    const results = await Promise.all(servers.map((s) => stopServer(s)));
    expect(results).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    for (const server of servers) {
      const lines = logLines(server);
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests.filter((l) => l.path === '/v1/push').length).toBeGreaterThanOrEqual(clientCount * batches / 2 - 1);
      expect(requests.filter((l) => l.path === '/v1/pull').length).toBeGreaterThan(0);
      expect(requests.filter((l) => Number(l.status) >= 400)).toEqual([]);
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'shutting down', 'stopped']));
      expect(server.pids.filter(alive)).toEqual([]);
    }
  });
});
