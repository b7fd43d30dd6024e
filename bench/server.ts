/**
 * `npm run bench:server`: the sync API against bare baselines, on SQLite and on PostgreSQL.
 *
 *   pull  GET /v1/pull, one page of 500 changes, against a bare node:http handler that runs the
 *         same page query with the same driver and serialises the same JSON (bench/baseline-http.ts);
 *   push  POST /v1/push, 100 new `feedback.create` mutations, against the same bare handler
 *         applying the same SQL in the same per-mutation transactions.
 *
 * Tandem runs as the real server (startServer: HTTP, token auth, rate limit, validation, log),
 * each side in its own process, loaded by autocannon from this one; the runs interleave
 * (Tandem, baseline, baseline, Tandem, …) and the medians are reported; req/s is connections ÷
 * mean latency (see Measure). The target: Tandem's req/s at least half the baseline's. Writes
 * bench/results/server.json (full runs only) and prints the table.
 *
 * Environment, for a quick run or a closer look (any of them makes it a trial run that
 * writes nothing unless BENCH_OUT names a file):
 *   BENCH_SECONDS (5) per run, BENCH_ROUNDS (3) pairs of runs, BENCH_WARMUP (2) seconds per side,
 *   BENCH_CONNECTIONS (10), BENCH_DATABASES (sqlite,postgres), BENCH_OPERATIONS (pull,push),
 *   BENCH_CPU_PROF=<folder> to write .cpuprofile files of both servers there, BENCH_OUT=<file>.
 */
import autocannon from 'autocannon';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../server/db/connect';
import { putRecord } from '../server/records';
import { createWorkspace } from '../server/team';
import { startThrowawayPostgres } from '../tests/server/postgres';
import { feedbackCreateArgs, mutationsPerPush, pullLimit, pushBody, seededFeedback, seedFeedback } from './workload';

type Database = 'sqlite' | 'postgres';
type Operation = 'pull' | 'push';
type Side = 'tandem' | 'baseline';

const target = 0.5;
const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number.`);
  return value;
};
const list = <T extends string>(name: string, all: T[]): T[] => {
  const picked = (process.env[name] ?? all.join(',')).split(',').map((s) => s.trim()) as T[];
  const unknown = picked.filter((p) => !all.includes(p));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')}).`);
  return picked;
};

const settings = {
  secondsPerRun: number('BENCH_SECONDS', 5),
  rounds: number('BENCH_ROUNDS', 3),
  warmupSeconds: number('BENCH_WARMUP', 2),
  connections: number('BENCH_CONNECTIONS', 10),
  databases: list<Database>('BENCH_DATABASES', ['sqlite', 'postgres']),
  operations: list<Operation>('BENCH_OPERATIONS', ['pull', 'push']),
  seededFeedback,
  pullLimit,
  mutationsPerPush,
  pipelining: 1,
  order: 'per round, Tandem first in even rounds and the baseline first in odd ones',
};
const trial = Object.keys(process.env).some((k) => k.startsWith('BENCH_') && k !== 'BENCH_OUT' && k !== 'BENCH_CPU_PROF');
const outFile = process.env.BENCH_OUT ? resolve(process.env.BENCH_OUT) : trial ? undefined : resolve('bench', 'results', 'server.json');
const profDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

// ---------------------------------------------------------------- cleanup, whatever happens

const cleanups: (() => unknown)[] = [];
async function cleanUp() {
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(`cleanup: ${String(error)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanUp().then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- the two servers, as child processes

interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function startChild(script: string, env: Record<string, string>): Promise<Child> {
  const execArgv = ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profDir, script.replace('.ts', ''))}`] : [])];
  // stdout (Tandem's request log) goes to /dev/null; errors show.
  const child: ChildProcess = fork(resolve('bench', script), [], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => ((exited = true), done())));
  const stop = async () => {
    if (exited) return;
    child.send('stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  return new Promise((done, fail) => {
    child.once('message', (message: { url: string }) => done({ url: message.url, pid: child.pid!, stop }));
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}) before listening`)));
  });
}

// ---------------------------------------------------------------- CPU use, to see who the bottleneck is

const ticks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
};
const machine = () => {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return { idle: values[3]! + values[4]!, total: values.reduce((a, b) => a + b, 0) };
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Waits until a server has finished what it was sent: when autocannon stops, up to one push per
 * connection is still being applied, and the next run must not overlap it (nor, on SQLite, race
 * it for the write lock).
 */
async function settle(pid: number) {
  for (let waited = 0; waited < 30_000; waited += 250) {
    const before = ticks(pid);
    await sleep(250);
    if (ticks(pid) - before <= 1) return;
  }
}

// ---------------------------------------------------------------- one run of autocannon

interface Measure {
  /**
   * Requests/s in steady state: connections ÷ mean latency (Little's law; autocannon keeps each
   * connection busy with one request). Unlike a count of responses within the run, it is not cut
   * short by the requests still in flight when the run stops, which matters when a push takes seconds.
   */
  rps: number;
  /**
   * Requests per second of the server process's CPU: a diagnostic that other load on the machine
   * disturbs less than req/s (on PostgreSQL it leaves out the database's own CPU).
   */
  perCpuSecond: number;
  /** autocannon's own figure: responses counted per second of the run. */
  rpsCounted: number;
  seconds: number;
  requests: number;
  mean: number;
  p50: number;
  p99: number;
  /** Of one core; the server process, then this (the load generator), then the whole machine (all cores = 100). */
  cpu: { server: number; loader: number; machine: number };
  /** Push: requests answered with all their mutations `applied`. */
  pushesApplied: number;
}

interface Target {
  url: string;
  pid: number;
  token: string;
  pullClient: string;
}

async function run(side: Target, operation: Operation, seconds: number): Promise<Measure> {
  let bad = 0;
  let badSample = '';
  let pushesApplied = 0;
  const headers = { authorization: `Bearer ${side.token}`, 'content-type': 'application/json' };
  // Push: each connection is a client pushing its next 100 mutation ids. A client whose push
  // is still in flight when the run ends is dropped, so ids never collide.
  const idle: { clientId: string; next: number }[] = [];
  type Context = { client?: { clientId: string; next: number } };
  const options: autocannon.Options =
    operation === 'pull'
      ? { url: `${side.url}/v1/pull?clientId=${side.pullClient}&cursor=0&limit=${pullLimit}`, headers }
      : {
          url: `${side.url}/v1/push`,
          method: 'POST',
          headers,
          requests: [
            {
              setupRequest(request, context: Context) {
                const client = idle.pop() ?? { clientId: randomUUID(), next: 1 };
                context.client = client;
                return { ...request, body: pushBody(client.clientId, client.next) };
              },
              onResponse(status, body, context: Context) {
                const results = status === 200 ? (JSON.parse(body) as { results: { status: string }[] }).results : [];
                if (results.length === mutationsPerPush && results.every((r) => r.status === 'applied')) {
                  context.client!.next += mutationsPerPush;
                  idle.push(context.client!);
                  pushesApplied++;
                } else {
                  bad++;
                  badSample ||= `${status} ${body.slice(0, 300)}`;
                }
              },
            },
          ],
        };
  const cpuBefore = { server: ticks(side.pid), loader: process.cpuUsage(), machine: machine() };
  const result = await autocannon({ ...options, connections: settings.connections, duration: seconds, pipelining: 1, timeout: 30 });
  const elapsed = result.duration;
  const m = machine();
  const loader = process.cpuUsage(cpuBefore.loader);
  const cpu = {
    server: Math.round((ticks(side.pid) - cpuBefore.server) / elapsed),
    loader: Math.round((loader.user + loader.system) / 1e4 / elapsed),
    machine: Math.round(100 * (1 - (m.idle - cpuBefore.machine.idle) / (m.total - cpuBefore.machine.total))),
  };
  await settle(side.pid);
  if (result.non2xx || result.errors || result.timeouts || bad) {
    throw new Error(`${operation} at ${side.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${bad} pushes not all applied (${badSample})`);
  }
  const rps = result.latency.mean > 0 ? settings.connections / (result.latency.mean / 1000) : 0;
  return {
    rps,
    perCpuSecond: cpu.server ? Math.round((rps / cpu.server) * 100) : 0,
    rpsCounted: result.requests.average,
    seconds,
    requests: result.requests.total,
    mean: result.latency.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu,
    pushesApplied,
  };
}

// ---------------------------------------------------------------- seeding and checks

interface Seeded {
  db: Db;
  workspaceId: string;
  memberId: string;
  memberName: string;
  token: string;
}

async function seed(location: string): Promise<Seeded> {
  const db = await openDatabase(location);
  const memberName = 'Bench admin';
  const { workspaceId, memberId, token } = await createWorkspace(db, 'Bench', memberName);
  const at = new Date().toISOString();
  for (let start = 0; start < seededFeedback; start += 500) {
    await db.writeTransaction(workspaceId, async (trx) => {
      for (let i = start; i < Math.min(seededFeedback, start + 500); i++) {
        await putRecord(trx, workspaceId, 'feedback', seedFeedback(i, { memberId, name: memberName }, at));
      }
    });
  }
  return { db, workspaceId, memberId, memberName, token };
}

/** Both sides answer a pull with the same bytes. */
async function checkPull(tandem: Target, baseline: Target) {
  const get = async (side: Target) => {
    const res = await fetch(`${side.url}/v1/pull?clientId=${side.pullClient}&cursor=0&limit=${pullLimit}`, { headers: { authorization: `Bearer ${side.token}` } });
    if (res.status !== 200) throw new Error(`pull at ${side.url}: ${res.status} ${await res.text()}`);
    return res.text();
  };
  const [a, b] = [await get(tandem), await get(baseline)];
  const page = JSON.parse(a) as { changes: unknown[]; more: boolean };
  if (page.changes.length !== pullLimit || !page.more) throw new Error(`The pull page has ${page.changes.length} changes (more: ${page.more}), not a full page.`);
  if (a !== b) throw new Error(`The baseline's pull differs from Tandem's (${a.length} vs ${b.length} bytes).`);
  return a.length;
}

/** Both sides answer a push alike and store the same row for the same mutation. */
async function checkPush(seeded: Seeded, tandem: Target, baseline: Target) {
  const row = async (side: Target) => {
    const args = feedbackCreateArgs(0);
    const body = JSON.stringify({ clientId: randomUUID(), mutations: [{ id: 1, name: 'feedback.create', args }] });
    const res = await fetch(`${side.url}/v1/push`, { method: 'POST', body, headers: { authorization: `Bearer ${side.token}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (text !== '{"results":[{"id":1,"status":"applied"}]}') throw new Error(`push at ${side.url}: ${res.status} ${text}`);
    const stored = await seeded.db.kysely.selectFrom('records').select(['type', 'version', 'deleted', 'doc']).where('id', '=', args.id).executeTakeFirstOrThrow();
    const doc = JSON.parse(stored.doc) as Record<string, unknown>;
    return JSON.stringify({ ...stored, doc: { ...doc, id: '-', updatedAt: '-', createdAt: '-' } });
  };
  const [a, b] = [await row(tandem), await row(baseline)];
  if (a !== b) throw new Error(`The baseline stores a different row from Tandem's:\n${a}\n${b}`);
}

const countFeedback = async (seeded: Seeded) =>
  Number(
    (
      await seeded.db.kysely
        .selectFrom('records')
        .select(sql<number>`count(*)`.as('n'))
        .where('workspace_id', '=', seeded.workspaceId)
        .where('type', '=', 'feedback')
        .executeTakeFirstOrThrow()
    ).n,
  );

// ---------------------------------------------------------------- the benchmark

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  perCpuSecond: number;
}

interface Row {
  database: Database;
  operation: Operation;
  tandem: Summary;
  baseline: Summary;
  ratio: number;
  target: number;
  met: boolean;
  runs: Record<Side, Measure[]>;
}

async function benchDatabase(database: Database, versions: Record<string, string>): Promise<Row[]> {
  let location: string;
  if (database === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    location = join(dir, 'tandem.sqlite');
  } else {
    const pg = await startThrowawayPostgres();
    cleanups.push(() => pg.stop());
    location = pg.url;
  }
  console.log(`\n${database}: seeding ${seededFeedback} feedback records`);
  const seeded = await seed(location);
  cleanups.push(() => seeded.db.close());
  versions[database] =
    database === 'sqlite'
      ? `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(seeded.db.kysely)).rows[0]!.v}`
      : `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(seeded.db.kysely)).rows[0]!.v}`.replace(/ \(.*/, '');

  const env = {
    BENCH_DATABASE: location,
    BENCH_WORKSPACE: seeded.workspaceId,
    BENCH_MEMBER: seeded.memberId,
    BENCH_MEMBER_NAME: seeded.memberName,
  };
  const [tandemChild, baselineChild] = [await startChild('tandem-server.ts', env), await startChild('baseline-http.ts', env)];
  const sides: Record<Side, Target> = {
    tandem: { url: tandemChild.url, pid: tandemChild.pid, token: seeded.token, pullClient: randomUUID() },
    baseline: { url: baselineChild.url, pid: baselineChild.pid, token: seeded.token, pullClient: randomUUID() },
  };

  const rows: Row[] = [];
  for (const operation of settings.operations) {
    if (operation === 'pull') console.log(`  pull: both answer the same ${await checkPull(sides.tandem, sides.baseline)} bytes`);
    else {
      await checkPush(seeded, sides.tandem, sides.baseline);
      console.log('  push: both store the same rows');
    }
    const before = operation === 'push' ? await countFeedback(seeded) : 0;
    let pushesApplied = 0;
    let slowest = 0;
    for (const side of ['tandem', 'baseline'] as const) {
      const warm = await run(sides[side], operation, settings.warmupSeconds);
      pushesApplied += warm.pushesApplied;
      slowest = Math.max(slowest, warm.requests ? warm.mean / 1000 : Infinity);
    }
    // A run lasts at least 5 requests per connection on the slower side, up to 3 times BENCH_SECONDS.
    const seconds = Math.min(3 * settings.secondsPerRun, Math.max(settings.secondsPerRun, Math.ceil(5 * slowest)));
    if (seconds !== settings.secondsPerRun) console.log(`  ${operation}: requests take up to ${round1(slowest)} s here, so ${seconds} s per run`);
    const runs: Record<Side, Measure[]> = { tandem: [], baseline: [] };
    for (let r = 0; r < settings.rounds; r++) {
      for (const side of r % 2 ? (['baseline', 'tandem'] as const) : (['tandem', 'baseline'] as const)) {
        const m = await run(sides[side], operation, seconds);
        runs[side].push(m);
        console.log(
          `  ${operation} ${side.padEnd(8)} round ${r + 1}: ${round1(m.rps)} req/s (${m.requests} in ${seconds} s), p50 ${m.p50} ms, p99 ${m.p99} ms ` +
            `(${m.perCpuSecond} per CPU-second; cpu: server ${m.cpu.server}%, loader ${m.cpu.loader}%, machine ${m.cpu.machine}%)`,
        );
      }
    }
    if (operation === 'push') {
      // Each push answered was checked to be all `applied`; the database must hold those rows, and
      // at most a push per connection and run more (answered after autocannon stopped listening).
      pushesApplied += Object.values(runs).flat().reduce((n, m) => n + m.pushesApplied, 0);
      const written = (await countFeedback(seeded)) - before;
      const expected = pushesApplied * mutationsPerPush;
      const slack = (2 + 2 * settings.rounds) * settings.connections * mutationsPerPush; // one push per connection per run
      if (written < expected || written > expected + slack) throw new Error(`push: ${written} feedback rows written, but ${expected} mutations were answered as applied.`);
      console.log(`  push: ${pushesApplied} pushes answered, all applied; ${written} feedback rows written (${expected} answered)`);
    }
    const summary = (ms: Measure[]) => ({
      rps: round1(median(ms.map((m) => m.rps))),
      p50: median(ms.map((m) => m.p50)),
      p99: median(ms.map((m) => m.p99)),
      perCpuSecond: median(ms.map((m) => m.perCpuSecond)),
    });
    const tandem = summary(runs.tandem);
    const baseline = summary(runs.baseline);
    const ratio = Math.round((tandem.rps / baseline.rps) * 100) / 100;
    rows.push({ database, operation, tandem, baseline, ratio, target, met: ratio >= target, runs });
  }
  return rows;
}

function table(rows: Row[]): string {
  const names: Record<Database, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  const what: Record<Operation, string> = { pull: `pull (${pullLimit} changes)`, push: `push (${mutationsPerPush} mutations)` };
  return [
    '| Database | Operation | Tandem req/s | Baseline req/s | Ratio | Target met (≥ 0.5)? |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${names[r.database]} | ${what[r.operation]} | ${r.tandem.rps.toFixed(1)} | ${r.baseline.rps.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.met ? 'yes' : 'no'} |`),
  ].join('\n');
}

async function main() {
  if (profDir) mkdirSync(profDir, { recursive: true });
  // Other work on the machine skews every figure; the interleaving evens it out between the sides, not away.
  const quiet = machine();
  await sleep(2000);
  const now = machine();
  const busyBefore = Math.round(100 * (1 - (now.idle - quiet.idle) / (now.total - quiet.total)));
  if (busyBefore > 10) console.log(`Note: the machine was ${busyBefore}% busy before the benchmark started.`);
  const versions: Record<string, string> = {};
  const rows: Row[] = [];
  for (const database of settings.databases) rows.push(...(await benchDatabase(database, versions)));
  await cleanUp();

  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const report = {
    date: new Date().toISOString(),
    /** The server code measured: the commit, and whether server/ or utils/ had changes on top of it. */
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedServerChanges: git('status', '--porcelain', '--', 'server', 'utils') !== '',
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, platform: `${process.platform} ${process.arch}`, busyBeforePercent: busyBefore, ...versions },
    settings,
    results: rows,
  };
  console.log(`\n${table(rows)}\n`);
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(`${outFile}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    renameSync(`${outFile}.tmp`, outFile);
    console.log(`Wrote ${outFile}`);
  } else console.log('Trial run (BENCH_* set): nothing written; set BENCH_OUT to keep the figures.');
  if (profDir) console.log(`CPU profiles in ${profDir}`);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
