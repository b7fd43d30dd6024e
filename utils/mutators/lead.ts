import { z } from 'zod';
import { Id, Lead, Text, type Role } from '../model';
import { allRoles, defineMutator, marketingRoles, MutationError, revisionArgs, staleBase, type MutationContext } from './types';

/**
 * Who may change or delete a lead: the rep who captured it, and Marketing and admins, who
 * own the pipeline. Any member may capture one. The same rule on every install and on the
 * server; the capture review offers "update that lead" only where it holds.
 */
export function canChangeLead(lead: Pick<Lead, 'capturedBy'>, actor: { memberId: string; role: Role }): boolean {
  return marketingRoles.includes(actor.role) || lead.capturedBy.memberId === actor.memberId;
}

function mayChange(lead: Lead, actor: MutationContext['actor'], what: string): void {
  if (!canChangeLead(lead, actor)) {
    throw new MutationError('forbidden', `Only ${lead.capturedBy.name}, who captured this lead, or Marketing can ${what} it.`);
  }
}

const LeadFields = Lead.omit({ version: true, deleted: true, updatedAt: true, rev: true, capturedBy: true, capturedAt: true });

export const leadCapture = defineMutator({
  name: 'lead.capture',
  args: LeadFields,
  roles: allRoles,
  async apply(tx, lead, { actor, now }) {
    if (await tx.get('lead', lead.id)) return; // already applied: re-applied by the client
    await tx.put('lead', {
      ...lead,
      capturedBy: { memberId: actor.memberId, name: actor.name },
      capturedAt: now,
      version: 1,
      deleted: false,
      updatedAt: now,
    });
  },
});

/**
 * What an edit may change: any field but the id, each optional. The notes lose their default
 * here (`partial()` keeps defaults), so an edit that does not name them leaves them as they are.
 */
const LeadChanges = LeadFields.omit({ id: true }).extend({ notes: Text }).partial();

export const leadUpdate = defineMutator({
  name: 'lead.update',
  args: z.object({ id: Id, changes: LeadChanges, baseVersion: z.number().int().positive(), ...revisionArgs }),
  roles: allRoles,
  async apply(tx, { id, changes, baseVersion, baseRev, rev }, { actor, now }) {
    const lead = await tx.get('lead', id);
    if (!lead || lead.deleted) throw new MutationError('not-found', 'That lead no longer exists.');
    mayChange(lead, actor, 'change');
    if (staleBase(lead, { baseVersion, baseRev })) {
      throw new MutationError('conflict', 'Someone else changed this lead while you edited it.', { type: 'lead', record: lead });
    }
    const { rev: _previous, ...unchanged } = lead;
    await tx.put('lead', { ...unchanged, ...changes, version: lead.version + 1, updatedAt: now, ...(rev ? { rev } : {}) });
  },
});

export const leadDelete = defineMutator({
  name: 'lead.delete',
  args: z.object({ id: Id }),
  roles: allRoles,
  async apply(tx, { id }, { actor, now }) {
    const lead = await tx.get('lead', id);
    if (!lead || lead.deleted) return;
    mayChange(lead, actor, 'delete');
    const { rev: _previous, ...unchanged } = lead;
    await tx.put('lead', { ...unchanged, deleted: true, version: lead.version + 1, updatedAt: now });
  },
});
