import { contactKey, ContactContext, RecentContact } from '../model';
import { emitChange } from './changes';
import type { WorkspaceDb } from './db';

/** Remembers a contact on this device so the rep can pick it again. Returns its key. */
export async function rememberContact(db: WorkspaceDb, workspaceId: string, input: ContactContext): Promise<string> {
  const contact = ContactContext.parse(input);
  const key = contactKey(contact) ?? `name:${(contact.name ?? '').trim().toLowerCase()}`;
  await db.put('recent', RecentContact.parse({ key, contact, seenAt: new Date().toISOString() }));
  emitChange({ workspaceId, topics: ['recent'] });
  return key;
}

/** The contacts seen most recently, newest first; unreadable rows are skipped. */
export async function listRecentContacts(db: WorkspaceDb, limit = 20): Promise<RecentContact[]> {
  const out: RecentContact[] = [];
  let cursor = await db.transaction('recent').store.index('bySeenAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    const parsed = RecentContact.safeParse(cursor.value);
    if (parsed.success) out.push(parsed.data);
    cursor = await cursor.continue();
  }
  return out;
}
