import { unrememberedFacts } from '../facts/remember';
import { MutationError } from '../mutators';
import { ContactContext, contactKey, HttpUrl, type HostId, type TabContext } from '../model';
import type { SidebarAnswer, SidebarRequest } from '../messages';
import { mutate, onChange, openActiveWorkspace, type Workspace } from '../store';
import { dismissNotice, loadFacts, loadShared, loadSync, localSource, type SidebarSource } from '../views';

/** The hosts whose record pages the team's memory takes in without a person confirming: the built-in CRMs. */
const rememberedHosts: ReadonlySet<HostId> = new Set<HostId>(['salesforce', 'hubspot', 'pipedrive', 'zoho', 'dynamics', 'apptivo']);

/**
 * Serves the in-page sidebar's data from the background, which owns the workspace's
 * IndexedDB. Keeps the active workspace open and re-opens it when the list changes.
 */
export function createSidebarService(deps: { afterWrite(workspace: Workspace): void }) {
  let current: Promise<Workspace> | undefined;
  const workspace = () => (current ??= openActiveWorkspace());
  onChange((event) => {
    if (!event.topics.includes('workspaces')) return;
    const old = current;
    current = undefined;
    void old?.then((w) => w.db.close());
  });
  const source = async (): Promise<SidebarSource> =>
    localSource(await workspace(), { afterWrite: deps.afterWrite, onChange: () => () => {} });

  /**
   * Remembers for the team what a built-in CRM's record page shows about its contact
   * (DESIGN.md rule 9): only facts read on the record, only those the team does not know
   * yet, never over a person's word. Gmail's and added sites' facts wait for the rep to act.
   * One page at a time, so a page reported twice in a row writes once.
   */
  let remembering: Promise<unknown> = Promise.resolve();
  const rememberPage = (context: TabContext): Promise<number> => {
    const run = remembering.then(async () => {
      if (context.detection.kind !== 'contact' || !rememberedHosts.has(context.host)) return 0;
      const contact = ContactContext.parse(context.detection.contact);
      const key = contactKey(contact);
      if (!key) return 0;
      const w = await workspace();
      const facts = unrememberedFacts(contact, await loadFacts(w, key), { signature: false });
      if (!facts.length) return 0;
      const pageUrl = HttpUrl.safeParse(context.url).success ? { pageUrl: context.url } : {};
      await mutate(w.db, w.info.id, 'fact.put', { contactKey: key, learned: 'page', learnedAt: context.at, facts, ...pageUrl }, w.info.member);
      deps.afterWrite(w);
      return facts.length;
    });
    remembering = run.catch(() => undefined);
    return run;
  };

  return Object.assign(handle, { rememberPage });

  async function handle(request: SidebarRequest): Promise<SidebarAnswer> {
    try {
      const s = await source();
      switch (request.op) {
        case 'info':
          return { ok: true, value: s.info };
        case 'shared':
          return { ok: true, value: await loadShared(await workspace()) };
        case 'recent':
          return { ok: true, value: await s.loadRecent() };
        case 'sync':
          return { ok: true, value: await loadSync(await workspace()) };
        case 'leads':
          return { ok: true, value: await s.loadLeads() };
        case 'facts':
          return { ok: true, value: await s.loadFacts(request.key, request.custom) };
        case 'write':
          await s.write(request.name, request.args);
          return { ok: true, value: null };
        case 'remember':
          return { ok: true, value: await s.remember(ContactContext.parse(request.contact)) };
        case 'dismissNotice':
          await dismissNotice(await workspace(), request.id);
          return { ok: true, value: null };
        case 'markDefinitionSeen':
          await s.markDefinitionSeen(request.number);
          return { ok: true, value: null };
        case 'wipe':
          await s.wipe();
          return { ok: true, value: null };
      }
    } catch (error) {
      return { ok: false, error: error instanceof MutationError || error instanceof Error ? error.message : String(error) };
    }
  }
}
