import type { z } from 'zod';
import type { AnyRecord, RecordOf, RecordType, Role } from '../model';

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

export const allRoles: readonly Role[] = ['admin', 'marketing', 'sales'];
export const marketingRoles: readonly Role[] = ['admin', 'marketing'];
