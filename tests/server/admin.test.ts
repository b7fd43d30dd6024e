import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { migrationProvider } from '../../server/db/migrations';
import { silentLogger } from '../../server/log';
import {
  AuditResponse,
  ConnectCodeResponse,
  EraseResponse,
  factId,
  MemberResponse,
  MembersResponse,
  parseConnectCode,
  recordSchemas,
  type Role,
} from '../../utils/model';
import { call, chromeOnMac, clientOf, connectRaw, connectWith, createTeam, exact, expectError, make, newClientId, numbered, startServer, type Server } from './client';
import { databaseKinds, freshDatabase } from './databases';

const publicUrl = 'https://sync.example.com';
const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

type App = ReturnType<typeof createApp>;

/** The admin API for one token: typed calls that expect success, and `raw` for the rest. */
function adminOf(app: App, token: string) {
  const raw = (method: string, path: string, body?: unknown) =>
    call(
      app,
      `/v1/admin${path}`,
      body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) },
      token,
    );
  const ok = async <T>(schema: { parse(value: unknown): T }, status: number, answer: Promise<Awaited<ReturnType<typeof raw>>>) => {
    const { status: got, body } = await answer;
    expect(got, JSON.stringify(body)).toBe(status);
    return exact(schema, body);
  };
  return {
    raw,
    members: async () => (await ok(MembersResponse, 200, raw('GET', '/members'))).members,
    member: async (memberId: string) => (await ok(MembersResponse, 200, raw('GET', '/members'))).members.find((m) => m.memberId === memberId),
    invite: (request: { name: string; role: Role; email?: string }) => ok(ConnectCodeResponse, 201, raw('POST', '/members', request)),
    role: async (memberId: string, role: Role) => (await ok(MemberResponse, 200, raw('PATCH', `/members/${memberId}`, { role }))).member,
    revoke: async (memberId: string) => (await ok(MemberResponse, 200, raw('POST', `/members/${memberId}/revoke`))).member,
    rotate: (memberId: string) => ok(ConnectCodeResponse, 200, raw('POST', `/members/${memberId}/token`)),
    code: (memberId: string) => ok(ConnectCodeResponse, 201, raw('POST', `/members/${memberId}/code`)),
    revokeDevice: async (memberId: string, deviceId: string) => (await ok(MemberResponse, 200, raw('POST', `/members/${memberId}/devices/${deviceId}/revoke`))).member,
    erase: (email: string) => ok(EraseResponse, 200, raw('POST', '/erase', { email })),
    audit: async (limit?: number) => (await ok(AuditResponse, 200, raw('GET', `/audit${limit === undefined ? '' : `?limit=${limit}`}`))).entries,
  };
}

/** A connect code → a new device's token (traded as the extension does), checking the code points at `serverUrl`. */
async function tokenOf(app: App, connectCode: string, serverUrl = publicUrl): Promise<string> {
  expect(parseConnectCode(connectCode).serverUrl).toBe(serverUrl);
  return (await connectWith(app, connectCode, chromeOnMac)).token;
}

describe.each(databaseKinds)('the admin API on %s', (kind) => {
  let server: Server;
  let app: App;
  beforeAll(async () => {
    server = await startServer(kind);
    app = createApp({ db: server.db, logger: silentLogger, rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 }, publicUrl });
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function team(name = 'Acme') {
    const t = await createTeam(server.db, name);
    return {
      ...t,
      admin$: adminOf(app, t.admin.token),
      as: { admin: clientOf(app, t.admin.token), marketing: clientOf(app, t.marketing.token), sales: clientOf(app, t.sales.token) },
    };
  }

  async function auditRows(workspaceId: string) {
    return server.db.kysely.selectFrom('audit').selectAll().where('workspace_id', '=', workspaceId).execute();
  }

  /**
   * Every row of every table, as text, in an order of its own: to look for what must be gone.
   * Without when devices were last seen: any request stamps that (and PostgreSQL then lists
   * the row elsewhere), and it is not a change an admin made.
   */
  async function everything(): Promise<string> {
    const tables = ['workspaces', 'members', 'tokens', 'connect_codes', 'clients', 'records', 'outcomes', 'audit'] as const;
    const dump: string[][] = [];
    for (const table of tables) {
      const rows = await server.db.kysely.selectFrom(table).selectAll().execute();
      dump.push(rows.map((row) => JSON.stringify({ ...row, last_seen_at: undefined })).sort());
    }
    return JSON.stringify(dump);
  }

  it('answers 403 forbidden to marketing and sales members on every admin route, and changes nothing', async () => {
    const t = await team();
    const routes: [string, string, unknown?][] = [
      ['GET', '/members'],
      ['POST', '/members', { name: 'Eve', role: 'admin' }],
      ['PATCH', `/members/${t.sales.memberId}`, { role: 'admin' }],
      ['PATCH', `/members/${t.admin.memberId}`, { role: 'sales' }],
      ['POST', `/members/${t.admin.memberId}/revoke`],
      ['POST', `/members/${t.admin.memberId}/token`],
      ['POST', `/members/${t.admin.memberId}/code`],
      ['POST', `/members/${t.admin.memberId}/devices/${randomUUID()}/revoke`],
      ['POST', '/erase', { email: 'ada@example.com' }],
      ['GET', '/audit'],
      ['GET', '/audit?limit=5'],
      // Even a malformed request or an unknown route says "forbidden" first, and no more.
      ['PATCH', '/members/not-a-uuid', '{'],
      ['GET', '/nothing-here'],
    ];
    const before = await everything();
    for (const member of [t.marketing, t.sales]) {
      const admin = adminOf(app, member.token);
      for (const [method, path, body] of routes) {
        const error = expectError(await admin.raw(method, path, body), 403, 'forbidden');
        expect(error.message).toMatch(/^Only an admin can /);
      }
    }
    for (const [method, path, body] of routes) expectError(await adminOf(app, 'tdm_not-a-token').raw(method, path, body), 401, 'unauthenticated');
    expect(await everything()).toBe(before);
    expect((await t.as.sales.me()).member.role).toBe('sales');
  });

  it('invites a member whose connect code works with their role; the list shows the email, and when they last synced', async () => {
    const t = await team();
    const invited = await t.admin$.invite({ name: '  Dana Sales ', email: ' dana@example.com', role: 'sales' });
    expect(invited).toEqual({ memberId: uuid, connectCode: expect.stringMatching(/^tandem1\./), expiresAt: timestamp });
    const dana = clientOf(app, await tokenOf(app, invited.connectCode));
    expect(await dana.me()).toEqual({ workspace: { id: t.workspaceId, name: 'Acme' }, member: { id: invited.memberId, name: 'Dana Sales', role: 'sales' } });

    const listed = await t.admin$.members();
    expect(listed.map((m) => [m.name, m.role, m.revoked])).toEqual([
      ['Acme Admin', 'admin', false],
      ['Acme Marketer', 'marketing', false],
      ['Acme Rep', 'sales', false],
      ['Dana Sales', 'sales', false],
    ]);
    expect(listed[3]).toEqual({
      memberId: invited.memberId,
      name: 'Dana Sales',
      email: 'dana@example.com',
      role: 'sales',
      revoked: false,
      createdAt: timestamp,
      lastSyncAt: null,
      devices: [{ deviceId: uuid, name: 'Chrome on macOS', connectedAt: timestamp, lastSeenAt: timestamp, current: false }],
    });
    expect(listed[0]).not.toHaveProperty('email');

    // A pull counts as a sync; so does a push.
    const clientId = newClientId();
    const { changes } = await dana.pullAll(clientId);
    const afterPull = await t.admin$.member(invited.memberId);
    expect(afterPull?.lastSyncAt).toEqual(timestamp);
    expect(Date.parse(afterPull!.lastSyncAt!)).toBeGreaterThan(Date.now() - 10_000);
    await t.as.marketing.push(newClientId(), numbered(1, make.lead()));
    expect((await t.admin$.member(t.marketing.memberId))?.lastSyncAt).toEqual(timestamp);
    expect((await t.admin$.member(t.sales.memberId))?.lastSyncAt).toBeNull();

    // Every client sees the new member, with the address.
    expect(changes.find((c) => c.id === invited.memberId)).toMatchObject({
      type: 'member',
      version: 1,
      deleted: false,
      value: { name: 'Dana Sales', email: 'dana@example.com', role: 'sales' },
    });
    // The audit log names the admin, and keeps the address out; then Dana connected her browser.
    const [connected, entry] = await t.admin$.audit(2);
    expect(entry).toEqual({ id: uuid, at: timestamp, actor: { memberId: t.admin.memberId, name: 'Acme Admin' }, action: 'member.add', details: { memberId: invited.memberId, role: 'sales' } });
    expect(connected).toEqual({
      id: uuid,
      at: timestamp,
      actor: { memberId: invited.memberId, name: 'Dana Sales' },
      action: 'device.connect',
      details: { memberId: invited.memberId, deviceId: listed[3]!.devices![0]!.deviceId, device: 'Chrome on macOS' },
    });
    expect(JSON.stringify(await auditRows(t.workspaceId))).not.toContain('dana@example.com');

    // An invitation without an address, of an admin.
    const second = await t.admin$.invite({ name: 'Second Admin', role: 'admin' });
    expect((await clientOf(app, await tokenOf(app, second.connectCode)).me()).member.role).toBe('admin');
    expect(await t.admin$.member(second.memberId)).not.toHaveProperty('email');
  });

  it('puts TANDEM_PUBLIC_URL in connect codes, else the origin the request came to', async () => {
    const t = await team();
    const rateLimit = { capacity: 1_000_000, refillPerSecond: 1_000_000 };
    vi.stubEnv('TANDEM_PUBLIC_URL', 'https://env.example.com/');
    const fromEnv = adminOf(createApp({ db: server.db, logger: silentLogger, rateLimit }), t.admin.token);
    await tokenOf(app, (await fromEnv.invite({ name: 'From env', role: 'sales' })).connectCode, 'https://env.example.com');
    await tokenOf(app, (await fromEnv.rotate(t.sales.memberId)).connectCode, 'https://env.example.com');
    await tokenOf(app, (await fromEnv.code(t.marketing.memberId)).connectCode, 'https://env.example.com');

    vi.stubEnv('TANDEM_PUBLIC_URL', '');
    const fromOrigin = createApp({ db: server.db, logger: silentLogger, rateLimit });
    const answer = await fromOrigin.request('http://tandem.internal:8787/v1/admin/members', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'From origin', role: 'marketing' }),
    });
    expect(answer.status).toBe(201);
    const { connectCode } = ConnectCodeResponse.parse(await answer.json());
    await tokenOf(app, connectCode, 'http://tandem.internal:8787');
  });

  it('refreshes lastSyncAt on a pull only when it is over a minute old', async () => {
    const t = await team();
    const clientId = newClientId();
    await t.as.sales.pull(clientId);
    const seen = async () => (await server.db.kysely.selectFrom('clients').select('last_seen_at').where('id', '=', clientId).executeTakeFirstOrThrow()).last_seen_at;
    const setSeen = (at: string) => server.db.kysely.updateTable('clients').set({ last_seen_at: at }).where('id', '=', clientId).execute();

    const recent = new Date(Date.now() - 30_000).toISOString();
    await setSeen(recent);
    await t.as.sales.pull(clientId);
    expect(await seen()).toBe(recent);
    expect((await t.admin$.member(t.sales.memberId))?.lastSyncAt).toBe(recent);

    const old = new Date(Date.now() - 61_000).toISOString();
    await setSeen(old);
    const before = Date.now();
    await t.as.sales.pull(clientId);
    expect(Date.parse(await seen())).toBeGreaterThanOrEqual(before - 5);
    // The member's latest install is what the list shows.
    await setSeen('2020-01-01T00:00:00.000Z');
    const other = newClientId();
    await t.as.sales.pull(other);
    expect(Date.parse((await t.admin$.member(t.sales.memberId))!.lastSyncAt!)).toBeGreaterThanOrEqual(before - 5);
  });

  it("changes a member's role in the synced member record and in what they may push", async () => {
    const t = await team();
    const adminClient = newClientId();
    const { cursor } = await t.as.admin.pullAll(adminClient);

    // A sales member made marketing may now publish campaigns.
    const salesClient = newClientId();
    const campaignId = randomUUID();
    expect(await t.as.sales.push(salesClient, numbered(1, make.campaign(campaignId, 0)))).toEqual([
      { id: 1, status: 'error', error: { code: 'forbidden', message: expect.any(String) } },
    ]);
    const promoted = await t.admin$.role(t.sales.memberId, 'marketing');
    expect(promoted).toMatchObject({ memberId: t.sales.memberId, name: 'Acme Rep', role: 'marketing', revoked: false });
    expect((await t.as.sales.me()).member.role).toBe('marketing');
    expect(await t.as.sales.push(salesClient, numbered(2, make.campaign(campaignId, 0)))).toEqual([{ id: 2, status: 'applied' }]);

    // A marketer made sales may not.
    expect((await t.admin$.role(t.marketing.memberId, 'sales')).role).toBe('sales');
    expect(await t.as.marketing.push(newClientId(), numbered(1, make.campaign(campaignId, 1, 'Hijack')))).toEqual([
      { id: 1, status: 'error', error: { code: 'forbidden', message: 'A sales member may not do this (campaign.put).' } },
    ]);

    // Every client pulls both member records, one version up.
    const { changes, cursor: after } = await t.as.admin.pullAll(adminClient, { cursor });
    const members = changes.filter((c) => c.type === 'member');
    expect(members).toEqual([
      { type: 'member', id: t.sales.memberId, version: 2, deleted: false, value: { id: t.sales.memberId, version: 2, deleted: false, updatedAt: timestamp, name: 'Acme Rep', role: 'marketing' } },
      { type: 'member', id: t.marketing.memberId, version: 2, deleted: false, value: { id: t.marketing.memberId, version: 2, deleted: false, updatedAt: timestamp, name: 'Acme Marketer', role: 'sales' } },
    ]);

    // The same role again changes nothing and logs nothing.
    const entries = await t.admin$.audit();
    expect(await t.admin$.role(t.marketing.memberId, 'sales')).toMatchObject({ role: 'sales' });
    expect((await t.as.admin.pullAll(adminClient, { cursor: after })).changes).toEqual([]);
    expect(await t.admin$.audit()).toEqual(entries);
    expect(entries.slice(0, 2)).toEqual([
      { id: uuid, at: timestamp, actor: { memberId: t.admin.memberId, name: 'Acme Admin' }, action: 'member.role', details: { memberId: t.marketing.memberId, from: 'marketing', to: 'sales' } },
      { id: uuid, at: timestamp, actor: { memberId: t.admin.memberId, name: 'Acme Admin' }, action: 'member.role', details: { memberId: t.sales.memberId, from: 'sales', to: 'marketing' } },
    ]);

    // A member made admin may use the admin API at once; one made sales no longer may.
    await t.admin$.role(t.sales.memberId, 'admin');
    expect(await adminOf(app, t.sales.token).members()).toHaveLength(3);
    await adminOf(app, t.sales.token).role(t.admin.memberId, 'sales');
    expectError(await t.admin$.raw('GET', '/members'), 403, 'forbidden');
  });

  it('keeps the last admin: refuses to demote or revoke them, counting only admins not revoked', async () => {
    const t = await team();
    const error = expectError(await t.admin$.raw('PATCH', `/members/${t.admin.memberId}`, { role: 'marketing' }), 409, 'last-admin');
    expect(error.message).toContain('Acme Admin');
    expectError(await t.admin$.raw('POST', `/members/${t.admin.memberId}/revoke`), 409, 'last-admin');
    expect((await t.as.admin.me()).member.role).toBe('admin');

    // With a second admin, one may step down; then the other is the last.
    const second = await t.admin$.invite({ name: 'Second Admin', role: 'admin' });
    const other = adminOf(app, await tokenOf(app, second.connectCode));
    expect((await t.admin$.role(t.admin.memberId, 'marketing')).role).toBe('marketing');
    expectError(await other.raw('PATCH', `/members/${second.memberId}`, { role: 'sales' }), 409, 'last-admin');
    expectError(await other.raw('POST', `/members/${second.memberId}/revoke`), 409, 'last-admin');

    // Revoking yourself is allowed while another admin remains; a revoked admin does not count.
    await other.role(t.admin.memberId, 'admin');
    const third = await other.invite({ name: 'Third Admin', role: 'admin' });
    await other.revoke(third.memberId);
    expect((await other.revoke(second.memberId)).revoked).toBe(true);
    expectError(await other.raw('GET', '/members'), 401, 'unauthenticated');
    expectError(await t.admin$.raw('PATCH', `/members/${t.admin.memberId}`, { role: 'sales' }), 409, 'last-admin');
    expect((await t.admin$.members()).filter((m) => m.role === 'admin').map((m) => [m.name, m.revoked])).toEqual([
      ['Acme Admin', false],
      ['Second Admin', true],
      ['Third Admin', true],
    ]);
  });

  it('revokes a member: their token gets 401 at once; revoked members keep their record and list as revoked', async () => {
    const t = await team();
    const clientId = newClientId();
    await t.as.sales.push(clientId, numbered(1, make.lead()));
    const revoked = await t.admin$.revoke(t.sales.memberId);
    expect(revoked).toEqual({ memberId: t.sales.memberId, name: 'Acme Rep', role: 'sales', revoked: true, createdAt: timestamp, lastSyncAt: timestamp, devices: [] });
    expectError(await t.as.sales.pushRaw(clientId, numbered(2, make.lead())), 401, 'unauthenticated');
    expectError(await call(app, '/v1/me', {}, t.sales.token), 401, 'unauthenticated');

    const entries = await t.admin$.audit();
    expect(entries[0]).toMatchObject({ action: 'member.revoke', actor: { memberId: t.admin.memberId }, details: { memberId: t.sales.memberId } });
    // Again: nothing more to do, nothing logged.
    expect(await t.admin$.revoke(t.sales.memberId)).toEqual(revoked);
    expect(await t.admin$.audit()).toEqual(entries);
    expectError(await t.admin$.raw('PATCH', `/members/${t.sales.memberId}`, { role: 'marketing' }), 409, 'revoked');
    expectError(await t.admin$.raw('POST', `/members/${t.sales.memberId}/token`), 409, 'revoked');
    const { changes } = await t.as.admin.pullAll(newClientId());
    expect(changes.find((c) => c.id === t.sales.memberId)).toMatchObject({ type: 'member', deleted: false, value: { name: 'Acme Rep' } });
  });

  it("replaces a member's access: every old device gets 401 at once, the new code works for the same member and install", async () => {
    const t = await team();
    const clientId = newClientId();
    await t.as.marketing.push(clientId, numbered(1, make.lead()));
    const laptop = await tokenOf(app, (await t.admin$.code(t.marketing.memberId)).connectCode);
    const unused = await t.admin$.code(t.marketing.memberId);
    const rotated = await t.admin$.rotate(t.marketing.memberId);
    expect(rotated).toEqual({ memberId: t.marketing.memberId, connectCode: expect.stringMatching(/^tandem1\./), expiresAt: timestamp });
    expectError(await call(app, '/v1/me', {}, laptop), 401, 'unauthenticated');
    expectError(await connectRaw(app, unused.connectCode), 401, 'connect-code-refused');
    const token = await tokenOf(app, rotated.connectCode);
    expect(token).not.toBe(t.marketing.token);
    expectError(await call(app, '/v1/me', {}, t.marketing.token), 401, 'unauthenticated');
    const renewed = clientOf(app, token);
    expect((await renewed.me()).member).toEqual({ id: t.marketing.memberId, name: 'Acme Marketer', role: 'marketing' });
    expect(await renewed.push(clientId, numbered(2, make.lead()))).toEqual([{ id: 2, status: 'applied' }]);
    // The admin replaced the access, then the member connected a browser with the new code.
    expect(await t.admin$.audit(2)).toMatchObject([
      { action: 'device.connect', actor: { memberId: t.marketing.memberId }, details: { memberId: t.marketing.memberId, device: 'Chrome on macOS' } },
      { action: 'token.rotate', actor: { memberId: t.admin.memberId }, details: { memberId: t.marketing.memberId } },
    ]);
    // An admin may rotate their own token.
    const own = await t.admin$.rotate(t.admin.memberId);
    expectError(await t.admin$.raw('GET', '/members'), 401, 'unauthenticated');
    expect(await adminOf(app, await tokenOf(app, own.connectCode)).members()).toHaveLength(3);
  });

  it('finds no member of another workspace (404), and touches none', async () => {
    const a = await team('Alpha');
    const b = await team('Beta');
    const before = await everything();
    for (const id of [b.admin.memberId, b.sales.memberId, randomUUID()]) {
      expectError(await a.admin$.raw('PATCH', `/members/${id}`, { role: 'admin' }), 404, 'not-found');
      expectError(await a.admin$.raw('POST', `/members/${id}/revoke`), 404, 'not-found');
      expectError(await a.admin$.raw('POST', `/members/${id}/token`), 404, 'not-found');
      expectError(await a.admin$.raw('POST', `/members/${id}/code`), 404, 'not-found');
    }
    const betaDevice = (await b.admin$.member(b.sales.memberId))!.devices![0]!.deviceId;
    expectError(await a.admin$.raw('POST', `/members/${b.sales.memberId}/devices/${betaDevice}/revoke`), 404, 'not-found');
    // Nor a device of someone else named under one of Alpha's members.
    expectError(await a.admin$.raw('POST', `/members/${a.sales.memberId}/devices/${betaDevice}/revoke`), 404, 'not-found');
    expect(await everything()).toBe(before);
    expect((await a.admin$.members()).map((m) => m.name)).toEqual(['Alpha Admin', 'Alpha Marketer', 'Alpha Rep']);
    expect((await a.admin$.audit()).every((e) => JSON.stringify(e).includes('Beta') === false)).toBe(true);
    expect((await b.as.sales.me()).member.role).toBe('sales');
    // Nor does erasing in Alpha reach Beta's leads.
    await b.as.sales.push(newClientId(), numbered(1, { name: 'lead.capture', args: { id: randomUUID(), name: 'Beta Person', email: 'shared@example.com', phones: [], source: 'manual', status: 'new' } }));
    const bRecords = await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', b.workspaceId).execute();
    expect(await a.admin$.erase('shared@example.com')).toMatchObject({ erased: { leads: 0, feedback: 0 } });
    expect(await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', b.workspaceId).execute()).toEqual(bRecords);
  });

  it('erases every lead, feedback, reply and remembered fact about an address into tombstones without the data, and audits it without the address', async () => {
    const t = await team('Privacy');
    const salesClient = newClientId();
    const marketingClient = newClientId();
    const lead = randomUUID();
    const deletedLead = randomUUID();
    const otherLead = randomUUID();
    const byEmail = randomUUID();
    const byLead = randomUUID();
    const otherFeedback = randomUUID();
    const campaignId = randomUUID();
    const capture = (id: string, fields: Record<string, unknown>) => ({
      name: 'lead.capture',
      args: { id, phones: [], source: 'context-menu', status: 'new', ...fields },
    });
    const secrets = [
      'Zelda Quimby',
      'zelda.quimby@',
      'Zelda.Quimby',
      'Head of Secrets',
      'Quimby Hidden Corp',
      '+1 555 0199',
      'quimby-hidden.example',
      'linkedin.com/in/zquimby',
      '12 Hidden Lane',
      'crm.example.com/people/zq',
      'Met Zelda at the expo',
      'Budget frozen till Q3',
      'She wants a call in May',
      'Old lead of hers',
      'CRM note about her',
      'Chief Secrets Officer',
      'Espionage',
    ];
    const zeldaKey = 'email:zelda.quimby@example.com';
    const factAt = '2026-01-01T00:00:00.000Z';
    const zeldaFacts = ['title', 'industry', 'employees'].map((field) => factId(zeldaKey, field));
    const graceFact = factId('email:grace@navy.example', 'title');
    const pushed = await t.as.sales.push(
      salesClient,
      numbered(
        1,
        capture(lead, {
          name: 'Zelda Quimby',
          title: 'Head of Secrets',
          company: 'Quimby Hidden Corp',
          email: 'Zelda.Quimby@Example.com',
          phones: ['+1 555 0199'],
          website: 'https://quimby-hidden.example/',
          linkedin: 'https://linkedin.com/in/zquimby',
          address: '12 Hidden Lane, Springfield',
          sourceUrl: 'https://crm.example.com/people/zq',
          campaignId,
          notes: 'Met Zelda at the expo',
        }),
        capture(deletedLead, { name: 'Zelda Quimby', email: 'zelda.quimby@example.com', notes: 'Old lead of hers' }),
        { name: 'lead.delete', args: { id: deletedLead } },
        capture(otherLead, { name: 'Grace Hopper', email: 'grace@navy.example', notes: 'Keep me' }),
        make.feedback(byEmail, { subject: { contactKey: 'email:zelda.quimby@example.com', contactName: 'Zelda Quimby', campaignId }, verdict: 'reject', reasons: ['no-budget'], note: 'Budget frozen till Q3' }),
        make.reply(byEmail, randomUUID(), 'She wants a call in May'),
        make.feedback(byLead, { subject: { contactKey: 'url:https://crm.example.com/people/zq', leadId: lead }, note: 'CRM note about her' }),
        make.feedback(otherFeedback, { subject: { contactKey: 'email:grace@navy.example', contactName: 'Grace Hopper' }, note: 'Grace is keen' }),
        // What a Salesforce record page showed about her, and what a rep added.
        {
          name: 'fact.put',
          args: {
            contactKey: zeldaKey,
            learned: 'page',
            learnedAt: factAt,
            pageUrl: 'https://crm.example.com/people/zq',
            facts: [
              { field: 'title', value: 'Chief Secrets Officer', from: 'from the Salesforce record' },
              { field: 'industry', value: 'Espionage', raw: 'ESPIONAGE', from: 'from the Salesforce record' },
            ],
          },
        },
        { name: 'fact.put', args: { contactKey: zeldaKey, learned: 'person', learnedAt: factAt, facts: [{ field: 'employees', value: 42 }] } },
        { name: 'fact.put', args: { contactKey: 'email:grace@navy.example', learned: 'person', learnedAt: factAt, facts: [{ field: 'title', value: 'Rear Admiral' }] } },
      ),
    );
    expect(pushed.filter((r) => r.status !== 'applied')).toEqual([]);
    // A stale edit of the lead: its conflict outcome keeps the lead as it was, for the client.
    const [conflict] = await t.as.marketing.push(marketingClient, numbered(1, { name: 'lead.update', args: { id: lead, changes: { status: 'mql' }, baseVersion: 7 } }));
    expect(conflict).toMatchObject({ status: 'conflict', current: { id: lead, value: { name: 'Zelda Quimby' } } });
    const { cursor, changes: beforeChanges } = await t.as.sales.pullAll(salesClient);
    expect(JSON.stringify(beforeChanges)).toContain('Zelda Quimby');
    const untouched = await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', t.workspaceId).where('id', 'in', [otherLead, otherFeedback, graceFact]).orderBy('id').execute();
    expect(untouched).toHaveLength(3);
    expect(beforeChanges.filter((c) => c.type === 'fact')).toHaveLength(4);

    // Any case, and spaces around it, name the same address.
    const result = await t.admin$.erase('  ZELDA.quimby@EXAMPLE.com ');
    expect(result).toEqual({ erased: { leads: 2, feedback: 2, facts: 3 }, auditId: uuid });

    // Clients that had the data pull the tombstones, one version up.
    const { changes } = await t.as.sales.pullAll(salesClient, { cursor });
    const byId = new Map(changes.map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual([lead, deletedLead, byEmail, byLead, ...zeldaFacts].sort());
    const versionBefore = (id: string) => beforeChanges.find((c) => c.id === id)!.version;
    for (const change of changes) {
      expect(change).toMatchObject({ deleted: true, version: versionBefore(change.id) + 1, value: { deleted: true, version: versionBefore(change.id) + 1 } });
      expect(recordSchemas[change.type].parse(change.value)).toEqual(change.value);
    }
    expect(byId.get(lead)!.value).toEqual({
      id: lead,
      version: 2,
      deleted: true,
      updatedAt: timestamp,
      phones: [],
      source: 'context-menu',
      status: 'new',
      campaignId,
      notes: '',
      capturedBy: { memberId: t.sales.memberId, name: 'Privacy Rep' },
    });
    expect(byId.get(byEmail)!.value).toEqual({
      id: byEmail,
      version: 3,
      deleted: true,
      updatedAt: timestamp,
      subject: { contactKey: 'erased', campaignId },
      verdict: 'reject',
      reasons: [],
      note: '',
      author: { memberId: t.sales.memberId, name: 'Privacy Rep' },
      createdAt: timestamp,
      replies: [],
    });

    expect(byId.get(zeldaFacts[1]!)!.value).toEqual({
      id: zeldaFacts[1],
      version: 2,
      deleted: true,
      updatedAt: timestamp,
      contactKey: 'erased',
      field: 'industry',
      value: '',
      learned: 'page',
      by: { memberId: t.sales.memberId, name: 'Privacy Rep' },
      at: timestamp,
    });

    // None of it is left: not in a fresh pull, not in the conflict outcome, not in any table.
    const fresh = JSON.stringify(await t.as.admin.pullAll(newClientId()));
    const outcomes = await t.as.marketing.pull(marketingClient, { ack: 0 });
    expect(outcomes.outcomes).toEqual([{ id: 1, name: 'lead.update', status: 'conflict', error: { code: 'conflict', message: expect.any(String) } }]);
    const stored = await everything();
    for (const text of [fresh, JSON.stringify(outcomes), JSON.stringify(changes), stored]) {
      for (const secret of secrets) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    // Other contacts are as they were.
    expect(
      await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', t.workspaceId).where('id', 'in', [otherLead, otherFeedback, graceFact]).orderBy('id').execute(),
    ).toEqual(untouched);
    expect(fresh).toContain('Grace is keen');
    expect(fresh).toContain('Rear Admiral');

    // The audit entry: counts and a hash that confirms the request, not the address.
    const [entry] = await t.admin$.audit(1);
    expect(entry).toEqual({
      id: result.auditId,
      at: timestamp,
      actor: { memberId: t.admin.memberId, name: 'Privacy Admin' },
      action: 'contact.erase',
      details: { leads: 2, feedback: 2, facts: 3, outcomes: 1, deliveries: 0, emailSha256: createHash('sha256').update(`${t.workspaceId}:zelda.quimby@example.com`).digest('hex') },
    });

    // An outbox sent after the erasure cannot bring it back, nor add to it.
    const late = await t.as.sales.push(
      salesClient,
      numbered(
        12,
        capture(lead, { name: 'Zelda Quimby', email: 'zelda.quimby@example.com' }),
        make.reply(byEmail, randomUUID(), 'Zelda again'),
        { name: 'lead.update', args: { id: lead, changes: { name: 'Zelda Quimby' }, baseVersion: 2 } },
        // Facts learned before the erasure, from an install that was offline meanwhile.
        { name: 'fact.put', args: { contactKey: zeldaKey, learned: 'page', learnedAt: factAt, facts: [{ field: 'industry', value: 'Espionage', from: 'from the Salesforce record' }] } },
        { name: 'fact.put', args: { contactKey: zeldaKey, learned: 'person', facts: [{ field: 'title', value: 'Chief Secrets Officer' }] } },
      ),
    );
    expect(late.map((r) => [r.status, r.error?.code])).toEqual([
      ['applied', undefined],
      ['error', 'not-found'],
      ['error', 'not-found'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
    expect((await everything()).toLowerCase()).not.toContain('zelda');

    // Erasing again finds nothing, and is logged too.
    const again = await t.admin$.erase('zelda.quimby@example.com');
    expect(again).toEqual({ erased: { leads: 0, feedback: 0, facts: 0 }, auditId: uuid });
    expect(again.auditId).not.toBe(result.auditId);
    expect((await t.admin$.audit(2)).map((e) => [e.action, e.details])).toEqual([
      ['contact.erase', { leads: 0, feedback: 0, facts: 0, outcomes: 0, deliveries: 0, emailSha256: entry!.details.emailSha256 }],
      ['contact.erase', entry!.details],
    ]);
  });

  it('erases an address nothing is stored about: zeros, audited; nor does a near miss or a LIKE wildcard in it', async () => {
    const t = await team();
    await t.as.sales.push(
      newClientId(),
      numbered(
        1,
        make.lead(),
        { name: 'lead.capture', args: { id: randomUUID(), email: 'a1b@example.com', phones: [], source: 'manual', status: 'new' } },
        make.feedback(randomUUID(), { subject: { contactKey: 'email:a1b@example.com' } }),
      ),
    );
    const before = await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', t.workspaceId).execute();
    for (const email of ['nobody@example.com', 'a_b@example.com', 'A1B@example.co']) {
      expect(await t.admin$.erase(email)).toEqual({ erased: { leads: 0, feedback: 0, facts: 0 }, auditId: uuid });
    }
    expect(await server.db.kysely.selectFrom('records').selectAll().where('workspace_id', '=', t.workspaceId).execute()).toEqual(before);
    expect((await t.admin$.audit(3)).map((e) => e.action)).toEqual(['contact.erase', 'contact.erase', 'contact.erase']);
  });

  it('lists the audit log newest first, up to the limit, with the actor (null for the CLI)', async () => {
    const t = await team();
    await t.admin$.role(t.sales.memberId, 'marketing');
    await t.admin$.role(t.sales.memberId, 'sales');
    await t.admin$.rotate(t.marketing.memberId);
    const entries = await t.admin$.audit();
    expect(entries.map((e) => [e.action, e.actor?.name ?? null])).toEqual([
      ['token.rotate', 'Acme Admin'],
      ['member.role', 'Acme Admin'],
      ['member.role', 'Acme Admin'],
      ['member.add', null],
      ['member.add', null],
      ['member.add', null],
    ]);
    expect(entries[1]!.details).toEqual({ memberId: t.sales.memberId, from: 'marketing', to: 'sales' });
    expect(await t.admin$.audit(2)).toEqual(entries.slice(0, 2));
    expect(await t.admin$.audit(1000)).toEqual(entries);
  });

  it('answers a bad body, parameter or query with 400 naming the field, never a 500', async () => {
    const t = await team();
    const before = await everything();
    const cases: [string, string, unknown, string][] = [
      ['POST', '/members', { role: 'sales' }, 'name'],
      ['POST', '/members', { name: '  ', role: 'sales' }, 'name'],
      ['POST', '/members', { name: 'Bob', role: 'boss' }, 'role'],
      ['POST', '/members', { name: 'Bob', role: 'sales', email: 'not-an-address' }, 'email'],
      ['POST', '/members', { name: 'x'.repeat(201), role: 'sales' }, 'name'],
      ['POST', '/members', [], ''],
      ['PATCH', `/members/${t.sales.memberId}`, { role: 'owner' }, 'role'],
      ['PATCH', `/members/${t.sales.memberId}`, null, ''],
      ['PATCH', '/members/not-a-uuid', { role: 'sales' }, 'memberId'],
      ['PATCH', `/members/${t.sales.memberId.toUpperCase()}x`, { role: 'sales' }, 'memberId'],
      ['POST', '/members/123/revoke', undefined, 'memberId'],
      ['POST', "/members/'%20or%201=1--/token", undefined, 'memberId'],
      ['POST', '/members/123/code', undefined, 'memberId'],
      ['POST', `/members/${t.sales.memberId}/devices/not-a-uuid/revoke`, undefined, 'deviceId'],
      ['POST', '/erase', { email: 'nope' }, 'email'],
      ['POST', '/erase', {}, 'email'],
      ['POST', '/erase', { email: ['a@example.com'] }, 'email'],
      ['GET', '/audit?limit=0', undefined, 'limit'],
      ['GET', '/audit?limit=1001', undefined, 'limit'],
      ['GET', '/audit?limit=ten', undefined, 'limit'],
    ];
    for (const [method, path, body, field] of cases) {
      const error = expectError(await t.admin$.raw(method, path, body === undefined ? undefined : JSON.stringify(body)), 400, 'invalid');
      if (field) expect(error.message, `${method} ${path}`).toContain(`${field}:`);
    }
    for (const [method, path] of [
      ['POST', '/members'],
      ['PATCH', `/members/${t.sales.memberId}`],
      ['POST', '/erase'],
    ] as const) {
      expectError(await t.admin$.raw(method, path, '{"email": '), 400, 'malformed-json');
      expectError(await t.admin$.raw(method, path, ''), 400, 'malformed-json');
      expectError(await t.admin$.raw(method, path, JSON.stringify({ email: 'a'.repeat(1024 * 1024) })), 413, 'too-large');
    }
    expect(await everything()).toBe(before);
  });

  it('describes the admin routes in the OpenAPI document', async () => {
    const { body } = await call(app, '/v1/openapi.json');
    const { paths, components } = body as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(paths).filter((p) => p.startsWith('/v1/admin')).sort()).toEqual([
      '/v1/admin/audit',
      '/v1/admin/erase',
      '/v1/admin/members',
      '/v1/admin/members/{memberId}',
      '/v1/admin/members/{memberId}/code',
      '/v1/admin/members/{memberId}/devices/{deviceId}/revoke',
      '/v1/admin/members/{memberId}/revoke',
      '/v1/admin/members/{memberId}/token',
      '/v1/admin/webhooks',
      '/v1/admin/webhooks/{webhookId}',
      '/v1/admin/webhooks/{webhookId}/deliveries',
      '/v1/admin/webhooks/{webhookId}/test',
    ]);
    expect(Object.keys(paths['/v1/admin/members']!).sort()).toEqual(['get', 'post']);
    expect(components.schemas).toHaveProperty('EraseRequest');
    expect(components.schemas).toHaveProperty('MembersResponse');
    expect(paths['/v1/connect']).toMatchObject({ post: { security: [] } });
    expect(components.schemas).toHaveProperty('ConnectResponse');
  });

  it('migrates a database made before the admin API: members without email, the audit log numbered in time order', async () => {
    const fresh = await freshDatabase(kind);
    try {
      // The schema as it was: only the first migration.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables as they were, not as schema.ts has them now
      const old = new Kysely<any>({
        dialect: kind === 'sqlite' ? new SqliteDialect({ database: new SQLite(fresh.location) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.location, max: 1 }) }),
      });
      try {
        const first = { '0001-initial': (await migrationProvider.getMigrations())['0001-initial']! };
        const { error } = await new Migrator({ db: old, provider: { getMigrations: () => Promise.resolve(first) } }).migrateToLatest();
        expect(error).toBeUndefined();
        const workspaceId = randomUUID();
        const memberId = randomUUID();
        await old.insertInto('workspaces').values({ id: workspaceId, name: 'Old', seq: 0, created_at: '2024-01-01T00:00:00.000Z' }).execute();
        await old.insertInto('members').values({ id: memberId, workspace_id: workspaceId, name: 'Old Admin', role: 'admin', revoked: 0, created_at: '2024-01-01T00:00:00.000Z' }).execute();
        const times = ['2024-01-03T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z'];
        const ids = times.map(() => randomUUID());
        for (const [i, at] of times.entries()) {
          await old.insertInto('audit').values({ id: ids[i], workspace_id: workspaceId, member_id: null, action: `old.${i}`, details: '{}', created_at: at }).execute();
        }
      } finally {
        await old.destroy();
      }
      const db = await openDatabase(fresh.location);
      try {
        expect(await db.kysely.selectFrom('members').select(['name', 'email']).execute()).toEqual([{ name: 'Old Admin', email: null }]);
        const rows = await db.kysely.selectFrom('audit').select(['action', 'seq', 'id']).orderBy('seq').execute();
        // By time; the two of one instant by id.
        const sameInstant = rows.filter((r) => r.action === 'old.2' || r.action === 'old.3').sort((x, y) => (x.id < y.id ? -1 : 1));
        expect(rows.map((r) => r.action)).toEqual(['old.1', ...sameInstant.map((r) => r.action), 'old.0']);
        expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4]);
      } finally {
        await db.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
