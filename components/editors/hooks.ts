import { useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { draftWriter, listDrafts, readDraft, type StoredDraft } from '../../utils/editing/drafts';
import type { RecentContact } from '../../utils/model';
import { listRecentContacts, listRecords, type RecordList, type Workspace, type WorkspaceDb } from '../../utils/store';
import { useWorkspaceLoad, type Loadable } from '../hooks';



export function useRecords<T extends 'definition' | 'campaign' | 'play' | 'goal'>(workspace: Workspace, type: T): Loadable<RecordList<T>> {
  return useWorkspaceLoad(workspace, [type], (w) => listRecords(w.db, type));
}

export function useRecentContacts(workspace: Workspace): Loadable<RecentContact[]> {
  return useWorkspaceLoad(workspace, ['recent'], (w) => listRecentContacts(w.db));
}

export interface DraftState<D> {
  /** False until the stored draft (if any) has been read. */
  loaded: boolean;
  /** The draft being edited, or undefined when nothing was changed yet. */
  draft: D | undefined;
  /** When the draft was last kept on this device. */
  savedAt: string | undefined;
  /** When the draft restored on opening had been saved; undefined if none was. */
  restoredAt: string | undefined;
  update(draft: D): void;
  /** Drops the draft, here and in storage. */
  discard(): Promise<void>;
  /** Keeps a pending change at once. */
  flush(): Promise<void>;
}

/**
 * A draft kept in the workspace's `meta` store under `key`: read once on opening, written
 * about 300 ms after the last change, and at once when the page hides or the editor closes.
 */
export function useDraft<D>(db: WorkspaceDb, key: string, schema: z.ZodType<D>, enabled = true): DraftState<D> {
  const [state, setState] = useState<{ key: string; loaded: boolean; draft?: D; savedAt?: string; restoredAt?: string }>({
    key,
    loaded: !enabled,
  });
  const writer = useMemo(
    () => draftWriter(db, (savedKey, savedAt) => setState((s) => (s.key === savedKey && s.draft !== undefined ? { ...s, savedAt } : s))),
    [db],
  );

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void readDraft(db, key, schema).then(
      (stored) => !cancelled && setState({ key, loaded: true, draft: stored?.draft, savedAt: stored?.savedAt, restoredAt: stored?.savedAt }),
      () => !cancelled && setState({ key, loaded: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [db, key, schema, enabled]);

  useEffect(() => {
    const onHide = () => void writer.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && void writer.flush();
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void writer.flush();
    };
  }, [writer]);

  const update = useCallback(
    (draft: D) => {
      setState((s) => ({ ...s, draft }));
      writer.push(key, draft);
    },
    [writer, key],
  );
  const discard = useCallback(async () => {
    setState((s) => ({ ...s, draft: undefined, savedAt: undefined, restoredAt: undefined }));
    await writer.discard(key);
  }, [writer, key]);
  const flush = useCallback(() => writer.flush(), [writer]);

  return { loaded: state.loaded, draft: state.draft, savedAt: state.savedAt, restoredAt: state.restoredAt, update, discard, flush };
}

/** The drafts of one kind kept on this device, newest first; `reload` after one was saved or dropped. */
export function useDraftList<D>(db: WorkspaceDb, prefix: string, schema: z.ZodType<D>, enabled: boolean) {
  const [state, setState] = useState<{ loaded: boolean; drafts: StoredDraft<D>[] }>({ loaded: !enabled, drafts: [] });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void listDrafts(db, prefix, schema).then(
      (drafts) => !cancelled && setState({ loaded: true, drafts }),
      () => !cancelled && setState({ loaded: true, drafts: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [db, prefix, schema, enabled, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
