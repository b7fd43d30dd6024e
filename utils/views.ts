import { z } from 'zod';
import { latestDefinition } from './mutators';
import { Campaign, ContactContext, ContactFact, factFields, factId, Feedback, Lead, LeadDefinition, ReadState, RecentContact, type RecordType } from './model';
import {
  emitChange,
  listRecentContacts,
  listRecords,
  mutate,
  parseRecord,
  rememberContact,
  removeWorkspace,
  WorkspaceInfo,
  type ChangeEvent,
  type Workspace,
} from './store';
import type { SyncNotice } from './sync/engine';
import { readSyncStatus, SyncStatus } from './sync/status';

/**
 * What the Sidebar reads and does, the same whether it runs in an extension page with the
 * workspace's IndexedDB at hand (side panel) or inside a host page's frame, where the
 * browser may refuse the frame its own storage and the background does it instead (overlay).
 */

export const SharedView = z.object({
  /** The newest published version of the lead definition. */
  definition: LeadDefinition.optional(),
  /** Every published version, newest first. */
  history: z.array(LeadDefinition),
  /** The newest version this device has shown and the person has seen; null before the first. */
  definitionSeen: z.number().int().nonnegative().nullable(),
  campaigns: z.array(Campaign),
  feedback: z.array(Feedback),
  /** What this member has read of the feedback conversations. */
  read: ReadState.optional(),
  problems: z.array(z.object({ type: z.string(), id: z.string(), message: z.string() })),
});
export type SharedView = z.infer<typeof SharedView>;

export const SyncView = z.object({
  status: SyncStatus,
  waiting: z.number().int().nonnegative(),
  notices: z.array(z.custom<SyncNotice>((v) => typeof v === 'object' && v !== null && 'id' in v)),
});
export type SyncView = z.infer<typeof SyncView>;

export const RecentView = z.array(RecentContact);

export const LeadsView = z.object({
  leads: z.array(Lead),
  /** Ids of leads whose capture or edit has not reached the server yet. */
  pending: z.array(z.string()),
});
export type LeadsView = z.infer<typeof LeadsView>;

export async function loadLeads(workspace: Workspace): Promise<LeadsView> {
  const [leads, outbox] = await Promise.all([listRecords(workspace.db, 'lead'), workspace.db.getAll('outbox')]);
  const pending = outbox.flatMap((entry) => (entry.name.startsWith('lead.') ? [String((entry.args as { id?: unknown }).id ?? '')] : []));
  return { leads: leads.records.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), pending };
}

export const FactsView = z.array(ContactFact);

/**
 * What the team remembers about one contact: its fact records, read by their ids (one per
 * field, derived from the key), so a contact's facts cost the same in a workspace of any
 * size. `custom` names the team's own fields to look up (`custom:<key>`).
 */
export async function loadFacts(workspace: Workspace, key: string, custom: readonly string[] = []): Promise<ContactFact[]> {
  const ids = [...factFields, ...custom].map((field) => factId(key, field));
  const store = workspace.db.transaction('records').store;
  const rows = await Promise.all(ids.map((id) => store.get(['fact', id])));
  return rows.flatMap((row) => {
    if (!row) return [];
    const parsed = parseRecord('fact', row.id, row.doc);
    return parsed.ok && !parsed.record.deleted && parsed.record.contactKey === key ? [parsed.record] : [];
  });
}

export async function loadShared(workspace: Workspace): Promise<SharedView> {
  const [definitions, campaigns, feedback, reads, seen] = await Promise.all([
    listRecords(workspace.db, 'definition'),
    listRecords(workspace.db, 'campaign'),
    listRecords(workspace.db, 'feedback'),
    listRecords(workspace.db, 'read'),
    workspace.db.get('meta', definitionSeenKey),
  ]);
  return {
    definition: latestDefinition(definitions.records),
    history: definitions.records.sort((a, b) => b.number - a.number),
    definitionSeen: typeof seen === 'number' ? seen : null,
    campaigns: campaigns.records,
    feedback: feedback.records,
    read: reads.records.find((r) => r.id === workspace.info.member.memberId),
    problems: [...definitions.problems, ...campaigns.problems, ...feedback.problems, ...reads.problems],
  };
}

const definitionSeenKey = 'definitionSeen';

/** Remembers on this device that the person has seen version `number` of the definition. */
export async function markDefinitionSeen(workspace: Workspace, number: number): Promise<void> {
  const tx = workspace.db.transaction('meta', 'readwrite');
  const before = await tx.store.get(definitionSeenKey);
  if (typeof before !== 'number' || before < number) await tx.store.put(number, definitionSeenKey);
  await tx.done;
  emitChange({ workspaceId: workspace.info.id, topics: ['definition'] });
}

export async function loadSync(workspace: Workspace): Promise<SyncView> {
  const [status, waiting, notices] = await Promise.all([
    readSyncStatus(workspace.db),
    workspace.db.count('outbox'),
    workspace.db.getAll('notices') as Promise<SyncNotice[]>,
  ]);
  return { status, waiting, notices };
}

export async function dismissNotice(workspace: Workspace, id: number): Promise<void> {
  await workspace.db.delete('notices', id);
  emitChange({ workspaceId: workspace.info.id, topics: ['notices'] });
}

export type Topic = ChangeEvent['topics'][number];

/** The Sidebar's data and actions for one workspace. */
export interface SidebarSource {
  info: WorkspaceInfo;
  /** Can this view change which workspace is connected (not from inside a host page). */
  canManageConnection: boolean;
  loadShared(): Promise<SharedView>;
  loadRecent(): Promise<RecentContact[]>;
  loadSync(): Promise<SyncView>;
  loadLeads(): Promise<LeadsView>;
  /** The team's remembered facts about the contact with this key (see loadFacts). */
  loadFacts(key: string, custom: readonly string[]): Promise<ContactFact[]>;
  /** A named mutation: applied and queued at once; the background syncs it. */
  write(name: string, args: unknown): Promise<void>;
  remember(contact: ContactContext): Promise<string>;
  dismissNotice(id: number): Promise<void>;
  markDefinitionSeen(number: number): Promise<void>;
  wipe(): Promise<void>;
  onChange(listener: (topics: Topic[]) => void): () => void;
}

/** The Sidebar over the workspace's IndexedDB in this extension page. */
export function localSource(
  workspace: Workspace,
  deps: { afterWrite(workspace: Workspace): void; onChange(listener: (e: ChangeEvent) => void): () => void },
): SidebarSource {
  return {
    info: workspace.info,
    canManageConnection: true,
    loadShared: () => loadShared(workspace),
    loadRecent: () => listRecentContacts(workspace.db),
    loadSync: () => loadSync(workspace),
    loadLeads: () => loadLeads(workspace),
    loadFacts: (key, custom) => loadFacts(workspace, key, custom),
    async write(name, args) {
      await mutate(workspace.db, workspace.info.id, name, args, workspace.info.member);
      deps.afterWrite(workspace);
    },
    remember: (contact) => rememberContact(workspace.db, workspace.info.id, contact),
    dismissNotice: (id) => dismissNotice(workspace, id),
    markDefinitionSeen: (number) => markDefinitionSeen(workspace, number),
    wipe: () => removeWorkspace(workspace.info.id, { wipe: true }),
    onChange: (listener) =>
      deps.onChange((event) => {
        if (event.workspaceId === workspace.info.id || event.topics.includes('workspaces')) listener(event.topics);
      }),
  };
}

export const recordTopics: RecordType[] = ['definition', 'campaign', 'feedback', 'lead', 'read', 'fact'];
