import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { createWorkspace, newConnectCode } from '../../server/team';
import { encodeConnectCode, parseConnectCode } from '../model';
import { connect, exchangeConnectCode, readConnectInput } from './connect';
import type { Fetch } from './transport';

// Issue 17: a connect code holds a one-time code that the extension trades for a token of
// its own; the token never travels in a URL, and a code works once.

const server = 'http://127.0.0.1:8787';
const code = `tdc_${'c'.repeat(43)}`;
const token = `tdm_${'t'.repeat(43)}`;

describe('reading a connect code', () => {
  it('finds the one-time code in a code made now, and the token in one made before', () => {
    expect(readConnectInput({ code: encodeConnectCode({ serverUrl: 'https://tandem.example.com/', code }) })).toMatchObject({ serverUrl: 'https://tandem.example.com', code });
    const older = readConnectInput({ code: encodeConnectCode({ serverUrl: 'http://127.0.0.1:8787', token }) });
    expect(older).toMatchObject({ serverUrl: 'http://127.0.0.1:8787', token });
    expect(older.code).toBeUndefined();
  });

  it('refuses a code whose secret is neither', () => {
    const forged = `tandem1.${btoa(JSON.stringify({ u: server, c: 'tdm_not-a-code' })).replace(/=+$/, '')}`;
    expect(() => parseConnectCode(forged)).toThrow(/This connect code is not valid: This is not a Tandem connect code/);
  });
});

describe('trading a connect code for this browser’s token', () => {
  let dir: string;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let admin: Awaited<ReturnType<typeof createWorkspace>>;
  const sent: { url: string; init?: RequestInit }[] = [];
  const appFetch: Fetch = (input, init) => {
    sent.push({ url: input, init });
    return Promise.resolve(app.request(input, init));
  };
  const freshCode = async () => (await newConnectCode(db, admin.memberId)).code.code;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-connect-code-'));
    db = await openDatabase(join(dir, 'tandem.sqlite'));
    app = createApp({ db, logger: silentLogger });
    admin = await createWorkspace(db, 'Acme', 'Ada Admin');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets a token of its own that works, sending the code in a POST body and never in a URL; the same code again is refused with what to do', async () => {
    const oneTime = await freshCode();
    sent.length = 0;
    const answer = await exchangeConnectCode(server, oneTime, appFetch);
    expect(answer).toMatchObject({ workspace: { name: 'Acme' }, member: { id: admin.memberId, name: 'Ada Admin', role: 'admin' } });
    expect(answer.token).toMatch(/^tdm_/);
    expect(answer.token).not.toBe(admin.token);
    expect(sent.map((s) => [s.init?.method ?? 'GET', s.url])).toEqual([
      ['GET', `${server}/healthz`],
      ['POST', `${server}/v1/connect`],
    ]);
    expect(JSON.parse(sent[1]!.init!.body as string)).toEqual({ code: oneTime });
    expect(new Headers(sent[1]!.init!.headers).get('authorization')).toBeNull();
    expect((await app.request('/v1/me', { headers: { authorization: `Bearer ${answer.token}` } })).status).toBe(200);

    await expect(exchangeConnectCode(server, oneTime, appFetch)).rejects.toThrow('This connect code was already used or has expired. Ask your admin for a new one.');
  });

  it('refuses an expired code with the same words', async () => {
    const expired = (await newConnectCode(db, admin.memberId, {}, { now: new Date(Date.now() - 25 * 3_600_000) })).code.code;
    await expect(exchangeConnectCode(server, expired, appFetch)).rejects.toThrow('This connect code was already used or has expired. Ask your admin for a new one.');
  });

  it('tells an unreachable server, one that is not Tandem, a rate limit and an answer it cannot read apart', async () => {
    const down: Fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(exchangeConnectCode(server, code, down)).rejects.toThrow(/cannot be reached/);
    const nginx: Fetch = () => Promise.resolve(new Response('<html>Welcome to nginx</html>', { status: 200 }));
    await expect(exchangeConnectCode(server, code, nginx)).rejects.toThrow(/not a Tandem server/);
    const healthy = (connectAnswer: Response): Fetch => (input) =>
      Promise.resolve(input.endsWith('/healthz') ? Response.json({ ok: true }) : connectAnswer);
    const limited = Response.json({ error: { code: 'rate-limited', message: 'Too many connect attempts from this address; try again in 3 s.' } }, { status: 429 });
    await expect(exchangeConnectCode(server, code, healthy(limited))).rejects.toThrow('Too many connect attempts from this address; try again in 3 s.');
    await expect(exchangeConnectCode(server, code, healthy(new Response('nope', { status: 401 })))).rejects.toThrow(/already used or has expired/);
    await expect(exchangeConnectCode(server, code, healthy(new Response('oops', { status: 502 })))).rejects.toThrow(/answered 502/);
    await expect(exchangeConnectCode(server, code, healthy(Response.json({ token: 'x' }, { status: 201 })))).rejects.toThrow(/cannot read/);
  });

  it('connects with a code by trading it, and with a token (typed in, or in an older code) by checking it', async () => {
    const viaCode = await connect(readConnectInput({ code: encodeConnectCode({ serverUrl: server, code: await freshCode() }) }), appFetch);
    expect(viaCode.me.member.id).toBe(admin.memberId);
    expect(viaCode.token).not.toBe(admin.token);
    expect(viaCode.serverUrl).toBe(server);

    sent.length = 0;
    const viaToken = await connect(readConnectInput({ code: encodeConnectCode({ serverUrl: server, token: admin.token }) }), appFetch);
    expect(viaToken).toEqual({ serverUrl: server, token: admin.token, me: { workspace: { id: admin.workspaceId, name: 'Acme' }, member: { id: admin.memberId, name: 'Ada Admin', role: 'admin' } } });
    expect(sent.map((s) => s.url)).toEqual([`${server}/healthz`, `${server}/v1/me`]);
  });
});
