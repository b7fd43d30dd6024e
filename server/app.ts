import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { PullQuery, PushRequest, type MeResponse } from '../utils/model';
import type { Db } from './db/connect';
import { HttpError } from './errors';
import { clientAddress, controlCharacterIn, readJson, readQuery, type Env } from './http';
import { jsonLogger, type Logger } from './log';
import { openApiDocument } from './openapi';
import { addressKey, defaultAuthFailureLimit, defaultRateLimit, RateLimiter, type RateLimitOptions } from './rate-limit';
import { adminRoutes } from './routes/admin';
import { connectRoutes } from './routes/connect';
import { metricsRoutes } from './routes/metrics';
import { pull, push, SyncError } from './sync';
import { identify, TeamError } from './team';
import { bearerToken, hashToken } from './tokens';

export interface AppOptions {
  db: Db;
  logger?: Logger;
  /** Requests per valid token (default: a burst of 120, then 20 a second). */
  rateLimit?: RateLimitOptions;
  /** Failed authentications per client address (default: 50, then 1 a second); valid tokens are never counted. */
  authFailureLimit?: RateLimitOptions;
  /** The server's public URL, for connect codes the admin API makes (default: TANDEM_PUBLIC_URL, else the request's origin). */
  publicUrl?: string;
}

export const maxBodyBytes = 1024 * 1024;

/**
 * The most header bytes Node reads before answering 431 itself, which the app never sees.
 * Node's default (16 KiB) would answer a made-up 16 KB token with 431; at 64 KiB the app
 * sees it and answers 401 without looking at it further. A header bigger still is refused
 * by Node, before any of Tandem's code runs.
 */
export const maxHeaderBytes = 64 * 1024;

const teamErrorStatus = { 'not-found': 404, invalid: 400, revoked: 409, 'last-admin': 409 } as const;

/** The sync API. Stateless but for the rate-limit buckets: any number of processes can share one database. */
export function createApp({
  db,
  logger = jsonLogger,
  rateLimit = defaultRateLimit,
  authFailureLimit = defaultAuthFailureLimit,
  publicUrl = process.env.TANDEM_PUBLIC_URL || undefined,
}: AppOptions) {
  const limiter = new RateLimiter(rateLimit);
  const failures = new RateLimiter(authFailureLimit);
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

  // An answer given before the request's body has arrived whole (a bad token, 413, 429) leaves
  // the rest of the body on the connection, where the client's next request would fail: such
  // a connection closes after the answer, and the client's next request opens a fresh one.
  app.use(async (c, next) => {
    await next();
    const incoming = (c.env as { incoming?: { complete?: boolean } } | undefined)?.incoming;
    if (incoming?.complete === false) c.header('Connection', 'close');
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
        // The rest of the body is still on its way: the connection closes after this answer,
        // so a client's next request goes on a fresh one instead of failing on this one.
        throw new HttpError(413, 'too-large', `The request body is over ${maxBodyBytes} bytes. Push fewer mutations at a time.`, undefined, { Connection: 'close' });
      },
    }),
  );
  const rateLimited = (wait: number, message: string) =>
    new HttpError(429, 'rate-limited', message, { retryAfterSeconds: wait }, { 'Retry-After': String(wait) });

  v1.use(async (c, next) => {
    const header = c.req.header('authorization');
    // Anything but the shape of a Tandem token is refused before any lookup or bucket.
    const token = bearerToken(header);
    if (token) {
      // Buckets are keyed by the token's hash: the raw token is never kept.
      const key = hashToken(token);
      const wait = limiter.take(key);
      if (wait) throw rateLimited(wait, `Too many requests with this token; try again in ${wait} s.`);
      const who = await identify(db, token);
      if (who) {
        c.set('who', who);
        return next();
      }
      // A token that is not valid keeps no bucket: its address is counted instead.
      limiter.forget(key);
    }
    // Only failures are counted per address, so a valid token is served however many
    // failures its office's shared address has. (An in-process caller has no address.)
    const address = clientAddress(c);
    const wait = address === undefined ? 0 : failures.take(addressKey(address));
    if (wait) throw rateLimited(wait, `Too many requests with tokens that are not valid from this address; try again in ${wait} s.`);
    if (header && /^Bearer\s+\S+$/i.test(header)) {
      throw new HttpError(401, 'unauthenticated', 'This token is not valid or has been revoked. Ask your admin for a new connect code.');
    }
    throw new HttpError(401, 'unauthenticated', 'Send your Tandem token as “Authorization: Bearer <token>”.');
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

  // Everything the admin API takes is one line of plain text (names, email addresses, URLs,
  // roles, event names), so a control character anywhere in a body is refused before a route
  // parses it, whichever schema that route uses (PostgreSQL's text cannot even hold a NUL).
  // Members other than admins are left to the routes' 403.
  v1.use('/admin/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.get('who').role === 'admin') {
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return next(); // not JSON: the route says so
      }
      const found = controlCharacterIn(body);
      if (found) {
        const message = `The request is not valid: ${found.path ? `${found.path}: ` : ''}${found.message}`;
        throw new HttpError(400, 'invalid', message, { issues: [found] });
      }
    }
    return next();
  });
  v1.route('/admin', adminRoutes({ db, publicUrl }));
  v1.route('/metrics', metricsRoutes({ db }));

  app.route('/v1', v1);
  return app;
}
