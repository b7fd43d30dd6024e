import { serve, type ServerType } from '@hono/node-server';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { openDatabase, type Db } from './db/connect';
import { jsonLogger, type Logger } from './log';
import type { RateLimitOptions } from './rate-limit';

export interface ServerOptions {
  port?: number;
  host?: string;
  database?: string;
  logger?: Logger;
  rateLimit?: RateLimitOptions;
}

export interface RunningServer {
  url: string;
  db: Db;
  /** Stops accepting connections, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? jsonLogger;
  const db = await openDatabase(options.database);
  const app = createApp({ db, logger, rateLimit: options.rateLimit });
  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((done, fail) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => done(s));
      s.once('error', fail);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger('info', 'listening', { url, database: db.description });
  let closing: Promise<void> | undefined;
  return {
    url,
    db,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        server.close(() => done());
        // close() only ends connections idle at that moment; keep-alive ones that finish
        // their request later are closed as they become idle.
        const http = server as unknown as { closeIdleConnections?: () => void };
        const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
        server.once('close', () => clearInterval(sweep));
      }).then(async () => {
        await db.close();
        logger('info', 'stopped', {});
      })),
  };
}

/** `npm run serve`: PORT, HOST and DATABASE_URL from the environment. */
export async function serveFromEnv(): Promise<RunningServer> {
  const port = Number(process.env.PORT ?? 8787);
  const running = await startServer({ port, host: process.env.HOST ?? '127.0.0.1', database: process.env.DATABASE_URL });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      jsonLogger('info', 'shutting down', { signal });
      void running.close().then(() => process.exit(0));
    });
  }
  return running;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  serveFromEnv().catch((error: unknown) => {
    jsonLogger('error', 'could not start', { error: String(error) });
    process.exit(1);
  });
}
