import { useEffect, useMemo, useState } from 'react';
import { SidebarAnswer, type SidebarRequest } from '../utils/messages';
import { onOverlayUpdate } from './overlayPort';
import { ContactContext } from '../utils/model';
import { WorkspaceInfo } from '../utils/store';
import { FactsView, LeadsView, RecentView, SharedView, SyncView, type SidebarSource, type Topic } from '../utils/views';
import type { Loadable } from './hooks';
import { guardInPageWrite } from './writeGuard';

/** Asks the background to do a sidebar request; answers are parsed, errors become Errors. */
async function ask(request: SidebarRequest): Promise<unknown> {
  const answer = SidebarAnswer.parse(await browser.runtime.sendMessage({ type: 'toBackground.sidebar', request }));
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

function bridgeSource(info: WorkspaceInfo): SidebarSource {
  return {
    info,
    canManageConnection: false,
    loadShared: async () => SharedView.parse(await ask({ op: 'shared' })),
    loadRecent: async () => RecentView.parse(await ask({ op: 'recent' })),
    loadSync: async () => SyncView.parse(await ask({ op: 'sync' })),
    loadLeads: async () => LeadsView.parse(await ask({ op: 'leads' })),
    loadFacts: async (key, custom) => FactsView.parse(await ask({ op: 'facts', key, custom: [...custom] })),
    write: async (name, args) => {
      // Before anything is awaited: the frame must have been visible, or the person confirms (components/writeGuard.ts).
      guardInPageWrite(name, args);
      await ask({ op: 'write', name, args });
    },
    remember: async (contact: ContactContext) => String(await ask({ op: 'remember', contact: ContactContext.parse(contact) })),
    dismissNotice: async (id) => void (await ask({ op: 'dismissNotice', id })),
    markDefinitionSeen: async (number) => void (await ask({ op: 'markDefinitionSeen', number })),
    wipe: async () => void (await ask({ op: 'wipe' })),
    onChange: (listener) =>
      onOverlayUpdate((message) => {
        if (message.type === 'toViews.changed' && (message.workspaceId === info.id || message.topics.includes('workspaces'))) {
          listener(message.topics as Topic[]);
        }
      }),
  };
}

/**
 * The Sidebar's source inside a host page's frame: everything goes through the background,
 * since the browser may refuse a frame in another site its own storage.
 */
export function useBridgeSource(enabled: boolean): Loadable<SidebarSource> {
  const [info, setInfo] = useState<Loadable<WorkspaceInfo>>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const load = () =>
      ask({ op: 'info' }).then(
        (value) => !cancelled && setInfo({ status: 'ready', value: WorkspaceInfo.parse(value) }),
        (error: unknown) => !cancelled && setInfo({ status: 'error', message: (error as Error).message }),
      );
    void load();
    const off = onOverlayUpdate((message) => {
      if (message.type === 'toViews.changed' && message.topics.includes('workspaces')) void load();
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [enabled]);
  const ready = info.status === 'ready' ? info.value : undefined;
  const source = useMemo(() => ready && bridgeSource(ready), [ready]);
  if (info.status !== 'ready') return info;
  return { status: 'ready', value: source! };
}
