/**
 * The shape every host adapter has (one file per host in utils/hosts/). Adapters run in
 * content scripts: small, quiet, no React, no zod, no team data. They read what the page
 * itself shows and return plain data; the background parses it with the model's schemas.
 */

/** What a page showed about the contact in view. Mirrors the model's ContactContext input. */
export interface PageContact {
  source: 'gmail' | 'salesforce' | 'hubspot' | 'pipedrive' | 'zoho' | 'dynamics' | 'apptivo' | 'generic';
  email?: string;
  name?: string;
  title?: string;
  company?: string;
  phone?: string;
  /** The CRM record's URL, the contact's key when there is no email. */
  recordUrl?: string;
  /** Host-specific extras, e.g. Gmail's thread id and subject. */
  custom?: Record<string, string>;
}

/** What an adapter found on the page it was asked about. */
export type Detection =
  /** A contact is in view. */
  | { kind: 'contact'; contact: PageContact; view: string }
  /** The page is one that shows no contact (an inbox list, a report): nothing to say. */
  | { kind: 'none'; view: string }
  /**
   * The page should show a contact but the adapter could not read it: the sidebar says so in
   * words, and the options page shows which selector failed.
   */
  | { kind: 'unreadable'; view: string; failed: string };

/**
 * A selector as data with its proof: the CSS selectors to try in order (the first is the one
 * seen on today's pages, the rest are fallbacks), the date it was last checked against a
 * saved page, and which fixture proves it.
 */
export interface SelectorSpec {
  /** What it finds, in words, e.g. "open thread's sender". */
  name: string;
  selectors: readonly string[];
  verified: string; // YYYY-MM-DD
  fixtures: readonly string[]; // files in tests/fixtures/
}

export interface HostAdapter {
  id: PageContact['source'];
  /** Human name: "Gmail", "Salesforce". */
  name: string;
  /** Match patterns, as in a manifest. */
  matches: readonly string[];
  /** Every selector the adapter uses, for the convention test and the options page. */
  selectors: Record<string, SelectorSpec>;
  /** Reads the page now. Pure: no side effects, no observers. */
  detect(document: Document, location: Location): Detection;
  /**
   * Calls `onChange` when what `detect` would return may have changed: on hashchange and
   * popstate, and from one MutationObserver on the smallest subtree that changes (debounced).
   * Returns a function that removes everything it added.
   */
  watch(document: Document, window: Window, onChange: () => void): () => void;
}

/** The first element any of a spec's selectors finds under `root`, and which selector it was. */
export function queryFirst<E extends Element = Element>(root: ParentNode, spec: SelectorSpec): E | null {
  for (const selector of spec.selectors) {
    const found = root.querySelector<E>(selector);
    if (found) return found;
  }
  return null;
}

/** Every element the first matching selector of a spec finds under `root`. */
export function queryAll<E extends Element = Element>(root: ParentNode, spec: SelectorSpec): E[] {
  for (const selector of spec.selectors) {
    const found = root.querySelectorAll<E>(selector);
    if (found.length) return [...found];
  }
  return [];
}

/** The contact without the fields the page left empty. */
export function withoutEmpty(contact: PageContact): PageContact {
  return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined && value !== '')) as PageContact;
}

/** Hidden by the page itself: `hidden`, `aria-hidden="true"` or an inline `display: none` on it or an ancestor. */
export function isHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    if ((node as HTMLElement).style?.display === 'none') return true;
  }
  return false;
}

/** The first element `spec` matches (selectors in order) that the page does not hide. */
export function queryFirstVisible(root: ParentNode, spec: SelectorSpec): Element | null {
  for (const selector of spec.selectors) {
    const found = [...root.querySelectorAll(selector)].find((element) => !isHidden(element));
    if (found) return found;
  }
  return null;
}

/** Visible text of an element, whitespace folded. */
export function textOf(element: Element | null | undefined): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/**
 * Watches URL changes and one subtree, calling `onChange` at most once per `debounceMs`.
 * `findRoot` is asked again on every URL change (hashchange, popstate), so a root the host
 * replaces without changing the URL is not followed: adapters for such hosts (Gmail,
 * Salesforce, Dynamics) keep their own observer.
 */
export function watchSubtree(
  document: Document,
  window: Window,
  findRoot: () => Node | null,
  onChange: () => void,
  debounceMs = 100,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  let observed: Node | null = null;
  const observer = new MutationObserver(fire);
  const observe = () => {
    const root = findRoot() ?? document.body;
    if (root === observed) return;
    observer.disconnect();
    observed = root;
    if (root) observer.observe(root, { childList: true, subtree: true, characterData: false, attributes: false });
  };
  const onUrl = () => {
    observe();
    fire();
  };
  observe();
  window.addEventListener('hashchange', onUrl);
  window.addEventListener('popstate', onUrl);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    window.removeEventListener('hashchange', onUrl);
    window.removeEventListener('popstate', onUrl);
  };
}

/**
 * Watches one subtree that the host replaces as it navigates (pushState or hash routes), plus
 * URL changes, calling `onChange` at most once per `debounceMs`. When the root is gone, the
 * body is watched only to find it again; nothing fires for mutations anywhere else.
 */
export function watchReplacedRoot(document: Document, window: Window, findRoot: () => Element | null, onChange: () => void, debounceMs = 100): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let root: Element | null = null;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const observer = new MutationObserver(() => {
    if (root?.isConnected) return fire();
    const found = findRoot();
    if (found) {
      observe(found);
      fire();
    } else if (root) observe(null);
  });
  const observe = (found: Element | null) => {
    observer.disconnect();
    root = found;
    if (root) observer.observe(root, { childList: true, subtree: true });
    else observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  };
  const onUrl = () => {
    if (!root?.isConnected) observe(findRoot());
    fire();
  };
  observe(findRoot());
  window.addEventListener('hashchange', onUrl);
  window.addEventListener('popstate', onUrl);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    window.removeEventListener('hashchange', onUrl);
    window.removeEventListener('popstate', onUrl);
  };
}
