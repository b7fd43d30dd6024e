// Runs inside a Gmail thread page (tests/fixtures/gmail/thread.html at its real URL) in
// headless Chromium, bundled by bench/overlay.ts: the Gmail adapter's own `watch`, and a
// workload of DOM mutations outside the subtree it watches (left nav, chat roster, header),
// like the ones Gmail makes all day (unread counts, presence, the account bar).
import { gmailAdapter } from '../utils/hosts/gmail';

interface Counts {
  /** Calls of the adapter's onChange (after its debounce). */
  callbacks: number;
  /** MutationObserver callbacks the adapter's observer received, and the records in them. */
  deliveries: number;
  records: number;
}

const counts: Counts = { callbacks: 0, deliveries: 0, records: 0 };
let unwatch: (() => void) | undefined;

/** The page's window, but its MutationObserver counts what it is given before passing it on. */
function countingWindow(): Window {
  const Native = window.MutationObserver;
  class CountingObserver extends Native {
    constructor(callback: MutationCallback) {
      super((records, observer) => {
        counts.deliveries++;
        counts.records += records.length;
        callback(records, observer);
      });
    }
  }
  return new Proxy(window, {
    get(target, key) {
      if (key === 'MutationObserver') return CountingObserver;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function watch(): void {
  unwatch?.();
  Object.assign(counts, { callbacks: 0, deliveries: 0, records: 0 });
  unwatch = gmailAdapter.watch(document, countingWindow(), () => counts.callbacks++);
}

function stop(): Counts {
  unwatch?.();
  unwatch = undefined;
  return { ...counts };
}

const required = <T extends Element>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`The fixture has no ${selector}`);
  return found;
};

/**
 * `n` mutations outside what the adapter observes, one per microtask turn (so an observer,
 * if it were notified, would be called between two of them, as it would be in Gmail where
 * such changes come in many tasks): a row added to and removed from the left nav, a chat
 * contact's name text changed, an attribute of the header set. Returns the elapsed ms.
 */
async function mutate(n: number): Promise<number> {
  const nav = required('div.aeN[role=navigation]');
  const names = [...required('[role=complementary][aria-label=Chat] [role=list]').querySelectorAll('span.YKgCsf')].map((s) => s.firstChild as Text);
  if (!names.length || names.some((t) => t?.nodeType !== Node.TEXT_NODE)) throw new Error('The fixture has no chat contacts');
  const header = required('header[role=banner]');
  let row: HTMLElement | undefined;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    switch (i % 4) {
      case 0:
        row = document.createElement('div');
        row.className = 'TO';
        row.textContent = `Label ${i}`;
        nav.append(row);
        break;
      case 1:
        row?.remove();
        break;
      case 2:
        names[i % names.length]!.data = `Contact ${i}`;
        break;
      default:
        header.setAttribute('data-unread', String(i));
    }
    await null;
  }
  return performance.now() - started;
}

/** One change inside the thread on screen: the watch must notice it (a control for the zero). */
function touchThread(): void {
  const main = required('div[role=main]');
  const note = document.createElement('div');
  note.textContent = 'control';
  main.append(note);
}

(globalThis as unknown as { tandemBench: unknown }).tandemBench = { watch, stop, mutate, touchThread, counts: () => ({ ...counts }) };
