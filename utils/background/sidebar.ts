import { MutationError } from '../mutators';
import { ContactContext } from '../model';
import type { SidebarAnswer, SidebarRequest } from '../messages';
import { onChange, openActiveWorkspace, type Workspace } from '../store';
import { dismissNotice, loadShared, loadSync, localSource, type SidebarSource } from '../views';

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

  return async function handle(request: SidebarRequest): Promise<SidebarAnswer> {
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
  };
}
