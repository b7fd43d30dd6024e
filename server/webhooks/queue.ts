import { sql, type UpdateObject } from 'kysely';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { nowMs } from './store';

/**
 * The delivery queue as the workers see it: claim due deliveries for a lease, then finish
 * each one (delivered, retry later, failed) or release it, only while holding its claim.
 *
 * A claim is a token unique to one claim by one process (`<worker id>/<n>`), written to
 * `claimed_by` with `claimed_until` = now + lease. A row is due when it is pending, its
 * `next_attempt_at` has come, and no live claim holds it (`claimed_until` null or past): a
 * process that died while sending loses its claim when the lease runs out, and another
 * process picks the delivery up. Every finishing statement says `where claimed_by = <my
 * token>`, so a process whose lease ran out and was re-claimed by another cannot finish
 * (or fail) the delivery under it.
 */

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  workspaceId: string;
  event: string;
  payload: string | null;
  /** Attempts with this one. */
  attempts: number;
}

type Row = { id: string; webhook_id: string; workspace_id: string; event: string; payload: string | null; attempts: number };

const toClaimed = (r: Row): ClaimedDelivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  workspaceId: r.workspace_id,
  event: r.event,
  payload: r.payload,
  attempts: Number(r.attempts),
});

/**
 * How many deliveries of one workspace may be sent in any minute, unless the worker is told
 * otherwise (TANDEM_WEBHOOK_PER_MINUTE). Beyond it, a workspace's deliveries stay queued, in
 * order, and go out as its earlier ones leave the minute: a burst of feedback, or an admin
 * pressing "Send a test" again and again, cannot turn the server into a flood.
 */
export const defaultDeliveriesPerMinute = 60;

/** The window the cap counts over. */
export const capWindowMs = 60_000;

/**
 * The clock, and how many deliveries each workspace has sent in the last minute: those whose
 * latest attempt ended in it, and those being sent now (claimed, lease running). A delivery
 * counts once however often it was tried.
 */
function recentCtes(db: Db, sqliteNow = Date.now()) {
  const materialized = db.dialect === 'postgres' ? sql`materialized` : sql``;
  const clock = db.dialect === 'postgres' ? sql`select (extract(epoch from clock_timestamp()) * 1000)::bigint as now` : sql`select ${sqliteNow} as now`;
  return sql`
    clock as ${materialized} (${clock}),
    recent as ${materialized} (
      select r.workspace_id, count(*) as n
      from webhook_deliveries r, clock
      where r.last_attempt_at >= clock.now - ${capWindowMs} or r.claimed_until >= clock.now
      group by r.workspace_id
    )`;
}

/** Pending, its time has come, and no live claim holds it (for a row `d` beside `clock`). */
const isDue = sql`d.status = 'pending' and d.next_attempt_at <= clock.now and (d.claimed_until is null or d.claimed_until < clock.now)`;

/**
 * True when some delivery is due in a workspace under its cap: reads only, so an idle worker's
 * poll never takes a write lock (the cap is counted only when something is due at all).
 */
export async function anyDue(db: Db, perMinute: number = defaultDeliveriesPerMinute): Promise<boolean> {
  const now = nowMs(db.dialect);
  const row = await db.kysely
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return false;
  const { rows } = await sql<{ id: string }>`
    with ${recentCtes(db)}
    select d.id
    from webhook_deliveries d cross join clock left join recent on recent.workspace_id = d.workspace_id
    where ${isDue} and coalesce(recent.n, 0) < ${perMinute}
    limit 1
  `.execute(db.kysely);
  return rows.length > 0;
}

/**
 * Claims up to `limit` due deliveries, oldest due first, for `leaseMs`, counting the attempt,
 * and no more of one workspace than its cap leaves this minute (`perMinute`, less those it
 * sent in the last minute or is sending). The rest stay pending and due, in their order.
 *
 * Which rows: every due row is ranked within its workspace (oldest first); a row is picked
 * when the workspace's recent count plus its rank is within the cap. Claimers take turns (see
 * below), so each counts every claim made before it.
 *
 * PostgreSQL: one transaction holding an advisory lock that every claimer takes, then one
 * statement. Its CTE locks the picked rows `for update skip locked` (rows someone else is
 * changing, an erasure say, are skipped rather than waited for) and re-checks them against
 * the condition on their newest version; the UPDATE re-states the condition all the same.
 *
 * SQLite: the same guarded UPDATE … RETURNING in a BEGIN IMMEDIATE transaction: it holds
 * the database's one write lock from its first read, so no other process or connection can
 * claim in between.
 */
export async function claimDueDeliveries(db: Db, claim: string, leaseMs: number, limit: number, perMinute: number = defaultDeliveriesPerMinute): Promise<ClaimedDelivery[]> {
  const picked = sql`
    select ranked.id from (
      select d.id, d.next_attempt_at,
        coalesce(recent.n, 0) + row_number() over (partition by d.workspace_id order by d.next_attempt_at, d.id) as nth
      from webhook_deliveries d cross join clock left join recent on recent.workspace_id = d.workspace_id
      where ${isDue}
    ) ranked
    where ranked.nth <= ${perMinute}
    order by ranked.next_attempt_at, ranked.id
    limit ${limit}`;
  if (db.dialect === 'postgres') {
    return db.kysely.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('tandem webhook claims'))`.execute(trx);
      const { rows } = await sql<Row>`
        with ${recentCtes(db)},
        due as materialized (
          select d.id
          from webhook_deliveries d, clock
          where d.id in (${picked}) and ${isDue}
          for update of d skip locked
        )
        update webhook_deliveries w
        set claimed_by = ${claim}, claimed_until = clock.now + ${leaseMs}::bigint, attempts = w.attempts + 1
        from due, clock
        where w.id = due.id
          and w.status = 'pending'
          and (w.claimed_until is null or w.claimed_until < clock.now)
        returning w.id, w.webhook_id, w.workspace_id, w.event, w.payload, w.attempts
      `.execute(trx);
      return rows.map(toClaimed);
    });
  }
  // SQLite has one writer; writeTransaction is BEGIN IMMEDIATE there (the workspace is not used).
  return db.writeTransaction('', async (trx) => {
    const now = Date.now();
    const { rows } = await sql<Row>`
      with ${recentCtes(db, now)}
      update webhook_deliveries
      set claimed_by = ${claim}, claimed_until = ${now + leaseMs}, attempts = attempts + 1
      where id in (${picked})
      returning id, webhook_id, workspace_id, event, payload, attempts
    `.execute(trx);
    return rows.map(toClaimed);
  });
}

/** What an attempt came to. */
export interface AttemptResult {
  /** The receiver's HTTP status; null when it could not be reached. */
  status: number | null;
  /** Why it failed; null when it succeeded. */
  error: string | null;
}

const cut = (text: string | null) => (text === null ? null : text.slice(0, 500));

/**
 * Ends this process's claim on a delivery with `changes`, only if the claim still holds (a
 * process whose lease ran out and was claimed again by another cannot finish it). True if it did.
 */
async function endClaim(db: Db, id: string, claim: string, changes: UpdateObject<Database, 'webhook_deliveries'>): Promise<boolean> {
  const done = await db.kysely
    .updateTable('webhook_deliveries')
    .set({ ...changes, claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', claim)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** The delivery was accepted (2xx): done. Its payload goes; the log keeps the outcome. True if the claim still held. */
export function markDelivered(db: Db, id: string, claim: string, result: AttemptResult): Promise<boolean> {
  const now = nowMs(db.dialect);
  return endClaim(db, id, claim, {
    status: 'delivered',
    payload: null,
    delivered_at: now,
    last_attempt_at: now,
    last_status: result.status,
    last_error: null,
    next_attempt_at: null,
  });
}

/** The attempt failed; try again after `delayMs`. True if the claim still held. */
export function markRetry(db: Db, id: string, claim: string, result: AttemptResult, delayMs: number): Promise<boolean> {
  const now = nowMs(db.dialect);
  return endClaim(db, id, claim, {
    next_attempt_at: sql<number>`${now} + ${delayMs}`,
    last_attempt_at: now,
    last_status: result.status,
    last_error: cut(result.error),
  });
}

/** The last attempt failed: give up. The payload goes; the log keeps why. True if the claim still held. */
export function markFailed(db: Db, id: string, claim: string, result: AttemptResult, attempted = true): Promise<boolean> {
  const now = nowMs(db.dialect);
  return endClaim(db, id, claim, {
    status: 'failed',
    payload: null,
    ...(attempted ? { last_attempt_at: now, last_status: result.status } : {}),
    last_error: cut(result.error),
    next_attempt_at: null,
  });
}

/** Gives a claimed delivery back unsent (the process is stopping): due at once, for any process; the attempt does not count. */
export function releaseClaim(db: Db, id: string, claim: string): Promise<boolean> {
  return endClaim(db, id, claim, { attempts: sql<number>`attempts - 1`, next_attempt_at: nowMs(db.dialect) });
}

/**
 * Forgets deliveries that were delivered or failed more than `retentionMs` ago. Looks first,
 * so that it takes SQLite's write lock only when there is something to delete.
 */
export async function pruneDeliveries(db: Db, retentionMs: number): Promise<number> {
  const before = sql<number>`${nowMs(db.dialect)} - ${retentionMs}`;
  const any = await db.kysely
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', 'in', ['delivered', 'failed'])
    .where('created_at', '<', before)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  const done = await db.kysely.deleteFrom('webhook_deliveries').where('status', 'in', ['delivered', 'failed']).where('created_at', '<', before).executeTakeFirst();
  return Number(done.numDeletedRows);
}
