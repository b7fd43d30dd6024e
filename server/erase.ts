import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { ContactFact, Feedback, Lead, normaliseEmail, type EraseResponse, type RecordType } from '../utils/model';
import type { Db } from './db/connect';
import type { Database } from './db/schema';
import { putRecord } from './records';
import { audit } from './team';

/**
 * A privacy request: everything Tandem holds about one email address goes, in one write
 * transaction of the workspace.
 *
 *  - every lead whose email is the address (trimmed, lower-cased), deleted ones too: a
 *    `lead.delete` tombstone still holds the data;
 *  - every feedback whose subject is `email:<address>`, or one of those leads, with its
 *    replies;
 *  - every fact the team remembered about `email:<address>`;
 *  - the `current` document kept with conflict outcomes, where it is one of those records
 *    or mentions the address.
 *
 * Each record becomes a tombstone (deleted, version + 1) holding none of the erased data,
 * written through putRecord so it takes the next sequence number and every client pulls
 * it. What stays is what says nothing about the person: ids, the lead's source, status and
 * campaign, the feedback's verdict and campaign, and who on the team wrote them, so counts
 * and "who did what" still add up.
 *
 * The audit entry holds counts and `emailSha256`, a SHA-256 of `<workspaceId>:<address>`:
 * whoever has the address and the workspace id can confirm that this request was carried
 * out, but the log holds neither the address nor anything else erased. The workspace id
 * is in the hash because a bare SHA-256 of a lower-cased email is a common ad-tech
 * identifier, the same in every database that stores one; this one matches nothing
 * outside the workspace.
 */
export async function eraseContact(db: Db, workspaceId: string, email: string, actorId: string | null): Promise<EraseResponse> {
  const address = normaliseEmail(email);
  return db.writeTransaction(workspaceId, async (trx) => {
    const at = new Date().toISOString();
    const erased = new Set<string>();

    const leads = (await candidates(trx, workspaceId, 'lead', address, [])).filter(
      (doc) => typeof doc.email === 'string' && normaliseEmail(doc.email) === address,
    );
    const leadIds = new Set(leads.map((lead) => String(lead.id)));
    for (const lead of leads) {
      await putRecord(trx, workspaceId, 'lead', erasedLead(lead, at));
      erased.add(`lead:${String(lead.id)}`);
    }

    const feedback = (await candidates(trx, workspaceId, 'feedback', address, [...leadIds])).filter((doc) => {
      const subject = (doc.subject ?? {}) as { contactKey?: unknown; leadId?: unknown };
      const key = typeof subject.contactKey === 'string' ? subject.contactKey.trim().toLowerCase() : '';
      return key === `email:${address}` || (typeof subject.leadId === 'string' && leadIds.has(subject.leadId));
    });
    for (const item of feedback) {
      await putRecord(trx, workspaceId, 'feedback', erasedFeedback(item, at));
      erased.add(`feedback:${String(item.id)}`);
    }

    const facts = (await candidates(trx, workspaceId, 'fact', address, [])).filter(
      (doc) => typeof doc.contactKey === 'string' && doc.contactKey.trim().toLowerCase() === `email:${address}`,
    );
    for (const fact of facts) {
      await putRecord(trx, workspaceId, 'fact', erasedFact(fact, at));
      erased.add(`fact:${String(fact.id)}`);
    }

    const outcomes = await eraseOutcomes(trx, workspaceId, address, erased);
    const deliveries = await eraseDeliveries(trx, workspaceId, address, erased);
    const auditId = await audit(trx, workspaceId, actorId, 'contact.erase', {
      leads: leads.length,
      feedback: feedback.length,
      facts: facts.length,
      outcomes,
      deliveries,
      emailSha256: erasureHash(workspaceId, address),
    });
    return { erased: { leads: leads.length, feedback: feedback.length, facts: facts.length }, auditId };
  });
}

/** What the audit entry of an erasure records instead of the address. */
export function erasureHash(workspaceId: string, email: string): string {
  return createHash('sha256').update(`${workspaceId}:${normaliseEmail(email)}`).digest('hex');
}

/** `%text%` for LIKE, with LIKE's own characters taken literally (ESCAPE '\'). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Doc = Record<string, unknown>;

/**
 * The records of a type whose text mentions the address (or one of `ids`): a cheap filter in
 * the database, so erasing does not parse every record of a big workspace. The caller then
 * checks the fields. Clients write emails and contact keys lower-cased (normaliseEmail), and
 * JSON leaves the ASCII of an address as it is.
 */
async function candidates(trx: Transaction<Database>, workspaceId: string, type: RecordType, address: string, ids: string[]): Promise<Doc[]> {
  const rows = await trx
    .selectFrom('records')
    .select('doc')
    .where('workspace_id', '=', workspaceId)
    .where('type', '=', type)
    .where((eb) =>
      eb.or([
        eb(sql`lower(doc)`, 'like', sql<string>`${containing(address)} escape '\\'`),
        ...ids.map((id) => eb('doc', 'like', sql<string>`${containing(id)} escape '\\'`)),
      ]),
    )
    .execute();
  return rows.map((row) => JSON.parse(row.doc) as Doc);
}

/**
 * A stored record as today's schemas read it. An older server let control characters into
 * text it now refuses (a NUL in a note): they are dropped here, so such a record can still
 * be erased rather than failing the whole erasure.
 */
const isControl = (code: number) => (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code <= 0x9f);

function readable(doc: Doc): Doc {
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return [...value].filter((char) => !isControl(char.charCodeAt(0))).join('');
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
    return value;
  };
  return clean(doc) as Doc;
}

/** A lead's tombstone: nothing about the person, only what the team's counts use. */
function erasedLead(doc: Doc, at: string) {
  const lead = Lead.parse(readable(doc));
  return Lead.parse({
    id: lead.id,
    version: lead.version + 1,
    deleted: true,
    updatedAt: at,
    phones: [],
    source: lead.source,
    status: lead.status,
    ...(lead.campaignId ? { campaignId: lead.campaignId } : {}),
    notes: '',
    capturedBy: lead.capturedBy,
  });
}

/** A feedback's tombstone: its subject is `erased`, its note, reasons and replies are gone. */
function erasedFeedback(doc: Doc, at: string) {
  const feedback = Feedback.parse(readable(doc));
  return Feedback.parse({
    id: feedback.id,
    version: feedback.version + 1,
    deleted: true,
    updatedAt: at,
    subject: { contactKey: 'erased', ...(feedback.subject.campaignId ? { campaignId: feedback.subject.campaignId } : {}) },
    verdict: feedback.verdict,
    reasons: [],
    note: '',
    author: feedback.author,
    createdAt: feedback.createdAt,
    replies: [],
  });
}

/** A fact's tombstone: which field it was and who learned it, not about whom nor what. */
function erasedFact(doc: Doc, at: string) {
  const fact = ContactFact.parse(readable(doc));
  return ContactFact.parse({
    id: fact.id,
    version: fact.version + 1,
    deleted: true,
    updatedAt: at,
    contactKey: 'erased',
    field: fact.field,
    value: '',
    learned: fact.learned,
    by: fact.by,
    at: fact.at,
  });
}

/**
 * Conflict outcomes keep the server's `current` document for the client to show; drops it
 * where it is an erased record or mentions the address. The outcome itself stays, so the
 * client still learns its change did not apply. Returns how many were cleared.
 */
async function eraseOutcomes(trx: Transaction<Database>, workspaceId: string, address: string, erased: Set<string>): Promise<number> {
  const ids = [...erased].map((key) => key.slice(key.indexOf(':') + 1));
  const rows = await trx
    .selectFrom('outcomes')
    .select(['client_id', 'mutation_id', 'current'])
    .where('workspace_id', '=', workspaceId)
    .where('current', 'is not', null)
    .where((eb) =>
      eb.or([
        eb(sql`lower(current)`, 'like', sql<string>`${containing(address)} escape '\\'`),
        ...ids.map((id) => eb('current', 'like', sql<string>`${containing(id)} escape '\\'`)),
      ]),
    )
    .execute();
  let cleared = 0;
  for (const row of rows) {
    const current = JSON.parse(row.current!) as { type?: unknown; id?: unknown };
    if (!erased.has(`${String(current.type)}:${String(current.id)}`) && !row.current!.toLowerCase().includes(address)) continue;
    await trx.updateTable('outcomes').set({ current: null }).where('client_id', '=', row.client_id).where('mutation_id', '=', row.mutation_id).execute();
    cleared++;
  }
  return cleared;
}

/**
 * Webhook deliveries not sent yet whose payload is about an erased record (or names the
 * address) are never sent: a waiting one ends as failed, its payload gone. One a process is
 * sending right now cannot be called back; its payload goes too, so if that attempt fails
 * there is nothing left to retry with. Receivers keep what they were sent.
 */
async function eraseDeliveries(trx: Transaction<Database>, workspaceId: string, address: string, erased: Set<string>): Promise<number> {
  const ids = [...erased].map((key) => key.slice(key.indexOf(':') + 1));
  const rows = await trx
    .selectFrom('webhook_deliveries')
    .select(['id', 'claimed_by'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb(sql`lower(payload)`, 'like', sql<string>`${containing(address)} escape '\\'`),
        ...ids.map((id) => eb('payload', 'like', sql<string>`${containing(id)} escape '\\'`)),
      ]),
    )
    .execute();
  for (const row of rows) {
    const waiting = { status: 'failed', next_attempt_at: null, last_error: 'Not sent: the contact it was about was erased.' } as const;
    await trx
      .updateTable('webhook_deliveries')
      .set({ payload: null, ...(row.claimed_by === null ? waiting : {}) })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .execute();
  }
  return rows.length;
}
