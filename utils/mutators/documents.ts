import { z } from 'zod';
import { Campaign, endsAfterStart, Goal, publishablePatterns, type RecordOf, SalesPlay } from '../model';
import { defineMutator, marketingRoles, MutationError, revisionArgs, staleBase, type MutationTx } from './types';

type Editable<T extends 'campaign' | 'play' | 'goal'> = Omit<RecordOf<T>, 'version' | 'deleted' | 'updatedAt' | 'rev'>;
interface Base {
  baseVersion: number;
  baseRev?: string | null | undefined;
  rev?: string | undefined;
}

/**
 * Documents that people edit carry a version: an edit based on an older one is a conflict,
 * answered with the current document so the person can see both.
 */
async function putDocument<T extends 'campaign' | 'play' | 'goal'>(
  tx: MutationTx,
  type: T,
  doc: Editable<T>,
  { baseVersion, baseRev, rev }: Base,
  now: string,
): Promise<void> {
  const current = await tx.get(type, doc.id);
  if (staleBase(current, { baseVersion, baseRev })) {
    throw new MutationError(
      'conflict',
      `Someone else changed this ${type} (now version ${current?.version ?? 0}, your edit was based on ${baseVersion}).`,
      current && { type, record: current },
    );
  }
  await tx.put(type, { ...doc, version: baseVersion + 1, deleted: false, updatedAt: now, ...(rev ? { rev } : {}) } as RecordOf<T>);
}

const serverKept = { version: true, deleted: true, updatedAt: true, rev: true } as const;
const baseVersion = z.number().int().nonnegative();

export const campaignPut = defineMutator({
  name: 'campaign.put',
  // Like definition.publish: an audience's new patterns must run on RE2 (utils/pattern.ts).
  args: z.object({ doc: Campaign.omit(serverKept).superRefine(endsAfterStart).superRefine(publishablePatterns('audience')), baseVersion, ...revisionArgs }),
  roles: marketingRoles,
  apply: (tx, args, { now }) => putDocument(tx, 'campaign', args.doc, args, now),
});

export const playPut = defineMutator({
  name: 'play.put',
  args: z.object({ doc: SalesPlay.omit(serverKept).superRefine(endsAfterStart), baseVersion, ...revisionArgs }),
  roles: marketingRoles,
  apply: (tx, args, { now }) => putDocument(tx, 'play', args.doc, args, now),
});

export const goalPut = defineMutator({
  name: 'goal.put',
  args: z.object({ doc: Goal.omit(serverKept), baseVersion, ...revisionArgs }),
  roles: marketingRoles,
  apply: (tx, args, { now }) => putDocument(tx, 'goal', args.doc, args, now),
});
