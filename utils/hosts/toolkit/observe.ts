/**
 * Observers every host adapter uses: a debounced callback, the URL-change events, and the two
 * ways of following the smallest subtree that changes (DESIGN.md rule 4).
 */

/** A call of `onChange` `ms` after the last of a burst of calls; `stop` cancels it for good. */
export function debounce(onChange: () => void, ms = 100): { (): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const fire = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, ms);
  };
  fire.stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  return fire;
}

/** Calls `listener` on hashchange and popstate (pushState fires neither); returns the function that stops it. */
export function onNavigation(window: Window, listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  window.addEventListener('popstate', listener);
  return () => {
    window.removeEventListener('hashchange', listener);
    window.removeEventListener('popstate', listener);
  };
}

const SUBTREE: MutationObserverInit = { childList: true, subtree: true };

/**
 * Watches URL changes and one subtree, calling `onChange` at most once per `debounceMs`.
 * `findRoot` is asked again on every URL change (hashchange, popstate), so a root the host
 * replaces without changing the URL is not followed: for such hosts use `watchReplacedRoot`.
 */
export function watchSubtree(
  document: Document,
  window: Window,
  findRoot: () => Node | null,
  onChange: () => void,
  debounceMs = 100,
): () => void {
  const fire = debounce(onChange, debounceMs);
  let observed: Node | null = null;
  const observer = new MutationObserver(fire);
  const observe = () => {
    const root = findRoot() ?? document.body;
    if (root === observed) return;
    observer.disconnect();
    observed = root;
    if (root) observer.observe(root, SUBTREE);
  };
  const stopNavigation = onNavigation(window, () => {
    observe();
    fire();
  });
  observe();
  return () => {
    fire.stop();
    observer.disconnect();
    stopNavigation();
  };
}

export interface ReplacedRootOptions {
  /** What to observe on the root: children anywhere below it unless said otherwise. */
  init?: MutationObserverInit;
  /** Whether a batch of mutations under the root can change what `detect` says: all do unless said otherwise. */
  counts?: (records: MutationRecord[]) => boolean;
  debounceMs?: number;
}

/**
 * Watches one subtree that the host replaces as it navigates (pushState or hash routes), plus
 * URL changes, calling `onChange` at most once per `debounceMs`. When the root is gone, the
 * body is watched only to find it again; nothing fires for mutations anywhere else.
 */
export function watchReplacedRoot(
  document: Document,
  window: Window,
  findRoot: () => Element | null,
  onChange: () => void,
  { init = SUBTREE, counts = () => true, debounceMs = 100 }: ReplacedRootOptions = {},
): () => void {
  const fire = debounce(onChange, debounceMs);
  let root: Element | null = null;
  const observer = new MutationObserver((records) => {
    if (root?.isConnected) {
      if (counts(records)) fire();
      return;
    }
    const found = findRoot();
    if (found) {
      observe(found);
      fire();
    } else if (root) observe(null);
  });
  const observe = (found: Element | null) => {
    observer.disconnect();
    root = found;
    if (root) observer.observe(root, init);
    else observer.observe(document.body ?? document.documentElement, SUBTREE);
  };
  const stopNavigation = onNavigation(window, () => {
    if (!root?.isConnected) observe(findRoot());
    fire();
  });
  observe(findRoot());
  return () => {
    fire.stop();
    observer.disconnect();
    stopNavigation();
  };
}
