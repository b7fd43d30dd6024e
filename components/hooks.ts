import { useEffect, useMemo, useState } from 'react';
import { sendToBackground } from '../utils/messages';
import { localSource, type SidebarSource, type Topic } from '../utils/views';
import { onChange, openActiveWorkspace, type Workspace } from '../utils/store';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The workspace this install is using; re-opened when the list of workspaces changes. */
export function useActiveWorkspace(): Loadable<Workspace> {
  const [state, setState] = useState<Loadable<Workspace>>({ status: 'loading' });
  useEffect(() => {
    let current: Workspace | undefined;
    let cancelled = false;
    const load = () =>
      openActiveWorkspace().then(
        (workspace) => {
          if (cancelled) return workspace.db.close();
          current?.db.close();
          current = workspace;
          setState({ status: 'ready', value: workspace });
        },
        (error: unknown) => !cancelled && setState({ status: 'error', message: messageOf(error) }),
      );
    void load();
    const off = onChange((event) => {
      if (event.topics.includes('workspaces')) void load();
    });
    return () => {
      cancelled = true;
      off();
      current?.db.close();
    };
  }, []);
  return state;
}

/**
 * Loads something for the Sidebar and loads it again whenever another view (or this one)
 * changes one of `topics` in its workspace, or a value in `deps` changes.
 */
export function useLive<T>(source: SidebarSource, topics: Topic[], load: (source: SidebarSource) => Promise<T>, deps: readonly unknown[] = []): Loadable<T> {
  const topicKey = topics.join(',');
  return useReloading(
    () => load(source),
    (refresh) => source.onChange((changed) => changed.some((t) => topicKey.split(',').includes(t)) && refresh()),
    [source, topicKey, ...deps],
  );
}

/**
 * Loads something in this workspace's IndexedDB, and again whenever one of `topics` changes
 * in it, here or in another view.
 */
export function useWorkspaceLoad<T>(workspace: Workspace, topics: readonly Topic[], load: (workspace: Workspace) => Promise<T>): Loadable<T> {
  const topicKey = topics.join(',');
  return useReloading(
    () => load(workspace),
    (refresh) =>
      onChange((event) => event.workspaceId === workspace.info.id && event.topics.some((t) => topicKey.split(',').includes(t)) && refresh()),
    [workspace, topicKey],
  );
}

/**
 * Runs `load`, and again each time `subscribe` calls its refresh; only the newest answer is
 * kept. Starts over when a value in `deps` changes (`load` and `subscribe` are read then).
 */
function useReloading<T>(load: () => Promise<T>, subscribe: (refresh: () => void) => () => void, deps: readonly unknown[]): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let run = 0;
    const refresh = () => {
      const mine = ++run;
      load().then(
        (value) => !cancelled && mine === run && setState({ status: 'ready', value }),
        (error: unknown) => !cancelled && mine === run && setState({ status: 'error', message: messageOf(error) }),
      );
    };
    refresh();
    const off = subscribe(refresh);
    return () => {
      cancelled = true;
      off();
    };
    // `load` and `subscribe` are made anew each render; what they depend on is in `deps`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

/** The active workspace with the Sidebar's source over it, in an extension page. */
export function useLocalWorkspace(): Loadable<{ workspace: Workspace; source: SidebarSource }> {
  const workspace = useActiveWorkspace();
  const ready = workspace.status === 'ready' ? workspace.value : undefined;
  const value = useMemo(
    () =>
      ready && {
        workspace: ready,
        source: localSource(ready, {
          afterWrite: (w) => {
            if (w.info.kind === 'server') void sendToBackground({ type: 'toBackground.syncRequest', workspaceId: w.info.id, reason: 'write' });
          },
          onChange,
        }),
      },
    [ready],
  );
  if (workspace.status !== 'ready') return workspace;
  return { status: 'ready', value: value! };
}

/** The Sidebar's source in an extension page: the active workspace's IndexedDB, here. */
export function useLocalSource(): Loadable<SidebarSource> {
  const local = useLocalWorkspace();
  return local.status === 'ready' ? { status: 'ready', value: local.value.source } : local;
}
