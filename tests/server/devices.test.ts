import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { migrationProvider } from '../../server/db/migrations';
import { deviceName } from '../../server/device-name';
import { silentLogger } from '../../server/log';
import { usedOrExpired } from '../../server/routes/connect';
import { createWorkspace, exchangeConnectCode, newConnectCode } from '../../server/team';
import { ConnectCodeResponse, encodeConnectCode, MemberResponse, MembersResponse, parseConnectCode } from '../../utils/model';
import {
  call,
  chromeOnMac,
  clientOf,
  connectRaw,
  connectWith,
  createTeam,
  exact,
  expectError,
  firefoxOnWindows,
  make,
  newClientId,
  numbered,
  startServer,
  type Server,
} from './client';
import { databaseKinds, freshDatabase } from './databases';

// Issue 17: a connect code works once, for one browser, which gets a token of its own (a
// device); codes expire; an admin revokes one device without the others.

const publicUrl = 'https://sync.example.com';
const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const hour = 3_600_000;

type App = ReturnType<typeof createApp>;

describe('naming a device after its User-Agent', () => {
  it.each([
    [chromeOnMac, 'Chrome on macOS'],
    [firefoxOnWindows, 'Firefox on Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36', 'Chrome on ChromeOS'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    ['curl/8.5.0', undefined],
    [undefined, undefined],
  ])('%s → %s', (ua, name) => {
    expect(deviceName(ua)).toBe(name);
  });
});

describe.each(databaseKinds)('connect codes and devices on %s', (kind) => {
  let server: Server;
  let app: App;
  beforeAll(async () => {
    server = await startServer(kind);
    app = createApp({ db: server.db, logger: silentLogger, rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 }, publicUrl });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The admin API as one admin: the calls these tests make, expecting success. */
  function adminOf(token: string) {
    const post = (path: string) => call(app, `/v1/admin${path}`, { method: 'POST' }, token);
    return {
      post,
      async invite(name: string) {
        const answer = await call(app, '/v1/admin/members', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, role: 'sales' }) }, token);
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return exact(ConnectCodeResponse, answer.body);
      },
      async code(memberId: string) {
        const answer = await post(`/members/${memberId}/code`);
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return exact(ConnectCodeResponse, answer.body);
      },
      async member(memberId: string) {
        const answer = await call(app, '/v1/admin/members', {}, token);
        return exact(MembersResponse, answer.body).members.find((m) => m.memberId === memberId)!;
      },
      async revokeDevice(memberId: string, deviceId: string) {
        const answer = await post(`/members/${memberId}/devices/${deviceId}/revoke`);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        return exact(MemberResponse, answer.body).member;
      },
    };
  }

  async function stored(): Promise<string> {
    const dump: unknown[] = [];
    for (const table of ['tokens', 'connect_codes', 'audit'] as const) dump.push(await server.db.kysely.selectFrom(table).selectAll().execute());
    return JSON.stringify(dump);
  }

  it('trades a connect code once for a device token of its own; a second try, and a code never made, get 401 saying what to do', async () => {
    const t = await createTeam(server.db);
    const admin = adminOf(t.admin.token);
    const invited = await admin.invite('Dana Sales');
    expect(invited.expiresAt).toEqual(timestamp);
    const expires = Date.parse(invited.expiresAt!);
    expect(expires).toBeGreaterThan(Date.now() + 24 * hour - 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * hour);
    const { serverUrl, code, token } = parseConnectCode(invited.connectCode);
    expect(serverUrl).toBe(publicUrl);
    expect(code).toMatch(/^tdc_[A-Za-z0-9_-]{43}$/);
    expect(token).toBeUndefined();
    // The code is no API token.
    expectError(await call(app, '/v1/me', {}, code), 401, 'unauthenticated');

    const connected = await connectWith(app, invited.connectCode, chromeOnMac);
    expect(connected).toEqual({
      token: expect.stringMatching(/^tdm_/),
      deviceId: uuid,
      workspace: { id: t.workspaceId, name: 'Acme' },
      member: { id: invited.memberId, name: 'Dana Sales', role: 'sales' },
    });
    const dana = clientOf(app, connected.token);
    expect((await dana.me()).member.id).toBe(invited.memberId);
    expect(await dana.push(newClientId(), numbered(1, make.lead()))).toEqual([{ id: 1, status: 'applied' }]);

    // Used: refused, from the same browser or any other, and no device is added.
    for (const ua of [chromeOnMac, firefoxOnWindows]) {
      const error = expectError(await connectRaw(app, invited.connectCode, ua), 401, 'connect-code-refused');
      expect(error.message).toBe('This connect code was already used or has expired. Ask your admin for a new one.');
      expect(error.message).toBe(usedOrExpired);
    }
    const never = encodeConnectCode({ serverUrl: publicUrl, code: `tdc_${'A'.repeat(43)}` });
    expectError(await connectRaw(app, never), 401, 'connect-code-refused');
    expect((await admin.member(invited.memberId)).devices).toEqual([
      { deviceId: connected.deviceId, name: 'Chrome on macOS', connectedAt: timestamp, lastSeenAt: timestamp, current: false },
    ]);

    // Neither the code nor the token is stored, only their hashes; the admin sees who connected what.
    const text = await stored();
    for (const secret of [code!, connected.token]) {
      expect(text).not.toContain(secret.slice(4));
      expect(text).toContain(createHash('sha256').update(secret).digest('hex'));
    }
    const log = exact(MembersResponse, (await call(app, '/v1/admin/members', {}, t.admin.token)).body);
    expect(log.members).toHaveLength(4);
    const audit = await server.db.kysely.selectFrom('audit').selectAll().where('workspace_id', '=', t.workspaceId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect([audit.action, audit.member_id, JSON.parse(audit.details)]).toEqual(['device.connect', invited.memberId, { memberId: invited.memberId, deviceId: connected.deviceId, device: 'Chrome on macOS' }]);
  });

  it('refuses a malformed request with 400 and a large one with 413, and needs no token', async () => {
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => call(app, '/v1/connect', { method: 'POST', headers, body });
    expectError(await post('{"code":'), 400, 'malformed-json');
    expect(expectError(await post(JSON.stringify({ code: 'hello' })), 400, 'invalid').message).toContain('code:');
    // An API token is not a connect code.
    const t = await createTeam(server.db);
    expectError(await post(JSON.stringify({ code: t.sales.token })), 400, 'invalid');
    expectError(await post(JSON.stringify({ code: `tdc_${'a'.repeat(43)}`, pad: 'x'.repeat(8000) })), 413, 'too-large');
    // A token sent along changes nothing: the code alone decides.
    const invited = await adminOf(t.admin.token).invite('With a token');
    const answer = await call(
      app,
      '/v1/connect',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: parseConnectCode(invited.connectCode).code }) },
      t.admin.token,
    );
    expect(answer.status).toBe(201);
    expect((answer.body as { member: { id: string } }).member.id).toBe(invited.memberId);
  });

  it('refuses an expired code, and takes one just before it expires', async () => {
    const t = await createTeam(server.db);
    // Made 25 hours ago with the default lifetime of a day: expired an hour ago.
    const old = await newConnectCode(server.db, t.sales.memberId, {}, { now: new Date(Date.now() - 25 * hour) });
    expect(Date.parse(old.code.expiresAt)).toBeCloseTo(Date.now() - hour, -4);
    const oldCode = encodeConnectCode({ serverUrl: publicUrl, code: old.code.code });
    expect(expectError(await connectRaw(app, oldCode), 401, 'connect-code-refused').message).toBe(usedOrExpired);

    // A code for ten minutes, traded by a clock five minutes on, then by one eleven minutes on.
    const short = await newConnectCode(server.db, t.sales.memberId, {}, { lifetimeMs: 10 * 60_000 });
    const fresh = await newConnectCode(server.db, t.sales.memberId, {}, { lifetimeMs: 10 * 60_000 });
    expect(await exchangeConnectCode(server.db, short.code.code, { now: new Date(Date.now() + 11 * 60_000) })).toBeUndefined();
    const inTime = await exchangeConnectCode(server.db, fresh.code.code, { now: new Date(Date.now() + 5 * 60_000) });
    expect(inTime?.member.id).toBe(t.sales.memberId);
    expect((await clientOf(app, inTime!.token).me()).member.id).toBe(t.sales.memberId);
    // Refused for being late, it was not spent: traded in time, it works.
    expect((await exchangeConnectCode(server.db, short.code.code))?.member.id).toBe(t.sales.memberId);
  });

  it('gives one device when two browsers trade the same code at once', async () => {
    const t = await createTeam(server.db);
    const { connectCode } = await adminOf(t.admin.token).code(t.marketing.memberId);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => connectRaw(app, connectCode, i % 2 ? chromeOnMac : firefoxOnWindows)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 401, 401, 401, 401, 401]);
    const devices = (await adminOf(t.admin.token).member(t.marketing.memberId)).devices!;
    // The server CLI's token, and the one browser that won.
    expect(devices).toHaveLength(2);
  });

  it('revokes one device: its token gets 401 at once while the member’s other device keeps syncing; revoking the member stops every device and unused code', async () => {
    const t = await createTeam(server.db);
    const admin = adminOf(t.admin.token);
    const laptop = await connectWith(app, (await admin.code(t.sales.memberId)).connectCode, chromeOnMac);
    const desktop = await connectWith(app, (await admin.code(t.sales.memberId)).connectCode, firefoxOnWindows);
    const laptopClient = newClientId();
    const desktopClient = newClientId();
    expect(await clientOf(app, laptop.token).push(laptopClient, numbered(1, make.lead()))).toEqual([{ id: 1, status: 'applied' }]);
    expect(await clientOf(app, desktop.token).push(desktopClient, numbered(1, make.lead()))).toEqual([{ id: 1, status: 'applied' }]);

    const before = await admin.member(t.sales.memberId);
    expect(before.devices!.map((d) => d.name)).toEqual(['Token from the server CLI', 'Chrome on macOS', 'Firefox on Windows']);
    expect(before.devices!.map((d) => d.deviceId)).toEqual([expect.any(String), laptop.deviceId, desktop.deviceId]);

    const after = await admin.revokeDevice(t.sales.memberId, laptop.deviceId);
    expect(after.revoked).toBe(false);
    expect(after.devices!.map((d) => d.name)).toEqual(['Token from the server CLI', 'Firefox on Windows']);
    for (const answer of [await call(app, '/v1/me', {}, laptop.token), await clientOf(app, laptop.token).pushRaw(laptopClient, numbered(2, make.lead())), await clientOf(app, laptop.token).pullRaw(laptopClient)]) {
      expectError(answer, 401, 'unauthenticated');
    }
    const desktopSync = clientOf(app, desktop.token);
    expect(await desktopSync.push(desktopClient, numbered(2, make.lead()))).toEqual([{ id: 2, status: 'applied' }]);
    expect((await desktopSync.pull(desktopClient)).lastMutationId).toBe(2);
    expect((await clientOf(app, t.sales.token).me()).member.id).toBe(t.sales.memberId);

    // Logged once; again is a no-op.
    const log = async () => server.db.kysely.selectFrom('audit').select(['action', 'member_id', 'details']).where('workspace_id', '=', t.workspaceId).orderBy('seq').execute();
    const entries = await log();
    expect(entries.at(-1)).toEqual({ action: 'device.revoke', member_id: t.admin.memberId, details: JSON.stringify({ memberId: t.sales.memberId, deviceId: laptop.deviceId, device: 'Chrome on macOS' }) });
    const again = await admin.revokeDevice(t.sales.memberId, laptop.deviceId);
    expect(again.devices!.map((d) => d.deviceId)).toEqual(after.devices!.map((d) => d.deviceId));
    expect(await log()).toEqual(entries);

    // Not a device of another member, not a device that does not exist, not the admin's own.
    expectError(await admin.post(`/members/${t.marketing.memberId}/devices/${desktop.deviceId}/revoke`), 404, 'not-found');
    expectError(await admin.post(`/members/${t.sales.memberId}/devices/${randomUUID()}/revoke`), 404, 'not-found');
    const own = (await admin.member(t.admin.memberId)).devices!;
    expect(own).toEqual([{ deviceId: uuid, name: 'Token from the server CLI', connectedAt: timestamp, lastSeenAt: timestamp, current: true }]);
    const error = expectError(await admin.post(`/members/${t.admin.memberId}/devices/${own[0]!.deviceId}/revoke`), 400, 'invalid');
    expect(error.message).toContain('the browser you are using now');
    // A sales member may not revoke anyone's device.
    expectError(await call(app, `/v1/admin/members/${t.sales.memberId}/devices/${desktop.deviceId}/revoke`, { method: 'POST' }, desktop.token), 403, 'forbidden');

    // Revoking the member: every device stops, and a code handed over but not used is refused.
    const unused = await admin.code(t.sales.memberId);
    expect((await call(app, `/v1/admin/members/${t.sales.memberId}/revoke`, { method: 'POST' }, t.admin.token)).status).toBe(200);
    expectError(await call(app, '/v1/me', {}, desktop.token), 401, 'unauthenticated');
    expectError(await call(app, '/v1/me', {}, t.sales.token), 401, 'unauthenticated');
    expectError(await connectRaw(app, unused.connectCode), 401, 'connect-code-refused');
    expect((await admin.member(t.sales.memberId)).devices).toEqual([]);
  });

  it('keeps the devices when an admin makes another code; the member list says when each device was last seen, refreshed at most once a minute', async () => {
    const t = await createTeam(server.db);
    const admin = adminOf(t.admin.token);
    const first = await connectWith(app, (await admin.code(t.marketing.memberId)).connectCode, chromeOnMac);
    const second = await connectWith(app, (await admin.code(t.marketing.memberId)).connectCode, firefoxOnWindows);
    expect((await clientOf(app, first.token).me()).member.id).toBe(t.marketing.memberId);
    expect((await clientOf(app, second.token).me()).member.id).toBe(t.marketing.memberId);

    const seen = async (deviceId: string) => (await admin.member(t.marketing.memberId)).devices!.find((d) => d.deviceId === deviceId)!.lastSeenAt;
    const setSeen = (deviceId: string, at: string) => server.db.kysely.updateTable('tokens').set({ last_seen_at: at }).where('id', '=', deviceId).execute();
    const recent = new Date(Date.now() - 30_000).toISOString();
    await setSeen(first.deviceId, recent);
    await clientOf(app, first.token).me();
    expect(await seen(first.deviceId)).toBe(recent);
    await setSeen(first.deviceId, '2020-01-01T00:00:00.000Z');
    const before = Date.now();
    await clientOf(app, first.token).pull(newClientId());
    expect(Date.parse((await seen(first.deviceId))!)).toBeGreaterThanOrEqual(before - 5);
    // A connected device that has not called since is "not seen yet".
    const third = await connectWith(app, (await admin.code(t.marketing.memberId)).connectCode);
    expect((await admin.member(t.marketing.memberId)).devices!.find((d) => d.deviceId === third.deviceId)).toEqual({
      deviceId: third.deviceId,
      name: null,
      connectedAt: timestamp,
      lastSeenAt: null,
      current: false,
    });
  });

  it('limits connect attempts per client address with 429 and Retry-After', async () => {
    const limited = createApp({ db: server.db, logger: silentLogger, rateLimit: { capacity: 3, refillPerSecond: 0.01 }, publicUrl });
    const never = encodeConnectCode({ serverUrl: publicUrl, code: `tdc_${'B'.repeat(43)}` });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await connectRaw(limited, never);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expectError(last!, 429, 'rate-limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('keeps tokens made before devices working, one device each, after the migration', async () => {
    const fresh = await freshDatabase(kind);
    const workspaceId = randomUUID();
    const memberId = randomUUID();
    const oldToken = `tdm_${'o'.repeat(43)}`;
    const retired = `tdm_${'r'.repeat(43)}`;
    try {
      // The schema before devices, and a member's tokens stored as that version stored them.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables as they were, not as schema.ts has them now
      const old = new Kysely<any>({
        dialect: kind === 'sqlite' ? new SqliteDialect({ database: new SQLite(fresh.location) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.location, max: 1 }) }),
      });
      try {
        const all = await migrationProvider.getMigrations();
        const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0005'));
        expect(Object.keys(before)).toEqual(['0001-initial', '0002-member-email', '0003-audit-order', '0004-webhooks']);
        const { error } = await new Migrator({ db: old, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest();
        expect(error).toBeUndefined();
        await old.insertInto('workspaces').values({ id: workspaceId, name: 'Old', seq: 0, created_at: '2024-01-01T00:00:00.000Z' }).execute();
        await old.insertInto('members').values({ id: memberId, workspace_id: workspaceId, name: 'Old Admin', role: 'admin', revoked: 0, created_at: '2024-01-01T00:00:00.000Z', email: null }).execute();
        const hash = (token: string) => createHash('sha256').update(token).digest('hex');
        await old.insertInto('tokens').values({ hash: hash(retired), member_id: memberId, workspace_id: workspaceId, created_at: '2024-01-01T00:00:00.000Z', revoked_at: '2024-02-01T00:00:00.000Z' }).execute();
        await old.insertInto('tokens').values({ hash: hash(oldToken), member_id: memberId, workspace_id: workspaceId, created_at: '2024-02-01T00:00:00.000Z', revoked_at: null }).execute();
      } finally {
        await old.destroy();
      }

      const db = await openDatabase(fresh.location);
      try {
        const upgraded = createApp({ db, logger: silentLogger, publicUrl });
        // The token still works; the one revoked before still does not.
        expect((await call(upgraded, '/v1/me', {}, oldToken)).body).toEqual({ workspace: { id: workspaceId, name: 'Old' }, member: { id: memberId, name: 'Old Admin', role: 'admin' } });
        expectError(await call(upgraded, '/v1/me', {}, retired), 401, 'unauthenticated');
        const rows = await db.kysely.selectFrom('tokens').select(['id', 'name', 'revoked_at']).orderBy('created_at').execute();
        expect(rows).toEqual([
          { id: uuid, name: null, revoked_at: '2024-02-01T00:00:00.000Z' },
          { id: uuid, name: null, revoked_at: null },
        ]);
        expect(rows[0]!.id).not.toBe(rows[1]!.id);

        // It is one device in the admin's list, seen just now; the admin invites a second device of their own.
        const list = async () => exact(MembersResponse, (await call(upgraded, '/v1/admin/members', {}, oldToken)).body).members;
        expect((await list())[0]!.devices).toEqual([{ deviceId: rows[1]!.id, name: null, connectedAt: '2024-02-01T00:00:00.000Z', lastSeenAt: timestamp, current: true }]);
        const code = ConnectCodeResponse.parse((await call(upgraded, `/v1/admin/members/${memberId}/code`, { method: 'POST' }, oldToken)).body);
        const laptop = await connectWith(upgraded, code.connectCode, chromeOnMac);
        expect((await list())[0]!.devices!.map((d) => [d.name, d.current])).toEqual([
          [null, true],
          ['Chrome on macOS', false],
        ]);
        // From the new device, the old token is one device among others: revoked alone.
        const revoked = await call(upgraded, `/v1/admin/members/${memberId}/devices/${rows[1]!.id}/revoke`, { method: 'POST' }, laptop.token);
        expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
        expectError(await call(upgraded, '/v1/me', {}, oldToken), 401, 'unauthenticated');
        expect((await clientOf(upgraded, laptop.token).me()).member.id).toBe(memberId);
      } finally {
        await db.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('makes connect codes with the server CLI’s functions that work once, as the admin API’s do', async () => {
    const created = await createWorkspace(server.db, 'Made by the CLI', 'Cleo Admin', undefined, { lifetimeMs: 2 * hour });
    expect(Date.parse(created.code.expiresAt)).toBeGreaterThan(Date.now() + 2 * hour - 60_000);
    const connectCode = encodeConnectCode({ serverUrl: publicUrl, code: created.code.code });
    const connected = await connectWith(app, connectCode, chromeOnMac);
    expect(connected.member).toEqual({ id: created.memberId, name: 'Cleo Admin', role: 'admin' });
    expectError(await connectRaw(app, connectCode), 401, 'connect-code-refused');
    // The token the CLI printed is a device of its own, beside the browser's.
    expect((await clientOf(app, created.token).me()).member.id).toBe(created.memberId);
    expect((await adminOf(created.token).member(created.memberId)).devices!.map((d) => [d.name, d.current])).toEqual([
      ['Token from the server CLI', true],
      ['Chrome on macOS', false],
    ]);
  });
});
