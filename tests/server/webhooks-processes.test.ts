import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/connect';
import { addMember, createWorkspace } from '../../server/team';
import { verifyWebhookSignature } from '../../server/webhooks/signature';
import { addWebhook } from '../../server/webhooks/store';
import type { PushResponse } from '../../utils/model';
import { WebhookPayload } from '../../utils/model/webhook';
import { databaseKinds, freshDatabase, type FreshDatabase } from './databases';
import { alive } from '../processes';
import { sleep, spawnServer, stopServer, type LogLine, type ServerProcess } from './server-processes';
import { startReceiver, type Receiver } from './webhooks-receiver';

/**
 * Two real server processes on one database (PostgreSQL, and one SQLite file), feedback
 * pushed through both: each process's worker claims deliveries from the shared queue, and
 * the receiver gets every delivery exactly once, some of them after a retry that either
 * process may take.
 */

// The receiver is on 127.0.0.1: the processes run with the operator's setting that allows it.
const webhookEnv = { TANDEM_WEBHOOK_POLL: '100ms', TANDEM_WEBHOOK_RETRY_DELAYS: '200ms,200ms,200ms,200ms', TANDEM_WEBHOOK_TIMEOUT: '3s', TANDEM_WEBHOOKS_ALLOW_PRIVATE: '1' };

const pushes = 24;

describe.each(databaseKinds)('webhooks from two server processes on one %s database', (kind) => {
  let fresh: FreshDatabase;
  let db: Db;
  let servers: ServerProcess[] = [];
  let receiver: Receiver;
  let secret: string;
  let webhookId: string;
  const members: { token: string; clientId: string; next: number }[] = [];
  const feedbackIds: string[] = [];
  /** Deliveries answered 500 on their first request: each then comes once more. */
  const refusedOnce = new Set<string>();

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.location);
    const admin = await createWorkspace(db, 'Two processes', 'Ada Admin');
    members.push({ token: admin.token, clientId: randomUUID(), next: 1 });
    for (const name of ['Sam Sales', 'Max Sales', 'Mia Marketing']) {
      const added = await addMember(db, admin.workspaceId, name, name.includes('Marketing') ? 'marketing' : 'sales');
      members.push({ token: added.token, clientId: randomUUID(), next: 1 });
    }
    let seen = 0;
    receiver = await startReceiver({
      delayMs: 30,
      respond: (request) => {
        // Every fourth new delivery is refused the first time, so that its retry is up for grabs.
        const id = String(request.headers['x-tandem-delivery']);
        if (refusedOnce.has(id)) return 200;
        if (seen++ % 4 === 0) {
          refusedOnce.add(id);
          return 500;
        }
        return 200;
      },
    });
    ({ webhookId, secret } = await addWebhook(db, admin.workspaceId, { url: receiver.url, events: ['feedback.created'], format: 'json' }, null, { allowPrivate: true }));
    servers = await Promise.all([spawnServer(fresh.location, webhookEnv), spawnServer(fresh.location, webhookEnv)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s, 5_000)));
    await receiver?.close();
    await db?.close();
    // pg's pool.end() resolves before its sockets have closed; a forced drop right then can
    // reach a closing client with "terminating connection", uncaught.
    await sleep(200);
    await fresh?.drop();
    expect(servers.flatMap((s) => s.pids).filter(alive), 'server processes left running').toEqual([]);
  });

  it(`delivers each of ${pushes} feedback pushes, spread over both processes, exactly once`, async () => {
    const push = async (member: (typeof members)[number], server: ServerProcess) => {
      const id = randomUUID();
      feedbackIds.push(id);
      const mutation = { id: member.next++, name: 'feedback.create', args: { id, subject: { contactKey: `email:${id}@example.com` }, verdict: 'accept', reasons: [], note: '' } };
      const res = await fetch(`${server.url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: member.clientId, mutations: [mutation] }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as PushResponse).results).toEqual([{ id: mutation.id, status: 'applied' }]);
    };
    // Each member pushes one at a time, alternating processes; the members push side by side.
    await Promise.all(
      members.map(async (member, m) => {
        for (let i = 0; i < pushes / members.length; i++) {
          await push(member, servers[(m + i) % 2]!);
          await sleep(10);
        }
      }),
    );
    await receiver.waitFor(() => receiver.accepted().length >= pushes, 20_000);
    await sleep(1000); // long enough for any second copy to arrive

    const accepted = receiver.accepted();
    const ids = accepted.map((r) => String(r.headers['x-tandem-delivery']));
    expect(new Set(ids).size, 'no delivery accepted twice').toBe(ids.length);
    expect(accepted).toHaveLength(pushes);
    const delivered = accepted.map((r) => WebhookPayload.parse(JSON.parse(r.body)));
    expect(delivered.map((p) => (p.data.feedback as { id: string }).id).sort()).toEqual([...feedbackIds].sort());
    for (const [i, r] of accepted.entries()) {
      expect(r.headers['x-tandem-event']).toBe('feedback.created');
      expect(delivered[i]!.id).toBe(ids[i]);
      expect(verifyWebhookSignature(secret, { body: r.body, timestamp: String(r.headers['x-tandem-timestamp']), signature: String(r.headers['x-tandem-signature']) })).toBe(true);
    }
    // Everything received: once for each delivery, twice for those refused the first time.
    expect(refusedOnce.size).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const r of receiver.received) counts.set(String(r.headers['x-tandem-delivery']), (counts.get(String(r.headers['x-tandem-delivery'])) ?? 0) + 1);
    for (const [id, n] of counts) expect(n, id).toBe(refusedOnce.has(id) ? 2 : 1);
    expect(receiver.received).toHaveLength(pushes + refusedOnce.size);

    const rows = await db.kysely.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts', 'claimed_by', 'payload']).where('webhook_id', '=', webhookId).execute();
    expect(rows).toHaveLength(pushes);
    for (const row of rows) expect(row).toEqual({ id: row.id, status: 'delivered', attempts: refusedOnce.has(row.id) ? 2 : 1, claimed_by: null, payload: null });

    // Both processes sent some: the queue really was shared.
    const sentBy = servers.map((s) => s.raw.map((l) => JSON.parse(l) as LogLine).filter((l) => l.msg === 'webhook delivered'));
    expect(sentBy[0]!.length + sentBy[1]!.length).toBe(pushes);
    for (const [i, lines] of sentBy.entries()) expect(lines.length, `deliveries sent by process ${i + 1}`).toBeGreaterThan(0);
    // Each delivery the receiver accepted is logged as delivered once, by one of them, on the
    // attempt that got through, with the claim still held.
    const logged = sentBy.flat();
    expect(logged.map((l) => String(l.deliveryId)).sort()).toEqual([...ids].sort());
    for (const line of logged) {
      const id = String(line.deliveryId);
      expect(line, id).toMatchObject({ level: 'info', webhookId, event: 'feedback.created', attempt: refusedOnce.has(id) ? 2 : 1, responseStatus: 200 });
      expect(line, id).not.toHaveProperty('note');
    }
  }, 60_000);

  it('both stop cleanly on SIGTERM; their logs are JSON, with every attempt and no secret', async () => {
    const results = await Promise.all(servers.map((s) => stopServer(s)));
    expect(results).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    const all = servers.flatMap((s) => s.raw);
    const lines = all.map((l) => JSON.parse(l) as LogLine);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.filter((l) => l.msg === 'webhook attempt failed')).toHaveLength(refusedOnce.size);
    expect(lines.find((l) => l.msg === 'webhook attempt failed')).toMatchObject({ level: 'warn', responseStatus: 500, error: 'HTTP 500', retryInMs: expect.any(Number) });
    const text = all.join('\n');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice('whsec_'.length));
    expect(text).not.toContain('/hooks/tandem');
    for (const server of servers) expect(server.raw.map((l) => (JSON.parse(l) as LogLine).msg).at(-1)).toBe('stopped');
  });
});
