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
  // Facts the record shows, written as the page writes them; the background normalises them
  // (utils/facts), never the content script.
  industry?: string;
  /** "250", "201-500", "1,001 to 5,000", "10,000+". */
  employees?: string;
  /** The postal address as shown, or its country line alone. */
  address?: string;
  country?: string;
  /** The host's lead source field ("Web", "Trade show"); `source` names the host. */
  leadSource?: string;
  /** Annual revenue as shown ("$12,000,000", "12M"). */
  revenue?: string;
  rating?: string;
  department?: string;
  /** Lifecycle stage or lead status. */
  stage?: string;
  /** The fields above that were read from a related account or company card, not the person's own record. */
  fromAccount?: string[];
  /** Gmail and pages with mail: the bounded text of the contact's own signature in the newest message. */
  signature?: string;
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

// The toolkit every adapter uses (DOM helpers, value parsers, observers), re-exported for
// code that imported the helpers from here.
export { isHidden, queryAll, queryFirst, queryFirstVisible, textOf } from './toolkit/dom';
export { withoutEmpty } from './toolkit/values';
export { watchReplacedRoot, watchSubtree } from './toolkit/observe';
