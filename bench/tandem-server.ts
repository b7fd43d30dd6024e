/**
 * The Tandem side of the server benchmark: the real server (server/main.ts `startServer`),
 * with its default JSON-lines request log, and a rate limit too high to throttle.
 * Run by bench/server.ts as a child process with BENCH_DATABASE; sends `{ url }` over IPC.
 */
import { startServer } from '../server/main';

const running = await startServer({
  database: process.env.BENCH_DATABASE,
  host: '127.0.0.1',
  port: 0,
  rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
});
process.send?.({ url: running.url });

process.on('message', (message) => message === 'stop' && void running.close().then(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
