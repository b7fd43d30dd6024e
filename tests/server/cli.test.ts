import SQLite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/connect';
import { parseConnectCode } from '../../utils/model';
import { exchangeConnectCode } from '../../server/team';
import { call, chromeOnMac, connectRaw, connectWith, expectError } from './client';
import { createApp } from '../../server/app';
import { withoutPassword } from '../../server/cli';
import { silentLogger } from '../../server/log';
import { databaseKinds, freshDatabase } from './databases';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the server CLI as `npm run server` (tsx) does, with nothing taken from this shell's
 * environment. `node --import tsx` is tsx in one process: `npx tsx` costs 2 to 3 s a run here.
 */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { DATABASE_URL: _db, TANDEM_PUBLIC_URL: _url, ...rest } = process.env;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: process.cwd(), env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A successful `--json` run's output. */
function json(run: Run): unknown {
  expect(run.code, run.stderr || run.stdout).toBe(0);
  return JSON.parse(run.stdout) as unknown;
}

const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const tokenShape = expect.stringMatching(/^tdm_[A-Za-z0-9_-]{22,}$/);
const connectCode = expect.stringMatching(/^tandem1\./);
const codeShape = expect.stringMatching(/^tdc_[A-Za-z0-9_-]{43}$/);
const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

/** Expects `expiresAt` to be `ms` from now, give or take the time the CLI took. */
function expectExpiry(expiresAt: string | undefined, ms: number) {
  const at = Date.parse(expiresAt ?? '');
  expect(at).toBeGreaterThan(Date.now() + ms - 60_000);
  expect(at).toBeLessThanOrEqual(Date.now() + ms);
}

/** Every table's rows as text, to look for secrets in. */
async function everything(db: Db): Promise<string> {
  const tables = ['workspaces', 'members', 'tokens', 'connect_codes', 'clients', 'records', 'outcomes', 'audit'] as const;
  const dump: unknown[] = [];
  for (const table of tables) dump.push(await db.kysely.selectFrom(table).selectAll().execute());
  return JSON.stringify(dump);
}

describe.each(databaseKinds)('the server CLI on %s', (kind) => {
  it('sets up a workspace, its members and tokens, and backs it up, with exact JSON', async () => {
    const fresh = await freshDatabase(kind);
    const work = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
    const database = ['--database', fresh.location];
    // Should a run forget --database, it must not touch the developer's ./data.
    const env = { DATABASE_URL: fresh.location };
    try {
      // init, and an unknown command beside it
      const [initRun, unknownCommand] = await Promise.all([
        cli(['init', '--name', 'Acme Corp', '--admin', 'Ada Admin', '--url', 'https://sync.example.com/', '--json', ...database], env),
        cli(['frobnicate', '--json', ...database], env),
      ]);
      const init = json(initRun) as Record<string, string>;
      expect(init).toEqual({ workspaceId: uuid, memberId: uuid, token: tokenShape, connectCode, expiresAt: timestamp });
      expect(parseConnectCode(init.connectCode!)).toEqual({ serverUrl: 'https://sync.example.com', code: codeShape });
      expectExpiry(init.expiresAt, 24 * 3_600_000);
      const workspace = init.workspaceId!;
      expect(unknownCommand.code).toBe(64);
      expect(JSON.parse(unknownCommand.stdout)).toEqual({ error: { code: 'usage', message: 'Unknown command “frobnicate”.' } });

      // member add, and bad usage beside it
      const [added, noWorkspace, badRole] = await Promise.all([
        cli(['member', 'add', '--workspace', workspace, '--role', 'sales', '--name', 'Sam Sales', '--json', ...database], { ...env, TANDEM_PUBLIC_URL: 'https://env.example.com' }),
        cli(['member', 'add', '--role', 'sales', '--name', 'Nobody', '--json', ...database], env),
        cli(['member', 'add', '--workspace', workspace, '--role', 'boss', '--name', 'Bob', ...database], env),
      ]);
      const sales = json(added) as Record<string, string>;
      expect(sales).toEqual({ memberId: uuid, token: tokenShape, connectCode, expiresAt: timestamp });
      expect(parseConnectCode(sales.connectCode!)).toEqual({ serverUrl: 'https://env.example.com', code: codeShape });
      expect(noWorkspace.code).toBe(64);
      expect(JSON.parse(noWorkspace.stdout)).toEqual({ error: { code: 'usage', message: 'Missing --workspace.' } });
      expect(badRole.code).toBe(64);
      expect(badRole.stderr).toContain('--role is one of admin, marketing, sales.');
      expect(badRole.stderr).toContain('member add --workspace ID');

      // The tokens work against the API, and the admin's connect code once, for one browser.
      let db = await openDatabase(fresh.location);
      let browserToken: string;
      try {
        const app = createApp({ db, logger: silentLogger });
        const browser = await connectWith(app, init.connectCode!, chromeOnMac);
        expect(browser.member).toEqual({ id: init.memberId, name: 'Ada Admin', role: 'admin' });
        browserToken = browser.token;
        expectError(await connectRaw(app, init.connectCode!), 401, 'connect-code-refused');
        expect((await call(app, '/v1/me', {}, init.token)).body).toEqual({
          workspace: { id: workspace, name: 'Acme Corp' },
          member: { id: init.memberId, name: 'Ada Admin', role: 'admin' },
        });
        expect((await call(app, '/v1/me', {}, sales.token)).body).toEqual({
          workspace: { id: workspace, name: 'Acme Corp' },
          member: { id: sales.memberId, name: 'Sam Sales', role: 'sales' },
        });
      } finally {
        await db.close();
      }

      // token rotate, member revoke and backup, side by side
      const backupFile = join(work, 'backup.sqlite');
      const [rotate, revoke, backup] = await Promise.all([
        cli(['token', 'rotate', '--member', init.memberId!, '--json', ...database], env),
        cli(['member', 'revoke', '--member', sales.memberId!, '--json', ...database], env),
        cli(['backup', '--out', backupFile, '--json', ...database], env),
      ]);
      const rotated = json(rotate) as Record<string, string>;
      expect(rotated).toEqual({ token: tokenShape, connectCode, expiresAt: timestamp });
      expect(parseConnectCode(rotated.connectCode!)).toEqual({ serverUrl: 'http://127.0.0.1:8787', code: codeShape });
      expect(json(revoke)).toEqual({ memberId: sales.memberId, revoked: true });
      if (kind === 'sqlite') {
        expect(json(backup)).toEqual({ backup: backupFile });
        // Everything the team stored: readable by its owner alone.
        expect(statSync(backupFile).mode & 0o777).toBe(0o600);
        const copy = new SQLite(backupFile, { readonly: true });
        try {
          expect(copy.prepare('select name from workspaces where id = ?').get(workspace)).toEqual({ name: 'Acme Corp' });
          expect(copy.prepare('select count(*) as n from members where workspace_id = ?').get(workspace)).toEqual({ n: 2 });
        } finally {
          copy.close();
        }
      } else {
        const { pgDump } = json(backup) as { pgDump: string };
        expect(pgDump).toMatch(/^pg_dump /);
        expect(pgDump).toContain(backupFile);
        expect(existsSync(backupFile)).toBe(false);
      }

      // member list, after all that
      const list = json(await cli(['member', 'list', '--workspace', workspace, '--json', ...database], env));
      expect(list).toEqual([
        { memberId: init.memberId, name: 'Ada Admin', role: 'admin', revoked: false },
        { memberId: sales.memberId, name: 'Sam Sales', role: 'sales', revoked: true },
      ]);

      // The old tokens are dead, the new one works, and the database keeps no token.
      db = await openDatabase(fresh.location);
      try {
        const app = createApp({ db, logger: silentLogger });
        expect((await call(app, '/v1/me', {}, rotated.token)).body).toMatchObject({ member: { id: init.memberId, role: 'admin' } });
        // Rotating stopped every device of the admin: the CLI's token and the browser's.
        expectError(await call(app, '/v1/me', {}, init.token), 401, 'unauthenticated');
        expectError(await call(app, '/v1/me', {}, browserToken), 401, 'unauthenticated');
        expectError(await call(app, '/v1/me', {}, sales.token), 401, 'unauthenticated');
        // The sales member's code, never used, went with their revocation.
        expectError(await connectRaw(app, sales.connectCode!), 401, 'connect-code-refused');

        const tokens = [init.token!, sales.token!, rotated.token!, browserToken];
        expect(new Set(tokens).size).toBe(4);
        for (const token of tokens) {
          // At least 128 bits: 22 or more base64url characters of 6 bits each after the prefix.
          expect(Buffer.from(token.slice('tdm_'.length), 'base64url').length).toBeGreaterThanOrEqual(16);
        }
        const stored = await everything(db);
        const hashes = await db.kysely.selectFrom('tokens').select('hash').execute();
        expect(hashes).toHaveLength(4);
        for (const { hash } of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
        // Nor any connect code: only their hashes.
        const codes = [init, sales, rotated].map((r) => parseConnectCode(r.connectCode!).code!);
        expect(await db.kysely.selectFrom('connect_codes').select('hash').execute()).toHaveLength(3);
        for (const token of [...tokens, ...codes]) {
          expect(stored).not.toContain(token);
          expect(stored).not.toContain(token.slice('tdm_'.length));
        }
        if (kind === 'sqlite') {
          for (const file of [fresh.location, `${fresh.location}-wal`, backupFile]) {
            if (!existsSync(file)) continue;
            const bytes = readFileSync(file).toString('latin1');
            for (const token of [...tokens, ...codes]) expect(bytes).not.toContain(token.slice('tdm_'.length));
          }
        }
      } finally {
        await db.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
      await fresh.drop();
    }
  });

  it('changes a role and erases a contact, with the same guards as the admin API', async () => {
    const fresh = await freshDatabase(kind);
    const database = ['--database', fresh.location];
    const env = { DATABASE_URL: fresh.location };
    try {
      const init = json(await cli(['init', '--name', 'Acme', '--admin', 'Ada Admin', '--json', ...database], env)) as Record<string, string>;
      const workspace = init.workspaceId!;
      const rep = json(await cli(['member', 'add', '--workspace', workspace, '--role', 'sales', '--name', 'Sam Sales', '--email', 'sam@example.com', '--json', ...database], env)) as Record<
        string,
        string
      >;

      // A lead and a feedback about one address, pushed through the API.
      let db = await openDatabase(fresh.location);
      try {
        const app = createApp({ db, logger: silentLogger });
        const leadId = '11111111-1111-4111-8111-111111111111';
        const push = await call(
          app,
          '/v1/push',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              clientId: '22222222-2222-4222-8222-222222222222',
              mutations: [
                { id: 1, name: 'lead.capture', args: { id: leadId, name: 'Zoe Private', email: 'zoe@private.example', phones: [], source: 'manual', status: 'new' } },
                {
                  id: 2,
                  name: 'feedback.create',
                  args: { id: '33333333-3333-4333-8333-333333333333', subject: { contactKey: 'email:zoe@private.example', contactName: 'Zoe Private' }, verdict: 'accept', reasons: [], note: 'Zoe is keen' },
                },
                {
                  id: 3,
                  name: 'fact.put',
                  args: { contactKey: 'email:zoe@private.example', learned: 'person', facts: [{ field: 'title', value: 'Head of Privacy' }, { field: 'employees', value: 40 }] },
                },
              ],
            }),
          },
          rep.token,
        );
        expect(push.body).toEqual({ results: [{ id: 1, status: 'applied' }, { id: 2, status: 'applied' }, { id: 3, status: 'applied' }] });
        // The member record carries the address given with --email.
        const member = await db.kysely.selectFrom('records').select('doc').where('id', '=', rep.memberId!).executeTakeFirstOrThrow();
        expect(JSON.parse(member.doc)).toMatchObject({ name: 'Sam Sales', email: 'sam@example.com', role: 'sales' });
      } finally {
        await db.close();
      }

      const [promote, lastAdmin, badRole, noMember, erase, badEmail, noWorkspace, badMemberEmail] = await Promise.all([
        cli(['member', 'role', '--member', rep.memberId!, '--role', 'marketing', '--json', ...database], env),
        cli(['member', 'role', '--member', init.memberId!, '--role', 'sales', '--json', ...database], env),
        cli(['member', 'role', '--member', rep.memberId!, '--role', 'owner', ...database], env),
        cli(['member', 'role', '--member', '00000000-0000-4000-8000-000000000000', '--role', 'sales', '--json', ...database], env),
        cli(['erase', '--workspace', workspace, '--email', 'ZOE@private.example', '--json', ...database], env),
        cli(['erase', '--workspace', workspace, '--email', 'zoe', '--json', ...database], env),
        cli(['erase', '--workspace', '00000000-0000-4000-8000-000000000000', '--email', 'zoe@private.example', '--json', ...database], env),
        cli(['member', 'add', '--workspace', workspace, '--role', 'sales', '--name', 'X', '--email', 'x', '--json', ...database], env),
      ]);
      expect(json(promote)).toEqual({ memberId: rep.memberId, role: 'marketing' });
      expect(lastAdmin.code).toBe(1);
      expect(JSON.parse(lastAdmin.stdout)).toEqual({ error: { code: 'last-admin', message: expect.stringContaining('last admin') } });
      expect(badRole.code).toBe(64);
      expect(badRole.stderr).toContain('--role is one of admin, marketing, sales.');
      expect(badRole.stderr).toContain('member role --member ID --role');
      expect(noMember.code).toBe(1);
      expect(JSON.parse(noMember.stdout)).toMatchObject({ error: { code: 'not-found' } });
      expect(json(erase)).toEqual({ leads: 1, feedback: 1, facts: 2, auditId: uuid });
      expect(badEmail.code).toBe(64);
      expect(JSON.parse(badEmail.stdout)).toEqual({ error: { code: 'usage', message: '--email is not an email address.' } });
      expect(noWorkspace.code).toBe(1);
      expect(JSON.parse(noWorkspace.stdout)).toMatchObject({ error: { code: 'not-found' } });
      expect(badMemberEmail.code).toBe(64);

      // Plain text output, and the usage lists both commands.
      const help = await cli(['--help']);
      expect(help.stdout).toContain('member role --member ID --role admin|marketing|sales');
      expect(help.stdout).toContain('erase --workspace ID --email EMAIL');

      db = await openDatabase(fresh.location);
      try {
        const app = createApp({ db, logger: silentLogger });
        expect((await call(app, '/v1/me', {}, rep.token)).body).toMatchObject({ member: { id: rep.memberId, role: 'marketing' } });
        const stored = await everything(db);
        expect(stored.toLowerCase()).not.toContain('zoe');
        // The role change and the erasure ran side by side: either may be logged first.
        const entries = await db.kysely.selectFrom('audit').selectAll().where('workspace_id', '=', workspace).orderBy('seq').execute();
        expect(entries.map((e) => [e.action, e.member_id]).sort()).toEqual([
          ['contact.erase', null],
          ['member.add', null],
          ['member.add', null],
          ['member.role', null],
        ]);
        expect(entries.map((e) => Number(e.seq))).toEqual([1, 2, 3, 4]);
        const erasure = entries.find((e) => e.action === 'contact.erase')!;
        expect(JSON.parse(erasure.details)).toEqual({ leads: 1, feedback: 1, facts: 2, outcomes: 0, deliveries: 0, emailSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      } finally {
        await db.close();
      }
      expect(json(await cli(['member', 'list', '--workspace', workspace, '--json', ...database], env))).toEqual([
        { memberId: init.memberId, name: 'Ada Admin', role: 'admin', revoked: false },
        { memberId: rep.memberId, name: 'Sam Sales', role: 'marketing', revoked: false },
      ]);
    } finally {
      await fresh.drop();
    }
  });

  it('makes connect codes that expire after --expires, another code that keeps the devices, and lists and revokes devices', async () => {
    const fresh = await freshDatabase(kind);
    const database = ['--database', fresh.location];
    const env = { DATABASE_URL: fresh.location };
    const hour = 3_600_000;
    try {
      const init = json(await cli(['init', '--name', 'Acme', '--admin', 'Ada Admin', '--expires', '2h', '--json', ...database], env)) as Record<string, string>;
      expectExpiry(init.expiresAt, 2 * hour);
      const [added, tooShort, tooLong, words, badUrl] = await Promise.all([
        cli(['member', 'add', '--workspace', init.workspaceId!, '--role', 'sales', '--name', 'Sam Sales', '--expires', '30m', '--json', ...database], env),
        cli(['member', 'code', '--member', init.memberId!, '--expires', '0m', '--json', ...database], env),
        cli(['init', '--name', 'X', '--admin', 'Y', '--expires', '31d', '--json', ...database], env),
        cli(['token', 'rotate', '--member', init.memberId!, '--expires', 'soon', '--json', ...database], env),
        cli(['member', 'code', '--member', init.memberId!, '--url', 'ftp://sync.example.com', '--json', ...database], env),
      ]);
      const sales = json(added) as Record<string, string>;
      expectExpiry(sales.expiresAt, 30 * 60_000);
      for (const run of [tooShort, tooLong, words]) {
        expect(run.code).toBe(64);
        expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'usage', message: '--expires is how long the connect code works, from 1m to 30d: like 30m, 12h or 7d.' } });
      }
      expect(badUrl.code).toBe(64);
      expect(JSON.parse(badUrl.stdout)).toMatchObject({ error: { code: 'usage', message: expect.stringContaining('--url') } });

      // Another code for the rep, a week long; and one with the default day.
      const [week, day] = await Promise.all([
        cli(['member', 'code', '--member', sales.memberId!, '--expires', '7d', '--url', 'https://sync.example.com', '--json', ...database], env),
        cli(['member', 'code', '--member', sales.memberId!, '--json', ...database], env),
      ]);
      const weekCode = json(week) as Record<string, string>;
      expect(weekCode).toEqual({ memberId: sales.memberId, connectCode, expiresAt: timestamp });
      expect(parseConnectCode(weekCode.connectCode!).serverUrl).toBe('https://sync.example.com');
      expectExpiry(weekCode.expiresAt, 7 * 24 * hour);
      const dayCode = json(day) as Record<string, string>;
      expectExpiry(dayCode.expiresAt, 24 * hour);

      let db = await openDatabase(fresh.location);
      let laptop: { token: string; deviceId: string };
      try {
        const app = createApp({ db, logger: silentLogger });
        // The 30-minute code: refused by a clock 31 minutes on, taken by one 29 minutes on.
        const halfHour = parseConnectCode(sales.connectCode!).code!;
        expect(await exchangeConnectCode(db, halfHour, { now: new Date(Date.now() + 31 * 60_000) })).toBeUndefined();
        expect((await exchangeConnectCode(db, halfHour, { now: new Date(Date.now() + 29 * 60_000) }))?.member.id).toBe(sales.memberId);
        laptop = await connectWith(app, weekCode.connectCode!, chromeOnMac);
      } finally {
        await db.close();
      }

      const devices = json(await cli(['member', 'devices', '--member', sales.memberId!, '--json', ...database], env)) as Record<string, unknown>[];
      // Oldest first: the clock that took the half-hour code ran 29 minutes ahead.
      expect(devices).toEqual([
        { deviceId: uuid, name: 'Token from the server CLI', connectedAt: timestamp, lastSeenAt: null },
        { deviceId: laptop.deviceId, name: 'Chrome on macOS', connectedAt: timestamp, lastSeenAt: null },
        { deviceId: uuid, name: null, connectedAt: timestamp, lastSeenAt: null },
      ]);
      const [revoke, unknown] = await Promise.all([
        cli(['device', 'revoke', '--member', sales.memberId!, '--device', laptop.deviceId, '--json', ...database], env),
        cli(['device', 'revoke', '--member', sales.memberId!, '--device', '00000000-0000-4000-8000-000000000000', '--json', ...database], env),
      ]);
      expect(json(revoke)).toEqual({ memberId: sales.memberId, deviceId: laptop.deviceId, revoked: true });
      expect(unknown.code).toBe(1);
      expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'not-found' } });

      db = await openDatabase(fresh.location);
      try {
        const app = createApp({ db, logger: silentLogger });
        expectError(await call(app, '/v1/me', {}, laptop.token), 401, 'unauthenticated');
        // The rep's other devices keep working, and so does the code not used yet.
        expect((await call(app, '/v1/me', {}, sales.token!)).status).toBe(200);
        expect((await connectWith(app, dayCode.connectCode!)).member.id).toBe(sales.memberId);
      } finally {
        await db.close();
      }
      expect((json(await cli(['member', 'devices', '--member', sales.memberId!, '--json', ...database], env)) as unknown[]).length).toBe(3);
      const help = await cli(['--help']);
      expect(help.stdout).toContain('member code --member ID [--url SERVER_URL] [--expires DURATION]');
      expect(help.stdout).toContain('device revoke --member ID --device ID');
    } finally {
      await fresh.drop();
    }
  });

  // BUG: server/cli.ts opens (and migrates, or creates) the database before it checks the
  // arguments, so a typo against a database that is down or mistyped reads as a database failure.
  it('checks usage before it touches the database', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
    try {
      writeFileSync(join(work, 'a-file'), '');
      const unreachable = kind === 'sqlite' ? join(work, 'a-file', 'tandem.sqlite') : 'postgres://postgres@127.0.0.1:1/nowhere';
      const run = await cli(['member', 'add', '--workspace', '00000000-0000-4000-8000-000000000000', '--role', 'boss', '--name', 'Bob', '--json', '--database', unreachable], {
        DATABASE_URL: unreachable,
      });
      expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'usage', message: '--role is one of admin, marketing, sales.' } });
      expect(run.code).toBe(64);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('backup on PostgreSQL', () => {
  it('prints the pg_dump line without the database password', () => {
    expect(withoutPassword('postgres://tandem:s3cr%40t@db.internal:5432/tandem?sslmode=require')).toBe('postgres://tandem@db.internal:5432/tandem?sslmode=require');
    expect(withoutPassword('postgres://tandem@127.0.0.1:5432/tandem')).toBe('postgres://tandem@127.0.0.1:5432/tandem');
    expect(withoutPassword('host=db user=tandem password=s3cret dbname=tandem')).toBe('host=db user=tandem password=… dbname=tandem');
  });
});
