import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { demoIds, demoWorkspace } from '../utils/demo';
import { encodeConnectCode, type Role } from '../utils/model';
import type { Db } from './db/connect';
import { putRecord } from './records';
import { addMemberIn, rotateToken } from './team';

export const demoServerWorkspaceId = '00000000-0000-4000-8000-0000000000d0';

const demoMembers: { memberId: string; name: string; role: Role }[] = [
  { memberId: demoIds.you, name: 'Alex Admin', role: 'admin' },
  { memberId: demoIds.marketer, name: 'Priya Shah', role: 'marketing' },
  { memberId: demoIds.rep, name: 'Jordan Lee', role: 'sales' },
];

export interface DemoCodes {
  serverUrl: string;
  members: { role: Role; name: string; memberId: string; connectCode: string }[];
}

/**
 * The demo workspace on a server: the same definition, campaigns, plays and feedback as the
 * extension's, and one member of each role. Creates it on first run; afterwards reads the
 * connect codes from `codesFile` (mode 0600), or makes new ones if that file is gone.
 */
export async function ensureServerDemo(db: Db, serverUrl: string, codesFile: string): Promise<{ created: boolean; codes: DemoCodes }> {
  const exists = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', demoServerWorkspaceId).executeTakeFirst();
  if (exists && existsSync(codesFile)) {
    const saved = JSON.parse(readFileSync(codesFile, 'utf8')) as DemoCodes;
    if (saved.serverUrl === serverUrl) return { created: false, codes: saved };
  }
  const tokens = new Map<string, string>();
  if (!exists) {
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('workspaces').values({ id: demoServerWorkspaceId, name: 'Demo workspace', seq: 0, created_at: new Date().toISOString() }).execute();
      for (const m of demoMembers) tokens.set(m.memberId, (await addMemberIn(trx, demoServerWorkspaceId, m.name, m.role, m.memberId)).token);
      for (const { type, record } of demoWorkspace().records) {
        if (type !== 'member') await putRecord(trx, demoServerWorkspaceId, type, record);
      }
    });
  } else {
    for (const m of demoMembers) tokens.set(m.memberId, (await rotateToken(db, m.memberId)).token);
  }
  const codes: DemoCodes = {
    serverUrl,
    members: demoMembers.map((m) => ({ role: m.role, name: m.name, memberId: m.memberId, connectCode: encodeConnectCode({ serverUrl, token: tokens.get(m.memberId)! }) })),
  };
  mkdirSync(dirname(codesFile), { recursive: true });
  writeFileSync(codesFile, `${JSON.stringify(codes, null, 2)}\n`, { mode: 0o600 });
  chmodSync(codesFile, 0o600);
  return { created: !exists, codes };
}
