import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import { silentLogger } from '../../server/log';
import { addMember, createWorkspace } from '../../server/team';
import { parseConnectCode } from '../model';
import { adminClient } from './admin';
import { exchangeConnectCode } from './connect';
import type { Fetch } from './transport';

// The Team section's calls for devices (issue 17), against the real server app.

const server = 'http://127.0.0.1:8787';

describe("the admin client's devices", () => {
  let dir: string;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const appFetch: Fetch = (input, init) => Promise.resolve(app.request(input, init));
  const status = async (token: string) => (await app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-admin-devices-'));
    db = await openDatabase(join(dir, 'tandem.sqlite'));
    app = createApp({ db, logger: silentLogger, publicUrl: server });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a code for another browser, lists the devices, revokes one of them, and replaces all of them', async () => {
    const admin = await createWorkspace(db, 'Acme', 'Ada Admin');
    const rep = await addMember(db, admin.workspaceId, 'Jordan Lee', 'sales');
    const client = adminClient(server, admin.token, appFetch);

    const issued = await client.newConnectCode(rep.memberId);
    expect(issued.expiresAt).toMatch(/^\d{4}-/);
    const laptop = await exchangeConnectCode(server, parseConnectCode(issued.connectCode).code!, appFetch);
    expect(await status(rep.token)).toBe(200);

    const { members } = await client.members();
    expect(members.find((m) => m.memberId === admin.memberId)!.devices!.map((d) => [d.name, d.current])).toEqual([['Token from the server CLI', true]]);
    expect(members.find((m) => m.memberId === rep.memberId)!.devices!.map((d) => d.deviceId)).toEqual([rep.deviceId, laptop.deviceId]);

    const { member } = await client.revokeDevice(rep.memberId, laptop.deviceId);
    expect(member.devices!.map((d) => d.deviceId)).toEqual([rep.deviceId]);
    expect(await status(laptop.token)).toBe(401);
    expect(await status(rep.token)).toBe(200);

    const replaced = await client.replaceAccess(rep.memberId);
    expect(await status(rep.token)).toBe(401);
    const fresh = await exchangeConnectCode(server, parseConnectCode(replaced.connectCode).code!, appFetch);
    expect(await status(fresh.token)).toBe(200);
    await expect(client.revokeDevice(rep.memberId, crypto.randomUUID())).rejects.toThrow(/No device/);
    await expect(client.revokeDevice(admin.memberId, admin.deviceId)).rejects.toThrow(/the browser you are using now/);
  });
});
