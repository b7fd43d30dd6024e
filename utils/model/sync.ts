import { z } from 'zod';
import { RecordType } from './records';
import { Role } from './common';

/**
 * The sync protocol (v1), shared by the extension's sync client and the server: named
 * mutations pushed, changes pulled in sequence order. See DESIGN.md "Sync protocol".
 */

/** Mutation ids are small positive integers counted per client; `safe` keeps them exact in JSON. */
const MutationId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ClientId = z.uuid();

export const PushMutation = z.object({
  id: MutationId,
  name: z.string().min(1).max(100),
  args: z.unknown(),
});
export type PushMutation = z.infer<typeof PushMutation>;

export const maxMutationsPerPush = 500;

export const PushRequest = z
  .object({
    clientId: ClientId,
    mutations: z.array(PushMutation).min(1).max(maxMutationsPerPush, `At most ${maxMutationsPerPush} mutations in one push.`),
  })
  .superRefine(({ mutations }, ctx) => {
    for (let i = 1; i < mutations.length; i++) {
      if (mutations[i]!.id !== mutations[i - 1]!.id + 1) {
        ctx.addIssue({ code: 'custom', path: ['mutations', i, 'id'], message: 'Mutation ids in a push must be consecutive.' });
        return;
      }
    }
  });
export type PushRequest = z.infer<typeof PushRequest>;

/** A record as it travels: its type, id, version, tombstone flag and the whole document. */
export const Change = z.object({
  type: RecordType,
  id: z.string().min(1),
  version: z.number().int().nonnegative(),
  deleted: z.boolean(),
  value: z.unknown(),
});
export type Change = z.infer<typeof Change>;

export const MutationStatus = z.enum(['applied', 'duplicate', 'error', 'conflict']);
export type MutationStatus = z.infer<typeof MutationStatus>;

export const MutationFailure = z.object({ code: z.string(), message: z.string() });

export const PushResult = z.object({
  id: MutationId,
  status: MutationStatus,
  error: MutationFailure.optional(),
  current: Change.optional(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

const Counter = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const PullQuery = z.object({
  clientId: ClientId,
  /** The server sequence number this client has seen. */
  cursor: Counter.default(0),
  /** The highest mutation id whose outcome this client has recorded. */
  ack: Counter.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** The outcome of a mutation that failed, kept for the client until it acknowledges it. */
export const MutationOutcome = z.object({
  id: MutationId,
  name: z.string(),
  status: z.enum(['error', 'conflict']),
  error: MutationFailure,
  current: Change.optional(),
});
export type MutationOutcome = z.infer<typeof MutationOutcome>;

export const PullResponse = z.object({
  cursor: z.number().int().nonnegative(),
  lastMutationId: z.number().int().nonnegative(),
  outcomes: z.array(MutationOutcome),
  changes: z.array(Change),
  /** True when there are more changes after this page: pull again from `cursor`. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const MeResponse = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  member: z.object({ id: z.string(), name: z.string(), role: Role }),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
