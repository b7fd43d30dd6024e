import { spawn, type ChildProcess } from 'node:child_process';

export { freePort } from '../processes';

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/** A real Tandem sync server process (`tsx server/main.ts`) on 127.0.0.1. */
export async function startServerProcess(database: string, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database, TANDEM_WEBHOOKS_ALLOW_PRIVATE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`The server did not start within 20 s:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"listening"')) {
        clearTimeout(timer);
        done();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`The server exited (${code}) before listening:\n${output}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // gone
        }
      }, 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Pushes mutations straight to a server with a member's token (a fresh clientId) and returns the results. */
export async function pushAs(url: string, token: string, mutations: { name: string; args: unknown }[]): Promise<{ id: number; status: string; error?: { code: string } }[]> {
  const response = await fetch(`${url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: crypto.randomUUID(), mutations: mutations.map((m, i) => ({ id: i + 1, ...m })) }),
  });
  const body = (await response.json()) as { results: { id: number; status: string; error?: { code: string } }[] };
  return body.results;
}
