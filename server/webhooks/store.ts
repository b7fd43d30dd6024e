import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { Feedback, Lead, LeadDefinition, recordSchemas, type RecordType } from '../../utils/model';
import {
  WebhookDeliveryEvent,
  WebhookDeliveryStatus,
  WebhookEvent,
  WebhookFormat,
  type CreateWebhookResponse,
  type RemoveWebhookResponse,
  type WebhookDelivery,
  type WebhookPayload,
  type WebhookSummary,
} from '../../utils/model/webhook';
import type { Db, Dialect } from '../db/connect';
import type { Database } from '../db/schema';
import { audit, TeamError, workspaceRow, type Acting } from '../team';
import { newWebhookSecret } from './signature';
import { webhookDeliveriesQueued } from './signal';
import { checkWebhookUrl, webhookTargetsOf, type WebhookTargetOptions } from './targets';
import { definitionPublishedSummary, feedbackCreatedSummary, feedbackRepliedSummary, leadCapturedSummary } from './summary';

/** Webhooks and their delivery queue: what the admin API, the CLI and a push change. */

/** A workspace may have this many webhooks. */
export const maxWebhooksPerWorkspace = 20;

/**
 * Now, in ms since 1970, as the queue's times are kept: PostgreSQL's clock (processes on
 * several machines share it), or this process's for SQLite (one machine by nature).
 */
export function nowMs(dialect: Dialect): RawBuilder<number> {
  return dialect === 'postgres' ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint` : sql<number>`${Date.now()}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** A webhook, if it is within reach: in `acting.workspaceId` when that is given (the API), anywhere for the CLI. */
async function webhookRow(db: Db | Transaction<Database>, webhookId: string, { workspaceId }: Acting = {}) {
  const kysely = 'kysely' in db ? db.kysely : db;
  let query = kysely.selectFrom('webhooks').select(['id', 'workspace_id', 'url', 'format']).where('id', '=', webhookId);
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  if (!row) throw new TeamError('not-found', `No webhook with id ${webhookId}${workspaceId !== undefined ? ' in this workspace' : ''}.`);
  return row;
}

/**
 * Adds a webhook and returns its secret, the only time anyone sees it. The audit entry keeps
 * the URL's origin only: a path may hold a token (Slack's do). A URL that points at a private,
 * loopback or metadata address (targets.ts) is refused with a WebhookTargetError, checked
 * before the workspace's write lock is taken (a host name is resolved).
 */
export async function addWebhook(
  db: Db,
  workspaceId: string,
  { url, events, format }: { url: string; events: WebhookEvent[]; format: WebhookFormat },
  actorId: string | null = null,
  targets: WebhookTargetOptions = webhookTargetsOf(db),
): Promise<CreateWebhookResponse> {
  await workspaceRow(db, workspaceId);
  await checkWebhookUrl(url, targets);
  return db.writeTransaction(workspaceId, async (trx) => {
    const { n } = await trx
      .selectFrom('webhooks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= maxWebhooksPerWorkspace) {
      throw new TeamError('invalid', `A workspace has at most ${maxWebhooksPerWorkspace} webhooks; remove one first.`);
    }
    const webhookId = randomUUID();
    const secret = newWebhookSecret();
    const unique = [...new Set(events)];
    await trx
      .insertInto('webhooks')
      .values({ id: webhookId, workspace_id: workspaceId, url, events: JSON.stringify(unique), format, secret, created_at: new Date().toISOString(), created_by: actorId })
      .execute();
    await audit(trx, workspaceId, actorId, 'webhook.add', { webhookId, origin: new URL(url).origin, events: unique, format });
    return { webhookId, secret };
  });
}

const parseEvents = (text: string): WebhookEvent[] => {
  try {
    const parsed = WebhookEvent.array().safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
};

/** A workspace's webhooks, oldest first, with how their deliveries stand. Never a secret. */
export async function listWebhooks(db: Db, workspaceId: string): Promise<WebhookSummary[]> {
  await workspaceRow(db, workspaceId);
  const hooks = await db.kysely
    .selectFrom('webhooks')
    .select(['id', 'url', 'events', 'format', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (!hooks.length) return [];
  const counts = await db.kysely
    .selectFrom('webhook_deliveries')
    .select((eb) => ['webhook_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['pending', 'failed'])
    .groupBy(['webhook_id', 'status'])
    .execute();
  const count = (webhookId: string, status: string) => Number(counts.find((c) => c.webhook_id === webhookId && c.status === status)?.n ?? 0);
  return Promise.all(
    hooks.map(async (hook): Promise<WebhookSummary> => {
      const last = await db.kysely
        .selectFrom('webhook_deliveries')
        .select(['id', 'status', 'last_attempt_at', 'last_status', 'last_error'])
        .where('webhook_id', '=', hook.id)
        .where('last_attempt_at', 'is not', null)
        .orderBy('last_attempt_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return {
        webhookId: hook.id,
        url: hook.url,
        events: parseEvents(hook.events),
        format: WebhookFormat.catch('json').parse(hook.format),
        createdAt: hook.created_at,
        lastAttempt: last
          ? {
              deliveryId: last.id,
              at: iso(last.last_attempt_at)!,
              status: WebhookDeliveryStatus.catch('pending').parse(last.status),
              responseStatus: last.last_status === null ? null : Number(last.last_status),
              error: last.last_error,
            }
          : null,
        pending: count(hook.id, 'pending'),
        failed: count(hook.id, 'failed'),
      };
    }),
  );
}

/**
 * Removes a webhook with its deliveries: those still pending are never sent (one being sent
 * right now may still arrive; its claimer then finds nothing to finish). The secret goes
 * with the row.
 */
export async function removeWebhook(db: Db, webhookId: string, acting: Acting = {}): Promise<RemoveWebhookResponse> {
  const { workspace_id: workspaceId } = await webhookRow(db, webhookId, acting);
  return db.writeTransaction(workspaceId, async (trx) => {
    await webhookRow(trx, webhookId, acting); // removed meanwhile: not found
    const { n } = await trx
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('webhook_id', '=', webhookId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', webhookId).execute();
    await trx.deleteFrom('webhooks').where('id', '=', webhookId).execute();
    const cancelled = Number(n);
    await audit(trx, workspaceId, acting.actorId ?? null, 'webhook.remove', { webhookId, cancelled });
    return { webhookId, cancelled };
  });
}

/** A webhook's delivery log, newest first. Never a payload or a signature. */
export async function webhookDeliveries(db: Db, webhookId: string, acting: Acting, limit: number): Promise<WebhookDelivery[]> {
  await webhookRow(db, webhookId, acting);
  const rows = await db.kysely
    .selectFrom('webhook_deliveries')
    .select(['id', 'event', 'status', 'attempts', 'last_error', 'last_status', 'created_at', 'last_attempt_at', 'delivered_at', 'next_attempt_at'])
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    deliveryId: r.id,
    event: WebhookDeliveryEvent.catch('ping').parse(r.event),
    status: WebhookDeliveryStatus.catch('pending').parse(r.status),
    attempts: Number(r.attempts),
    lastError: r.last_error,
    responseStatus: r.last_status === null ? null : Number(r.last_status),
    createdAt: iso(r.created_at)!,
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  }));
}

/** Queues one delivery per webhook given, each with its own id in its payload. Returns how many. */
async function queue(
  trx: Transaction<Database>,
  dialect: Dialect,
  workspaceId: string,
  webhookIds: string[],
  event: WebhookDeliveryEvent,
  occurredAt: string,
  data: (webhookId: string) => WebhookPayload['data'],
): Promise<string[]> {
  if (!webhookIds.length) return [];
  const now = nowMs(dialect);
  const rows = webhookIds.map((webhookId) => {
    const id = randomUUID();
    const payload: WebhookPayload = { id, event, workspaceId, occurredAt, data: data(webhookId) };
    return {
      id,
      webhook_id: webhookId,
      workspace_id: workspaceId,
      event,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      created_at: now,
      next_attempt_at: now,
    };
  });
  await trx.insertInto('webhook_deliveries').values(rows).execute();
  return rows.map((r) => r.id);
}

/** `POST /v1/admin/webhooks/:id/test` and nothing else: a `ping` delivery to one webhook. */
export async function queueTestDelivery(db: Db, webhookId: string, acting: Acting = {}): Promise<{ deliveryId: string }> {
  const { workspace_id: workspaceId } = await webhookRow(db, webhookId, acting);
  const deliveryId = await db.writeTransaction(workspaceId, async (trx) => {
    await webhookRow(trx, webhookId, acting);
    const [id] = await queue(trx, db.dialect, workspaceId, [webhookId], 'ping', new Date().toISOString(), () => ({
      summary: 'Tandem test delivery: this webhook works.',
      webhookId,
    }));
    await audit(trx, workspaceId, acting.actorId ?? null, 'webhook.test', { webhookId, deliveryId: id });
    return id!;
  });
  webhookDeliveriesQueued();
  return { deliveryId };
}

/** A record a mutator wrote, as the push saw it. */
export interface Written {
  type: RecordType;
  record: unknown;
}

const eventOfMutation: Record<string, WebhookEvent> = {
  'feedback.create': 'feedback.created',
  'feedback.reply': 'feedback.replied',
  'lead.capture': 'lead.captured',
  'definition.publish': 'definition.published',
};

/** The event a mutation that wrote `written` makes, with its data; undefined when it makes none. */
function eventOf(mutationName: string, written: readonly Written[]): { event: WebhookEvent; data: WebhookPayload['data'] } | undefined {
  const event = eventOfMutation[mutationName];
  if (!event) return undefined;
  // The record as putRecord stored it (parsed with the same schema).
  const stored = (type: RecordType) => {
    const last = written.findLast((w) => w.type === type);
    return last && recordSchemas[type].parse(last.record);
  };
  switch (event) {
    case 'feedback.created': {
      const feedback = stored('feedback') as Feedback | undefined;
      return feedback && { event, data: { summary: feedbackCreatedSummary(feedback), feedback } };
    }
    case 'feedback.replied': {
      const feedback = stored('feedback') as Feedback | undefined;
      const reply = feedback?.replies.at(-1);
      return feedback && reply && { event, data: { summary: feedbackRepliedSummary(feedback, reply), feedback, reply } };
    }
    case 'lead.captured': {
      const lead = stored('lead') as Lead | undefined;
      return lead && { event, data: { summary: leadCapturedSummary(lead), lead } };
    }
    case 'definition.published': {
      const definition = stored('definition') as LeadDefinition | undefined;
      return definition && { event, data: { summary: definitionPublishedSummary(definition), definition } };
    }
  }
}

/**
 * Called by a push inside the mutation's transaction, after the mutator ran: queues a
 * delivery to every webhook of the workspace subscribed to the event the mutation made.
 * A mutation that wrote nothing (a re-pushed feedback.create of a feedback that exists, say)
 * makes no event; one rolled back takes its deliveries with it. Returns how many it queued.
 */
export async function queueWebhookEvents(
  trx: Transaction<Database>,
  dialect: Dialect,
  workspaceId: string,
  mutationName: string,
  written: readonly Written[],
  occurredAt: string,
): Promise<number> {
  if (!written.length || !(mutationName in eventOfMutation)) return 0;
  const hooks = await trx.selectFrom('webhooks').select(['id', 'events']).where('workspace_id', '=', workspaceId).execute();
  if (!hooks.length) return 0;
  const made = eventOf(mutationName, written);
  if (!made) return 0;
  const subscribed = hooks.filter((hook) => parseEvents(hook.events).includes(made.event)).map((hook) => hook.id);
  const ids = await queue(trx, dialect, workspaceId, subscribed, made.event, occurredAt, () => made.data);
  return ids.length;
}
