import { z } from 'zod';
import { Id, PlainText, Timestamp } from './common';

/**
 * Outgoing webhooks (`/v1/admin/webhooks/...`, admins only): the server POSTs team events to
 * a URL an admin configured, signed with a secret shown once. The extension's options page
 * and the server parse with these same schemas.
 */

/** What a webhook can subscribe to. `ping` is not one of them: it is only sent by a test. */
export const WebhookEvent = z.enum(['feedback.created', 'feedback.replied', 'lead.captured', 'definition.published']);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** Every event a delivery can carry: the subscribable ones, and `ping` from “Send a test”. */
export const WebhookDeliveryEvent = z.enum([...WebhookEvent.options, 'ping']);
export type WebhookDeliveryEvent = z.infer<typeof WebhookDeliveryEvent>;

export const webhookEventLabels: Record<WebhookEvent, string> = {
  'feedback.created': 'Feedback given on a lead',
  'feedback.replied': 'A reply to feedback',
  'lead.captured': 'A lead captured',
  'definition.published': 'A new lead definition published',
};

/** `json`: the payload as it is; `slack`: `{"text": summary}` for a Slack incoming webhook. */
export const WebhookFormat = z.enum(['json', 'slack']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

/** Hosts that may be reached over plain http: a receiver on the server's own machine. */
export const webhookLocalHosts: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where deliveries go: an `https:` URL, or `http:` to localhost, 127.0.0.1 or [::1] only
 * (events carry the team's data and a signature, so they never cross a network in clear).
 * No user name or password in the URL: it is listed to every admin and in the audit log's
 * origin. The server also refuses private, loopback and metadata addresses, those on this
 * machine included, unless its operator allows them (server/webhooks/targets.ts): that depends
 * on the server's setting and DNS, so it is not part of this schema.
 */
export const WebhookUrl = PlainText(z.string().trim().max(2000, 'The URL is over 2000 characters.'))
  .pipe(z.url({ protocol: /^https?$/, error: 'Write a full http(s) URL, like https://hooks.example.com/tandem.' }))
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return; // reported by z.url
    }
    if (url.protocol === 'http:' && !webhookLocalHosts.has(url.hostname)) {
      ctx.addIssue({ code: 'custom', message: 'Use an https:// URL; plain http:// is only for localhost or 127.0.0.1.' });
    }
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'Put no user name or password in the URL.' });
  });

export const CreateWebhookRequest = z.object({
  url: WebhookUrl,
  events: z
    .array(WebhookEvent)
    .min(1, 'Pick at least one event.')
    .max(WebhookEvent.options.length)
    .transform((events) => [...new Set(events)]),
  format: WebhookFormat.default('json'),
});
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequest>;

/** A new webhook. The secret is shown this once: the server never shows it again. */
export const CreateWebhookResponse = z.object({
  webhookId: Id,
  secret: z.string().startsWith('whsec_'),
});
export type CreateWebhookResponse = z.infer<typeof CreateWebhookResponse>;

export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** The most recent attempt of any of a webhook's deliveries. */
export const WebhookLastAttempt = z.object({
  deliveryId: Id,
  at: Timestamp,
  status: WebhookDeliveryStatus,
  /** The receiver's HTTP status; null when it could not be reached. */
  responseStatus: z.number().int().nullable(),
  /** Why the attempt failed; null when it succeeded. */
  error: z.string().nullable(),
});
export type WebhookLastAttempt = z.infer<typeof WebhookLastAttempt>;

/** A webhook as listed: never its secret. */
export const WebhookSummary = z.object({
  webhookId: Id,
  url: z.string(),
  events: z.array(WebhookEvent),
  format: WebhookFormat,
  createdAt: Timestamp,
  lastAttempt: WebhookLastAttempt.nullable(),
  /** Deliveries waiting to be sent or retried. */
  pending: z.number().int().nonnegative(),
  /** Deliveries that gave up after the last retry (kept in the log for 30 days). */
  failed: z.number().int().nonnegative(),
});
export type WebhookSummary = z.infer<typeof WebhookSummary>;

export const WebhooksResponse = z.object({ webhooks: z.array(WebhookSummary) });
export type WebhooksResponse = z.infer<typeof WebhooksResponse>;

/** The `:webhookId` of `/v1/admin/webhooks/:webhookId/...`. */
export const WebhookIdParam = z.object({ webhookId: Id });
export type WebhookIdParam = z.infer<typeof WebhookIdParam>;

/** `DELETE /v1/admin/webhooks/:webhookId`: the webhook and its deliveries not yet sent are gone. */
export const RemoveWebhookResponse = z.object({
  webhookId: Id,
  /** Deliveries that were still pending and will not be sent. */
  cancelled: z.number().int().nonnegative(),
});
export type RemoveWebhookResponse = z.infer<typeof RemoveWebhookResponse>;

/** `GET /v1/admin/webhooks/:webhookId/deliveries?limit=N`: the newest N, 50 unless said, at most 500. */
export const WebhookDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type WebhookDeliveriesQuery = z.infer<typeof WebhookDeliveriesQuery>;

/** One delivery in the log: never its payload or signature. */
export const WebhookDelivery = z.object({
  deliveryId: Id,
  event: WebhookDeliveryEvent,
  status: WebhookDeliveryStatus,
  /** Attempts made so far (one in progress counts). */
  attempts: z.number().int().nonnegative(),
  /** Why the latest attempt failed; null before the first attempt and after one that succeeded. */
  lastError: z.string().nullable(),
  /** The receiver's HTTP status on the latest attempt; null when none answered. */
  responseStatus: z.number().int().nullable(),
  createdAt: Timestamp,
  lastAttemptAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  /** When it is (re)tried next; null once delivered or failed. */
  nextAttemptAt: Timestamp.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveriesResponse = z.object({ deliveries: z.array(WebhookDelivery) });
export type WebhookDeliveriesResponse = z.infer<typeof WebhookDeliveriesResponse>;

/** `POST /v1/admin/webhooks/:webhookId/test` → 202: a `ping` delivery is queued. */
export const WebhookTestResponse = z.object({ deliveryId: Id });
export type WebhookTestResponse = z.infer<typeof WebhookTestResponse>;

/**
 * The JSON body a `json` webhook receives (a `slack` one receives `{"text": data.summary}`).
 * `data.summary` says what happened in words; the record is as the server stored it.
 */
export const WebhookPayload = z.object({
  /** The delivery's id, also in `x-tandem-delivery`: the same on every retry, so a receiver can drop repeats. */
  id: Id,
  event: WebhookDeliveryEvent,
  workspaceId: Id,
  occurredAt: Timestamp,
  data: z
    .object({
      summary: z.string(),
      /** feedback.created, feedback.replied: the feedback with all its replies. */
      feedback: z.record(z.string(), z.unknown()).optional(),
      /** feedback.replied: the reply just added. */
      reply: z.record(z.string(), z.unknown()).optional(),
      /** lead.captured */
      lead: z.record(z.string(), z.unknown()).optional(),
      /** definition.published */
      definition: z.record(z.string(), z.unknown()).optional(),
      /** ping */
      webhookId: Id.optional(),
    })
    .loose(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;
