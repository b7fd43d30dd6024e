import { z } from 'zod';
import { ContactKey, factId, FactLearned, FactValue, HttpUrl, Timestamp, type ContactFact } from '../model';
import { allRoles, defineMutator } from './types';

/** Two values are the same fact when they read the same (case and spacing aside). */
export function sameFactValue(a: Pick<ContactFact, 'value' | 'valueMax'>, b: Pick<ContactFact, 'value' | 'valueMax'>): boolean {
  const fold = (v: string | number) => (typeof v === 'number' ? v : v.trim().toLocaleLowerCase().replace(/\s+/g, ' '));
  return fold(a.value) === fold(b.value) && a.valueMax === b.valueMax;
}

export const FactPutArgs = z.object({
  contactKey: ContactKey,
  learned: FactLearned,
  pageUrl: HttpUrl.optional(),
  /**
   * When the install read or was told the facts (its clock). A fact erased since stays erased:
   * an outbox that was offline during an erasure cannot bring the contact's facts back.
   */
  learnedAt: Timestamp.optional(),
  facts: z.array(FactValue).min(1).max(40),
});
export type FactPutArgs = z.infer<typeof FactPutArgs>;

/**
 * Remembers facts about one contact for the whole team (DESIGN.md rule 9). Any member may:
 * Sales adds what no page shows, and every role reads CRM pages. The rules, the same on every
 * install and on the server:
 *  - a person's word holds: a fact read on a page never overwrites one a person added (the
 *    sidebar shows the two side by side when they differ);
 *  - nothing is written when the value is the one already known (a page seen again writes
 *    nothing and takes no sequence number), unless a person now vouches for a value read on a page;
 *  - an erased fact is written again only when learned after the erasure.
 */
export const factPut = defineMutator({
  name: 'fact.put',
  args: FactPutArgs,
  roles: allRoles,
  async apply(tx, { contactKey, learned, pageUrl, learnedAt, facts }, { actor, now }) {
    for (const fact of facts) {
      const id = factId(contactKey, fact.field);
      const existing = await tx.get('fact', id);
      if (existing?.deleted && existing.contactKey === 'erased' && !(learnedAt && Date.parse(learnedAt) > Date.parse(existing.updatedAt))) continue;
      if (existing && !existing.deleted) {
        if (learned === 'page' && existing.learned === 'person') continue;
        if (sameFactValue(existing, fact) && (existing.learned === learned || learned === 'page')) continue;
      }
      await tx.put('fact', {
        id,
        version: (existing?.version ?? 0) + 1,
        deleted: false,
        updatedAt: now,
        contactKey,
        field: fact.field,
        value: fact.value,
        ...(fact.valueMax !== undefined ? { valueMax: fact.valueMax } : {}),
        ...(fact.raw !== undefined ? { raw: fact.raw } : {}),
        learned,
        ...(learned === 'page' && fact.from ? { from: fact.from } : {}),
        ...(learned === 'page' && pageUrl ? { pageUrl } : {}),
        by: { memberId: actor.memberId, name: actor.name },
        at: now,
      });
    }
  },
});
