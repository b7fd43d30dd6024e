import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace } from '../../server/team';
import type { Role } from '../model';
import { mutate, openWorkspaceDb, type WorkspaceDb } from '../store';
import { syncOnce } from './engine';
import { httpTransport, type Fetch } from './transport';

// Three clients, random writes, random faults between them and the real server app (in
// this process, on an in-memory SQLite database): once everyone has synced, each client's
// IndexedDB holds exactly the server's state, and nothing was applied twice.

type Fault = 'none' | 'lose-push-response' | 'push-500' | 'lose-pull-response' | 'offline' | 'write-during-pull';
type Action =
  | { kind: 'feedback'; client: number }
  | { kind: 'reply'; client: number; pick: number }
  | { kind: 'campaign'; client: number; offer: string }
  | { kind: 'lead'; client: number }
  | { kind: 'forged'; client: number }
  | { kind: 'sync'; client: number; fault: Fault };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('feedback' as const), client: fc.nat(2) }),
  fc.record({ kind: fc.constant('reply' as const), client: fc.nat(2), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('campaign' as const), client: fc.nat(2), offer: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('lead' as const), client: fc.nat(2) }),
  fc.record({ kind: fc.constant('forged' as const), client: fc.nat(2) }),
  fc.record({
    kind: fc.constant('sync' as const),
    client: fc.nat(2),
    fault: fc.constantFrom<Fault>('none', 'none', 'lose-push-response', 'push-500', 'lose-pull-response', 'offline', 'write-during-pull'),
  }),
);

const roles: Role[] = ['marketing', 'sales', 'admin'];
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

async function snapshot(rows: { type: string; id: string; doc: unknown }[]) {
  return rows.map((r) => ({ key: `${r.type}/${r.id}`, doc: r.doc })).sort((a, b) => a.key.localeCompare(b.key));
}

async function runScenario(actions: Action[]): Promise<void> {
  const db = await openDatabase(':memory:');
  try {
    const app = createApp({ db, logger: silentLogger, rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } });
    const { workspaceId } = await createWorkspace(db, 'Acme', 'Ada');
    const clients = [];
    for (const [i, role] of roles.entries()) {
      const { memberId, token } = await addMember(db, workspaceId, `Member ${i}`, role);
      globalThis.indexedDB = new IDBFactory();
      const idb: WorkspaceDb = await openWorkspaceDb(workspaceId);
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
      const actor = { memberId, name: `Member ${i}`, role };
      clients.push({ idb, actor, state, target: { db: idb, workspaceId, actor, transport: httpTransport('http://tandem.test', token, faulty) } });
    }

    const newFeedback = () => ({ id: crypto.randomUUID(), subject: { contactKey: 'email:dana@contoso.com' }, verdict: 'accept', reasons: [], note: '' });
    for (const c of clients) {
      // Work done while a sync is under way must survive that sync's pull.
      c.state.duringPull = () => mutate(c.idb, workspaceId, 'feedback.create', newFeedback(), c.actor);
    }
    for (const a of actions) {
      const c = clients[a.client]!;
      const write = (name: string, args: unknown) => mutate(c.idb, workspaceId, name, args, c.actor).catch(() => undefined);
      switch (a.kind) {
        case 'feedback':
          await write('feedback.create', newFeedback());
          break;
        case 'forged':
          // A member whose local role was tampered with publishes a definition; the server
          // refuses it unless they really are marketing or admin.
          await mutate(c.idb, workspaceId, 'definition.publish', {
            id: crypto.randomUUID(), basedOn: null, name: 'Forged', criteria: [], disqualifiers: [], threshold: 10, stages: [],
            sla: { acceptWithinHours: 24, minAttempts: 1, notes: '' }, notes: '', changeNote: '',
          }, { ...c.actor, role: 'admin' }).catch(() => undefined);
          break;
        case 'reply': {
          const known = (await c.idb.getAll('records')).filter((r) => r.type === 'feedback');
          const target = known[a.pick % Math.max(1, known.length)];
          if (target) await write('feedback.reply', { feedbackId: target.id, replyId: crypto.randomUUID(), body: 'Noted.' });
          break;
        }
        case 'campaign': {
          if (c.actor.role === 'sales') break;
          const current = (await c.idb.get('records', ['campaign', campaignId]))?.doc as { version: number } | undefined;
          await write('campaign.put', { doc: campaignDoc(a.offer), baseVersion: current?.version ?? 0 });
          break;
        }
        case 'lead':
          await write('lead.capture', { id: crypto.randomUUID(), name: 'Kim Ng', phones: [], source: 'manual', status: 'new', notes: '' });
          break;
        case 'sync':
          c.state.fault = a.fault;
          await syncOnce(c.target).catch(() => undefined);
          c.state.fault = 'none';
          // The view always shows this client's own unconfirmed work.
          for (const entry of await c.idb.getAll('outbox')) {
            if (entry.name === 'feedback.create') expect(await c.idb.get('records', ['feedback', (entry.args as { id: string }).id])).toBeDefined();
          }
          break;
      }
    }

    // Everyone comes back online and syncs until nothing is waiting, then once more.
    for (let round = 0; round < 3; round++) for (const c of clients) await syncOnce(c.target);
    const server = await snapshot(
      (await db.kysely.selectFrom('records').select(['type', 'id', 'doc']).where('workspace_id', '=', workspaceId).execute()).map((r) => ({ ...r, doc: JSON.parse(r.doc) })),
    );
    for (const c of clients) {
      expect(await c.idb.count('outbox')).toBe(0);
      expect(await snapshot(await c.idb.getAll('records'))).toEqual(server);
      // With nothing pending, no shadow copies are left.
      expect(await c.idb.count('base')).toBe(0);
    }
    // Nothing applied twice: every reply once.
    for (const row of server.filter((r) => r.key.startsWith('feedback/'))) {
      const ids = (row.doc as { replies: { id: string }[] }).replies.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  } finally {
    await db.close();
  }
}

describe('three clients converge on the server’s state', () => {
  it('for random writes and random faults', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), (actions) => runScenario(actions)),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 200) },
    );
  });
});
