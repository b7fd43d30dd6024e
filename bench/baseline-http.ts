/**
 * The baseline of the server benchmark: a bare `node:http` server that runs the SQL Tandem
 * runs, with the same driver (better-sqlite3 or a pg Pool of 10) and the same pragmas, and
 * answers with the same JSON. No framework, no auth, no validation, no query builder:
 * what is left is the floor for the same work on the same database.
 *
 *   GET  /v1/pull?cursor=&limit=  the page query of `pull` (server/sync.ts), serialised like `toChange`
 *   POST /v1/push                 per mutation, one transaction with the statements `push` runs for a
 *                                 `feedback.create` (server/sync.ts, server/records.ts)
 *
 * Run by bench/server.ts as a child process: BENCH_DATABASE, BENCH_WORKSPACE, BENCH_MEMBER,
 * BENCH_MEMBER_NAME in the environment; it sends `{ url }` over IPC once listening. The SQL is in
 * bench/baseline-store.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Gap, openStore, type Mutation } from './baseline-store';

const store = openStore(process.env.BENCH_DATABASE ?? '', {
  workspaceId: process.env.BENCH_WORKSPACE ?? '',
  memberId: process.env.BENCH_MEMBER ?? '',
  memberName: process.env.BENCH_MEMBER_NAME ?? '',
});

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/v1/pull') {
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    return send(res, 200, await store.pull(cursor, limit));
  }
  if (req.method === 'POST' && url.pathname === '/v1/push') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { clientId, mutations } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { clientId: string; mutations: Mutation[] };
    try {
      return send(res, 200, JSON.stringify({ results: await store.push(clientId, mutations) }));
    } catch (error) {
      if (error instanceof Gap) return send(res, 409, '{"error":{"code":"gap"}}');
      throw error;
    }
  }
  return send(res, 404, '{"error":{"code":"not-found"}}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    process.stderr.write(`baseline: ${String(error)}\n`);
    if (!res.headersSent) send(res, 500, '{"error":{"code":"internal"}}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
});

const stop = () => server.close(() => void Promise.resolve(store.close()).then(() => process.exit(0)));
process.on('message', (message) => message === 'stop' && stop());
process.on('disconnect', () => process.exit(0));
