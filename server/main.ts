import { serve, type ServerType } from '@hono/node-server';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp, maxHeaderBytes } from './app';
import { openDatabase, type Db } from './db/connect';
import { jsonLogger, type Logger } from './log';
import type { RateLimitOptions } from './rate-limit';
import { startWebhookWorker, webhookWorkerOptionsFromEnv, type WebhookWorkerOptions } from './webhooks/worker';

export interface ServerOptions {
  port?: number;
  host?: string;
  database?: string;
  logger?: Logger;
  rateLimit?: RateLimitOptions;
  /** The webhook delivery worker's settings (default: its defaults), or false to send none from this process. */
  webhooks?: Omit<WebhookWorkerOptions, 'db' | 'logger'> | false;
}

export interface RunningServer {
  url: string;
  db: Db;
  /**
   * Stops accepting connections and claiming webhook deliveries, lets in-flight requests and
   * sends finish (sends still running after a grace period are aborted and given back to the
   * queue), closes the database.
   */
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
      // Headers up to maxHeaderBytes reach the app, so a long made-up token gets the API's 401.
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host, serverOptions: { maxHeaderSize: maxHeaderBytes } }, () => done(s));
      s.once('error', fail);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let worker: ReturnType<typeof startWebhookWorker> | undefined;
  try {
    worker = options.webhooks === false ? undefined : startWebhookWorker({ db, logger, ...options.webhooks });
  } catch (error) {
    await new Promise((done) => server.close(done));
    await db.close();
    throw error;
  }
  logger('info', 'listening', { url, database: db.description });
  let closing: Promise<void> | undefined;
  return {
    url,
    db,
    close: () =>
      (closing ??= Promise.all([
        new Promise<void>((done) => {
          server.close(() => done());
          // close() only ends connections idle at that moment; keep-alive ones that finish
          // their request later are closed as they become idle.
          const http = server as unknown as { closeIdleConnections?: () => void };
          const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
          server.once('close', () => clearInterval(sweep));
        }),
        worker?.stop(),
      ]).then(async () => {
        await db.close();
        logger('info', 'stopped', {});
      })),
  };
}

/** `npm run serve`: PORT, HOST and DATABASE_URL from the environment. */
export async function serveFromEnv(): Promise<RunningServer> {
  const port = Number(process.env.PORT ?? 8787);
  const running = await startServer({ port, host: process.env.HOST ?? '127.0.0.1', database: process.env.DATABASE_URL, webhooks: webhookWorkerOptionsFromEnv() });
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
