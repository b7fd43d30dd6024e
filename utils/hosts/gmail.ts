/**
 * Gmail: who is the rep looking at? The sender of the open thread (never the rep, never a row
 * of the inbox list that Gmail keeps in the DOM), or the first recipient of an open compose.
 *
 * Gmail's markup has no public capture; the selectors below follow the open-source code that
 * reads it (InboxSDK, gmail.js) and are proved on pages rebuilt from those sources in
 * tests/fixtures/gmail/ (each file says where its markup comes from).
 */
import { hostOf } from './list';
import { queryAll, queryFirst, queryFirstVisible, isHidden, SIGNATURE_CHARS, specMaker, textLines, textOf } from './toolkit/dom';
import { debounce, onNavigation } from './toolkit/observe';
import { asEmail, emailsIn } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

// The saved pages in tests/fixtures/gmail/ that prove the selectors.
const [INBOX, THREAD, THREAD_2, THREAD_SENT, COMPOSE, UNREADABLE] = ['inbox.html', 'thread.html', 'thread-2.html', 'thread-sent.html', 'compose.html', 'thread-unreadable.html'] as const;
const spec = specMaker('gmail', '2026-11-27');
const spec1204 = specMaker('gmail', '2026-12-04');

export const gmailSelectors = {
  // InboxSDK selectors.ts `page.mainContentContainer`; `page.contentSection` as fallback.
  // Its children are the views (list, thread), shown and hidden with inline `display`.
  mainContainer: spec('main content container', ['div.aeF > div.nH', 'div.nH.bkK > .nH'], [INBOX, THREAD, COMPOSE]),
  // gmail.js `api.dom.inbox_content`, InboxSDK `page.main`. Gmail moves role=main to the view
  // on screen; the views it keeps for "back" are hidden panes outside it.
  main: spec('main view', ['div[role=main]', 'div.aeF > div.nH > div.nH'], [INBOX, THREAD, THREAD_2]),
  // gmail.js `api.dom.inboxes` and InboxSDK `getRowListElements` ([gh=tl]); the rows are tr.zA.
  threadList: spec('conversation list', ['[gh=tl]', 'table.F.cf.zt'], [INBOX, THREAD, COMPOSE]),
  // Gmail DOM notes (2026): `div[role=list] > div[role=listitem]`, one per message; InboxSDK
  // view states .h7 (open) .kv (collapsed) .kQ/.kx (hidden); gmail.js `div.adn`.
  message: spec('messages of the open thread', ['[role=list] > [role=listitem]', '.h7, .kv', 'div.adn'], [THREAD, THREAD_2, THREAD_SENT, UNREADABLE]),
  // gmail.js `span[email].gD`; InboxSDK `messageView.senderSpan` (td.gF span[email]).
  sender: spec("open thread's sender", ['span.gD[email]', 'td.gF span[email]', 'h3.iw [email]'], [THREAD, THREAD_2, THREAD_SENT]),
  // InboxSDK `messageView.recipientSpans` (.hb span[email]); gmail.js `span[email].g2`.
  recipient: spec("message's recipients", ['span.hb span.g2[email]', '.hb span[email]', 'span.g2[email]'], [THREAD, THREAD_SENT]),
  // gmail.js `h2.hP`; InboxSDK `threadView.subject` (.ha h2).
  subject: spec("open thread's subject", ['h2.hP', '.ha h2'], [THREAD, THREAD_2, THREAD_SENT, UNREADABLE]),
  // InboxSDK `threadView.idElement`; the open thread's h2 carries both ids.
  threadId: spec("open thread's id", ['h2.hP[data-legacy-thread-id]', '[data-thread-perm-id]'], [THREAD, THREAD_2, THREAD_SENT]),
  // The account button: "Google Account: Name (address)". Falls back to the document title,
  // "Inbox (3) - address - Gmail", when none of these is found.
  account: spec(
    'signed-in account',
    ['header[role=banner] a[aria-label^="Google Account:"]', 'a[href*="accounts.google.com/SignOutOptions"][aria-label]', 'header[role=banner] [aria-label*="@"]'],
    [INBOX, THREAD, COMPOSE],
  ),
  // A docked or pop-up compose: div.nH.Hd[role=dialog] holding div.aoI[role=region]
  // [data-compose-id]. Inline replies sit in the thread, not in a dialog, and are left out.
  compose: spec('compose window', ['div[role=dialog] [role=region][data-compose-id]', 'div[role=dialog] div.aoI', 'div.nH.Hd[role=dialog]'], [COMPOSE]),
  // InboxSDK getComposeWindowContainer, where Gmail docks compose windows.
  composeContainer: spec('compose windows container', ['.dw .nH > .nH > .no', 'div.dw'], [INBOX, THREAD, COMPOSE]),
  // InboxSDK compose page-parser + get-recipients: `.anm[name=to] [role=listbox]
  // [role=option][data-name]` with the address in data-hovercard-id. Only the To row: Cc and
  // Bcc chips are not whom the rep writes to.
  composeChip: spec('compose recipient chip', ['div[name=to] [role=option][data-hovercard-id]', 'div[name=to] [data-hovercard-id]', 'div[name=to] [email]'], [COMPOSE]),
  // The To field itself (typed, not yet a chip). It has no name attribute since the 2021
  // compose redesign (classic Gmail's textarea.vO[name=to] is gone); the label is localised.
  composeTo: spec('compose To field', ['div[name=to] input[role=combobox]', 'input[aria-label="To recipients"]'], [COMPOSE]),
  // gmail.js `api.dom.email_body` (div.a3s) and InboxSDK `messageView.bodyElement` (.ii.gt > div):
  // the message's text, with older messages quoted inside it.
  body: spec1204('message body', ['div.a3s', 'div.ii.gt > div'], [THREAD, THREAD_2]),
  // Gmail wraps a quoted older message in div.gmail_quote (its "On … wrote:" line in
  // .gmail_attr) around a blockquote; InboxSDK's quoted-text handling and gmail.js both skip them.
  quote: spec1204('quoted older message', ['.gmail_quote', 'blockquote'], [THREAD, THREAD_2]),
  // The signature Gmail's own editor adds: div.gmail_signature[data-smartmail=gmail_signature]
  // (gmail.js and public signature extensions read it by this attribute).
  signatureBlock: spec1204("sender's own signature block", ['[data-smartmail=gmail_signature]', 'div.gmail_signature'], [THREAD]),
} satisfies Record<string, SelectorSpec>;

const S = gmailSelectors;
const SIGNATURE_LINES = 12;

/**
 * The contact's own signature in their newest message: Gmail's signature block when there is
 * one, else the last two paragraphs of the message (never quoted older messages, never anyone
 * else's). Bounded; parsing it is the background's job.
 */
function signatureOf(messages: Element[], email: string): string | undefined {
  const mine = messages.findLast((m) => person(queryFirst(m, S.sender))?.email.toLowerCase() === email.toLowerCase());
  const body = mine && queryFirst(mine, S.body);
  if (!body) return undefined;
  const quote = S.quote.selectors.join(', ');
  const block = queryAll(body, S.signatureBlock).find((element) => !element.closest(quote));
  const paragraphs = textLines(block ?? body, quote)
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean))
    .filter((p) => p.length);
  let kept = block ? paragraphs : paragraphs.slice(-2);
  while (kept.flat().length > SIGNATURE_LINES && kept.length > 1) kept = kept.slice(1);
  const text = kept
    .map((p) => p.slice(-SIGNATURE_LINES).join('\n'))
    .join('\n\n')
    .slice(-SIGNATURE_CHARS)
    .trim();
  return text || undefined;
}
/** Hash roots whose next segment (or the one after, for the deep ones) is a thread id. */
const MAILBOXES = new Set(['inbox', 'starred', 'snoozed', 'imp', 'sent', 'scheduled', 'drafts', 'all', 'spam', 'trash', 'label', 'search', 'category', 'advanced-search']);
const DEEP = new Set(['label', 'search', 'category', 'advanced-search']);

type Person = { email: string; name?: string; signature?: string };

/** `#inbox/FMfcg…`, `#label/Clients/FMfcg…`, `#search/q/FMfcg…` → thread; `#inbox/p2` → list. */
function route(hash: string): { view: string; threadId?: string } {
  const parts = hash.replace(/^#/, '').split('?')[0]!.split('/');
  const head = parts[0] || 'inbox';
  if (!MAILBOXES.has(head)) return { view: head };
  const depth = DEEP.has(head) ? 3 : 2;
  const id = parts[depth - 1];
  return parts.length === depth && id && /^[A-Za-z0-9_-]{16,}$/.test(id) ? { view: 'thread', threadId: id } : { view: 'list' };
}

/**
 * Gmail hides the views it keeps for "back" with an inline `display: none` or `hidden` on the view
 * or an ancestor; `aria-hidden` is not how it hides a view (a modal dialog sets it on the app
 * behind), so it does not count here.
 */
const shown = (element: Element) => !isHidden(element, false);

/** The first element on screen that one of a spec's selectors finds (Gmail keeps hidden views). */
const shownFirst = (root: ParentNode, spec: SelectorSpec) => queryFirstVisible(root, spec, false);

function person(element: Element | null | undefined): Person | undefined {
  const email = asEmail(element?.getAttribute('email') ?? element?.getAttribute('data-hovercard-id'));
  if (!element || !email) return undefined;
  const name = (element.getAttribute('name') ?? element.getAttribute('data-name'))?.trim() || textOf(element);
  return name ? { email, name } : { email };
}

/** What the rep typed in the To field: "Name <a@b>, c@d" → the people in it. */
function typed(value: string | undefined): Person[] {
  return (value ?? '').split(/[,;]/).flatMap((part) => {
    const email = emailsIn(part)[0];
    if (!email) return [];
    const name = part.slice(0, part.indexOf(email)).replace(/[<"']/g, '').trim();
    return [name ? { email, name } : { email }];
  });
}

function account(document: Document): string | undefined {
  for (const element of queryAll(document, S.account)) {
    const found = emailsIn(element.getAttribute('aria-label'))[0];
    if (found) return found;
  }
  // The title ends "- address - Gmail"; a subject before it may hold an address too, so the last.
  return emailsIn(document.title).pop();
}

const none = (view: string): Detection => ({ kind: 'none', view });
const unreadable = (view: string, failed: SelectorSpec): Detection => ({ kind: 'unreadable', view, failed: failed.name });
const contact = (view: string, found: Person, custom?: Record<string, string>): Detection => {
  const page: PageContact = { source: 'gmail', ...found };
  if (custom) page.custom = custom;
  return { kind: 'contact', view, contact: page };
};

/** The first compose with someone in To (the focused one first); null when no compose is open. */
function readCompose(document: Document, me: string | undefined): Detection | null {
  const composes = queryAll(document, S.compose);
  if (!composes.length) return null;
  const active = document.activeElement;
  const ordered = [...composes.filter((c) => active && c.contains(active)), ...composes];
  let blank = false;
  for (const compose of ordered) {
    const field = queryFirst<HTMLInputElement>(compose, S.composeTo);
    const chips = queryAll(compose, S.composeChip).map(person);
    if (!field && !chips.length) continue;
    blank = true;
    const found = [...chips, ...typed(field?.value)].find((p) => p && p.email.toLowerCase() !== me);
    if (found) return me ? contact('compose', found) : unreadable('compose', S.account);
  }
  return blank ? none('compose') : unreadable('compose', S.composeTo);
}

function readThread(document: Document, location: Location, me: string | undefined): Detection {
  const { view, threadId } = route(location.hash);
  // No view on screen: Gmail is loading, or between two views.
  const main = shownFirst(document, S.main);
  if (!main) return none('loading');
  const messages = queryAll(main, S.message).filter(shown);
  const subject = shownFirst(main, S.subject);
  if (!messages.length && !subject) {
    // A thread URL over a list is Gmail still loading the thread; over nothing, unreadable.
    return threadId && !queryFirst(main, S.threadList) ? unreadable('thread', S.message) : none(view === 'thread' ? 'list' : view);
  }
  if (!messages.length) return unreadable('thread', S.message);
  if (!me) return unreadable('thread', S.account);
  const senders = messages.map((m) => person(queryFirst(m, S.sender)));
  if (!senders.some(Boolean)) return unreadable('thread', S.sender);
  // Newest message last; the newest sender who is not the rep, else whom the rep last wrote to.
  let found = senders.findLast((p) => p && p.email.toLowerCase() !== me);
  for (let i = messages.length - 1; !found && i >= 0; i--) {
    found = queryAll(messages[i]!, S.recipient).map(person).find((p) => p && p.email.toLowerCase() !== me);
  }
  if (!found) return unreadable('thread', S.recipient);
  const idElement = subject?.hasAttribute('data-legacy-thread-id') ? subject : queryFirst(main, S.threadId);
  const id = idElement?.getAttribute('data-legacy-thread-id') ?? idElement?.getAttribute('data-thread-perm-id') ?? threadId;
  const title = textOf(subject);
  const signature = signatureOf(messages, found.email);
  return contact('thread', signature ? { ...found, signature } : found, { ...(id ? { threadId: id } : {}), ...(title ? { subject: title } : {}) });
}

/**
 * What one MutationObserver watches: the views container (a view added or removed), each
 * view's style (shown or hidden), the view on screen, and the compose windows. Not the left
 * nav, the chat roster, the header, nor the lists Gmail keeps hidden.
 */
function targets(document: Document): Map<Node, MutationObserverInit> {
  const found = new Map<Node, MutationObserverInit>();
  // One observe() per node, its options merged: observing a node again replaces its options.
  const add = (node: Node | null | undefined, options: MutationObserverInit) => {
    if (node) found.set(node, { ...found.get(node), ...options });
  };
  const subtree = { childList: true, subtree: true };
  const container = queryFirst(document, S.mainContainer);
  if (!container) {
    add(document.body, subtree); // Gmail still loading
    return found;
  }
  add(container, { childList: true });
  for (const view of container.children) add(view, { attributes: true, attributeFilter: ['style', 'hidden', 'role'] });
  add(shownFirst(document, S.main), subtree);
  add(queryFirst(document, S.composeContainer), subtree);
  return found;
}

export const gmailAdapter: HostAdapter = {
  ...hostOf('gmail'),
  selectors: gmailSelectors,

  detect(document, location) {
    const me = account(document)?.trim().toLowerCase();
    // Compose wins over the thread behind it: the rep is writing to that person.
    const compose = readCompose(document, me);
    if (compose?.kind === 'contact') return compose;
    const thread = readThread(document, location, me);
    if (thread.kind !== 'none' || !compose) return thread;
    return compose;
  },

  watch(document, window, onChange) {
    let watched = new Map<Node, MutationObserverInit>();
    const list = S.threadList.selectors.join(', ');
    const inList = (node: Node) => (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest(list);
    const retarget = () => {
      const next = targets(document);
      const same = (options: MutationObserverInit, node: Node) => JSON.stringify(watched.get(node)) === JSON.stringify(options);
      if (next.size === watched.size && [...next].every(([node, options]) => same(options, node))) return;
      observer.disconnect();
      for (const [node, options] of next) observer.observe(node, options);
      watched = next;
    };
    const fire = debounce(() => {
      retarget();
      onChange();
    });
    // New rows, unread counts and the like inside a list do not change what detect says.
    const observer = new MutationObserver((records) => {
      if (!records.every((record) => inList(record.target))) fire();
    });
    retarget();
    const stopNavigation = onNavigation(window, fire);
    return () => {
      fire.stop();
      observer.disconnect();
      stopNavigation();
    };
  },
};
