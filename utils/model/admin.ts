import { z } from 'zod';
import { Id, PlainText, Role, Timestamp } from './common';

/**
 * The admin API (`/v1/admin/...`): running the team without a terminal. Only `admin`
 * members may call it; the server answers anyone else with 403 `forbidden`. The extension's
 * options page and the server parse with these same schemas.
 */

/**
 * One connected browser of a member (or a token from the server CLI): each has a token of its
 * own, so an admin can revoke one without the others.
 */
export const DeviceSummary = z.object({
  deviceId: Id,
  /** The browser and system it connected from ("Chrome on macOS"), or how its token was made; null if unknown. */
  name: z.string().max(200).nullable(),
  connectedAt: Timestamp,
  /** When it last called the server (to the minute); null if not since it connected or the server was updated. */
  lastSeenAt: Timestamp.nullable(),
  /** The device this answer was asked from. */
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

export const MemberSummary = z.object({
  memberId: Id,
  name: z.string().max(200),
  email: z.string().max(320).optional(),
  role: Role,
  revoked: z.boolean(),
  createdAt: Timestamp,
  /** When any of this member's installs last pushed or pulled; null if never. */
  lastSyncAt: Timestamp.nullable(),
  /** The devices that may sync now (none once the member is revoked); servers before devices send none. */
  devices: z.array(DeviceSummary).optional(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const MembersResponse = z.object({ members: z.array(MemberSummary) });
export type MembersResponse = z.infer<typeof MembersResponse>;

export const InviteRequest = z.object({
  name: PlainText(z.string().trim().min(1, 'Give the member a name.').max(200)),
  email: PlainText(z.string().trim()).pipe(z.email('Write an email address like dana@example.com.').max(320)).optional(),
  role: Role,
});
export type InviteRequest = z.infer<typeof InviteRequest>;

/**
 * A new member, or a new code for one: the connect code is shown once, to hand over. It works
 * once, for one browser, until `expiresAt` (servers before single-use codes send no expiry).
 */
export const ConnectCodeResponse = z.object({
  memberId: Id,
  connectCode: z.string().startsWith('tandem1.'),
  expiresAt: Timestamp.optional(),
});
export type ConnectCodeResponse = z.infer<typeof ConnectCodeResponse>;

export const RoleChangeRequest = z.object({ role: Role });
export type RoleChangeRequest = z.infer<typeof RoleChangeRequest>;

export const MemberResponse = z.object({ member: MemberSummary });
export type MemberResponse = z.infer<typeof MemberResponse>;

/** A privacy request: every lead, feedback and reply about one email address goes. */
export const EraseRequest = z.object({
  // Surrounding spaces from a paste are dropped; the server also lower-cases it to match.
  email: PlainText(z.string().trim()).pipe(z.email('Write the email address to erase, like dana@example.com.').max(320)),
});
export type EraseRequest = z.infer<typeof EraseRequest>;

export const EraseResponse = z.object({
  erased: z.object({
    leads: z.number().int().nonnegative(),
    feedback: z.number().int().nonnegative(),
    /** Facts the team remembered about the address (none from servers older than facts). */
    facts: z.number().int().nonnegative().default(0),
  }),
  /** The audit entry that records the erasure (without the erased data). */
  auditId: Id,
});
export type EraseResponse = z.infer<typeof EraseResponse>;

export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  /** Who did it; null for the server CLI. */
  actor: z.object({ memberId: Id, name: z.string() }).nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;

/** `GET /v1/admin/audit?limit=N`: the newest N entries, 100 unless said, at most 1000. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The `:memberId` of `/v1/admin/members/:memberId/...`. */
export const MemberIdParam = z.object({ memberId: Id });
export type MemberIdParam = z.infer<typeof MemberIdParam>;

/** The `:memberId` and `:deviceId` of `/v1/admin/members/:memberId/devices/:deviceId/revoke`. */
export const DeviceIdParams = z.object({ memberId: Id, deviceId: Id });
export type DeviceIdParams = z.infer<typeof DeviceIdParams>;
