import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { z } from 'zod';
import { PullQuery, PushRequest, type MeResponse } from '../utils/model';
import type { Db } from './db/connect';
import { HttpError, invalid } from './errors';
import { jsonLogger, type Logger } from './log';
import { openApiDocument } from './openapi';
import { defaultRateLimit, RateLimiter, type RateLimitOptions } from './rate-limit';
import { pull, push, SyncError } from './sync';
import { identify, type Identity } from './team';

export interface AppOptions {
  db: Db;
  logger?: Logger;
  rateLimit?: RateLimitOptions;
}

type Env = { Variables: { who: Identity; requestId: string } };

export const maxBodyBytes = 1024 * 1024;

async function readJson<S extends z.ZodType>(c: Context, schema: S, what: string): Promise<z.output<S>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'malformed-json', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(what, parsed.error);
  return parsed.data;
}

function readQuery<S extends z.ZodType>(c: Context, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalid(what, parsed.error);
  return parsed.data;
}

/** The sync API. Stateless but for the rate-limit buckets: any number of processes can share one database. */
export function createApp({ db, logger = jsonLogger, rateLimit = defaultRateLimit }: AppOptions) {
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
    logger('error', 'unhandled error', { requestId: c.get('requestId'), error: String(error), stack: (error as Error).stack });
    return c.json({ error: { code: 'internal', message: 'The server failed; the error has been logged.', details: { requestId: c.get('requestId') } } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));

  app.get('/healthz', (c) => c.json({ ok: true, database: db.dialect }));
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument()));

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
    return c.json(await pull(db, c.get('who'), query));
  });

  app.route('/v1', v1);
  return app;
}
