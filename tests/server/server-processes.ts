import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { alive, descendants } from '../processes';
import { freePort } from './postgres';

/** Real server processes for the tests that need more than one (scale-out, webhooks). */

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * What `npx tsx server/main.ts` runs, as one process: npm does not pass SIGTERM on (signalling
 * `npx` leaves the server running), and the tsx CLI SIGKILLs a child that is busy for 30 ms
 * when it relays a signal. See lifecycle.test.ts.
 */
const serverCommand = ['--import', 'tsx', 'server/main.ts'];

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every line it wrote, stdout and stderr. */
  raw: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The server process and any below it. */
  pids: number[];
}

/** Starts `server/main.ts` on a free port of 127.0.0.1 with `database`; `env` adds to its environment. */
export async function spawnServer(database: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, serverCommand, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const raw: string[] = [];
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const listening = new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start in 30 s:\n${raw.join('\n')}`)), 30_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        raw.push(line);
        try {
          const parsed = JSON.parse(line) as LogLine;
          if (parsed.msg === 'listening') {
            clearTimeout(timer);
            done(String(parsed.url));
          }
        } catch {
          // checked later: every line must be JSON
        }
      });
    }
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code ?? signal}) before listening:\n${raw.join('\n')}`));
    });
  });
  const url = await listening;
  return { child, url, raw, exit, pids: [child.pid!, ...descendants(child.pid!)] };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** SIGTERM, then SIGKILL for the whole tree after `graceMs`. */
export async function stopServer(server: ServerProcess, graceMs = 10_000) {
  if (alive(server.child.pid!)) server.pids = [...new Set([...server.pids, ...descendants(server.child.pid!)])];
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    const timedOut = await Promise.race([server.exit.then(() => false), new Promise<boolean>((done) => setTimeout(() => done(true), graceMs))]);
    if (timedOut) for (const pid of server.pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  const result = await server.exit;
  for (let i = 0; i < 50 && server.pids.some(alive); i++) await sleep(100);
  for (const pid of server.pids.filter(alive)) process.kill(pid, 'SIGKILL');
  return result;
}

export const logLines = (server: ServerProcess) => server.raw.map((line) => JSON.parse(line) as LogLine);

