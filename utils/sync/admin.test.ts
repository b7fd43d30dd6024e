import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { createWorkspace } from '../../server/team';
import { useWebhookTargets, type Resolver } from '../../server/webhooks/targets';
import { parseConnectCode } from '../model';
import { adminClient } from './admin';
import { exchangeConnectCode } from './connect';
import type { Fetch } from './transport';

// The Team section of the options page: every call of the admin client against the real
// server app, and what each one changes for the team.

const server = 'http://127.0.0.1:8787';
/** Webhooks to localhost are allowed here; no test asks a real DNS server. */
const localOnly: Resolver = async (hostname) => {
  if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`${hostname} is not resolved in tests`), { code: 'ENOTFOUND' });
};

describe('the admin client', () => {
  let dir: string;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const requests: { method: string; path: string }[] = [];
  const appFetch: Fetch = (input, init) => {
    requests.push({ method: init?.method ?? 'GET', path: new URL(input).pathname + new URL(input).search });
    return Promise.resolve(app.request(input, init));
  };
  const me = async (token: string) => {
    const answer = await app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    return { status: answer.status, body: (await answer.json()) as { member?: { role: string; name: string } } };
  };
  const push = (token: string, mutations: { id: number; name: string; args: unknown }[]) =>
    app.request('/v1/push', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), mutations }) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-admin-client-'));
    db = await openDatabase(join(dir, 'tandem.sqlite'));
    useWebhookTargets(db, { allowPrivate: true, resolve: localOnly });
    app = createApp({ db, logger: silentLogger, publicUrl: server, rateLimit: { capacity: 10_000, refillPerSecond: 10_000 } });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('invites a member with a working one-time code, changes their role, and revokes them', async () => {
    const admin = await createWorkspace(db, 'Acme', 'Ada Admin');
    const client = adminClient(server, admin.token, appFetch);

    const invited = await client.invite({ name: '  Dana Rep ', email: 'dana@example.com', role: 'sales' });
    const connected = await exchangeConnectCode(server, parseConnectCode(invited.connectCode).code!, appFetch);
    expect(connected.member).toMatchObject({ name: 'Dana Rep', role: 'sales' });
    expect((await me(connected.token)).body.member?.role).toBe('sales');
    expect((await client.members()).members.find((m) => m.memberId === invited.memberId)).toMatchObject({ name: 'Dana Rep', email: 'dana@example.com', role: 'sales', revoked: false });

    const { member } = await client.changeRole(invited.memberId, 'marketing');
    expect(member).toMatchObject({ memberId: invited.memberId, role: 'marketing' });
    expect((await me(connected.token)).body.member?.role).toBe('marketing');

    expect((await client.revoke(invited.memberId)).member).toMatchObject({ memberId: invited.memberId, revoked: true });
    expect((await me(connected.token)).status).toBe(401);

    // The audit log says what happened, newest first, as many entries as asked for.
    const actions = (await client.audit()).entries.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['member.revoke', 'member.role', 'device.connect']);
    expect(actions.length).toBeGreaterThan(3);
    expect((await client.audit(2)).entries.map((e) => e.action)).toEqual(actions.slice(0, 2));
  });

  it('checks a request before it leaves: a bad invitation, role, address or webhook URL never reaches the server', async () => {
    const admin = await createWorkspace(db, 'Acme', 'Ada Admin');
    const client = adminClient(server, admin.token, appFetch);
    const before = requests.length;
    // As the options page calls it: inside an async handler.
    const refused = (send: () => Promise<unknown>) => expect((async () => send())()).rejects.toThrow();
    await refused(() => client.invite({ name: 'Dana', email: 'not an address', role: 'sales' }));
    await expect((async () => client.invite({ name: 'Dana', email: 'not an address', role: 'sales' }))()).rejects.toThrow(/email address like/);
    await refused(() => client.invite({ name: ' ', role: 'sales' }));
    await refused(() => client.changeRole(admin.memberId, 'owner' as never));
    await expect((async () => client.erase('dana at example'))()).rejects.toThrow(/email address to erase/);
    await expect((async () => client.addWebhook({ url: 'http://hooks.example.com/tandem', events: ['lead.captured'] }))()).rejects.toThrow(/https/);
    expect(requests.length).toBe(before);
  });

  it('erases every lead about an address, audited', async () => {
    const admin = await createWorkspace(db, 'Acme', 'Ada Admin');
    const client = adminClient(server, admin.token, appFetch);
    const lead = { id: randomUUID(), name: 'Grace Hopper', email: 'grace@navy.example', company: 'Navy', phones: [], source: 'manual', status: 'new' };
    expect((await push(admin.token, [{ id: 1, name: 'lead.capture', args: lead }])).status).toBe(200);

    const { erased, auditId } = await client.erase('  Grace@Navy.example ');
    expect(erased).toMatchObject({ leads: 1, feedback: 0 });
    expect((await client.audit(1)).entries[0]).toMatchObject({ id: auditId, action: 'contact.erase' });
    expect((await client.erase('grace@navy.example')).erased).toMatchObject({ leads: 0 });
  });

  it('adds a webhook, sends it a test, lists its deliveries, and removes it with what was still pending', async () => {
    const admin = await createWorkspace(db, 'Acme', 'Ada Admin');
    const client = adminClient(server, admin.token, appFetch);

    const { webhookId, secret } = await client.addWebhook({ url: 'http://localhost:9/tandem', events: ['lead.captured', 'lead.captured'], format: 'slack' });
    expect(secret).toMatch(/^whsec_/);
    expect((await client.webhooks()).webhooks).toEqual([expect.objectContaining({ webhookId, url: 'http://localhost:9/tandem', events: ['lead.captured'], format: 'slack', pending: 0 })]);

    const first = await client.testWebhook(webhookId);
    const second = await client.testWebhook(webhookId);
    const deliveries = await client.deliveries(webhookId);
    expect(deliveries.deliveries.map((d) => [d.deliveryId, d.event, d.status])).toEqual([
      [second.deliveryId, 'ping', 'pending'],
      [first.deliveryId, 'ping', 'pending'],
    ]);
    expect((await client.deliveries(webhookId, 1)).deliveries.map((d) => d.deliveryId)).toEqual([second.deliveryId]);

    expect(await client.removeWebhook(webhookId)).toEqual({ webhookId, cancelled: 2 });
    expect((await client.webhooks()).webhooks).toEqual([]);
    expect(requests.filter((r) => r.path.includes(webhookId)).map((r) => `${r.method} ${r.path.replace(webhookId, ':id')}`)).toEqual([
      'POST /v1/admin/webhooks/:id/test',
      'POST /v1/admin/webhooks/:id/test',
      'GET /v1/admin/webhooks/:id/deliveries?limit=20',
      'GET /v1/admin/webhooks/:id/deliveries?limit=1',
      'DELETE /v1/admin/webhooks/:id',
    ]);
  });

  it('refuses a member id or webhook id that would lead elsewhere on the server', async () => {
    const admin = await createWorkspace(db, 'Acme', 'Ada Admin');
    const client = adminClient(server, admin.token, appFetch);
    // Encoded, "x/../../erase" stays one (invalid) id instead of reaching another route.
    await expect(client.revoke('x/../../erase')).rejects.toThrow(/member id/i);
    await expect(client.removeWebhook('x/../../members')).rejects.toThrow(/webhook id/i);
    expect((await client.members()).members.map((m) => m.revoked)).toEqual([false]);
  });
});
