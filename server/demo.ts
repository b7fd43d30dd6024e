import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { demoIds, demoWorkspace } from '../utils/demo';
import { encodeConnectCode, parseConnectCode, type Role } from '../utils/model';
import type { Db } from './db/connect';
import { putRecord } from './records';
import { addCodeIn, addDeviceIn, addMemberIn, type CodeOptions } from './team';
import { hashToken } from './tokens';

export const demoServerWorkspaceId = '00000000-0000-4000-8000-0000000000d0';

const demoMembers: { memberId: string; name: string; role: Role }[] = [
  { memberId: demoIds.you, name: 'Alex Admin', role: 'admin' },
  { memberId: demoIds.marketer, name: 'Priya Shah', role: 'marketing' },
  { memberId: demoIds.rep, name: 'Jordan Lee', role: 'sales' },
];

/** What the demo's devices are called in the Team section. */
const demoTokenName = 'Demo API token (npm start)';

export interface DemoCodes {
  serverUrl: string;
  /**
   * Per member: a fresh one-time connect code (for one browser, until `expiresAt`), and an
   * API token of the member's own (one device, kept from run to run) for trying the API.
   */
  members: { role: Role; name: string; memberId: string; connectCode: string; expiresAt: string; token: string }[];
}

/** The API tokens an earlier run saved, by member (an older file's codes held the token itself). */
function savedTokens(codesFile: string): Map<string, string> {
  const tokens = new Map<string, string>();
  if (!existsSync(codesFile)) return tokens;
  try {
    const saved = JSON.parse(readFileSync(codesFile, 'utf8')) as { members?: { memberId?: string; token?: string; connectCode?: string }[] };
    for (const m of saved.members ?? []) {
      const token = m.token ?? (m.connectCode ? parseConnectCode(m.connectCode).token : undefined);
      if (m.memberId && token) tokens.set(m.memberId, token);
    }
  } catch {
    // A damaged file: the members get new tokens.
  }
  return tokens;
}

/**
 * The demo workspace on a server: the same definition, campaigns, plays and feedback as the
 * extension's, and one member of each role. Creates it on first run. Every run makes a fresh
 * connect code for each member (a code works once); each member's API token is kept in
 * `codesFile` (mode 0600) and made anew, as one more device, only if that file is gone or the
 * token no longer works. Browsers connected earlier keep their own tokens either way.
 */
export async function ensureServerDemo(db: Db, serverUrl: string, codesFile: string, code: CodeOptions = {}): Promise<{ created: boolean; codes: DemoCodes }> {
  const exists = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', demoServerWorkspaceId).executeTakeFirst();
  if (!exists) {
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('workspaces').values({ id: demoServerWorkspaceId, name: 'Demo workspace', seq: 0, created_at: new Date().toISOString() }).execute();
      for (const m of demoMembers) await addMemberIn(trx, demoServerWorkspaceId, m.name, m.role, m.memberId);
      for (const { type, record } of demoWorkspace().records) {
        if (type !== 'member') await putRecord(trx, demoServerWorkspaceId, type, record);
      }
    });
  }
  const saved = savedTokens(codesFile);
  const members = await db.writeTransaction(demoServerWorkspaceId, async (trx) => {
    const issued: DemoCodes['members'] = [];
    for (const m of demoMembers) {
      const member = await trx.selectFrom('members').select('revoked').where('id', '=', m.memberId).executeTakeFirst();
      // A demo member someone revoked gets no code: it could not connect.
      if (!member || member.revoked) continue;
      const earlier = saved.get(m.memberId);
      const works = earlier
        ? await trx.selectFrom('tokens').select('id').where('hash', '=', hashToken(earlier)).where('member_id', '=', m.memberId).where('revoked_at', 'is', null).executeTakeFirst()
        : undefined;
      const token = works && earlier ? earlier : (await addDeviceIn(trx, demoServerWorkspaceId, m.memberId, demoTokenName)).token;
      const fresh = await addCodeIn(trx, demoServerWorkspaceId, m.memberId, code);
      issued.push({ role: m.role, name: m.name, memberId: m.memberId, connectCode: encodeConnectCode({ serverUrl, code: fresh.code }), expiresAt: fresh.expiresAt, token });
    }
    return issued;
  });
  const codes: DemoCodes = { serverUrl, members };
  mkdirSync(dirname(codesFile), { recursive: true });
  writeFileSync(codesFile, `${JSON.stringify(codes, null, 2)}\n`, { mode: 0o600 });
  chmodSync(codesFile, 0o600);
  return { created: !exists, codes };
}
