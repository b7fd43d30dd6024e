import { useEffect, useState } from 'react';
import { onChange, openActiveWorkspace, type ChangeEvent, type Workspace } from '../utils/store';

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
 * Loads something from the workspace and loads it again whenever another view (or this
 * one) changes one of `topics` in it.
 */
export function useLive<T>(
  workspace: Workspace,
  topics: ChangeEvent['topics'],
  load: (workspace: Workspace) => Promise<T>,
): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const topicKey = topics.join(',');
  useEffect(() => {
    let cancelled = false;
    let run = 0;
    const refresh = () => {
      const mine = ++run;
      load(workspace).then(
        (value) => !cancelled && mine === run && setState({ status: 'ready', value }),
        (error: unknown) => !cancelled && mine === run && setState({ status: 'error', message: messageOf(error) }),
      );
    };
    refresh();
    const off = onChange((event) => {
      if (event.workspaceId === workspace.info.id && event.topics.some((t) => topicKey.split(',').includes(t))) refresh();
    });
    return () => {
      cancelled = true;
      off();
    };
    // `load` is expected to be stable per call site; the topics are compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspace, topicKey]);
  return state;
}
