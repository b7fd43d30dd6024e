import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, maxBodyBytes, maxHeaderBytes } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { startServer, type RunningServer } from '../../server/main';
import { addressKey, defaultAuthFailureLimit, defaultMaxBuckets, RateLimiter } from '../../server/rate-limit';
import { createWorkspace } from '../../server/team';
import { ErrorBody } from '../../utils/model';
import { databaseKinds, freshDatabase, type FreshDatabase } from './databases';

/**
 * Floods of made-up tokens and oversized bodies: the server answers each with its JSON error
 * (401, 429 with Retry-After, 413), keeps no memory for them, and serves valid tokens and the
 * next request on the same connection as if nothing happened.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** The heap in use after full collections, in MiB. */
function heapMiB(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** A made-up token of about `chars` characters, shaped like Tandem's but far too long. */
const longToken = (chars: number) => `tdm_${randomBytes(Math.ceil((chars * 3) / 4)).toString('base64url').slice(0, chars - 4)}`;
/** A made-up token with exactly the shape of Tandem's: it takes a lookup to refuse. */
const wellFormedToken = () => `tdm_${randomBytes(32).toString('base64url')}`;

describe('the rate limiter', () => {
  it('holds at most maxBuckets, dropping the one used least recently', () => {
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1, maxBuckets: 3 });
    const now = 1_000_000;
    expect(limiter.take('a', now)).toBe(0);
    expect(limiter.take('a', now)).toBe(0);
    expect(limiter.take('a', now)).toBe(1); // empty: wait a second
    limiter.take('b', now);
    limiter.take('c', now);
    limiter.take('a', now); // a is the most recent again
    limiter.take('d', now); // b goes, not a
    expect(limiter.size).toBe(3);
    expect(limiter.take('a', now)).toBe(1); // a kept its empty bucket
    expect(limiter.take('b', now)).toBe(0); // b starts again full
  });

  it('keeps at most 10,000 buckets by default, in a few MiB, however many keys it sees', () => {
    const limiter = new RateLimiter();
    const before = heapMiB();
    for (let i = 0; i < 50_000; i++) limiter.take(createHash('sha256').update(`token ${i}`).digest('hex'));
    const grown = heapMiB() - before;
    expect(defaultMaxBuckets).toBe(10_000);
    expect(limiter.size).toBe(10_000);
    // Measured: about 2.2 MiB for 10,000 buckets keyed by a SHA-256 in hex.
    expect(grown).toBeLessThan(12);
  });

  it('counts an IPv6 client by its /64 and an IPv4 one by its address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('x'.repeat(500)).length).toBeLessThanOrEqual(64);
  });
});

describe.each(databaseKinds)('floods of made-up tokens on %s', (kind) => {
  let fresh: FreshDatabase;
  let db: Db;
  let token: string;

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.location);
    token = (await createWorkspace(db, 'Floods', 'Ada Admin')).token;
  });
  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });

  /** What @hono/node-server hands the app: the socket the request came on. */
  const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

  async function expectJsonError(res: Response, statuses: number[]) {
    expect(statuses).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { error } = ErrorBody.parse(await res.json());
    expect(error.code).toBe(res.status === 429 ? 'rate-limited' : 'unauthenticated');
    if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  }

  it('answers thousands of made-up tokens with 401 or 429 and keeps none of them (the limiter kept every raw token: +47 MiB for 3,000)', async () => {
    const app = createApp({ db, logger: silentLogger });
    const me = (authorization: string, address: string) => app.request('/v1/me', { headers: { authorization } }, from(address));
    // Warm up whatever the first requests load, so only what the flood leaves behind is measured.
    for (let i = 0; i < 50; i++) await (await me(`Bearer ${wellFormedToken()}`, `198.51.100.${i}`)).arrayBuffer();
    const before = heapMiB();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 4_000; i++) {
      // 16 KB tokens, and tokens shaped like Tandem's, from 4,000 addresses and from one.
      const made = i % 4 === 3 ? wellFormedToken() : longToken(16_000);
      const res = await me(`Bearer ${made}`, i % 2 ? `2001:db8:${i.toString(16)}::1` : '192.0.2.1');
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (i % 100 === 0) await expectJsonError(res, [401, 429]);
      else await res.arrayBuffer();
    }
    const grown = heapMiB() - before;
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    // Measured: about 1 MiB (the raw tokens kept as bucket keys grew it by about 64 MiB).
    expect(grown).toBeLessThan(16);
    // The app, and its limiter, are still in use: it was not collected with the flood.
    expect((await app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } }, from('192.0.2.1'))).status).toBe(200);
  });

  it('refuses a token of the wrong length or alphabet without a database lookup', async () => {
    const app = createApp({ db, logger: silentLogger });
    const lookups = vi.spyOn(db.kysely, 'selectFrom');
    try {
      const malformed = [
        longToken(16_000),
        longToken(48),
        `tdm_${'A'.repeat(42)}`,
        `tdm_${'A'.repeat(44)}`,
        `tdm_${'A'.repeat(42)}=`,
        `tdm_${'A'.repeat(42)}.`,
        `tdx_${'A'.repeat(43)}`,
        `TDM_${'A'.repeat(43)}`,
        `tdm_${'é'.repeat(43)}`,
        'not-a-token',
      ];
      for (const made of malformed) {
        const res = await app.request('/v1/me', { headers: { authorization: `Bearer ${made}` } }, from('203.0.113.50'));
        await expectJsonError(res, [401]);
      }
      expect(lookups).not.toHaveBeenCalled();
      // One shaped like Tandem's is looked up, and refused.
      await expectJsonError(await app.request('/v1/me', { headers: { authorization: `Bearer ${wellFormedToken()}` } }, from('203.0.113.50')), [401]);
      expect(lookups).toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });

  it('limits failed authentications per address with 429, and still serves a valid token from it', async () => {
    const app = createApp({ db, logger: silentLogger, authFailureLimit: { capacity: 10, refillPerSecond: 0.01 } });
    const me = (authorization: string, address: string) => app.request('/v1/me', { headers: { authorization } }, from(address));
    const office = '192.0.2.77';
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await me(`Bearer ${i % 2 ? wellFormedToken() : longToken(300)}`, office);
      seen.push(res.status);
      await expectJsonError(res, [401, 429]);
    }
    expect(seen.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(seen.slice(10)).toEqual(Array(20).fill(429));
    // The office's valid token is served, again and again, and its successes count for nothing.
    for (let i = 0; i < 20; i++) expect((await me(`Bearer ${token}`, office)).status).toBe(200);
    // Another address has failures of its own to spend; the office's are still spent.
    await expectJsonError(await me(`Bearer ${wellFormedToken()}`, '192.0.2.78'), [401]);
    await expectJsonError(await me(`Bearer ${wellFormedToken()}`, office), [429]);
    // Addresses of one IPv6 /64 share their failures.
    for (let i = 0; i < 10; i++) await me('Bearer nope', `2001:db8:5:6::${i + 1}`);
    await expectJsonError(await me('Bearer nope', '2001:db8:5:6:ffff::9'), [429]);
  });
});

/** One request over node:http, so Node's own limits and the connection's fate are real. */
function send(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean; agent?: http.Agent }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((done, fail) => {
    const req = http.request(`${url}${path}`, { method: init.method ?? 'GET', headers: init.headers, agent: init.agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', fail);
    if (init.body && init.chunked) {
      for (let at = 0; at < init.body.length; at += 64 * 1024) req.write(init.body.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(init.body);
  });
}

function expectErrorText(answer: { status: number; headers: http.IncomingHttpHeaders; text: string }, status: number, code: string) {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(ErrorBody.parse(JSON.parse(answer.text)).error.code).toBe(code);
}

describe.each(databaseKinds)('a real server on %s', (kind) => {
  let fresh: FreshDatabase;
  let running: RunningServer;
  let token: string;

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    running = await startServer({ port: 0, database: fresh.location, logger: silentLogger, webhooks: false });
    token = (await createWorkspace(running.db, 'Real', 'Ada Admin')).token;
  });
  afterAll(async () => {
    await running?.close();
    await fresh?.drop();
  });

  it('answers a 16 KB made-up token with 401, not 431 (Node refused it before the app saw it)', async () => {
    // Each from an address of its own (through the proxy on this machine), so none is limited.
    for (const [i, chars] of [16_000, 16_384, 20_000, 60_000].entries()) {
      const answer = await send(running.url, '/v1/me', { headers: { authorization: `Bearer ${longToken(chars)}`, 'x-forwarded-for': `198.51.100.${i + 1}` } });
      expectErrorText(answer, 401, 'unauthenticated');
    }
    // A header bigger than any limit is still refused by Node, before Tandem's code runs.
    const huge = await send(running.url, '/v1/me', { headers: { authorization: `Bearer ${longToken(maxHeaderBytes + 1_000)}` } });
    expect(huge.status).toBe(431);
  });

  it('answers a flood of made-up tokens from one address with 401, then 429 with Retry-After, never 400 or 431, and serves a valid token from it', async () => {
    const seen = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const made = [longToken(16_000), wellFormedToken(), 'x', longToken(100)][i % 4]!;
      const answer = await send(running.url, '/v1/pull', { headers: { authorization: `Bearer ${made}`, 'x-forwarded-for': '203.0.113.200' } });
      seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
      if (answer.status === 429) {
        expectErrorText(answer, 429, 'rate-limited');
        expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      } else expectErrorText(answer, 401, 'unauthenticated');
    }
    expect(seen.get(401)).toBeGreaterThanOrEqual(defaultAuthFailureLimit.capacity);
    expect(seen.get(429)).toBeGreaterThan(100);
    expect([...seen.keys()].sort()).toEqual([401, 429]);
    for (let i = 0; i < 10; i++) {
      const me = await send(running.url, '/v1/me', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.200' } });
      expect(me.status, me.text).toBe(200);
    }
  });

  it('closes the connection after a 413, so the next request on a keep-alive connection works (it failed with a socket error)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = Buffer.alloc(maxBodyBytes * 2, 'x');
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      for (const chunked of [false, true]) {
        const headers = chunked ? auth : { ...auth, 'content-length': String(big.length) };
        const tooLarge = await send(running.url, '/v1/push', { method: 'POST', headers, body: big, chunked, agent });
        expectErrorText(tooLarge, 413, 'too-large');
        expect(tooLarge.headers.connection).toBe('close');
        const next = await send(running.url, '/v1/me', { headers: { authorization: `Bearer ${token}` }, agent });
        expect(next.status, next.text).toBe(200);
      }
      // Any 413, like the connect route's (a smaller limit of its own), whose body comes in chunks.
      const connect = await send(running.url, '/v1/connect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(512 * 1024, 'x'), chunked: true, agent });
      expectErrorText(connect, 413, 'too-large');
      expect((await send(running.url, '/v1/me', { headers: { authorization: `Bearer ${token}` }, agent })).status).toBe(200);
      // The same for any answer given before a large body was read, like a token that is not valid.
      const refused = await send(running.url, '/v1/push', {
        method: 'POST',
        headers: { authorization: 'Bearer nope', 'content-length': String(900 * 1024), 'x-forwarded-for': '198.51.100.99' },
        body: Buffer.alloc(900 * 1024, 'x'),
        agent,
      });
      expectErrorText(refused, 401, 'unauthenticated');
      expect((await send(running.url, '/v1/me', { headers: { authorization: `Bearer ${token}` }, agent })).status).toBe(200);
      // An answer after the body was read keeps the connection.
      const read = await send(running.url, '/v1/push', { method: 'POST', headers: auth, body: Buffer.from('{}'), agent });
      expectErrorText(read, 400, 'invalid');
      expect(read.headers.connection).toBe('keep-alive');
    } finally {
      agent.destroy();
    }
  });
});
