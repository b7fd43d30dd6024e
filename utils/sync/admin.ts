import {
  AuditResponse,
  ConnectCodeResponse,
  EraseRequest,
  EraseResponse,
  InviteRequest,
  MemberResponse,
  MembersResponse,
  RoleChangeRequest,
  CreateWebhookRequest,
  CreateWebhookResponse,
  RemoveWebhookResponse,
  WebhookDeliveriesResponse,
  WebhooksResponse,
  WebhookTestResponse,
  type Role,
} from '../model';
import { serverCaller, type Fetch } from './transport';

/**
 * The admin API from the extension: the options page's Team section. Requests are parsed
 * before they leave, answers when they come back; the server checks the role again.
 */
export function adminClient(serverUrl: string, token: string, fetchImpl?: Fetch) {
  const call = serverCaller(serverUrl, token, fetchImpl);
  const send = (body: unknown) => ({ body: JSON.stringify(body) });
  const member = (memberId: string) => `/v1/admin/members/${encodeURIComponent(memberId)}`;
  const webhook = (webhookId: string) => `/v1/admin/webhooks/${encodeURIComponent(webhookId)}`;
  return {
    members: () => call('/v1/admin/members', MembersResponse),
    invite: (request: InviteRequest) => call('/v1/admin/members', ConnectCodeResponse, { method: 'POST', ...send(InviteRequest.parse(request)) }),
    changeRole: (memberId: string, role: Role) => call(member(memberId), MemberResponse, { method: 'PATCH', ...send(RoleChangeRequest.parse({ role })) }),
    revoke: (memberId: string) => call(`${member(memberId)}/revoke`, MemberResponse, { method: 'POST', body: '{}' }),
    /** A connect code for another browser of the member; their devices keep working. */
    newConnectCode: (memberId: string) => call(`${member(memberId)}/code`, ConnectCodeResponse, { method: 'POST', body: '{}' }),
    /** Every device and unused code of the member stops; a new connect code. */
    replaceAccess: (memberId: string) => call(`${member(memberId)}/token`, ConnectCodeResponse, { method: 'POST', body: '{}' }),
    /** One device stops syncing; the member's others keep working. */
    revokeDevice: (memberId: string, deviceId: string) =>
      call(`${member(memberId)}/devices/${encodeURIComponent(deviceId)}/revoke`, MemberResponse, { method: 'POST', body: '{}' }),
    erase: (email: string) => call('/v1/admin/erase', EraseResponse, { method: 'POST', ...send(EraseRequest.parse({ email })) }),
    audit: (limit = 50) => call(`/v1/admin/audit?limit=${limit}`, AuditResponse),
    webhooks: () => call('/v1/admin/webhooks', WebhooksResponse),
    addWebhook: (request: CreateWebhookRequest) => call('/v1/admin/webhooks', CreateWebhookResponse, { method: 'POST', ...send(CreateWebhookRequest.parse(request)) }),
    removeWebhook: (webhookId: string) => call(webhook(webhookId), RemoveWebhookResponse, { method: 'DELETE' }),
    deliveries: (webhookId: string, limit = 20) => call(`${webhook(webhookId)}/deliveries?limit=${limit}`, WebhookDeliveriesResponse),
    testWebhook: (webhookId: string) => call(`${webhook(webhookId)}/test`, WebhookTestResponse, { method: 'POST', body: '{}' }),
  };
}
export type AdminClient = ReturnType<typeof adminClient>;
