import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { Member, type Role } from '../utils/model';
import type { Database } from './db/schema';
import type { Db } from './db/connect';
import { putRecord } from './records';
import { hashToken, newToken } from './tokens';

/** Workspaces, members and tokens: what the CLI and the admin routes change. */

export interface Identity {
  workspaceId: string;
  workspaceName: string;
  memberId: string;
  memberName: string;
  role: Role;
}

const now = () => new Date().toISOString();

export async function addMemberIn(
  trx: Transaction<Database>,
  workspaceId: string,
  name: string,
  role: Role,
  memberId: string = randomUUID(),
): Promise<{ memberId: string; token: string }> {
  const at = now();
  await trx.insertInto('members').values({ id: memberId, workspace_id: workspaceId, name, role, revoked: 0, created_at: at }).execute();
  const token = newToken();
  await trx.insertInto('tokens').values({ hash: hashToken(token), member_id: memberId, workspace_id: workspaceId, created_at: at, revoked_at: null }).execute();
  // Members are also a synced record, so every client can show who wrote what.
  await putRecord(trx, workspaceId, 'member', Member.parse({ id: memberId, version: 1, deleted: false, updatedAt: at, name, role }));
  await audit(trx, workspaceId, null, 'member.add', { memberId, role });
  return { memberId, token };
}

export async function audit(
  trx: Transaction<Database>,
  workspaceId: string,
  memberId: string | null,
  action: string,
  details: object,
): Promise<void> {
  await trx.insertInto('audit').values({ id: randomUUID(), workspace_id: workspaceId, member_id: memberId, action, details: JSON.stringify(details), created_at: now() }).execute();
}

export async function createWorkspace(
  db: Db,
  name: string,
  adminName: string,
  workspaceId: string = randomUUID(),
): Promise<{ workspaceId: string; memberId: string; token: string }> {
  const admin = await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('workspaces').values({ id: workspaceId, name, seq: 0, created_at: now() }).execute();
    return addMemberIn(trx, workspaceId, adminName, 'admin');
  });
  return { workspaceId, ...admin };
}

export class TeamError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export async function addMember(db: Db, workspaceId: string, name: string, role: Role) {
  const workspace = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', workspaceId).executeTakeFirst();
  if (!workspace) throw new TeamError('not-found', `No workspace with id ${workspaceId}.`);
  return db.writeTransaction(workspaceId, (trx) => addMemberIn(trx, workspaceId, name, role));
}

export async function listMembers(db: Db, workspaceId: string) {
  const workspace = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', workspaceId).executeTakeFirst();
  if (!workspace) throw new TeamError('not-found', `No workspace with id ${workspaceId}.`);
  const rows = await db.kysely
    .selectFrom('members')
    .select(['id', 'name', 'role', 'revoked'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ memberId: r.id, name: r.name, role: r.role as Role, revoked: r.revoked === 1 }));
}

async function memberRow(db: Db, memberId: string) {
  const row = await db.kysely.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!row) throw new TeamError('not-found', `No member with id ${memberId}.`);
  return row;
}

/** Revokes a member: every token stops working at once. */
export async function revokeMember(db: Db, memberId: string): Promise<void> {
  const member = await memberRow(db, memberId);
  await db.writeTransaction(member.workspace_id, async (trx) => {
    const at = now();
    await trx.updateTable('members').set({ revoked: 1 }).where('id', '=', memberId).execute();
    await trx.updateTable('tokens').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();
    await audit(trx, member.workspace_id, null, 'member.revoke', { memberId });
  });
}

/** Replaces a member's tokens with a new one. */
export async function rotateToken(db: Db, memberId: string): Promise<{ token: string }> {
  const member = await memberRow(db, memberId);
  if (member.revoked) throw new TeamError('invalid', 'This member is revoked; add them again instead.');
  return db.writeTransaction(member.workspace_id, async (trx) => {
    const at = now();
    await trx.updateTable('tokens').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();
    const token = newToken();
    await trx.insertInto('tokens').values({ hash: hashToken(token), member_id: memberId, workspace_id: member.workspace_id, created_at: at, revoked_at: null }).execute();
    await audit(trx, member.workspace_id, null, 'token.rotate', { memberId });
    return { token };
  });
}

/** Who a bearer token belongs to, or undefined when it is unknown or revoked. */
export async function identify(db: Db, token: string): Promise<Identity | undefined> {
  const row = await db.kysely
    .selectFrom('tokens')
    .innerJoin('members', 'members.id', 'tokens.member_id')
    .innerJoin('workspaces', 'workspaces.id', 'tokens.workspace_id')
    .select(['tokens.workspace_id', 'workspaces.name as workspace_name', 'members.id as member_id', 'members.name as member_name', 'members.role', 'members.revoked', 'tokens.revoked_at'])
    .where('tokens.hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.revoked === 1) return undefined;
  return {
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    memberId: row.member_id,
    memberName: row.member_name,
    role: row.role as Role,
  };
}
