import { z } from 'zod';
import {
  AuditQuery,
  AuditResponse,
  ConnectCodeResponse,
  ConnectRequest,
  ConnectResponse,
  DeviceIdParams,
  EraseRequest,
  EraseResponse,
  ErrorBody,
  InviteRequest,
  MeResponse,
  MemberIdParam,
  MemberResponse,
  MembersResponse,
  Metrics,
  MetricsQuery,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  RoleChangeRequest,
  CreateWebhookRequest,
  CreateWebhookResponse,
  RemoveWebhookResponse,
  WebhookDeliveriesQuery,
  WebhookDeliveriesResponse,
  WebhookIdParam,
  WebhookPayload,
  WebhooksResponse,
  WebhookTestResponse,
} from '../utils/model';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });

/** The answers every admin route may give besides its own. */
const adminErrors = {
  401: errorResponse('No valid token'),
  403: errorResponse('The caller is not an admin (code forbidden)'),
  413: errorResponse('Body over 1 MiB'),
  429: errorResponse('Rate limited; see Retry-After'),
};

function queryParameters(s: z.ZodType) {
  const query = schema(s, 'input') as { properties: Record<string, object>; required?: string[] };
  return Object.entries(query.properties).map(([name, p]) => ({ name, in: 'query', required: query.required?.includes(name) ?? false, schema: p }));
}

function pathParameters(s: z.ZodType) {
  const params = schema(s, 'input') as { properties: Record<string, object> };
  return Object.entries(params.properties).map(([name, p]) => ({ name, in: 'path', required: true, schema: p }));
}

/** `/v1/admin/...`: only for members whose role is admin; scoped to their workspace. */
function adminPaths() {
  const member = pathParameters(MemberIdParam);
  const badMember = errorResponse('The member id is not a UUID, or the body is invalid');
  const noMember = errorResponse('No such member in this workspace');
  const webhook = pathParameters(WebhookIdParam);
  const badWebhook = errorResponse('The webhook id is not a UUID, or the query is invalid');
  const noWebhook = errorResponse('No such webhook in this workspace');
  return {
    '/v1/admin/members': {
      get: {
        summary: 'Every member, revoked ones too, with role, email and when they last synced',
        responses: { 200: json('MembersResponse', 'The members'), ...adminErrors },
      },
      post: {
        summary: 'Invite a member: a new member and a connect code for them, shown once (it works once, until expiresAt)',
        requestBody: body('InviteRequest'),
        responses: { 201: json('ConnectCodeResponse', 'The new member and their connect code'), 400: errorResponse('Malformed JSON or an invalid invitation'), ...adminErrors },
      },
    },
    '/v1/admin/members/{memberId}': {
      patch: {
        summary: "Change a member's role (for pushes at once, and in the synced member record)",
        parameters: member,
        requestBody: body('RoleChangeRequest'),
        responses: {
          200: json('MemberResponse', 'The member as it is now'),
          400: badMember,
          404: noMember,
          409: errorResponse('last-admin: the workspace would have no admin left; revoked: the member is revoked'),
          ...adminErrors,
        },
      },
    },
    '/v1/admin/members/{memberId}/revoke': {
      post: {
        summary: 'Revoke a member: every device and unused connect code stops working at once (a no-op if revoked already)',
        parameters: member,
        responses: {
          200: json('MemberResponse', 'The member as it is now'),
          400: badMember,
          404: noMember,
          409: errorResponse('last-admin: the workspace would have no admin left'),
          ...adminErrors,
        },
      },
    },
    '/v1/admin/members/{memberId}/code': {
      post: {
        summary: 'A connect code for another browser of the member; their devices keep working',
        parameters: member,
        responses: {
          201: json('ConnectCodeResponse', 'The connect code, shown once (it works once, until expiresAt)'),
          400: badMember,
          404: noMember,
          409: errorResponse('revoked: the member is revoked; invite them again'),
          ...adminErrors,
        },
      },
    },
    '/v1/admin/members/{memberId}/devices/{deviceId}/revoke': {
      post: {
        summary: "Revoke one of a member's devices: its token stops working at once, their other devices keep syncing (a no-op if revoked already)",
        parameters: pathParameters(DeviceIdParams),
        responses: {
          200: json('MemberResponse', 'The member as it is now, with the devices left'),
          400: errorResponse('An id is not a UUID, or it is the device making this request'),
          404: errorResponse('No such member in this workspace, or no such device of theirs'),
          ...adminErrors,
        },
      },
    },
    '/v1/admin/members/{memberId}/token': {
      post: {
        summary: "Replace all of a member's access: every device and unused connect code stops working at once",
        parameters: member,
        responses: {
          200: json('ConnectCodeResponse', 'A new connect code, shown once (it works once, until expiresAt)'),
          400: badMember,
          404: noMember,
          409: errorResponse('revoked: the member is revoked; invite them again'),
          ...adminErrors,
        },
      },
    },
    '/v1/admin/erase': {
      post: {
        summary: 'Erase every lead and feedback about an email address (a privacy request)',
        description:
          'In one transaction the records become tombstones holding none of the erased data, which every client pulls. The audit entry (contact.erase) holds counts and a SHA-256 of "<workspaceId>:<address>", never the address.',
        requestBody: body('EraseRequest'),
        responses: { 200: json('EraseResponse', 'How many records were erased, and the audit entry'), 400: errorResponse('Malformed JSON or not an email address'), ...adminErrors },
      },
    },
    '/v1/admin/audit': {
      get: {
        summary: 'The audit log, newest first',
        parameters: queryParameters(AuditQuery),
        responses: { 200: json('AuditResponse', 'The newest entries'), 400: errorResponse('Invalid query'), ...adminErrors },
      },
    },
    '/v1/admin/webhooks': {
      get: {
        summary: 'The workspace’s webhooks with their last attempt and how many deliveries wait or failed (never their secrets)',
        responses: { 200: json('WebhooksResponse', 'The webhooks'), ...adminErrors },
      },
      post: {
        summary: 'Add a webhook: the server POSTs the chosen events to the URL, signed with the secret returned here once',
        description:
          'Headers: x-tandem-event, x-tandem-delivery (the same on every retry), x-tandem-timestamp (unix seconds) and x-tandem-signature: sha256=<hex HMAC-SHA256 keyed with the secret over "<timestamp>.<raw body>">. A json webhook receives WebhookPayload; a slack one {"text": summary} with & < > escaped.',
        requestBody: body('CreateWebhookRequest'),
        responses: { 201: json('CreateWebhookResponse', 'The webhook id and its signing secret, shown once'), 400: errorResponse('Malformed JSON, an invalid URL or events, or too many webhooks'), ...adminErrors },
      },
    },
    '/v1/admin/webhooks/{webhookId}': {
      delete: {
        summary: 'Remove a webhook; its deliveries not yet sent are dropped',
        parameters: webhook,
        responses: { 200: json('RemoveWebhookResponse', 'How many waiting deliveries were dropped'), 400: badWebhook, 404: noWebhook, ...adminErrors },
      },
    },
    '/v1/admin/webhooks/{webhookId}/deliveries': {
      get: {
        summary: 'The delivery log of a webhook, newest first (never payloads or signatures)',
        parameters: [...webhook, ...queryParameters(WebhookDeliveriesQuery)],
        responses: { 200: json('WebhookDeliveriesResponse', 'The newest deliveries'), 400: badWebhook, 404: noWebhook, ...adminErrors },
      },
    },
    '/v1/admin/webhooks/{webhookId}/test': {
      post: {
        summary: 'Queue a ping delivery to the webhook',
        parameters: webhook,
        responses: { 202: json('WebhookTestResponse', 'The queued delivery'), 400: badWebhook, 404: noWebhook, ...adminErrors },
      },
    },
  };
}

let cached: object | undefined;

/** The API description, generated from the same zod schemas that parse every request. */
export function openApiDocument(): object {
  if (cached) return cached;
  cached = {
    openapi: '3.1.0',
    info: { title: 'Tandem sync API', version: '1.0.0', description: 'Push named mutations, pull changes in sequence order.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        PushRequest: schema(PushRequest, 'input'),
        PushResponse: schema(PushResponse),
        PullResponse: schema(PullResponse),
        MeResponse: schema(MeResponse),
        Error: schema(ErrorBody),
        MembersResponse: schema(MembersResponse),
        InviteRequest: schema(InviteRequest, 'input'),
        ConnectCodeResponse: schema(ConnectCodeResponse),
        ConnectRequest: schema(ConnectRequest, 'input'),
        ConnectResponse: schema(ConnectResponse),
        RoleChangeRequest: schema(RoleChangeRequest, 'input'),
        MemberResponse: schema(MemberResponse),
        EraseRequest: schema(EraseRequest, 'input'),
        EraseResponse: schema(EraseResponse),
        AuditResponse: schema(AuditResponse),
        Metrics: schema(Metrics),
        WebhooksResponse: schema(WebhooksResponse),
        CreateWebhookRequest: schema(CreateWebhookRequest, 'input'),
        CreateWebhookResponse: schema(CreateWebhookResponse),
        RemoveWebhookResponse: schema(RemoveWebhookResponse),
        WebhookDeliveriesResponse: schema(WebhookDeliveriesResponse),
        WebhookTestResponse: schema(WebhookTestResponse),
        WebhookPayload: schema(WebhookPayload),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/healthz': { get: { security: [], responses: { 200: { description: 'The server is up.' } } } },
      '/v1/connect': {
        post: {
          security: [],
          summary: 'Trade a one-time connect code for a token of this browser’s own (a new device of the code’s member)',
          description:
            'The code is the "c" inside a tandem1. connect code. It works once, until it expires (24 hours unless the admin chose otherwise), and not after its member is revoked or their access replaced. Limited per client address.',
          requestBody: body('ConnectRequest'),
          responses: {
            201: json('ConnectResponse', 'The device’s token (shown this once), its id, the workspace and the member'),
            400: errorResponse('Malformed JSON or not a connect code'),
            401: errorResponse('connect-code-refused: the code was already used, has expired, or was never issued; ask your admin for a new one'),
            413: errorResponse('Body over 4 KiB'),
            429: errorResponse('Rate limited; see Retry-After'),
          },
        },
      },
      '/v1/me': {
        get: {
          summary: 'The workspace and member of this token',
          responses: { 200: { description: 'Who you are', content: { 'application/json': { schema: { $ref: '#/components/schemas/MeResponse' } } } }, 401: errorResponse('No valid token') },
        },
      },
      '/v1/push': {
        post: {
          summary: 'Apply mutations, each at most once',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PushRequest' } } } },
          responses: {
            200: { description: 'One result a mutation', content: { 'application/json': { schema: { $ref: '#/components/schemas/PushResponse' } } } },
            400: errorResponse('Malformed JSON or an invalid envelope'),
            401: errorResponse('No valid token'),
            403: errorResponse('The clientId belongs to another member'),
            409: errorResponse('Gap: details.lastMutationId says where to resume'),
            413: errorResponse('Body over 1 MiB'),
            429: errorResponse('Rate limited; see Retry-After'),
          },
        },
      },
      '/v1/pull': {
        get: {
          summary: 'Changes after a cursor, and outcomes after an ack',
          parameters: queryParameters(PullQuery),
          responses: {
            200: { description: 'A page of changes', content: { 'application/json': { schema: { $ref: '#/components/schemas/PullResponse' } } } },
            400: errorResponse('Invalid query'),
            401: errorResponse('No valid token'),
            403: errorResponse('The clientId belongs to another member'),
            429: errorResponse('Rate limited; see Retry-After'),
          },
        },
      },
      '/v1/metrics': {
        get: {
          summary: "The shared numbers of the caller's workspace for whole days in a time zone",
          description:
            'Leads captured and feedback given, goal progress (each over its own period), lead quality and rejection reasons by campaign, the hand-off from capture to first feedback, campaigns and sales plays side by side, and suggestions for the lead definition. Computed from the synced records by the same function as the extension\'s dashboard; any member may read them.',
          parameters: queryParameters(MetricsQuery),
          responses: {
            200: json('Metrics', 'The numbers'),
            400: errorResponse('Invalid query (code invalid; the message and details.issues name the field)'),
            401: errorResponse('No valid token'),
            429: errorResponse('Rate limited; see Retry-After'),
          },
        },
      },
      ...adminPaths(),
    },
  };
  return cached;
}
