import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { PullQuery, PushRequest, type MeResponse } from '../utils/model';
import type { Db } from './db/connect';
import { HttpError } from './errors';
import { readJson, readQuery, type Env } from './http';
import { jsonLogger, type Logger } from './log';
import { openApiDocument } from './openapi';
import { defaultRateLimit, RateLimiter, type RateLimitOptions } from './rate-limit';
import { adminRoutes } from './routes/admin';
import { connectRoutes } from './routes/connect';
import { metricsRoutes } from './routes/metrics';
import { pull, push, SyncError } from './sync';
import { identify, TeamError } from './team';

export interface AppOptions {
  db: Db;
  logger?: Logger;
  rateLimit?: RateLimitOptions;
  /** The server's public URL, for connect codes the admin API makes (default: TANDEM_PUBLIC_URL, else the request's origin). */
  publicUrl?: string;
}

export const maxBodyBytes = 1024 * 1024;

const teamErrorStatus = { 'not-found': 404, invalid: 400, revoked: 409, 'last-admin': 409 } as const;

/** The sync API. Stateless but for the rate-limit buckets: any number of processes can share one database. */
export function createApp({ db, logger = jsonLogger, rateLimit = defaultRateLimit, publicUrl = process.env.TANDEM_PUBLIC_URL || undefined }: AppOptions) {
  const limiter = new RateLimiter(rateLimit);
  const app = new Hono<Env>();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger('info', 'request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    if (error instanceof SyncError) {
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    if (error instanceof TeamError) {
      return c.json({ error: { code: error.code, message: error.message } }, teamErrorStatus[error.code]);
    }
    logger('error', 'unhandled error', { requestId: c.get('requestId'), error: String(error), stack: (error as Error).stack });
    return c.json({ error: { code: 'internal', message: 'The server failed; the error has been logged.', details: { requestId: c.get('requestId') } } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));

  app.get('/healthz', (c) => c.json({ ok: true, database: db.dialect }));
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/v1/connect', connectRoutes({ db, rateLimit }));

  const v1 = new Hono<Env>();
  v1.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new HttpError(413, 'too-large', `The request body is over ${maxBodyBytes} bytes. Push fewer mutations at a time.`);
      },
    }),
  );
  v1.use(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new HttpError(401, 'unauthenticated', 'Send your Tandem token as “Authorization: Bearer <token>”.');
    const token = match[1]!;
    const wait = limiter.take(token);
    if (wait) {
      throw new HttpError(429, 'rate-limited', `Too many requests with this token; try again in ${wait} s.`, { retryAfterSeconds: wait }, { 'Retry-After': String(wait) });
    }
    const who = await identify(db, token);
    if (!who) throw new HttpError(401, 'unauthenticated', 'This token is not valid or has been revoked. Ask your admin for a new connect code.');
    c.set('who', who);
    await next();
  });

  v1.get('/me', (c) => {
    const who = c.get('who');
    const body: MeResponse = {
      workspace: { id: who.workspaceId, name: who.workspaceName },
      member: { id: who.memberId, name: who.memberName, role: who.role },
    };
    return c.json(body);
  });

  v1.post('/push', async (c) => {
    const request = await readJson(c, PushRequest, 'The push');
    const results = await push(db, c.get('who'), request, (error) =>
      logger('error', 'mutation failed', { requestId: c.get('requestId'), error: String(error), stack: (error as Error).stack }),
    );
    return c.json({ results });
  });

  v1.get('/pull', async (c) => {
    const query = readQuery(c, PullQuery, 'The pull query');
    return c.json(
      await pull(db, c.get('who'), query, (error) =>
        logger('warn', 'could not record when a client was last seen', { requestId: c.get('requestId'), error: String(error) }),
      ),
    );
  });

  v1.route('/admin', adminRoutes({ db, publicUrl }));
  v1.route('/metrics', metricsRoutes({ db }));

  app.route('/v1', v1);
  return app;
}
