import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, descendants } from '../processes';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace } from '../../server/team';
import type { Feedback, PushResponse } from '../../utils/model';
import { databaseKinds, freshDatabase, type FreshDatabase } from './databases';
import { freePort } from './postgres';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The server as one process (what `npx tsx server/main.ts` runs, without the wrappers): SIGTERM goes to the server itself. */
const direct = [process.execPath, '--import', 'tsx', 'server/main.ts'];
/** As a deployment runs it: npm, which runs the `serve` script through sh, which runs tsx, which runs the server. */
const npmRunServe = ['npm', 'run', '--silent', 'serve'];

interface LogLine {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Every line it wrote, stdout and stderr, in order of arrival. */
  raw: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  pids: number[];
  /** Resolves with the first line (parsed) that `match` accepts. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

const parse = (line: string): LogLine | undefined => {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
};

function spawnProcess([command, ...args]: string[], database: string, port: number) {
  return spawn(command!, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function spawnServer(database: string, args = direct): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnProcess(args, database, port);
  const raw: string[] = [];
  const waiters: { match: (line: LogLine) => boolean; done: (line: LogLine) => void }[] = [];
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, at: performance.now() })),
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      raw.push(line);
      const parsed = parse(line);
      if (!parsed) return;
      for (const waiter of [...waiters]) {
        if (waiter.match(parsed)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done(parsed);
        }
      }
    });
  }
  const waitFor = (match: (line: LogLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LogLine>((done, fail) => {
      const seen = raw.map(parse).find((l) => l && match(l));
      if (seen) return done(seen);
      const timer = setTimeout(() => fail(new Error(`no such log line in ${timeoutMs} ms:\n${raw.join('\n')}`)), timeoutMs);
      waiters.push({ match, done: (line) => (clearTimeout(timer), done(line)) });
      void exit.then(({ code, signal }) => {
        clearTimeout(timer);
        fail(new Error(`the server exited (${code ?? signal}) first:\n${raw.join('\n')}`));
      });
    });
  const listening = await waitFor((l) => l.msg === 'listening');
  return { child, url: String(listening.url), port, raw, exit, pids: [child.pid!, ...descendants(child.pid!)], waitFor };
}

/** SIGTERM, then SIGKILL after `graceMs`; then the same for any process of its tree still running (orphans). */
async function stopServer(server: ServerProcess, graceMs = 10_000) {
  if (alive(server.child.pid!)) server.pids = [...new Set([...server.pids, ...descendants(server.child.pid!)])];
  const within = async (ms: number, done: () => boolean) => {
    for (const until = performance.now() + ms; performance.now() < until && !done(); ) await sleep(50);
    return done();
  };
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    if (!(await within(graceMs, () => server.child.exitCode !== null || server.child.signalCode !== null))) server.child.kill('SIGKILL');
  }
  await server.exit;
  const left = () => server.pids.filter(alive);
  for (const pid of left()) process.kill(pid, 'SIGTERM');
  if (!(await within(graceMs, () => left().length === 0))) for (const pid of left()) process.kill(pid, 'SIGKILL');
  await within(5_000, () => left().length === 0);
}

/** A GET on a connection of its own (no keep-alive pool): resolves with the status or the connection error's code. */
function getFresh(port: number, path: string): Promise<number | string> {
  return new Promise((done) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? String(error)));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A push slow enough to catch in flight: a feedback and 499 replies, each rewriting the growing document. */
function slowPush() {
  const clientId = randomUUID();
  const feedbackId = randomUUID();
  const mutations = [
    { id: 1, name: 'feedback.create', args: { id: feedbackId, subject: { contactKey: 'slow@example.com' }, verdict: 'accept', reasons: [], note: '' } },
    ...Array.from({ length: 499 }, (_, i) => ({ id: i + 2, name: 'feedback.reply', args: { feedbackId, replyId: randomUUID(), body: `reply ${i + 1}` } })),
  ];
  return { clientId, feedbackId, mutations, body: JSON.stringify({ clientId, mutations }) };
}

type PushOutcome = { status: number; requestId: string | null; body: PushResponse; at: number } | { status: 'failed'; error: string; at: number };

function sendPush(url: string, token: string, body: string): Promise<PushOutcome> {
  return fetch(`${url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body }).then(
    async (res) => ({ status: res.status, requestId: res.headers.get('x-request-id'), body: (await res.json()) as PushResponse, at: performance.now() }),
    (error: unknown) => ({ status: 'failed', error: String((error as Error).cause ?? error), at: performance.now() }),
  );
}

/** Waits until the server has applied some of the client's push (its progress is in the database); returns how far it got. */
async function waitUntilApplying(db: Db, clientId: string): Promise<number> {
  for (let i = 0; i < 5_000; i++) {
    const row = await db.kysely.selectFrom('clients').select('last_mutation_id').where('id', '=', clientId).executeTakeFirst();
    const progress = Number(row?.last_mutation_id ?? 0);
    if (progress > 0) return progress;
    await sleep(1);
  }
  throw new Error('the push never started');
}

describe.each(databaseKinds)('a server process on %s', (kind) => {
  let fresh: FreshDatabase;
  let db: Db;
  let token: string;
  const started: ServerProcess[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.location);
    ({ token } = await createWorkspace(db, 'Lifecycle', 'Ada Admin'));
  });

  afterAll(async () => {
    await Promise.all(started.map((s) => stopServer(s, 5_000)));
    await db?.close();
    await fresh?.drop();
    expect(started.flatMap((s) => s.pids).filter(alive), 'server processes left running').toEqual([]);
  });

  it('on SIGTERM finishes the push in flight, stops listening, exits 0 and logs every request as JSON with its requestId', async () => {
    const running = await spawnServer(fresh.location);
    started.push(running);
    const auth = { authorization: `Bearer ${token}` };
    // A few requests first, so the log has more than one.
    const early = [await fetch(`${running.url}/healthz`), await fetch(`${running.url}/v1/me`, { headers: auth })];
    expect(early.map((r) => r.status)).toEqual([200, 200]);
    const earlyIds = early.map((r) => r.headers.get('x-request-id'));
    await Promise.all(early.map((r) => r.text()));

    const push = slowPush();
    const sentAt = performance.now();
    const pending = sendPush(running.url, token, push.body);
    const progress = await waitUntilApplying(db, push.clientId);
    expect(progress, 'the push is still in flight at SIGTERM').toBeLessThan(push.mutations.length);
    running.child.kill('SIGTERM');
    const signalledAt = performance.now();

    const response = await pending;
    expect(response.status, JSON.stringify(response).slice(0, 300)).toBe(200);
    expect(response.status === 200 && response.body.results).toEqual(push.mutations.map((m) => ({ id: m.id, status: 'applied' })));
    await running.waitFor((l) => l.msg === 'shutting down', 10_000);
    // Once shutting down it takes no new connections.
    expect(await getFresh(running.port, '/healthz')).toBe('ECONNREFUSED');
    const exit = await Promise.race([running.exit, sleep(15_000).then(() => 'still running' as const)]);
    expect(exit).toMatchObject({ code: 0, signal: null });
    const timing = {
      pushMs: Math.round(response.at - sentAt),
      signalToResponseMs: Math.round(response.at - signalledAt),
      responseToExitMs: Math.round((exit as { at: number }).at - response.at),
    };
    console.info(`SIGTERM during a push on ${kind}`, timing);
    // Shutting down does not wait for the finished request's keep-alive connection to time out.
    expect(timing.responseToExitMs, `bug: the exit waited for the keep-alive connection ${JSON.stringify(timing)}`).toBeLessThan(1_000);

    // Every line is JSON with a time, a level and a message.
    const lines = running.raw.map((line) => {
      const parsed = parse(line);
      expect(parsed, `not JSON: ${line}`).toBeDefined();
      return parsed!;
    });
    for (const line of lines) {
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
      expect(['info', 'warn', 'error']).toContain(line.level);
      expect(typeof line.msg).toBe('string');
    }
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => l.requestId)).toEqual([...earlyIds, response.status === 200 && response.requestId]);
    expect(new Set(requests.map((l) => l.requestId)).size).toBe(requests.length);
    for (const line of requests) expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/push', status: 200 });
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM' });
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });

    // Everything the push did is stored.
    const client = await db.kysely.selectFrom('clients').select('last_mutation_id').where('id', '=', push.clientId).executeTakeFirstOrThrow();
    expect(Number(client.last_mutation_id)).toBe(500);
    const record = await db.kysely.selectFrom('records').select(['doc', 'version']).where('type', '=', 'feedback').where('id', '=', push.feedbackId).executeTakeFirstOrThrow();
    expect((JSON.parse(record.doc) as Feedback).replies).toHaveLength(499);
    expect(record.version).toBe(500);
    for (let i = 0; i < 50 && running.pids.some(alive); i++) await sleep(100);
    expect(running.pids.filter(alive)).toEqual([]);
  }, 60_000);

  it('answers a health check while a long push is applied', async () => {
    const running = await spawnServer(fresh.location);
    started.push(running);
    const push = slowPush();
    const sentAt = performance.now();
    const pending = sendPush(running.url, token, push.body);
    await waitUntilApplying(db, push.clientId);
    const askedAt = performance.now();
    const health = await getFresh(running.port, '/healthz');
    const healthMs = Math.round(performance.now() - askedAt);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(health).toBe(200);
    const pushMs = Math.round(response.at - sentAt);
    expect(healthMs, `GET /healthz took ${healthMs} ms during a ${pushMs} ms push`).toBeLessThan(500);
  }, 60_000);

  it('run as `npm run serve`, SIGTERM to npm lets the push in flight finish and leaves no process behind', async () => {
    const running = await spawnServer(fresh.location, npmRunServe);
    started.push(running);
    expect(running.pids.length, 'npm, sh, tsx and the server').toBeGreaterThanOrEqual(2);
    const push = slowPush();
    const pending = sendPush(running.url, token, push.body);
    const progress = await waitUntilApplying(db, push.clientId);
    expect(progress).toBeLessThan(push.mutations.length);
    running.child.kill('SIGTERM');
    const response = await pending;
    const exit = await Promise.race([running.exit, sleep(15_000).then(() => 'still running' as const)]);
    const leftAfterExit = async () => {
      for (let i = 0; i < 50 && running.pids.some(alive); i++) await sleep(100);
      return running.pids.filter(alive).map((pid) => execFileSync('ps', ['-o', 'args=', '-p', String(pid)]).toString().trim());
    };
    expect({ push: response.status, exit, left: await leftAfterExit() }, running.raw.join('\n')).toMatchObject({
      push: 200,
      exit: { code: 0, signal: null },
      left: [],
    });
  }, 60_000);

  it('logs a JSON line and exits 1 when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawnProcess(direct, fresh.location, port);
      const raw: string[] = [];
      for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => raw.push(line));
      const exit = await Promise.race([
        new Promise<{ code: number | null }>((done) => child.once('exit', (code) => done({ code }))),
        sleep(30_000).then(() => {
          child.kill('SIGKILL');
          return 'still running' as const;
        }),
      ]);
      await sleep(50);
      expect(exit).toEqual({ code: 1 });
      expect(raw.filter((line) => !parse(line)), 'lines that are not JSON').toEqual([]);
      expect(raw.map(parse).find((l) => l?.msg === 'could not start')).toMatchObject({ level: 'error', error: expect.stringContaining('EADDRINUSE') });
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  }, 60_000);
});

describe('the rate limit', () => {
  let fresh: FreshDatabase;
  let db: Db;

  beforeAll(async () => {
    fresh = await freshDatabase('sqlite');
    db = await openDatabase(fresh.location);
  });

  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });

  it('answers the 4th quick request with 429, Retry-After and an error body, per token, and lets it through after the wait', async () => {
    const app = createApp({ db, logger: silentLogger, rateLimit: { capacity: 3, refillPerSecond: 1 } });
    const { workspaceId, token: first } = await createWorkspace(db, 'Limits', 'Ada Admin');
    const { token: second } = await addMember(db, workspaceId, 'Sam Sales', 'sales');
    const me = (token: string) => app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });

    for (let i = 0; i < 3; i++) expect((await me(first)).status).toBe(200);
    const limited = await me(first);
    expect(limited.status).toBe(429);
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await limited.json()).toEqual({
      error: { code: 'rate-limited', message: expect.any(String), details: { retryAfterSeconds: Number(retryAfter) } },
    });
    // Pushes and pulls share the bucket.
    const push = await app.request('/v1/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${first}` },
      body: JSON.stringify({ clientId: randomUUID(), mutations: [{ id: 1, name: 'feedback.reply', args: {} }] }),
    });
    expect(push.status).toBe(429);
    expect(push.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);

    // Another token has its own bucket.
    for (let i = 0; i < 3; i++) expect((await me(second)).status).toBe(200);

    await sleep(Number(retryAfter) * 1000 + 100);
    expect((await me(first)).status).toBe(200);
    expect((await me(first)).status).toBe(429);
  });
});
