import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { Member, type AuditEntry, type MemberSummary, type Role } from '../utils/model';
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

/**
 * Who changes the team, and where. The admin API passes the caller's workspace (a member of
 * another one is not found) and the caller as the actor; the server CLI passes neither: it
 * may reach any workspace, and its audit entries have no actor.
 */
export interface Acting {
  workspaceId?: string;
  actorId?: string | null;
}

const now = () => new Date().toISOString();

export class TeamError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid' | 'revoked' | 'last-admin',
    message: string,
  ) {
    super(message);
  }
}

export async function addMemberIn(
  trx: Transaction<Database>,
  workspaceId: string,
  name: string,
  role: Role,
  memberId: string = randomUUID(),
  { email, actorId = null }: { email?: string; actorId?: string | null } = {},
): Promise<{ memberId: string; token: string }> {
  const at = now();
  await trx
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, name, role, revoked: 0, created_at: at, email: email ?? null })
    .execute();
  const token = newToken();
  await trx.insertInto('tokens').values({ hash: hashToken(token), member_id: memberId, workspace_id: workspaceId, created_at: at, revoked_at: null }).execute();
  // Members are also a synced record, so every client can show who wrote what.
  await putRecord(trx, workspaceId, 'member', Member.parse({ id: memberId, version: 1, deleted: false, updatedAt: at, name, role, ...(email ? { email } : {}) }));
  // The address stays out of the audit log: it is the member's, and erasable with them.
  await audit(trx, workspaceId, actorId, 'member.add', { memberId, role });
  return { memberId, token };
}

/**
 * Appends to the workspace's audit log and returns the entry's id. `memberId` is the member
 * who acted through the API, null for the server CLI. Call inside the workspace's write
 * transaction (or the one that creates it): that numbers its entries in order.
 */
export async function audit(
  trx: Transaction<Database>,
  workspaceId: string,
  memberId: string | null,
  action: string,
  details: object,
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('audit')
    .values({
      id,
      workspace_id: workspaceId,
      member_id: memberId,
      action,
      details: JSON.stringify(details),
      created_at: now(),
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from audit where workspace_id = ${workspaceId})`,
    })
    .execute();
  return id;
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

/** Throws not-found unless the workspace exists. */
export async function workspaceRow(db: Db, workspaceId: string) {
  const workspace = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', workspaceId).executeTakeFirst();
  if (!workspace) throw new TeamError('not-found', `No workspace with id ${workspaceId}.`);
  return workspace;
}

export async function addMember(
  db: Db,
  workspaceId: string,
  name: string,
  role: Role,
  { email, actorId = null }: { email?: string; actorId?: string | null } = {},
) {
  await workspaceRow(db, workspaceId);
  return db.writeTransaction(workspaceId, (trx) => addMemberIn(trx, workspaceId, name, role, randomUUID(), { email, actorId }));
}

export async function listMembers(db: Db, workspaceId: string) {
  await workspaceRow(db, workspaceId);
  const rows = await db.kysely
    .selectFrom('members')
    .select(['id', 'name', 'role', 'revoked'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ memberId: r.id, name: r.name, role: r.role as Role, revoked: r.revoked === 1 }));
}

/**
 * Every member of a workspace (or one), revoked ones too, with when any of their installs
 * last pushed or pulled (`clients.last_seen_at`; a pull refreshes it at most once a minute).
 */
export async function memberSummaries(db: Db, workspaceId: string, memberId?: string): Promise<MemberSummary[]> {
  let query = db.kysely
    .selectFrom('members')
    .select((eb) => [
      'members.id',
      'members.name',
      'members.email',
      'members.role',
      'members.revoked',
      'members.created_at',
      eb.selectFrom('clients').select((c) => c.fn.max('clients.last_seen_at').as('at')).whereRef('clients.member_id', '=', 'members.id').as('last_sync_at'),
    ])
    .where('members.workspace_id', '=', workspaceId);
  if (memberId) query = query.where('members.id', '=', memberId);
  const rows = await query.orderBy('members.created_at').orderBy('members.name').execute();
  return rows.map((r) => ({
    memberId: r.id,
    name: r.name,
    ...(r.email ? { email: r.email } : {}),
    role: r.role as Role,
    revoked: r.revoked === 1,
    createdAt: r.created_at,
    lastSyncAt: r.last_sync_at ?? null,
  }));
}

async function memberSummary(db: Db, workspaceId: string, memberId: string): Promise<MemberSummary> {
  const [summary] = await memberSummaries(db, workspaceId, memberId);
  if (!summary) throw new TeamError('not-found', `No member with id ${memberId}.`);
  return summary;
}

/** A member, if it is within reach: in `acting.workspaceId` when that is given. */
async function memberRow(db: Db, memberId: string, { workspaceId }: Acting = {}) {
  let query = db.kysely.selectFrom('members').selectAll().where('id', '=', memberId);
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  if (!row) throw new TeamError('not-found', `No member with id ${memberId}${workspaceId !== undefined ? ' in this workspace' : ''}.`);
  return row;
}

/**
 * Refuses to leave a workspace without an admin: no one could then run the team from the
 * extension. Call inside the workspace's write transaction, so two admins demoting each
 * other at once cannot both succeed.
 */
async function keepAnAdmin(trx: Transaction<Database>, member: { id: string; workspace_id: string; name: string }, doing: string) {
  const others = await trx
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', member.workspace_id)
    .where('role', '=', 'admin')
    .where('revoked', '=', 0)
    .where('id', '!=', member.id)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) {
    throw new TeamError('last-admin', `${member.name} is this workspace's last admin, so you cannot ${doing}. Make another member an admin first.`);
  }
}

/** Re-reads a member inside the write transaction: what was read before it may have changed. */
const lockedMember = (trx: Transaction<Database>, memberId: string) =>
  trx.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();

/**
 * Gives a member another role: in the members table (what pushes are checked against, from
 * the next request on) and in the synced member record, so every client shows it.
 */
export async function changeRole(db: Db, memberId: string, role: Role, acting: Acting = {}): Promise<MemberSummary> {
  const { workspace_id: workspaceId } = await memberRow(db, memberId, acting);
  await db.writeTransaction(workspaceId, async (trx) => {
    const member = await lockedMember(trx, memberId);
    if (member.revoked) throw new TeamError('revoked', `${member.name} is revoked; invite them again instead.`);
    if (member.role === role) return;
    if (member.role === 'admin') await keepAnAdmin(trx, member, 'make them a member of another role');
    const at = now();
    await trx.updateTable('members').set({ role }).where('id', '=', memberId).execute();
    const stored = await trx
      .selectFrom('records')
      .select('doc')
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'member')
      .where('id', '=', memberId)
      .executeTakeFirst();
    const record = stored ? Member.safeParse(JSON.parse(stored.doc)) : undefined;
    const base = record?.success
      ? record.data
      : Member.parse({ id: memberId, version: 0, deleted: false, updatedAt: at, name: member.name, role, ...(member.email ? { email: member.email } : {}) });
    await putRecord(trx, workspaceId, 'member', { ...base, role, version: base.version + 1, updatedAt: at });
    await audit(trx, workspaceId, acting.actorId ?? null, 'member.role', { memberId, from: member.role, to: role });
  });
  return memberSummary(db, workspaceId, memberId);
}

/**
 * Revokes a member: every token stops working at once. Their member record stays, so what
 * they wrote still shows who wrote it. Revoking a revoked member changes nothing.
 */
export async function revokeMember(db: Db, memberId: string, acting: Acting = {}): Promise<MemberSummary> {
  const { workspace_id: workspaceId } = await memberRow(db, memberId, acting);
  await db.writeTransaction(workspaceId, async (trx) => {
    const member = await lockedMember(trx, memberId);
    if (member.revoked) return;
    if (member.role === 'admin') await keepAnAdmin(trx, member, 'revoke them');
    const at = now();
    await trx.updateTable('members').set({ revoked: 1 }).where('id', '=', memberId).execute();
    await trx.updateTable('tokens').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();
    await audit(trx, workspaceId, acting.actorId ?? null, 'member.revoke', { memberId });
  });
  return memberSummary(db, workspaceId, memberId);
}

/** Replaces a member's tokens with a new one: the old ones stop working at once. */
export async function rotateToken(db: Db, memberId: string, acting: Acting = {}): Promise<{ memberId: string; token: string }> {
  const { workspace_id: workspaceId } = await memberRow(db, memberId, acting);
  return db.writeTransaction(workspaceId, async (trx) => {
    const member = await lockedMember(trx, memberId);
    if (member.revoked) throw new TeamError('revoked', `${member.name} is revoked; add them again instead.`);
    const at = now();
    await trx.updateTable('tokens').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();
    const token = newToken();
    await trx.insertInto('tokens').values({ hash: hashToken(token), member_id: memberId, workspace_id: workspaceId, created_at: at, revoked_at: null }).execute();
    await audit(trx, workspaceId, acting.actorId ?? null, 'token.rotate', { memberId });
    return { memberId, token };
  });
}

/** The workspace's audit log, newest first, with the acting member's name (null for the CLI). */
export async function auditEntries(db: Db, workspaceId: string, limit: number): Promise<AuditEntry[]> {
  const rows = await db.kysely
    .selectFrom('audit')
    .leftJoin('members', 'members.id', 'audit.member_id')
    .select(['audit.id', 'audit.created_at', 'audit.member_id', 'members.name as member_name', 'audit.action', 'audit.details'])
    .where('audit.workspace_id', '=', workspaceId)
    .orderBy('audit.seq', 'desc')
    .orderBy('audit.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at,
    actor: r.member_id ? { memberId: r.member_id, name: r.member_name ?? '' } : null,
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
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
