import { Hono, type Context } from 'hono';
import {
  AuditQuery,
  DeviceIdParams,
  encodeConnectCode,
  EraseRequest,
  InviteRequest,
  MemberIdParam,
  RoleChangeRequest,
  ServerUrl,
  type AuditResponse,
  type ConnectCodeResponse,
  type EraseResponse,
  type MemberResponse,
  type MembersResponse,
} from '../../utils/model';
import {
  CreateWebhookRequest,
  WebhookDeliveriesQuery,
  WebhookIdParam,
  type CreateWebhookResponse,
  type RemoveWebhookResponse,
  type WebhookDeliveriesResponse,
  type WebhooksResponse,
  type WebhookTestResponse,
} from '../../utils/model/webhook';
import type { Db } from '../db/connect';
import { eraseContact } from '../erase';
import { HttpError } from '../errors';
import { readJson, readParams, readQuery, type Env } from '../http';
import {
  auditEntries,
  changeRole,
  inviteMember,
  memberSummaries,
  newConnectCode,
  replaceMemberAccess,
  revokeDevice,
  revokeMember,
  type Acting,
  type IssuedCode,
} from '../team';
import { addWebhook, listWebhooks, queueTestDelivery, removeWebhook, webhookDeliveries } from '../webhooks/store';

export interface AdminRoutesOptions {
  db: Db;
  /** The server's public URL for connect codes; else the origin the request came to. */
  publicUrl?: string;
}

/**
 * `/v1/admin/*`: running the team without a terminal. Mounted inside the authenticated /v1
 * router (token, rate limit, body limit); only `admin` members get past the first handler,
 * and everything is scoped to the caller's workspace.
 */
export function adminRoutes({ db, publicUrl }: AdminRoutesOptions) {
  const admin = new Hono<Env>();

  admin.use(async (c, next) => {
    if (c.get('who').role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'Only an admin can manage members and webhooks, erase contacts or read the audit log.');
    }
    await next();
  });

  const acting = (c: Context<Env>): Acting => ({ workspaceId: c.get('who').workspaceId, actorId: c.get('who').memberId, deviceId: c.get('who').deviceId });
  const memberId = (c: Context<Env>) => readParams(c, MemberIdParam, 'The member id').memberId;

  /** Where connect codes point, checked before anything is written so a code is never lost. */
  function serverUrl(c: Context<Env>): string {
    const url = publicUrl ?? new URL(c.req.url).origin;
    if (ServerUrl.safeParse(url).success) return url;
    if (publicUrl !== undefined) throw new HttpError(500, 'misconfigured', 'TANDEM_PUBLIC_URL is not an http(s) URL, so the server cannot make connect codes.');
    throw new HttpError(400, 'invalid', 'The Host of this request does not make a server URL for a connect code; set TANDEM_PUBLIC_URL on the server.');
  }

  /** A one-time code as the connect code an admin hands over. */
  const handOver = (url: string, memberId: string, { code, expiresAt }: IssuedCode): ConnectCodeResponse => ({
    memberId,
    connectCode: encodeConnectCode({ serverUrl: url, code }),
    expiresAt,
  });

  admin.get('/members', async (c) => {
    const body: MembersResponse = { members: await memberSummaries(db, c.get('who').workspaceId, undefined, c.get('who').deviceId) };
    return c.json(body);
  });

  admin.post('/members', async (c) => {
    const { name, email, role } = await readJson(c, InviteRequest, 'The invitation');
    const url = serverUrl(c);
    const invited = await inviteMember(db, c.get('who').workspaceId, name, role, { email, actorId: c.get('who').memberId });
    return c.json(handOver(url, invited.memberId, invited.code), 201);
  });

  admin.patch('/members/:memberId', async (c) => {
    const id = memberId(c);
    const { role } = await readJson(c, RoleChangeRequest, 'The role change');
    const body: MemberResponse = { member: await changeRole(db, id, role, acting(c)) };
    return c.json(body);
  });

  admin.post('/members/:memberId/revoke', async (c) => {
    const body: MemberResponse = { member: await revokeMember(db, memberId(c), acting(c)) };
    return c.json(body);
  });

  // Another device for the member: a new one-time code; their devices keep working.
  admin.post('/members/:memberId/code', async (c) => {
    const id = memberId(c);
    const url = serverUrl(c);
    const { code } = await newConnectCode(db, id, acting(c));
    return c.json(handOver(url, id, code), 201);
  });

  // All of the member's access replaced: every device and unused code stops; a new code.
  admin.post('/members/:memberId/token', async (c) => {
    const id = memberId(c);
    const url = serverUrl(c);
    const { code } = await replaceMemberAccess(db, id, acting(c));
    return c.json(handOver(url, id, code));
  });

  admin.post('/members/:memberId/devices/:deviceId/revoke', async (c) => {
    const { memberId: id, deviceId } = readParams(c, DeviceIdParams, 'The member and device ids');
    const body: MemberResponse = { member: await revokeDevice(db, id, deviceId, acting(c)) };
    return c.json(body);
  });

  admin.post('/erase', async (c) => {
    const { email } = await readJson(c, EraseRequest, 'The erasure request');
    const body: EraseResponse = await eraseContact(db, c.get('who').workspaceId, email, c.get('who').memberId);
    return c.json(body);
  });

  admin.get('/audit', async (c) => {
    const { limit } = readQuery(c, AuditQuery, 'The audit query');
    const body: AuditResponse = { entries: await auditEntries(db, c.get('who').workspaceId, limit) };
    return c.json(body);
  });

  const webhookId = (c: Context<Env>) => readParams(c, WebhookIdParam, 'The webhook id').webhookId;

  // Outgoing webhooks (server/webhooks/). A secret is in the answer to POST only, once.
  admin.get('/webhooks', async (c) => {
    const body: WebhooksResponse = { webhooks: await listWebhooks(db, c.get('who').workspaceId) };
    return c.json(body);
  });

  admin.post('/webhooks', async (c) => {
    const request = await readJson(c, CreateWebhookRequest, 'The webhook');
    const body: CreateWebhookResponse = await addWebhook(db, c.get('who').workspaceId, request, c.get('who').memberId);
    return c.json(body, 201);
  });

  admin.delete('/webhooks/:webhookId', async (c) => {
    const body: RemoveWebhookResponse = await removeWebhook(db, webhookId(c), acting(c));
    return c.json(body);
  });

  admin.get('/webhooks/:webhookId/deliveries', async (c) => {
    const id = webhookId(c);
    const { limit } = readQuery(c, WebhookDeliveriesQuery, 'The deliveries query');
    const body: WebhookDeliveriesResponse = { deliveries: await webhookDeliveries(db, id, acting(c), limit) };
    return c.json(body);
  });

  admin.post('/webhooks/:webhookId/test', async (c) => {
    const body: WebhookTestResponse = await queueTestDelivery(db, webhookId(c), acting(c));
    return c.json(body, 202);
  });

  return admin;
}
