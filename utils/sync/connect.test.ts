import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace, revokeMember } from '../../server/team';
import { encodeConnectCode } from '../model';
import { checkServer, readConnectInput } from './connect';
import type { Fetch } from './transport';

const token = `tdm_${'a'.repeat(43)}`;

describe('reading what a person pasted', () => {
  it.each([
    ['a connect code for a local server', { code: encodeConnectCode({ serverUrl: 'http://127.0.0.1:8787', token }) }, 'http://127.0.0.1:8787'],
    ['a remote https server and a token', { serverUrl: 'https://tandem.example.com/', token }, 'https://tandem.example.com'],
    ['localhost over http', { serverUrl: 'http://localhost:8787', token }, 'http://localhost:8787'],
  ])('accepts %s', (_what, input, origin) => {
    expect(readConnectInput(input).serverUrl).toBe(origin);
  });

  it.each([
    ['plain http to a remote host', { serverUrl: 'http://tandem.example.com', token }, /only talks to a remote server over https/],
    ['a token that is not Tandem’s', { serverUrl: 'https://tandem.example.com', token: 'hunter2' }, /starts with “tdm_”/],
    ['a URL that is not one', { serverUrl: 'tandem dot example', token }, /Write the server address as a URL/],
    ['a code cut short', { code: 'tandem1.eyJ1Ijoi' }, /damaged: copy the whole code again/],
    ['something else entirely', { code: 'hello' }, /starts with “tandem1.”/],
  ])('refuses %s with a message that says what to do', (_what, input, message) => {
    expect(() => readConnectInput(input as never)).toThrow(message);
  });
});

describe('checking a server before saving it', () => {
  let dir: string;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let admin: { workspaceId: string; memberId: string; token: string };
  const appFetch: Fetch = (input, init) => Promise.resolve(app.request(input, init));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-connect-'));
    db = await openDatabase(join(dir, 'tandem.sqlite'));
    app = createApp({ db, logger: silentLogger });
    admin = await createWorkspace(db, 'Acme', 'Ada Admin');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says who the token belongs to', async () => {
    const me = await checkServer({ serverUrl: 'http://tandem.test', token: admin.token }, appFetch);
    expect(me).toMatchObject({ workspace: { name: 'Acme' }, member: { name: 'Ada Admin', role: 'admin' } });
  });

  it('tells an unreachable server from one that is not Tandem, and a refused token', async () => {
    const down: Fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(checkServer({ serverUrl: 'http://tandem.test', token: admin.token }, down)).rejects.toThrow(/cannot be reached/);
    const other: Fetch = () => Promise.resolve(new Response('<html>Welcome to nginx</html>', { status: 200 }));
    await expect(checkServer({ serverUrl: 'http://tandem.test', token: admin.token }, other)).rejects.toThrow(/not a Tandem server/);
    await expect(checkServer({ serverUrl: 'http://tandem.test', token }, appFetch)).rejects.toThrow(/wrong or has been revoked/);
    const rep = await addMember(db, admin.workspaceId, 'Jordan', 'sales');
    await expect(checkServer({ serverUrl: 'http://tandem.test', token: rep.token }, appFetch)).resolves.toMatchObject({ member: { role: 'sales' } });
    await revokeMember(db, rep.memberId);
    await expect(checkServer({ serverUrl: 'http://tandem.test', token: rep.token }, appFetch)).rejects.toThrow(/wrong or has been revoked/);
  });
});
