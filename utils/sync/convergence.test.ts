import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace } from '../../server/team';
import { FeedbackReason, type LeadStatus, type Role, type Verdict } from '../model';
import { MutationError } from '../mutators';
import { mutate, openWorkspaceDb, typeRange, type WorkspaceDb } from '../store';
import { defaultPushBatch, syncOnce, type SyncNotice, type SyncTarget } from './engine';
import { httpTransport, SyncFailure, type Fetch } from './transport';

/*
 * No write is lost. Three members (marketing, sales, admin), each with their own install,
 * make random writes and sync through random faults with the real server app (in this
 * process, on an in-memory SQLite database). A model of the server, fed the same writes in
 * the same order, predicts what each push does; the test checks, as it goes and at the end:
 *
 * - every valid write a member's role allows is accepted locally (mutate must not throw), and
 *   the writes that must be refused are: locally, a sales member's campaign edit and a
 *   rejection without a reason; by the server, a definition published by a sales member whose
 *   local role was tampered with ("forged"), which is absent from the server and comes back to
 *   that client as a notice, while marketing's and the admin's are published;
 * - a sync throws only the error its injected fault causes, and only when the model says the
 *   fault is hit; the outbox holds exactly what the model says is unconfirmed after each sync;
 * - at the end the server holds exactly the records the model expects, with their values:
 *   feedback with its fields and each reply once, in order; leads; the definitions that were
 *   published; the campaign with the offer of the last write that won. A campaign edit based
 *   on an older version is a conflict, and its author has a conflict notice for it holding
 *   the server's version; every refusal or conflict is a notice on its author's client, and
 *   nothing else is;
 * - every client then holds exactly the server's records, its outbox is empty and no shadow
 *   ('base') copies are left.
 *
 * At least 200 scenarios run; CONVERGENCE_RUNS=1000 runs more (it never lowers the floor).
 * A failure prints its seed and path; replay it with
 *   CONVERGENCE_SEED=<seed> CONVERGENCE_PATH=<path> npx vitest run utils/sync/convergence.test.ts
 * (the seed alone replays the whole sequence of runs). Record ids are made from a counter,
 * not at random, so a replay makes the same choices.
 */

const minRuns = 200;
const numRuns = (() => {
  const raw = (process.env.CONVERGENCE_RUNS ?? '').trim();
  return /^\d+$/.test(raw) ? Math.max(minRuns, Number(raw)) : minRuns;
})();

function replayOption(name: string, pattern: RegExp): string | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  if (!pattern.test(raw)) throw new Error(`${name}=${raw} is not what a failed run printed (expected ${pattern}).`);
  return raw;
}
const seed = replayOption('CONVERGENCE_SEED', /^-?\d+$/);
const path = replayOption('CONVERGENCE_PATH', /^\d+(:\d+)*$/);
if (path !== undefined && seed === undefined) throw new Error('CONVERGENCE_PATH replays a run only with the CONVERGENCE_SEED printed beside it.');

type Fault = 'none' | 'lose-push-response' | 'push-500' | 'lose-pull-response' | 'offline' | 'write-during-pull';
type Action =
  | { kind: 'feedback'; client: number; verdict: Verdict; reasons: FeedbackReason[]; note: string }
  | { kind: 'reply'; client: number; pick: number; body: string }
  | { kind: 'campaign'; client: number; offer: string }
  | { kind: 'lead'; client: number; name: string; status: LeadStatus }
  | { kind: 'forged'; client: number }
  | { kind: 'sync'; client: number; fault: Fault };

const roles: Role[] = ['marketing', 'sales', 'admin'];
const anyClient = fc.nat(2);
const text = fc.string({ maxLength: 12 }); // printable ASCII: valid wherever Text is
const sync = fc.record({
  kind: fc.constant('sync' as const),
  client: anyClient,
  fault: fc.constantFrom<Fault>('none', 'none', 'lose-push-response', 'push-500', 'lose-pull-response', 'offline', 'write-during-pull'),
});
const writeBy = (client: fc.Arbitrary<number>): fc.Arbitrary<Action> =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('feedback' as const),
        client,
        verdict: fc.constantFrom<Verdict>('accept', 'reject', 'nurture'),
        // A rejection without a reason is refused locally.
        reasons: fc.uniqueArray(fc.constantFrom(...FeedbackReason.options), { maxLength: 3 }),
        note: text,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('reply' as const), client, pick: fc.nat(50), body: text.map((s) => `Re: ${s}`) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('campaign' as const), client, offer: text }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('lead' as const),
        client,
        name: fc.constantFrom('Kim Ng', 'Ola Berg', 'Ana Ruiz'),
        status: fc.constantFrom<LeadStatus>('new', 'mql', 'nurture'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('forged' as const), client }) },
  );
/** A write by this member that queues a mutation (one that is refused locally does not). */
const queuedWriteBy = (client: number) =>
  writeBy(fc.constant(client)).filter(
    (a) => a.kind !== 'reply' && !(a.kind === 'campaign' && roles[client] === 'sales') && !(a.kind === 'feedback' && a.verdict === 'reject' && a.reasons.length === 0),
  );
/**
 * 10 to 40 actions, about a third of them syncs: at least 3 syncs, and at least one queued
 * write by each member, put in at random places.
 */
const scenario: fc.Arbitrary<Action[]> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 8, arbitrary: writeBy(anyClient) }, { weight: 3, arbitrary: sync }), { minLength: 4, maxLength: 34, size: 'max' }),
    fc.tuple(sync, sync, sync, queuedWriteBy(0), queuedWriteBy(1), queuedWriteBy(2)),
    fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  )
  .map(([actions, extra, places]) => {
    const all: Action[] = [...actions];
    for (const [i, a] of extra.entries()) all.splice(places[i]! % (all.length + 1), 0, a);
    return all;
  });

const campaignId = '00000000-0000-4000-8000-00000000c001';

function campaignDoc(offer: string) {
  return {
    id: campaignId,
    name: 'Spring launch',
    product: 'Forecasting',
    status: 'active',
    startsOn: '2026-03-01',
    audience: [],
    targetAccounts: [],
    talkingPoints: [],
    offer,
    assets: [],
    owner: 'Priya',
  };
}

// ---------------------------------------------------------------------------------------
// The model: what the server should hold, given the writes each client queued and the pushes
// that reached the server.

/** What the server does with a mutation; a conflict carries the server's document as it stood. */
type Outcome =
  | { status: 'applied' }
  | { status: 'error'; code: string }
  | { status: 'conflict'; current: { key: string; value: Record<string, unknown> } };
interface Entry {
  client: number;
  mutationId: number;
  name: string;
  args: Record<string, unknown>;
  outcome?: Outcome;
}
type Author = { memberId: string; name: string };
interface ModelFeedback {
  subject: unknown;
  verdict: string;
  reasons: string[];
  note: string;
  author: Author;
  replies: { id: string; body: string; author: Author }[];
  version: number;
  deleted: false;
}

class Model {
  /** Queued and not yet confirmed by a pull: what each client's outbox must hold. */
  readonly outbox: Entry[][] = [[], [], []];
  /** Queued and not yet applied by the server. */
  readonly unsent: Entry[][] = [[], [], []];
  readonly entries: Entry[] = [];
  readonly server = new Map<string, Record<string, unknown>>();
  private readonly lastMutationId = [0, 0, 0];
  private latestDefinition: { number: number; key: string } | undefined;

  constructor(readonly authors: Author[]) {}

  queue(client: number, name: string, args: Record<string, unknown>): Entry {
    const entry: Entry = { client, mutationId: ++this.lastMutationId[client]!, name, args };
    this.outbox[client]!.push(entry);
    this.unsent[client]!.push(entry);
    this.entries.push(entry);
    return entry;
  }

  /** A push that reaches the server applies (up to) one batch after another, in order. */
  push(client: number, limit = Infinity): void {
    const sent = this.unsent[client]!.splice(0, limit);
    for (const entry of sent) entry.outcome = this.apply(entry);
  }

  /** A pull that arrives confirms whatever the server has applied. */
  confirm(client: number): void {
    const unsent = new Set(this.unsent[client]);
    this.outbox[client] = this.outbox[client]!.filter((e) => unsent.has(e));
  }

  private apply({ client, name, args }: Entry): Outcome {
    const author = this.authors[client]!;
    switch (name) {
      case 'feedback.create': {
        const { id, subject, verdict, reasons, note } = args as { id: string; subject: unknown; verdict: string; reasons: string[]; note: string };
        const doc: ModelFeedback = { subject, verdict, reasons, note, author, replies: [], version: 1, deleted: false };
        this.server.set(`feedback/${id}`, doc as unknown as Record<string, unknown>);
        return { status: 'applied' };
      }
      case 'feedback.reply': {
        const { feedbackId, replyId, body } = args as { feedbackId: string; replyId: string; body: string };
        const doc = this.server.get(`feedback/${feedbackId}`) as ModelFeedback | undefined;
        if (!doc) return { status: 'error', code: 'not-found' };
        doc.replies.push({ id: replyId, body: body.trim(), author }); // a reply is stored trimmed
        doc.version++;
        return { status: 'applied' };
      }
      case 'lead.capture': {
        const { id, name: leadName, status, source, notes, phones } = args as Record<string, unknown>;
        this.server.set(`lead/${id}`, { name: leadName, status, source, notes, phones, capturedBy: author, version: 1, deleted: false });
        return { status: 'applied' };
      }
      case 'definition.publish': {
        if (roles[client] === 'sales') return { status: 'error', code: 'forbidden' };
        // Based on the latest version by number and by id: a draft based on the install's own
        // unconfirmed version is a conflict when someone else's version took that number.
        const { id, name: definitionName, basedOn, basedOnId } = args as { id: string; name: string; basedOn: number | null; basedOnId: string | null };
        const latest = this.latestDefinition;
        if (basedOn !== (latest?.number ?? null) || basedOnId !== (latest ? latest.key.slice('definition/'.length) : null)) {
          return { status: 'conflict', current: this.current(latest!.key) };
        }
        this.latestDefinition = { number: (latest?.number ?? 0) + 1, key: `definition/${id}` };
        this.server.set(`definition/${id}`, { name: definitionName, number: this.latestDefinition.number, publishedBy: author.name, version: 1, deleted: false });
        return { status: 'applied' };
      }
      case 'campaign.put': {
        if (roles[client] === 'sales') return { status: 'error', code: 'forbidden' };
        // The edit applies only on the very version its author saw: the same number and the
        // same edit (rev). An edit based on the author's own unconfirmed one is a conflict
        // when that one was, even where someone else's edit took its version number.
        const { doc, baseVersion, baseRev, rev } = args as { doc: { offer: string }; baseVersion: number; baseRev: string | null; rev: string };
        const key = `campaign/${campaignId}`;
        const current = this.server.get(key);
        if (((current?.version as number | undefined) ?? 0) !== baseVersion || ((current?.rev as string | undefined) ?? null) !== baseRev) {
          return { status: 'conflict', current: this.current(key) };
        }
        this.server.set(`campaign/${campaignId}`, { offer: doc.offer, version: baseVersion + 1, rev, deleted: false });
        return { status: 'applied' };
      }
      default:
        throw new Error(`The model does not know ${name}.`);
    }
  }

  private current(key: string) {
    return { key, value: structuredClone(this.server.get(key)!) };
  }
}

/** The fields of a stored record that the model predicts. */
function projection(key: string, doc: Record<string, unknown>): Record<string, unknown> {
  const pick = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, doc[f]]));
  const author = (a: unknown) => ({ memberId: (a as Author).memberId, name: (a as Author).name });
  if (key.startsWith('feedback/')) {
    return {
      ...pick('subject', 'verdict', 'reasons', 'note', 'version', 'deleted'),
      author: author(doc.author),
      replies: (doc.replies as { id: string; body: string; author: Author }[]).map((r) => ({ id: r.id, body: r.body, author: author(r.author) })),
    };
  }
  if (key.startsWith('lead/')) return { ...pick('name', 'status', 'source', 'notes', 'phones', 'version', 'deleted'), capturedBy: author(doc.capturedBy) };
  if (key.startsWith('definition/')) return pick('name', 'number', 'publishedBy', 'version', 'deleted');
  if (key.startsWith('campaign/')) return pick('offer', 'version', 'rev', 'deleted');
  if (key.startsWith('member/')) return pick('name', 'role', 'version', 'deleted');
  return doc; // nothing else is written: shown whole so the difference says what it is
}

/** What a notice says, in the model's terms. */
function noticeProjection(notice: SyncNotice) {
  const current = notice.current && `${notice.current.type}/${notice.current.id}`;
  return {
    id: notice.id,
    name: notice.name,
    status: notice.status,
    code: notice.error.code,
    current: current && { key: current, value: projection(current, notice.current!.value as Record<string, unknown>) },
    args: notice.args,
  };
}

// ---------------------------------------------------------------------------------------
// The world: the server app, three installs, and the faults between them.

/** The error a fault makes a sync throw: the transport's SyncFailure for it, nothing else. */
type ExpectedFailure = { kind: 'network'; cause: 'network down' | 'connection reset' } | { kind: 'server'; status: 500 };

function checkFailure(error: unknown, expected: ExpectedFailure, context: string): void {
  const matches =
    error instanceof SyncFailure &&
    error.kind === expected.kind &&
    (expected.kind === 'network' ? error.message.includes(`(${expected.cause})`) : error.details.status === expected.status);
  if (!matches) throw new Error(`${context}: expected the sync to fail with ${JSON.stringify(expected)}, it threw ${String(error)}`, { cause: error });
}

function sorted<T extends { key: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function serverRecords(db: Db, workspaceId: string) {
  const rows = await db.kysely.selectFrom('records').select(['type', 'id', 'doc']).where('workspace_id', '=', workspaceId).execute();
  return sorted(rows.map((r) => ({ key: `${r.type}/${r.id}`, doc: JSON.parse(r.doc) as Record<string, unknown> })));
}

async function runScenario(actions: Action[]): Promise<void> {
  const db = await openDatabase(':memory:');
  const clients: (SyncTarget & { index: number; idb: WorkspaceDb; state: { fault: Fault; duringPull: () => Promise<void> } })[] = [];
  try {
    const app = createApp({ db, logger: silentLogger, rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } });
    const { workspaceId } = await createWorkspace(db, 'Acme', 'Ada');
    for (const [index, role] of roles.entries()) {
      const name = `Member ${index}`;
      const { memberId, token } = await addMember(db, workspaceId, name, role);
      globalThis.indexedDB = new IDBFactory(); // each install has its own IndexedDB
      const idb = await openWorkspaceDb(workspaceId);
      const state = { fault: 'none' as Fault, duringPull: async () => {} };
      const faulty: Fetch = async (input, init) => {
        const post = init?.method === 'POST';
        if (state.fault === 'offline') throw new TypeError('network down');
        if (state.fault === 'push-500' && post) return new Response('{}', { status: 500 });
        if (state.fault === 'write-during-pull' && !post) await state.duringPull();
        const response = await app.request(input, init);
        if ((state.fault === 'lose-push-response' && post) || (state.fault === 'lose-pull-response' && !post)) throw new TypeError('connection reset');
        return response;
      };
      const actor = { memberId, name, role };
      clients.push({ index, idb, state, db: idb, workspaceId, actor, transport: httpTransport('http://tandem.test', token, faulty) });
    }
    const model = new Model(clients.map((c) => ({ memberId: c.actor.memberId, name: c.actor.name })));
    // What the server holds before anyone writes (the members) is where the model starts.
    for (const row of await serverRecords(db, workspaceId)) model.server.set(row.key, projection(row.key, row.doc));

    // Ids from a counter, so that a replay picks the same records.
    let counter = 0;
    const nextId = () => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

    type Client = (typeof clients)[number];
    /** A write its author may make: it must be accepted locally (any error fails the run) and is queued. */
    const write = async (c: Client, name: string, args: Record<string, unknown>, actor = c.actor) => {
      await mutate(c.idb, workspaceId, name, args, actor).catch((error: unknown) => {
        throw new Error(`${c.actor.role} ${name} must be accepted locally; mutate threw ${String(error)}`, { cause: error });
      });
      return model.queue(c.index, name, args);
    };
    /** A write its author may not make: refused locally with this code, nothing queued. */
    const refused = async (c: Client, name: string, args: Record<string, unknown>, code: MutationError['code']) => {
      const error = await mutate(c.idb, workspaceId, name, args, c.actor).then(() => undefined, (e: unknown) => e);
      if (!(error instanceof MutationError) || error.code !== code) {
        throw new Error(`${c.actor.role} ${name} should be refused locally (${code}), got ${String(error)}`, { cause: error });
      }
    };
    const feedbackArgs = (verdict: Verdict, reasons: FeedbackReason[], note: string) => ({
      id: nextId(),
      subject: { contactKey: 'email:dana@contoso.com', contactName: 'Dana' },
      verdict,
      reasons,
      note,
    });

    let duringPullError: unknown;
    for (const c of clients) {
      // Work done while a sync is under way must survive that sync's pull. An error here would
      // reach the engine as a failed fetch: keep it and fail with it after the sync.
      c.state.duringPull = () => write(c, 'feedback.create', feedbackArgs('nurture', [], 'during a pull')).then(() => undefined, (error: unknown) => void (duringPullError = error));
    }

    const local = async (c: Client, type: 'feedback' | 'lead' | 'definition' | 'campaign', id: string) =>
      (await c.idb.get('records', [type, id]))?.doc as Record<string, unknown> | undefined;

    const syncClient = async (c: Client, fault: Fault, step: string) => {
      const hasOutbox = model.outbox[c.index]!.length > 0;
      let expected: ExpectedFailure | undefined;
      switch (fault) {
        case 'offline':
          expected = { kind: 'network', cause: 'network down' };
          break;
        case 'push-500':
          if (hasOutbox) expected = { kind: 'server', status: 500 };
          break;
        case 'lose-push-response':
          if (hasOutbox) {
            model.push(c.index, defaultPushBatch); // the first batch is applied, its answer lost
            expected = { kind: 'network', cause: 'connection reset' };
          }
          break;
        case 'lose-pull-response':
          model.push(c.index);
          expected = { kind: 'network', cause: 'connection reset' };
          break;
        case 'none':
        case 'write-during-pull':
          model.push(c.index); // the write during the pull is queued after this, and stays
          break;
      }
      c.state.fault = fault;
      let error: unknown;
      let threw = false;
      try {
        await syncOnce(c);
      } catch (e) {
        threw = true;
        error = e;
      } finally {
        c.state.fault = 'none';
      }
      if (duringPullError) throw duringPullError;
      const context = `${step}: ${c.actor.role} syncs with fault ${fault}`;
      if (!expected && threw) throw new Error(`${context}: the sync should not fail, it threw ${String(error)}`, { cause: error });
      if (expected && !threw) throw new Error(`${context}: the sync should fail with ${JSON.stringify(expected)}, it did not`);
      if (expected) checkFailure(error, expected, context);
      else model.confirm(c.index);

      // The outbox holds exactly what is unconfirmed, and the view shows that work.
      const outbox = await c.idb.getAll('outbox');
      expect(outbox.map((e) => e.mutationId), `${context}: outbox`).toEqual(model.outbox[c.index]!.map((e) => e.mutationId));
      for (const entry of model.outbox[c.index]!) {
        if (entry.name === 'feedback.create' || entry.name === 'lead.capture') {
          const type = entry.name === 'lead.capture' ? 'lead' : 'feedback';
          expect(await local(c, type, entry.args.id as string), `${context}: unconfirmed ${entry.name} shows`).toBeDefined();
        } else if (entry.name === 'feedback.reply') {
          const doc = await local(c, 'feedback', entry.args.feedbackId as string);
          const replies = (doc?.replies ?? []) as { id: string }[];
          expect(replies.filter((r) => r.id === entry.args.replyId), `${context}: unconfirmed reply shows once`).toHaveLength(1);
        }
      }
    };

    for (const [step, a] of actions.entries()) {
      const c = clients[a.client]!;
      switch (a.kind) {
        case 'feedback': {
          const args = feedbackArgs(a.verdict, a.reasons, a.note);
          if (a.verdict === 'reject' && a.reasons.length === 0) await refused(c, 'feedback.create', args, 'invalid');
          else {
            await write(c, 'feedback.create', args);
            expect(await local(c, 'feedback', args.id), `step ${step}: feedback shows at once`).toBeDefined();
          }
          break;
        }
        case 'reply': {
          const known = (await c.idb.getAll('records', typeRange('feedback'))).filter((r) => !(r.doc as { deleted: boolean }).deleted);
          const target = known[a.pick % Math.max(1, known.length)];
          if (!target) break;
          const replyId = nextId();
          await write(c, 'feedback.reply', { feedbackId: target.id, replyId, body: a.body });
          const replies = ((await local(c, 'feedback', target.id))?.replies ?? []) as { id: string }[];
          expect(replies.filter((r) => r.id === replyId), `step ${step}: reply shows at once`).toHaveLength(1);
          break;
        }
        case 'campaign': {
          // Each offer names its write, so the one on the server says which write won.
          const current = await local(c, 'campaign', campaignId);
          // Based on the version this install shows, as the campaign editor does.
          const args = {
            doc: campaignDoc(`${a.offer} [${nextId().slice(-4)}]`),
            baseVersion: (current?.version as number | undefined) ?? 0,
            baseRev: (current?.rev as string | undefined) ?? null,
            rev: nextId(),
          };
          if (c.actor.role === 'sales') await refused(c, 'campaign.put', args, 'forbidden');
          else await write(c, 'campaign.put', args);
          break;
        }
        case 'lead': {
          const args = { id: nextId(), name: a.name, phones: [], source: 'manual', status: a.status, notes: '' };
          await write(c, 'lead.capture', args);
          expect(await local(c, 'lead', args.id), `step ${step}: lead shows at once`).toBeDefined();
          break;
        }
        case 'forged': {
          // Publishing a definition with a local role tampered to admin: accepted locally
          // always; the server refuses it from a sales member and takes it from the others.
          const published = (await c.idb.getAll('records', typeRange('definition'))).map((r) => r.doc as { id: string; number: number; deleted: boolean });
          const latest = published.filter((d) => !d.deleted).reduce<{ id: string; number: number } | null>((a, d) => (a && a.number > d.number ? a : d), null);
          const id = nextId();
          await write(
            c,
            'definition.publish',
            {
              id,
              basedOn: latest?.number ?? null,
              basedOnId: latest?.id ?? null,
              name: `Definition ${id.slice(-4)}`,
              criteria: [],
              disqualifiers: [],
              threshold: 10,
              stages: [],
              sla: { acceptWithinHours: 24, minAttempts: 1, notes: '' },
              notes: '',
              changeNote: '',
            },
            { ...c.actor, role: 'admin' },
          );
          break;
        }
        case 'sync':
          await syncClient(c, a.fault, `step ${step}`);
          break;
      }
    }

    // Everyone comes back online: the first round pushes everything, the second brings each
    // client what the others pushed after it synced.
    for (let round = 0; round < 2; round++) for (const c of clients) await syncClient(c, 'none', `final round ${round + 1}`);

    // The server holds exactly what the model says, with each value.
    const server = await serverRecords(db, workspaceId);
    expect(
      server.map((r) => ({ key: r.key, value: projection(r.key, r.doc) })),
      'the server holds every accepted write, once, and nothing else',
    ).toEqual(sorted([...model.server].map(([key, value]) => ({ key, value }))));

    for (const c of clients) {
      // Every refusal or conflict reached its author, and nothing else did.
      const notices = ((await c.idb.getAll('notices')) as SyncNotice[]).map(noticeProjection);
      const expected = model.entries
        .filter((e) => e.client === c.index && e.outcome && e.outcome.status !== 'applied')
        .map((e) => ({
          id: e.mutationId,
          name: e.name,
          status: e.outcome!.status,
          code: e.outcome!.status === 'error' ? (e.outcome as { code: string }).code : 'conflict',
          current: e.outcome!.status === 'conflict' ? e.outcome!.current : undefined,
          args: e.args,
        }));
      expect(notices, `${c.actor.role}'s notices`).toEqual(expected);
      expect(await c.idb.count('outbox'), `${c.actor.role}'s outbox`).toBe(0);
      const view = sorted((await c.idb.getAll('records')).map((r) => ({ key: `${r.type}/${r.id}`, doc: r.doc })));
      expect(view, `${c.actor.role} holds the server's state`).toEqual(server);
      // With nothing pending, no shadow copies are left.
      expect(await c.idb.count('base'), `${c.actor.role}'s shadows`).toBe(0);
    }
    expect(model.entries.every((e) => e.outcome), 'every queued write reached the server').toBe(true);
  } finally {
    for (const c of clients) c.idb.close();
    await db.close();
  }
}

describe('three clients converge on the server’s state', () => {
  it(`loses no write, for random writes and random faults (${numRuns} runs)`, { timeout: Math.max(300_000, numRuns * 1_500) }, async () => {
    const details = await fc.check(
      fc.asyncProperty(scenario, (actions) => runScenario(actions)),
      { numRuns, ...(seed !== undefined ? { seed: Number(seed) } : {}), ...(path !== undefined ? { path } : {}) },
    );
    if (details.failed) {
      const replay = `CONVERGENCE_SEED=${details.seed} CONVERGENCE_PATH=${details.counterexamplePath} npx vitest run utils/sync/convergence.test.ts`;
      throw new Error(
        `Convergence failed at seed ${details.seed}, path ${details.counterexamplePath}, after ${details.numShrinks} shrinks. Replay it with:\n  ${replay}\n\n${fc.defaultReportMessage(details)}`,
        { cause: details.errorInstance },
      );
    }
  });
});
