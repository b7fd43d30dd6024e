import { fieldLabel } from '../utils/fit';

/**
 * Clickjacking (issue 16): the in-page sidebar is a frame inside a page Tandem does not
 * control, and the page can fade it, cover it with a decoy, and let the person's clicks fall
 * through onto it. So a write from the in-page frame needs proof that the person could see it:
 *
 * - where the browser has IntersectionObserver v2 (Chromium), the frame must have been fully
 *   visible (no opacity, filter or transform on it or its ancestors, nothing over it) for at
 *   least 500 ms when the click arrives;
 * - elsewhere (Firefox), the write waits for the person to confirm it in a dialog the browser
 *   draws and the page can neither fade nor cover.
 *
 * Marking threads read happens without a click and writes nothing another person reads as
 * news, so it needs neither; nor do facts read on the page, which the page shows anyway.
 */
export const minVisibleMs = 500;

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

let visibleSince: number | undefined;
let tracking = false;

/** Does this browser say whether a frame is really visible (IntersectionObserver v2)? */
export function tracksVisibility(): boolean {
  return typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
}

/**
 * Starts watching whether the whole frame is visible: a transparent sentinel over all of it,
 * above the frame's own content, that takes no clicks. Call once, in the in-page frame.
 */
export function trackFrameVisibility(): void {
  if (tracking || !tracksVisibility()) return;
  tracking = true;
  const sentinel = document.createElement('div');
  sentinel.setAttribute('aria-hidden', 'true');
  sentinel.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483647';
  document.body.append(sentinel);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries as VisibilityEntry[]) {
        if (entry.isVisible) visibleSince ??= performance.now();
        else visibleSince = undefined;
      }
    },
    { trackVisibility: true, delay: 100, threshold: [0, 1] } as IntersectionObserverInit,
  );
  observer.observe(sentinel);
}

/** How long the frame has been fully visible, in ms (0 when it is not, or nobody watches). */
export function visibleFor(): number {
  return visibleSince === undefined ? 0 : performance.now() - visibleSince;
}

/** The question the browser's own dialog asks before a write from the in-page frame (Firefox). */
export function confirmation(name: string, args: unknown): string {
  const a = (args ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'feedback.create': {
      const subject = (a.subject ?? {}) as { contactName?: unknown };
      const who = typeof subject.contactName === 'string' ? ` about ${subject.contactName}` : '';
      return `Tandem: send your feedback (${String(a.verdict)})${who} to Marketing?`;
    }
    case 'feedback.reply':
      return 'Tandem: send this reply?';
    case 'lead.capture':
      return 'Tandem: save this lead for the team?';
    case 'lead.update':
      return 'Tandem: save your changes to this lead?';
    case 'lead.delete':
      return 'Tandem: delete this lead?';
    case 'fact.put': {
      const [fact] = Array.isArray(a.facts) ? (a.facts as { field?: unknown; value?: unknown }[]) : [];
      return fact ? `Tandem: save ${fieldLabel(String(fact.field) as never).toLowerCase()} “${String(fact.value)}” for the whole team?` : 'Tandem: save these facts for the team?';
    }
    default:
      return 'Tandem: save this change?';
  }
}

/** Writes from the in-page frame that need a visible frame or the person's confirmation. */
function guarded(name: string, args: unknown): boolean {
  if (name === 'feedback.read') return false;
  return !(name === 'fact.put' && (args as { learned?: unknown } | null)?.learned === 'page');
}

/**
 * Lets a write from the in-page frame through, or throws an Error that says why nothing was
 * sent. Call it synchronously from the click's handler path, before anything is awaited.
 */
export function guardInPageWrite(name: string, args: unknown, ask: (question: string) => boolean = (q) => window.confirm(q)): void {
  if (!guarded(name, args)) return;
  if (tracksVisibility()) {
    if (visibleFor() < minVisibleMs) {
      throw new Error('Nothing was sent: Tandem’s sidebar was covered or faded by the page when you clicked. Make sure nothing is over it, then try again.');
    }
    return;
  }
  if (!ask(confirmation(name, args))) throw new Error('Nothing was sent.');
}
