import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace, revokeMember } from '../../server/team';
import { listWorkspaces, mutate, openWorkspaceDb, saveServerWorkspace, type WorkspaceInfo } from '../store';
import { backoffMs, createSyncScheduler } from './scheduler';
import { readSyncStatus } from './status';
import type { Fetch } from './transport';

let dir: string;
let db: Db;
let online = true;
/** What the server answers instead of the real thing, when set. */
let fault: (() => Response) | null = null;
let requests: string[] = [];
let info: WorkspaceInfo;
let scheduler: ReturnType<typeof createSyncScheduler>;
let adminFetch: (path: string, init?: RequestInit) => Promise<Response>;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  dir = mkdtempSync(join(tmpdir(), 'tandem-scheduler-'));
  db = await openDatabase(join(dir, 'tandem.sqlite'));
  const app = createApp({ db, logger: silentLogger, rateLimit: { capacity: 1e6, refillPerSecond: 1e6 } });
  const { workspaceId, token: adminToken } = await createWorkspace(db, 'Acme', 'Ada');
  adminFetch = (path, init = {}) =>
    Promise.resolve(app.request(`http://tandem.test${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' } }));
  const rep = await addMember(db, workspaceId, 'Jordan', 'sales');
  online = true;
  fault = null;
  requests = [];
  const flaky: Fetch = (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
    if (!online) return Promise.reject(new TypeError('offline'));
    return Promise.resolve(fault ? fault() : app.request(input, init));
  };
  adminlessFetch = (input, init) => Promise.resolve(app.request(input, init));
  info = {
    id: workspaceId,
    name: 'Acme',
    kind: 'server',
    serverUrl: 'http://tandem.test',
    member: { memberId: rep.memberId, name: 'Jordan', role: 'sales' },
    addedAt: new Date().toISOString(),
  };
  await saveServerWorkspace(info, rep.token);
  scheduler = createSyncScheduler({ fetch: flaky, random: () => 0.5, debounceMs: 10 });
});

afterEach(async () => {
  scheduler.dispose();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
let adminlessFetch: Fetch;

async function status() {
  const ws = await openWorkspaceDb(info.id);
  try {
    return { ...(await readSyncStatus(ws)), waiting: await ws.count('outbox') };
  } finally {
    ws.close();
  }
}

async function giveFeedback() {
  const ws = await openWorkspaceDb(info.id);
  await mutate(ws, info.id, 'feedback.create', { id: crypto.randomUUID(), subject: { contactKey: 'email:a@b.co' }, verdict: 'accept', reasons: [], note: '' }, info.member);
  ws.close();
}

describe('the sync scheduler', () => {
  it('backs off exponentially with jitter, up to five minutes', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, () => 0.5)).toBe(300_000);
    expect(backoffMs(1, () => 0)).toBe(500);
    expect(backoffMs(1, () => 0.999)).toBeCloseTo(1499, 0);
  });

  it('syncs, goes offline with work waiting and a retry time, and catches up when the network returns', async () => {
    await scheduler.syncAll('startup');
    expect(await status()).toMatchObject({ state: 'synced', failures: 0, waiting: 0 });

    online = false;
    await giveFeedback();
    await scheduler.request(info.id, 'manual');
    const offline = await status();
    expect(offline).toMatchObject({ state: 'offline', failures: 1, waiting: 1, message: expect.stringContaining('cannot be reached') });
    expect(Date.parse(offline.nextAttemptAt!) - Date.parse(offline.at)).toBe(1000);

    // An alarm inside the backoff window does not hammer the server.
    online = true;
    await scheduler.syncAll('alarm');
    expect(await status()).toMatchObject({ state: 'offline', waiting: 1 });
    // "Retry now" does not wait.
    await scheduler.request(info.id, 'manual');
    expect(await status()).toMatchObject({ state: 'synced', failures: 0, waiting: 0 });
  });

  it('stops syncing when the token is revoked, until the person asks', async () => {
    await giveFeedback();
    await revokeMember(db, info.member.memberId);
    await scheduler.syncAll('alarm');
    expect(await status()).toMatchObject({ state: 'revoked', waiting: 1, message: expect.stringContaining('revoked') });
    await scheduler.syncAll('alarm');
    expect(await status()).toMatchObject({ state: 'revoked', failures: 1 });
  });

  it('follows the role an admin gives the member: the install may then do what the role allows', async () => {
    const campaign = {
      doc: { id: crypto.randomUUID(), name: 'Spring', product: 'Tandem', status: 'active', startsOn: '2026-03-01', audience: [], targetAccounts: [], talkingPoints: [], offer: '', assets: [], owner: 'Jordan' },
      baseVersion: 0,
    };
    const write = async () => {
      const current = (await listWorkspaces()).find((w) => w.id === info.id)!;
      const ws = await openWorkspaceDb(info.id);
      try {
        await mutate(ws, info.id, 'campaign.put', campaign, current.member);
      } finally {
        ws.close();
      }
    };
    await scheduler.syncWorkspace(info, 'manual');
    await expect(write()).rejects.toThrow(/A sales member cannot/);

    const answer = await adminFetch(`/v1/admin/members/${info.member.memberId}`, { method: 'PATCH', body: JSON.stringify({ role: 'marketing' }) });
    expect(answer.status).toBe(200);
    await scheduler.request(info.id, 'manual');
    expect((await listWorkspaces()).find((w) => w.id === info.id)!.member).toMatchObject({ role: 'marketing', name: 'Jordan' });
    await write();
    await scheduler.request(info.id, 'manual');
    expect(await status()).toMatchObject({ state: 'synced', waiting: 0 });
  });

  it('sends a burst of writes in one push after the debounce, and not at all once disposed', async () => {
    await giveFeedback();
    await giveFeedback();
    await Promise.all([scheduler.request(info.id, 'write'), scheduler.request(info.id, 'write')]);
    expect(await status()).toMatchObject({ waiting: 2 });
    await sleep(150);
    expect(await status()).toMatchObject({ state: 'synced', waiting: 0 });
    expect(requests.filter((r) => r === 'POST /v1/push')).toHaveLength(1);

    await giveFeedback();
    await scheduler.request(info.id, 'write');
    scheduler.dispose();
    await sleep(150);
    expect(await status()).toMatchObject({ waiting: 1 });
  });

  it('says what the server said on an error, waits as long as a rate limit asks, and retries by itself when the time comes', async () => {
    await giveFeedback();
    fault = () => new Response(JSON.stringify({ error: { code: 'internal', message: 'The database is down.' } }), { status: 503, headers: { 'content-type': 'application/json' } });
    await scheduler.request(info.id, 'manual');
    const failed = await status();
    expect(failed).toMatchObject({ state: 'error', message: 'The database is down.', failures: 1, waiting: 1 });
    expect(Date.parse(failed.nextAttemptAt!) - Date.parse(failed.at)).toBe(1000);

    fault = () => new Response(JSON.stringify({ error: { code: 'rate-limited', message: 'Slow down.' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '7' } });
    await scheduler.request(info.id, 'manual');
    const limited = await status();
    expect(limited).toMatchObject({ state: 'error', message: 'The server asked Tandem to slow down; it will retry by itself.', failures: 2 });
    expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.at)).toBe(7000);

    // The retry is scheduled: an error with a one-second backoff syncs again on its own.
    fault = () => new Response('{}', { status: 500, headers: { 'content-type': 'application/json' } });
    const quick = createSyncScheduler({ fetch: (input, init) => (fault ? Promise.resolve(fault()) : adminlessFetch(input, init)), random: () => 0, debounceMs: 10 });
    try {
      await quick.request(info.id, 'manual');
      expect(await status()).toMatchObject({ state: 'error', failures: 3 });
      fault = null;
      // An alarm inside the backoff window waits for it; then the scheduled retry syncs.
      await quick.syncAll('alarm');
      expect(await status()).toMatchObject({ state: 'error', waiting: 1 });
      await sleep(3000);
      expect(await status()).toMatchObject({ state: 'synced', failures: 0, waiting: 0 });
    } finally {
      quick.dispose();
    }
  });

  it('a write during a sync syncs again after it; an alarm during a sync joins it', async () => {
    await scheduler.syncAll('startup');
    requests = [];
    await giveFeedback();
    const first = scheduler.syncWorkspace(info, 'alarm');
    const joined = scheduler.syncWorkspace(info, 'alarm');
    const again = scheduler.syncWorkspace(info, 'manual');
    await Promise.all([first, joined, again]);
    expect(requests.filter((r) => r === 'GET /v1/pull').length).toBe(2);
    expect(await status()).toMatchObject({ state: 'synced', waiting: 0 });
  });

  it('leaves alone a workspace that is not on a server, or unknown', async () => {
    await scheduler.request(crypto.randomUUID(), 'manual');
    await scheduler.syncWorkspace({ ...info, serverUrl: undefined }, 'manual');
    expect(requests).toEqual([]);
    expect(await status()).toMatchObject({ state: 'idle' });
  });
});
