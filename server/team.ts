import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { Member, type AuditEntry, type ConnectResponse, type DeviceSummary, type MemberSummary, type Role } from '../utils/model';
import type { Database } from './db/schema';
import type { Db } from './db/connect';
import { deviceName } from './device-name';
import { putRecord } from './records';
import { hashToken, newToken } from './tokens';

/**
 * Workspaces, members, their devices and connect codes: what the CLI and the admin routes
 * change. A member has any number of devices, each with a token of its own (a browser that
 * traded a one-time connect code, or a token the server CLI printed); revoking the member
 * revokes them all, revoking a device only that one.
 */

export interface Identity {
  workspaceId: string;
  workspaceName: string;
  memberId: string;
  memberName: string;
  role: Role;
  /** The device whose token the request came with. */
  deviceId: string;
}

/**
 * Who changes the team, and where. The admin API passes the caller's workspace (a member of
 * another one is not found) and the caller as the actor; the server CLI passes neither: it
 * may reach any workspace, and its audit entries have no actor.
 */
export interface Acting {
  workspaceId?: string;
  actorId?: string | null;
  /** The device the admin API is called from: listed as current, and not revoked from itself. */
  deviceId?: string;
}

/** How long a connect code works unless the admin says otherwise: a day. */
export const defaultCodeLifetimeMs = 24 * 60 * 60 * 1000;

/** When a connect code is made: how long it works, and the clock (tests turn it back). */
export interface CodeOptions {
  lifetimeMs?: number;
  now?: Date;
}

/** A one-time connect code (the secret inside the `tandem1.` code), shown once. */
export interface IssuedCode {
  code: string;
  expiresAt: string;
}

/** What the server CLI names the tokens it prints, in the Team section's device list. */
export const cliDeviceName = 'Token from the server CLI';

const now = () => new Date().toISOString();

export class TeamError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid' | 'revoked' | 'last-admin',
    message: string,
  ) {
    super(message);
  }
}

/** One-time codes are hashed as tokens are: SHA-256, hex. Only the hash is stored. */
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** A device for a member: a new token (returned this once; its hash is stored). */
export async function addDeviceIn(
  trx: Transaction<Database>,
  workspaceId: string,
  memberId: string,
  name: string | null,
  at: string = now(),
): Promise<{ deviceId: string; token: string }> {
  const token = newToken();
  const deviceId = randomUUID();
  await trx
    .insertInto('tokens')
    .values({ hash: hashToken(token), id: deviceId, name, member_id: memberId, workspace_id: workspaceId, created_at: at, revoked_at: null, last_seen_at: null })
    .execute();
  return { deviceId, token };
}

/** A one-time connect code for a member, working for `lifetimeMs` (a day unless said). */
export async function addCodeIn(
  trx: Transaction<Database>,
  workspaceId: string,
  memberId: string,
  { lifetimeMs = defaultCodeLifetimeMs, now: clock = new Date() }: CodeOptions = {},
): Promise<IssuedCode> {
  const code = `tdc_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(clock.getTime() + lifetimeMs).toISOString();
  await trx
    .insertInto('connect_codes')
    .values({ hash: hashCode(code), workspace_id: workspaceId, member_id: memberId, created_at: clock.toISOString(), expires_at: expiresAt, used_at: null, device_id: null, cancelled_at: null })
    .execute();
  return { code, expiresAt };
}

/** A member without any device yet: add a device or a code for them in the same transaction. */
export async function addMemberIn(
  trx: Transaction<Database>,
  workspaceId: string,
  name: string,
  role: Role,
  memberId: string = randomUUID(),
  { email, actorId = null }: { email?: string; actorId?: string | null } = {},
): Promise<{ memberId: string }> {
  const at = now();
  await trx
    .insertInto('members')
    .values({ id: memberId, workspace_id: workspaceId, name, role, revoked: 0, created_at: at, email: email ?? null })
    .execute();
  // Members are also a synced record, so every client can show who wrote what.
  await putRecord(trx, workspaceId, 'member', Member.parse({ id: memberId, version: 1, deleted: false, updatedAt: at, name, role, ...(email ? { email } : {}) }));
  // The address stays out of the audit log: it is the member's, and erasable with them.
  await audit(trx, workspaceId, actorId, 'member.add', { memberId, role });
  return { memberId };
}

/** What the server CLI gives a new member: a token of its own (one device) and a connect code for their browser. */
export interface NewMember {
  memberId: string;
  token: string;
  deviceId: string;
  code: IssuedCode;
}

async function addMemberWithAccessIn(
  trx: Transaction<Database>,
  workspaceId: string,
  name: string,
  role: Role,
  memberId: string,
  options: { email?: string; actorId?: string | null },
  code: CodeOptions,
): Promise<NewMember> {
  await addMemberIn(trx, workspaceId, name, role, memberId, options);
  const device = await addDeviceIn(trx, workspaceId, memberId, cliDeviceName);
  return { memberId, ...device, code: await addCodeIn(trx, workspaceId, memberId, code) };
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

/** A workspace and its first admin, with a token and a connect code for them. */
export async function createWorkspace(
  db: Db,
  name: string,
  adminName: string,
  workspaceId: string = randomUUID(),
  code: CodeOptions = {},
): Promise<{ workspaceId: string } & NewMember> {
  const admin = await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('workspaces').values({ id: workspaceId, name, seq: 0, created_at: now() }).execute();
    return addMemberWithAccessIn(trx, workspaceId, adminName, 'admin', randomUUID(), {}, code);
  });
  return { workspaceId, ...admin };
}

/** Throws not-found unless the workspace exists. */
export async function workspaceRow(db: Db, workspaceId: string) {
  const workspace = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', workspaceId).executeTakeFirst();
  if (!workspace) throw new TeamError('not-found', `No workspace with id ${workspaceId}.`);
  return workspace;
}

/** A member as the server CLI adds one: with a token of its own and a connect code. */
export async function addMember(
  db: Db,
  workspaceId: string,
  name: string,
  role: Role,
  { email, actorId = null, code = {} }: { email?: string; actorId?: string | null; code?: CodeOptions } = {},
): Promise<NewMember> {
  await workspaceRow(db, workspaceId);
  return db.writeTransaction(workspaceId, (trx) => addMemberWithAccessIn(trx, workspaceId, name, role, randomUUID(), { email, actorId }, code));
}

/** A member as the admin API invites one: with a connect code only, no token that nobody holds. */
export async function inviteMember(
  db: Db,
  workspaceId: string,
  name: string,
  role: Role,
  { email, actorId = null, code = {} }: { email?: string; actorId?: string | null; code?: CodeOptions } = {},
): Promise<{ memberId: string; code: IssuedCode }> {
  await workspaceRow(db, workspaceId);
  return db.writeTransaction(workspaceId, async (trx) => {
    const { memberId } = await addMemberIn(trx, workspaceId, name, role, randomUUID(), { email, actorId });
    return { memberId, code: await addCodeIn(trx, workspaceId, memberId, code) };
  });
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
 * The devices of a workspace's members (or one member's) that may sync now, oldest first.
 * `currentDeviceId` is the caller's own, marked as current.
 */
export async function deviceSummaries(db: Db, workspaceId: string, memberId?: string, currentDeviceId?: string): Promise<Map<string, DeviceSummary[]>> {
  let query = db.kysely
    .selectFrom('tokens')
    .select(['id', 'member_id', 'name', 'created_at', 'last_seen_at'])
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null);
  if (memberId) query = query.where('member_id', '=', memberId);
  const byMember = new Map<string, DeviceSummary[]>();
  for (const r of await query.orderBy('created_at').orderBy('id').execute()) {
    const devices = byMember.get(r.member_id) ?? [];
    devices.push({ deviceId: r.id, name: r.name, connectedAt: r.created_at, lastSeenAt: r.last_seen_at, current: r.id === currentDeviceId });
    byMember.set(r.member_id, devices);
  }
  return byMember;
}

/**
 * Every member of a workspace (or one), revoked ones too, with when any of their installs
 * last pushed or pulled (`clients.last_seen_at`; a pull refreshes it at most once a minute)
 * and the devices that may sync now.
 */
export async function memberSummaries(db: Db, workspaceId: string, memberId?: string, currentDeviceId?: string): Promise<MemberSummary[]> {
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
  const devices = await deviceSummaries(db, workspaceId, memberId, currentDeviceId);
  return rows.map((r) => ({
    memberId: r.id,
    name: r.name,
    ...(r.email ? { email: r.email } : {}),
    role: r.role as Role,
    revoked: r.revoked === 1,
    createdAt: r.created_at,
    lastSyncAt: r.last_sync_at ?? null,
    devices: r.revoked === 1 ? [] : (devices.get(r.id) ?? []),
  }));
}

async function memberSummary(db: Db, workspaceId: string, memberId: string, currentDeviceId?: string): Promise<MemberSummary> {
  const [summary] = await memberSummaries(db, workspaceId, memberId, currentDeviceId);
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
  return memberSummary(db, workspaceId, memberId, acting.deviceId);
}

/** Cancels a member's connect codes not used yet: they will be refused. */
async function cancelCodes(trx: Transaction<Database>, memberId: string, at: string) {
  await trx.updateTable('connect_codes').set({ cancelled_at: at }).where('member_id', '=', memberId).where('used_at', 'is', null).where('cancelled_at', 'is', null).execute();
}

/**
 * Revokes a member: every device's token stops working at once, and connect codes not used
 * yet are refused. Their member record stays, so what they wrote still shows who wrote it.
 * Revoking a revoked member changes nothing.
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
    await cancelCodes(trx, memberId, at);
    await audit(trx, workspaceId, acting.actorId ?? null, 'member.revoke', { memberId });
  });
  return memberSummary(db, workspaceId, memberId, acting.deviceId);
}

/**
 * Replaces all of a member's access (a lost laptop, a leaked token): every device and unused
 * code stops working at once, and a new connect code is made, with a token for the server
 * CLI when `token` is asked for.
 */
async function replaceAccess(db: Db, memberId: string, acting: Acting, code: CodeOptions, token: boolean) {
  const { workspace_id: workspaceId } = await memberRow(db, memberId, acting);
  return db.writeTransaction(workspaceId, async (trx) => {
    const member = await lockedMember(trx, memberId);
    if (member.revoked) throw new TeamError('revoked', `${member.name} is revoked; add them again instead.`);
    const at = now();
    await trx.updateTable('tokens').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null).execute();
    await cancelCodes(trx, memberId, at);
    const device = token ? await addDeviceIn(trx, workspaceId, memberId, cliDeviceName, at) : undefined;
    const issued = await addCodeIn(trx, workspaceId, memberId, code);
    await audit(trx, workspaceId, acting.actorId ?? null, 'token.rotate', { memberId });
    return { memberId, device, code: issued };
  });
}

/** The server CLI's `token rotate`: every old device stops; a new token and a new connect code. */
export async function rotateToken(db: Db, memberId: string, acting: Acting = {}, code: CodeOptions = {}): Promise<NewMember> {
  const { device, code: issued } = await replaceAccess(db, memberId, acting, code, true);
  return { memberId, ...device!, code: issued };
}

/** The admin API's replacement of a member's access: every old device stops; a new connect code. */
export async function replaceMemberAccess(db: Db, memberId: string, acting: Acting = {}, code: CodeOptions = {}): Promise<{ memberId: string; code: IssuedCode }> {
  const { code: issued } = await replaceAccess(db, memberId, acting, code, false);
  return { memberId, code: issued };
}

/** Another connect code for a member (a new laptop): their devices keep working. */
export async function newConnectCode(db: Db, memberId: string, acting: Acting = {}, code: CodeOptions = {}): Promise<{ memberId: string; code: IssuedCode }> {
  const { workspace_id: workspaceId } = await memberRow(db, memberId, acting);
  return db.writeTransaction(workspaceId, async (trx) => {
    const member = await lockedMember(trx, memberId);
    if (member.revoked) throw new TeamError('revoked', `${member.name} is revoked; invite them again instead.`);
    const issued = await addCodeIn(trx, workspaceId, memberId, code);
    await audit(trx, workspaceId, acting.actorId ?? null, 'member.code', { memberId, expiresAt: issued.expiresAt });
    return { memberId, code: issued };
  });
}

/** A member's devices that may sync now, oldest first (none once the member is revoked). */
export async function memberDevices(db: Db, memberId: string, acting: Acting = {}): Promise<DeviceSummary[]> {
  const member = await memberRow(db, memberId, acting);
  if (member.revoked) return [];
  return (await deviceSummaries(db, member.workspace_id, memberId, acting.deviceId)).get(memberId) ?? [];
}

/**
 * Revokes one device of a member: its token stops working at once, the member's other devices
 * keep syncing. Not the device the admin API is called from (that would lock its admin out
 * mid-click). Revoking a revoked device changes nothing.
 */
export async function revokeDevice(db: Db, memberId: string, deviceId: string, acting: Acting = {}): Promise<MemberSummary> {
  const { workspace_id: workspaceId } = await memberRow(db, memberId, acting);
  if (deviceId === acting.deviceId) {
    throw new TeamError('invalid', 'This is the browser you are using now. Revoke it from another device, or disconnect it on this one.');
  }
  await db.writeTransaction(workspaceId, async (trx) => {
    const device = await trx.selectFrom('tokens').select(['name', 'revoked_at']).where('id', '=', deviceId).where('member_id', '=', memberId).executeTakeFirst();
    if (!device) throw new TeamError('not-found', `No device with id ${deviceId} for this member.`);
    if (device.revoked_at !== null) return;
    await trx.updateTable('tokens').set({ revoked_at: now() }).where('id', '=', deviceId).execute();
    await audit(trx, workspaceId, acting.actorId ?? null, 'device.revoke', { memberId, deviceId, ...(device.name ? { device: device.name } : {}) });
  });
  return memberSummary(db, workspaceId, memberId, acting.deviceId);
}

/**
 * Trades a one-time connect code for a new device of its member: a token of its own, named
 * after the browser that asked (`userAgent`). Undefined, and nothing changed, when the code is
 * unknown, used already, expired at `now`, cancelled, or its member revoked. Two browsers
 * trading one code at once get one device between them: the code is marked used by a
 * conditional update inside the workspace's write transaction.
 */
export async function exchangeConnectCode(
  db: Db,
  code: string,
  { userAgent, now: clock = new Date() }: { userAgent?: string; now?: Date } = {},
): Promise<ConnectResponse | undefined> {
  const hash = hashCode(code);
  const found = await db.kysely.selectFrom('connect_codes').select(['workspace_id', 'member_id']).where('hash', '=', hash).executeTakeFirst();
  if (!found) return undefined;
  const { workspace_id: workspaceId, member_id: memberId } = found;
  return db.writeTransaction(workspaceId, async (trx) => {
    const member = await lockedMember(trx, memberId);
    if (member.revoked) return undefined;
    const at = clock.toISOString();
    const taken = await trx
      .updateTable('connect_codes')
      .set({ used_at: at })
      .where('hash', '=', hash)
      .where('used_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) return undefined;
    const name = deviceName(userAgent) ?? null;
    const device = await addDeviceIn(trx, workspaceId, memberId, name, at);
    await trx.updateTable('connect_codes').set({ device_id: device.deviceId }).where('hash', '=', hash).execute();
    await audit(trx, workspaceId, memberId, 'device.connect', { memberId, deviceId: device.deviceId, ...(name ? { device: name } : {}) });
    const workspace = await trx.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    return {
      token: device.token,
      deviceId: device.deviceId,
      workspace: { id: workspaceId, name: workspace.name },
      member: { id: memberId, name: member.name, role: member.role as Role },
    };
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

/** How stale a device's `last_seen_at` may get before a request stamps it again. */
const lastSeenEveryMs = 60_000;

/**
 * Who a bearer token belongs to, or undefined when it is unknown or revoked. Stamps when the
 * device was last seen, at most once a minute.
 */
export async function identify(db: Db, token: string): Promise<Identity | undefined> {
  const hash = hashToken(token);
  const row = await db.kysely
    .selectFrom('tokens')
    .innerJoin('members', 'members.id', 'tokens.member_id')
    .innerJoin('workspaces', 'workspaces.id', 'tokens.workspace_id')
    .select([
      'tokens.workspace_id',
      'workspaces.name as workspace_name',
      'members.id as member_id',
      'members.name as member_name',
      'members.role',
      'members.revoked',
      'tokens.revoked_at',
      'tokens.id as device_id',
      'tokens.last_seen_at',
    ])
    .where('tokens.hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.revoked === 1) return undefined;
  const at = new Date();
  if (row.last_seen_at === null || Date.parse(row.last_seen_at) <= at.getTime() - lastSeenEveryMs) {
    // Only for the Team section's "last seen": a database too busy to stamp it must not
    // refuse the request, and the next one tries again.
    await db.kysely
      .updateTable('tokens')
      .set({ last_seen_at: at.toISOString() })
      .where('hash', '=', hash)
      .execute()
      .catch(() => undefined);
  }
  return {
    deviceId: row.device_id,
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    memberId: row.member_id,
    memberName: row.member_name,
    role: row.role as Role,
  };
}
