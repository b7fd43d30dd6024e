import { z } from 'zod';
import { Id, LeadDefinition, publishablePatterns } from '../model';
import { defineMutator, marketingRoles, MutationError } from './types';

export const definitionPublish = defineMutator({
  name: 'definition.publish',
  args: LeadDefinition.omit({
    version: true,
    deleted: true,
    updatedAt: true,
    rev: true,
    number: true,
    publishedAt: true,
    publishedBy: true,
  }).extend({
    id: Id,
    /** The version number this draft was based on; null for the first definition. */
    basedOn: z.number().int().positive().nullable(),
    /**
     * The id of the version it was based on (null: none). Numbers alone are not enough: two
     * installs offline can both publish "version 3", and a second draft based on this
     * install's own unconfirmed version 3 must not land on top of the other one. Optional
     * for installs from before it.
     */
    basedOnId: Id.nullable().optional(),
  })
    // Stored definitions may hold patterns from before RE2 (they read as unknown); a new version may not.
    .superRefine(publishablePatterns('criteria', 'disqualifiers')),
  roles: marketingRoles,
  async apply(tx, { basedOn, basedOnId, ...draft }, { actor, now }) {
    if (await tx.get('definition', draft.id)) return; // already published: re-applied by the client
    const latest = latestDefinition(await tx.list('definition'));
    if (staleDefinitionBase(latest, { basedOn, basedOnId })) {
      throw new MutationError(
        'conflict',
        latest && latest.number === basedOn
          ? `Someone else’s version ${latest.number} of the lead definition was published before yours reached the server; this draft was based on your own version ${basedOn}.`
          : latest
          ? `Version ${latest.number} of the lead definition was published while you edited ${basedOn === null ? 'a new one' : `version ${basedOn}`}.`
          : `There is no version ${basedOn} of the lead definition: none has been published yet.`,
        latest && { type: 'definition', record: latest },
      );
    }
    await tx.put('definition', {
      ...draft,
      number: (latest?.number ?? 0) + 1,
      version: 1,
      deleted: false,
      updatedAt: now,
      publishedAt: now,
      publishedBy: actor.name,
    });
  },
});

/**
 * Whether `latest` is no longer the version a draft was based on: by number, and by id where
 * the draft names one (drafts and installs from before ids are checked on the number alone).
 */
export function staleDefinitionBase(
  latest: Pick<LeadDefinition, 'number' | 'id'> | undefined,
  base: { basedOn: number | null; basedOnId?: string | null | undefined },
): boolean {
  if ((latest?.number ?? null) !== base.basedOn) return true;
  return base.basedOnId !== undefined && (latest?.id ?? null) !== base.basedOnId;
}

/** The newest published definition among `definitions`, or undefined. */
export function latestDefinition(definitions: readonly LeadDefinition[]): LeadDefinition | undefined {
  return definitions
    .filter((d) => !d.deleted)
    .reduce<LeadDefinition | undefined>((a, b) => (a && a.number > b.number ? a : b), undefined);
}
