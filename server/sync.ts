import type { Transaction } from 'kysely';
import { z } from 'zod';
import { describeZodError, type MutationOutcome, type PullQuery, type PullResponse, type PushRequest, type PushResult } from '../utils/model';
import { mutatorNamed, MutationError } from '../utils/mutators';
import type { Db } from './db/connect';
import type { Database } from './db/schema';
import { dbMutationTx, toChange } from './records';
import type { Identity } from './team';
import { webhookDeliveriesQueued } from './webhooks/signal';
import { queueWebhookEvents, type Written } from './webhooks/store';

/** A push or pull the protocol refuses as a whole. */
export class SyncError extends Error {
  constructor(
    readonly status: 403 | 409,
    readonly code: 'client-of-another-member' | 'gap',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Binds a clientId to the member who first uses it, and refuses it to anyone else.
 * Returns the client's lastMutationId and when it was last seen.
 */
async function claimClient(trx: Transaction<Database>, who: Identity, clientId: string): Promise<{ last: number; seenAt: string }> {
  const at = new Date().toISOString();
  const client = await trx
    .selectFrom('clients')
    .select(['member_id', 'workspace_id', 'last_mutation_id', 'last_seen_at'])
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!client) {
    await trx
      .insertInto('clients')
      .values({ id: clientId, workspace_id: who.workspaceId, member_id: who.memberId, last_mutation_id: 0, last_seen_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const again = await trx.selectFrom('clients').select(['member_id', 'last_mutation_id', 'last_seen_at']).where('id', '=', clientId).executeTakeFirstOrThrow();
    if (again.member_id !== who.memberId) throw clientOfAnother();
    return { last: Number(again.last_mutation_id), seenAt: again.last_seen_at };
  }
  if (client.member_id !== who.memberId || client.workspace_id !== who.workspaceId) throw clientOfAnother();
  return { last: Number(client.last_mutation_id), seenAt: client.last_seen_at };
}

/**
 * How stale `clients.last_seen_at` may get before a pull refreshes it. A push always
 * writes it; a pull writes it at most this often, so pulls mostly stay read-only.
 */
export const lastSeenResolutionMs = 60_000;

const clientOfAnother = () =>
  new SyncError(403, 'client-of-another-member', 'This clientId belongs to another member. Each install makes its own clientId.');

async function finishMutation(
  trx: Transaction<Database>,
  who: Identity,
  clientId: string,
  id: number,
  name: string,
  failure?: { status: 'error' | 'conflict'; error: { code: string; message: string }; current?: unknown },
) {
  const at = new Date().toISOString();
  await trx.updateTable('clients').set({ last_mutation_id: id, last_seen_at: at }).where('id', '=', clientId).execute();
  if (failure) {
    // A client may send any name; PostgreSQL text holds neither NUL nor lone surrogates.
    name = name.toWellFormed().replaceAll('\u0000', '\uFFFD');
    await trx
      .insertInto('outcomes')
      .values({
        workspace_id: who.workspaceId,
        client_id: clientId,
        mutation_id: id,
        name,
        status: failure.status,
        error: JSON.stringify(failure.error),
        current: failure.current === undefined ? null : JSON.stringify(failure.current),
        created_at: at,
      })
      .execute();
  }
}

type Failure = { status: 'error' | 'conflict'; error: { code: string; message: string }; current?: ReturnType<typeof toChange> };

/**
 * Applies a push, each mutation in its own transaction holding the workspace's write lock:
 *  1. skip a mutation already applied (`duplicate`);
 *  2. refuse the push whole if its first id leaves a gap (409);
 *  3. parse the args, check the role, apply the shared mutator;
 *  4. record lastMutationId and, for an invalid, forbidden or stale mutation, its outcome,
 *     so one bad mutation never jams the queue.
 */
export async function push(db: Db, who: Identity, request: PushRequest, log?: (error: unknown) => void): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const [index, mutation] of request.mutations.entries()) {
    const actor = { memberId: who.memberId, name: who.memberName, role: who.role };
    let failure: Failure | undefined;
    let queued = 0;
    const done = await db.writeTransaction(who.workspaceId, async (trx) => {
      const { last } = await claimClient(trx, who, request.clientId);
      if (mutation.id <= last) return { id: mutation.id, status: 'duplicate' } as const;
      if (mutation.id > last + 1) {
        if (index === 0) {
          throw new SyncError(409, 'gap', `The server has mutations up to ${last}; this push starts at ${mutation.id}. Push from ${last + 1}.`, { lastMutationId: last });
        }
        return null; // another push from this client moved ahead meanwhile: stop here
      }
      const mutator = mutatorNamed(mutation.name);
      const args = mutator?.args.safeParse(mutation.args);
      if (!mutator) failure = { status: 'error', error: { code: 'unknown-mutation', message: `The server does not know the change “${mutation.name}”.` } };
      else if (!args?.success) failure = { status: 'error', error: { code: 'invalid', message: describeZodError(args!.error) } };
      else if (!mutator.roles.includes(who.role)) {
        failure = { status: 'error', error: { code: 'forbidden', message: `A ${who.role} member may not do this (${mutation.name}).` } };
      } else {
        try {
          const now = new Date().toISOString();
          // What the mutator writes decides the webhook event: one that wrote nothing (already applied) makes none.
          const tx = dbMutationTx(trx, who.workspaceId);
          const written: Written[] = [];
          const tracked: typeof tx = {
            ...tx,
            async put(type, record) {
              await tx.put(type, record);
              written.push({ type, record });
            },
          };
          await mutator.apply(tracked, args.data, { actor, now });
          // In the mutation's transaction: it commits with the mutation or not at all.
          queued = await queueWebhookEvents(trx, db.dialect, who.workspaceId, mutation.name, written, now);
        } catch (error) {
          failure = toFailure(error, log);
          // Undo what the mutator wrote before it failed; the outcome is recorded below.
          throw new RollBack();
        }
      }
      await finishMutation(trx, who, request.clientId, mutation.id, mutation.name, failure);
      return failure ? { id: mutation.id, ...failure } : ({ id: mutation.id, status: 'applied' } as const);
    }).catch(async (error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
      queued = 0;
      return db.writeTransaction(who.workspaceId, async (trx) => {
        const { last } = await claimClient(trx, who, request.clientId);
        if (mutation.id !== last + 1) return null;
        await finishMutation(trx, who, request.clientId, mutation.id, mutation.name, failure);
        return { id: mutation.id, ...failure! };
      });
    });
    if (queued) webhookDeliveriesQueued();
    if (!done) break;
    results.push(done);
    // better-sqlite3 is synchronous: let other requests (and a SIGTERM) in between mutations.
    if (db.dialect === 'sqlite') await new Promise((next) => setImmediate(next));
  }
  return results;
}

class RollBack extends Error {}

function toFailure(error: unknown, log?: (error: unknown) => void): Failure {
  if (error instanceof MutationError) {
    const current = error.current && toChange({ type: error.current.type, ...error.current.record, deleted: error.current.record.deleted ? 1 : 0, doc: JSON.stringify(error.current.record) });
    return {
      status: error.code === 'conflict' ? 'conflict' : 'error',
      error: { code: error.code, message: error.message },
      ...(current ? { current } : {}),
    };
  }
  if (error instanceof z.ZodError) return { status: 'error', error: { code: 'invalid', message: describeZodError(error) } };
  log?.(error);
  return { status: 'error', error: { code: 'internal', message: 'The server could not apply this change; it has been logged.' } };
}

/** Changes after the client's cursor, a page at a time, and outcomes it has not acknowledged. */
export async function pull(db: Db, who: Identity, query: PullQuery, log?: (error: unknown) => void): Promise<PullResponse> {
  // Read committed on purpose. lastMutationId is read before the changes, so a push that
  // commits in between can only add changes to this page, never confirm a mutation whose
  // effects the page lacks. Repeatable read would make two requests that first use one
  // clientId at the same moment fail to serialise.
  const { lastMutationId, seenAt, rows, outcomes } = await db.kysely.transaction().execute(async (trx) => {
    const { last: lastMutationId, seenAt } = await claimClient(trx, who, query.clientId);
    const rows = await trx
      .selectFrom('records')
      .select(['type', 'id', 'version', 'deleted', 'seq', 'doc'])
      .where('workspace_id', '=', who.workspaceId)
      .where('seq', '>', query.cursor)
      .orderBy('seq')
      .limit(query.limit + 1)
      .execute();
    const outcomes = await trx
      .selectFrom('outcomes')
      .select(['mutation_id', 'name', 'status', 'error', 'current'])
      .where('client_id', '=', query.clientId)
      .where('mutation_id', '>', query.ack)
      .orderBy('mutation_id')
      .limit(1000)
      .execute();
    return { lastMutationId, seenAt, rows, outcomes };
  });
  await touchClient(db, query.clientId, seenAt, log);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return {
    cursor: page.length ? Number(page[page.length - 1]!.seq) : query.cursor,
    lastMutationId,
    outcomes: outcomes.map(
      (o): MutationOutcome => ({
        id: Number(o.mutation_id),
        name: o.name,
        status: o.status as 'error' | 'conflict',
        error: JSON.parse(o.error),
        ...(o.current ? { current: JSON.parse(o.current) } : {}),
      }),
    ),
    changes: page.map(toChange),
    more,
  };
}

/**
 * Records that a client pulled, for the admin's "last synced", when the stored time is over
 * a minute old. Outside the pull's read transaction, as one conditional statement: it never
 * turns the read into a write transaction (which SQLite may refuse when another process
 * wrote meanwhile), and of two pulls at once only one writes. A failure loses nothing the
 * client needs, so it is logged, not returned.
 */
async function touchClient(db: Db, clientId: string, seenAt: string, log?: (error: unknown) => void): Promise<void> {
  const now = Date.now();
  const stale = new Date(now - lastSeenResolutionMs).toISOString();
  if (seenAt >= stale) return;
  try {
    await db.kysely.updateTable('clients').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', clientId).where('last_seen_at', '<', stale).execute();
  } catch (error) {
    log?.(error);
  }
}
