import type { z } from 'zod';
import { Id, type AnyRecord, type RecordBase, type RecordOf, type RecordType, type Role } from '../model';

/**
 * What a mutator may do to state. The extension implements it over IndexedDB, the server
 * over its database; the mutators themselves never know which.
 */
export interface MutationTx {
  get<T extends RecordType>(type: T, id: string): Promise<RecordOf<T> | undefined>;
  put<T extends RecordType>(type: T, record: RecordOf<T>): Promise<void>;
  list<T extends RecordType>(type: T): Promise<RecordOf<T>[]>;
}

/** Who is mutating, and when (ISO time). */
export interface MutationContext {
  actor: { memberId: string; name: string; role: Role };
  now: string;
}

export type MutationErrorCode = 'invalid' | 'forbidden' | 'conflict' | 'not-found';

/** A mutation that cannot be applied. `current` is the document as it stands, on a conflict. */
export class MutationError extends Error {
  constructor(
    readonly code: MutationErrorCode,
    message: string,
    readonly current?: { type: RecordType; record: AnyRecord },
  ) {
    super(message);
    this.name = 'MutationError';
  }
}

export interface Mutator<Args extends z.ZodType = z.ZodType> {
  name: string;
  /** Parsed on both sides before anything is applied. */
  args: Args;
  /** Roles allowed to run it. */
  roles: readonly Role[];
  apply(tx: MutationTx, args: z.output<Args>, ctx: MutationContext): Promise<void>;
}

export function defineMutator<Args extends z.ZodType>(mutator: Mutator<Args>): Mutator<Args> {
  return mutator;
}

/**
 * What an edit of a versioned record says it was based on, and the id of the edit itself.
 * `rev` and `baseRev` are optional so that installs from before them keep working on the
 * version alone; every edit Tandem makes now sends both.
 */
export const revisionArgs = {
  baseRev: Id.nullable().optional(),
  rev: Id.optional(),
};

/**
 * Whether an edit based on (`baseVersion`, `baseRev`) is stale against `current`. The version
 * alone is not enough: an install that edits the same record twice while offline bases the
 * second edit on its own first one, whose version number someone else may have used on the
 * server meanwhile. The first is then a conflict, and the second must be one too rather than
 * land on a version its author never saw; `rev` names which version it was.
 */
export function staleBase(current: Pick<RecordBase, 'version' | 'rev'> | undefined, base: { baseVersion: number; baseRev?: string | null }): boolean {
  if ((current?.version ?? 0) !== base.baseVersion) return true;
  return base.baseRev !== undefined && (current?.rev ?? null) !== base.baseRev;
}

export const allRoles: readonly Role[] = ['admin', 'marketing', 'sales'];
export const marketingRoles: readonly Role[] = ['admin', 'marketing'];
