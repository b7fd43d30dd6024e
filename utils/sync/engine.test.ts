import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace } from '../../server/team';
import { demoWorkspace } from '../demo';
import { listRecentContacts, listRecords, mutate, openWorkspaceDb, rememberContact, type WorkspaceDb } from '../store';
import { eraseContact } from '../../server/erase';
import type { Role } from '../model';
import { syncOnce, type SyncNotice, type SyncTarget } from './engine';
import { httpTransport, SyncFailure, type Fetch } from './transport';

// The sync client against the real server app, in this process, on a real SQLite file.
let dir: string;
let db: Db;
let app: ReturnType<typeof createApp>;
let workspaceId: string;

const appFetch: Fetch = (input, init) => Promise.resolve(app.request(input, init));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-sync-'));
  db = await openDatabase(join(dir, 'tandem.sqlite'));
  app = createApp({ db, logger: silentLogger, rateLimit: { capacity: 10_000, refillPerSecond: 10_000 } });
  ({ workspaceId } = await createWorkspace(db, 'Acme', 'Ada Admin'));
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokens = new Map<string, string>();
const tokenFor = async (c: Client) => tokens.get(c.actor.memberId)!;

interface Client extends SyncTarget {
  sync(): Promise<{ pushed: number; pulled: number }>;
  write(name: string, args: unknown): Promise<void>;
}

/** A member's install: its own IndexedDB (a separate factory) and its own token. */
async function client(role: Role, name: string, fetchImpl: Fetch = appFetch): Promise<Client> {
  const { memberId, token } = await addMember(db, workspaceId, name, role);
  tokens.set(memberId, token);
  globalThis.indexedDB = new IDBFactory();
  const idb: WorkspaceDb = await openWorkspaceDb(workspaceId);
  const actor = { memberId, name, role };
  const target: SyncTarget = { db: idb, workspaceId, actor, transport: httpTransport('http://tandem.test', token, fetchImpl) };
  return {
    ...target,
    sync: () => syncOnce(target),
    write: (mutation, args) => mutate(idb, workspaceId, mutation, args, actor),
  };
}

const feedback = (overrides: object = {}) => ({
  id: crypto.randomUUID(),
  subject: { contactKey: 'email:dana@contoso.com', contactName: 'Dana' },
  verdict: 'nurture',
  reasons: ['no-budget'],
  note: 'Budget frozen until Q2.',
  ...overrides,
});

const notices = (c: Client) => c.db.getAll('notices') as Promise<SyncNotice[]>;

describe('sync between two members through the server', () => {
  it('feedback written offline reaches Marketing, and the reply comes back', async () => {
    const rep = await client('sales', 'Jordan Rep');
    const marketer = await client('marketing', 'Priya Marketer');
    const given = feedback();
    await rep.write('feedback.create', given);
    expect(await rep.db.count('outbox')).toBe(1);

    expect(await rep.sync()).toMatchObject({ pushed: 1 });
    expect(await rep.db.count('outbox')).toBe(0);
    await marketer.sync();
    const seen = (await listRecords(marketer.db, 'feedback')).records;
    expect(seen).toEqual([expect.objectContaining({ id: given.id, note: 'Budget frozen until Q2.', author: expect.objectContaining({ name: 'Jordan Rep' }) })]);

    await marketer.write('feedback.reply', { feedbackId: given.id, replyId: crypto.randomUUID(), body: 'We will call in April.' });
    await marketer.sync();
    await rep.sync();
    const thread = (await listRecords(rep.db, 'feedback')).records[0]!;
    expect(thread.replies.map((r) => [r.author.name, r.body])).toEqual([['Priya Marketer', 'We will call in April.']]);
    // Both views equal the server's state.
    expect((await listRecords(marketer.db, 'feedback')).records).toEqual((await listRecords(rep.db, 'feedback')).records);
  });

  it('a change the server refuses is undone locally and shown to its author with the reason', async () => {
    const rep = await client('sales', 'Jordan Rep');
    const draft = demoWorkspace().records.find((r) => r.type === 'definition')!.record as { number: number };
    const { version: _v, deleted: _d, updatedAt: _u, number: _n, publishedAt: _p, publishedBy: _b, ...rest } = draft as Record<string, unknown>;
    // A forged local role: the UI would not offer this to a sales member, the server refuses it anyway.
    await mutate(rep.db, workspaceId, 'definition.publish', { ...rest, id: crypto.randomUUID(), basedOn: null }, { ...rep.actor, role: 'marketing' });
    expect((await listRecords(rep.db, 'definition')).records).toHaveLength(1);

    await rep.sync();
    expect((await listRecords(rep.db, 'definition')).records).toEqual([]);
    expect(await rep.db.count('outbox')).toBe(0);
    expect(await notices(rep)).toEqual([
      expect.objectContaining({ name: 'definition.publish', status: 'error', error: expect.objectContaining({ code: 'forbidden' }) }),
    ]);
  });

  it('a conflicting campaign edit shows the server’s version and keeps the notice', async () => {
    const first = await client('marketing', 'Priya');
    const second = await client('marketing', 'Sam');
    const campaign = demoWorkspace().records.find((r) => r.type === 'campaign')!.record as Record<string, unknown>;
    const { version: _v, deleted: _d, updatedAt: _u, ...doc } = campaign;
    await first.write('campaign.put', { doc, baseVersion: 0 });
    await first.sync();
    await second.sync();
    await first.write('campaign.put', { doc: { ...doc, offer: 'First offer' }, baseVersion: 1 });
    await second.write('campaign.put', { doc: { ...doc, offer: 'Second offer' }, baseVersion: 1 });
    await first.sync();
    await second.sync();
    const [kept] = (await listRecords(second.db, 'campaign')).records;
    expect(kept).toMatchObject({ offer: 'First offer', version: 2 });
    const [notice] = await notices(second);
    expect(notice).toMatchObject({ status: 'conflict', current: { type: 'campaign', version: 2, value: expect.objectContaining({ offer: 'First offer' }) } });
    expect(notice!.args).toMatchObject({ doc: { offer: 'Second offer' } });
  });

  it('a push whose response is lost is retried and applied once', async () => {
    let dropNextPushResponse = true;
    const lossy: Fetch = async (input, init) => {
      const response = await appFetch(input, init);
      if (init?.method === 'POST' && dropNextPushResponse) {
        dropNextPushResponse = false;
        throw new TypeError('connection reset');
      }
      return response;
    };
    const rep = await client('sales', 'Jordan Rep', lossy);
    const given = feedback();
    await rep.write('feedback.create', given);
    await rep.write('feedback.reply', { feedbackId: given.id, replyId: crypto.randomUUID(), body: 'Called twice.' });
    await expect(rep.sync()).rejects.toMatchObject({ kind: 'network' });
    expect(await rep.db.count('outbox')).toBe(2);
    await rep.sync();
    expect(await rep.db.count('outbox')).toBe(0);
    const [thread] = (await listRecords(rep.db, 'feedback')).records;
    expect(thread!.replies).toHaveLength(1);
    expect(await notices(rep)).toEqual([]);
  });

  it('a server error (500) or a stalled server loses nothing, and the next sync applies it once', async () => {
    let fault: 'fail' | 'stall' | null = 'fail';
    const faulty: Fetch = async (input, init) => {
      if (fault === 'fail' && init?.method === 'POST') {
        fault = 'stall';
        return new Response('<html>Bad gateway</html>', { status: 502 });
      }
      if (fault === 'stall' && init?.method === 'POST') {
        fault = null;
        // Applied on the server, then the answer never comes: only the timeout ends it.
        await appFetch(input, init);
        return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      return appFetch(input, init);
    };
    const rep = await client('sales', 'Jordan Rep', faulty);
    const quick = { ...rep, transport: httpTransport('http://tandem.test', (await tokenFor(rep)), faulty, 200) };
    const given = feedback();
    await rep.write('feedback.create', given);
    await expect(syncOnce(quick)).rejects.toMatchObject({ kind: 'server', message: expect.stringContaining('502') });
    await expect(syncOnce(quick)).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('did not answer') });
    expect(await rep.db.count('outbox')).toBe(1);
    await syncOnce(quick);
    expect(await rep.db.count('outbox')).toBe(0);
    expect((await listRecords(rep.db, 'feedback')).records.map((f) => f.id)).toEqual([given.id]);
    expect(await notices(rep)).toEqual([]);
  });

  it('when the server is behind the outbox (a restored backup), pending work is renumbered and sent', async () => {
    const rep = await client('sales', 'Jordan Rep');
    await rep.db.put('meta', 41, 'lastMutationId');
    const given = feedback();
    await rep.write('feedback.create', given);
    expect((await rep.db.getAll('outbox')).map((m) => m.mutationId)).toEqual([42]);
    await rep.sync();
    expect(await rep.db.count('outbox')).toBe(0);
    expect((await listRecords(rep.db, 'feedback')).records.map((f) => f.id)).toEqual([given.id]);
  });

  it('a revoked token stops sync with an unauthorized failure and keeps the outbox', async () => {
    const rep = await client('sales', 'Jordan Rep');
    await rep.write('feedback.create', feedback());
    const { revokeMember } = await import('../../server/team');
    await revokeMember(db, rep.actor.memberId);
    const failure = await rep.sync().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect(failure).toMatchObject({ kind: 'unauthorized' });
    expect(await rep.db.count('outbox')).toBe(1);
  });

  it('an erasure reaches every install: the contact’s facts, feedback and recent entry go', async () => {
    const rep = await client('sales', 'Jordan Rep');
    const marketer = await client('marketing', 'Priya Marketer');
    await rep.write('fact.put', { contactKey: 'email:dana@contoso.com', learned: 'person', facts: [{ field: 'title', value: 'Chief Merger Officer' }] });
    await rep.write('feedback.create', feedback());
    await rep.sync();
    await marketer.sync();
    for (const c of [rep, marketer]) {
      await rememberContact(c.db, workspaceId, { source: 'salesforce', email: 'dana@contoso.com', name: 'Dana Whitfield', title: 'Chief Merger Officer' });
      await rememberContact(c.db, workspaceId, { source: 'gmail', email: 'grace@navy.example', name: 'Grace Hopper' });
    }
    expect((await listRecords(marketer.db, 'fact')).records.map((f) => f.value)).toEqual(['Chief Merger Officer']);

    expect((await eraseContact(db, workspaceId, 'Dana@Contoso.com', null)).erased).toEqual({ leads: 0, feedback: 1, facts: 1 });
    for (const c of [rep, marketer]) {
      await c.sync();
      expect((await listRecords(c.db, 'fact')).records).toEqual([]);
      expect((await listRecentContacts(c.db)).map((r) => r.key)).toEqual(['email:grace@navy.example']);
      const stored = JSON.stringify([await c.db.getAll('records'), await c.db.getAll('base'), await c.db.getAll('recent')]);
      expect(stored).not.toMatch(/Chief Merger Officer|Whitfield|dana@/i);
    }
  });

  it('pulls many pages, each change once', async () => {
    const marketer = await client('marketing', 'Priya');
    for (let i = 0; i < 30; i++) await marketer.write('feedback.create', feedback());
    await marketer.sync();
    const rep = await client('sales', 'Jordan');
    const pages: number[] = [];
    const target = { ...rep, transport: { ...rep.transport, pull: async (q: Parameters<typeof rep.transport.pull>[0]) => {
      const page = await rep.transport.pull({ ...q, limit: 7 });
      pages.push(page.changes.length);
      return page;
    } } };
    await syncOnce(target);
    // 30 feedback + 3 members (Ada, Priya, Jordan) = 33 changes in pages of 7.
    expect(pages).toEqual([7, 7, 7, 7, 5]);
    expect((await listRecords(rep.db, 'feedback')).records).toHaveLength(30);
  });
});

// An install that edits the same record twice while offline bases the second edit on its own
// first one. When someone else changed the record meanwhile, both are conflicts the person
// sees: the second must not land on the other person's version just because the version
// numbers match (the `rev` of each edit tells them apart).
describe('two offline edits of a record someone else changed meanwhile', () => {
  const newId = () => crypto.randomUUID();
  const local = async <T extends 'campaign' | 'lead'>(c: Client, type: T, id: string) => {
    const found = (await c.db.get('records', [type, id]))?.doc as { version: number; rev?: string } | undefined;
    return { baseVersion: found!.version, baseRev: found!.rev ?? null, rev: newId() };
  };

  it('are both conflicts for a campaign, and the server keeps the other person’s edit', async () => {
    const priya = await client('marketing', 'Priya');
    const ada = await client('admin', 'Ada');
    const campaign = demoWorkspace().records.find((r) => r.type === 'campaign')!.record as Record<string, unknown> & { id: string };
    const { version: _v, deleted: _d, updatedAt: _u, ...doc } = campaign;
    const edit = async (c: Client, offer: string) => c.write('campaign.put', { doc: { ...doc, offer }, ...(await local(c, 'campaign', campaign.id)) });
    await priya.write('campaign.put', { doc: { ...doc, offer: 'A' }, baseVersion: 0, baseRev: null, rev: newId() });
    await priya.sync();
    await ada.sync();
    await edit(priya, 'B');
    await priya.sync();
    // Ada, offline, edits twice on top of A; her second edit is based on her own first.
    await edit(ada, 'C');
    await edit(ada, 'D');
    expect(((await ada.db.get('records', ['campaign', campaign.id]))?.doc as { version: number }).version).toBe(3);
    await ada.sync();
    for (const c of [ada, priya]) {
      await c.sync();
      expect((await listRecords(c.db, 'campaign')).records).toEqual([expect.objectContaining({ offer: 'B', version: 2 })]);
    }
    expect((await notices(ada)).map((n) => [n.status, (n.args as { doc: { offer: string } }).doc.offer])).toEqual([
      ['conflict', 'C'],
      ['conflict', 'D'],
    ]);

    // Nobody else in between: both of an install's offline edits apply, in order.
    await edit(ada, 'E');
    await edit(ada, 'F');
    await ada.sync();
    await priya.sync();
    expect((await listRecords(priya.db, 'campaign')).records).toEqual([expect.objectContaining({ offer: 'F', version: 4 })]);
  });

  it('are both conflicts for a lead', async () => {
    const rep = await client('sales', 'Jordan Rep');
    const priya = await client('marketing', 'Priya');
    const id = newId();
    await rep.write('lead.capture', { id, name: 'Kim Ng', phones: [], source: 'manual', status: 'new', notes: '' });
    await rep.sync();
    await priya.sync();
    await priya.write('lead.update', { id, changes: { status: 'mql' }, ...(await local(priya, 'lead', id)) });
    await priya.sync();
    await rep.write('lead.update', { id, changes: { notes: 'Called' }, ...(await local(rep, 'lead', id)) });
    await rep.write('lead.update', { id, changes: { notes: 'Called twice' }, ...(await local(rep, 'lead', id)) });
    await rep.sync();
    await rep.sync();
    expect((await listRecords(rep.db, 'lead')).records).toEqual([expect.objectContaining({ status: 'mql', notes: '', version: 2 })]);
    expect((await notices(rep)).map((n) => n.status)).toEqual(['conflict', 'conflict']);
  });

  it('are both conflicts for a lead definition: a draft based on the install’s own unconfirmed version is not published over another', async () => {
    const priya = await client('marketing', 'Priya');
    const ada = await client('admin', 'Ada');
    const draft = (name: string, basedOn: { number: number; id: string } | null) => ({
      id: newId(), name, criteria: [], disqualifiers: [], threshold: 10, stages: [], sla: { acceptWithinHours: 24, minAttempts: 1, notes: '' }, notes: '', changeNote: '',
      basedOn: basedOn?.number ?? null, basedOnId: basedOn?.id ?? null,
    });
    const latest = async (c: Client) => {
      const all = (await listRecords(c.db, 'definition')).records as { number: number; id: string; name: string }[];
      return all.reduce<(typeof all)[number] | null>((a, b) => (a && a.number > b.number ? a : b), null);
    };
    await priya.write('definition.publish', draft('One', null));
    await priya.sync();
    await ada.sync();
    await priya.write('definition.publish', draft('Priya’s two', await latest(priya)));
    await priya.sync();
    await ada.write('definition.publish', draft('Ada’s two', await latest(ada)));
    await ada.write('definition.publish', draft('Ada’s three', await latest(ada)));
    expect(await latest(ada)).toMatchObject({ number: 3, name: 'Ada’s three' });
    await ada.sync();
    await ada.sync();
    expect(await latest(ada)).toMatchObject({ number: 2, name: 'Priya’s two' });
    const refused = await notices(ada);
    expect(refused.map((n) => n.status)).toEqual(['conflict', 'conflict']);
    expect(refused[1]!.error.message).toBe('Someone else’s version 2 of the lead definition was published before yours reached the server; this draft was based on your own version 2.');
  });
});
