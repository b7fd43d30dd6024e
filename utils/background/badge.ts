import { listRecords, listWorkspaces, onChange, openActiveWorkspace, type ChangeEvent } from '../store';
import { unreadFeedback } from '../unread';

/**
 * The toolbar button's badge: how many feedback threads have something unread for the
 * member this install acts as in the active workspace. Counted with `unreadFeedback`, like
 * the sidebar's Feedback tab and Marketing's inbox, so the three agree.
 */

/** What the badge shows: nothing at 0, the number up to 99, then "99+". */
export function badgeText(count: number): string {
  if (!(count > 0)) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}

/** The toolbar button's tooltip; the manifest's own title when nothing is unread. */
export function badgeTitle(count: number): string {
  if (!(count > 0)) return defaultTitle;
  return `Tandem — ${count} unread feedback ${count === 1 ? 'thread' : 'threads'}`;
}

/** The manifest's `action.default_title`. */
export const defaultTitle = 'Open Tandem';
/** The sidebar's accent colour, so the toolbar badge and the Feedback tab's badge look alike. */
export const badgeColor = '#2456d6';
export const badgeTextColor = '#ffffff';

/** The part of `browser.action` (Chrome MV3) / `browser.browserAction` (Firefox MV2) the badge uses. */
export interface BadgeAction {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setBadgeTextColor?(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

/** The toolbar button's API: `action` in Chrome MV3, `browserAction` in Firefox MV2 (as utils/toolbar.ts picks). */
export function toolbarAction(firefox: boolean = !!import.meta.env.FIREFOX): BadgeAction | undefined {
  const api = browser as unknown as { action?: BadgeAction; browserAction?: BadgeAction };
  return firefox ? api.browserAction : api.action;
}

/** Shows `count` on the badge and in the tooltip. */
export async function showUnreadCount(action: BadgeAction, count: number): Promise<void> {
  await action.setBadgeBackgroundColor({ color: badgeColor });
  await action.setBadgeTextColor?.({ color: badgeTextColor });
  await action.setBadgeText({ text: badgeText(count) });
  await action.setTitle({ title: badgeTitle(count) });
}

export interface UnreadCount {
  /** The active workspace, or undefined when this install has none yet. */
  workspaceId: string | undefined;
  count: number;
}

/**
 * Counts the unread threads in the active workspace. Opens its database and closes it again
 * (an open connection would hold up a wipe). An install with no workspace yet counts 0
 * without seeding the demo: that is for the install handler to do.
 */
export async function countUnreadInActiveWorkspace(): Promise<UnreadCount> {
  if ((await listWorkspaces()).length === 0) return { workspaceId: undefined, count: 0 };
  const workspace = await openActiveWorkspace();
  try {
    const [feedback, reads] = await Promise.all([listRecords(workspace.db, 'feedback'), listRecords(workspace.db, 'read')]);
    const me = workspace.info.member;
    const read = reads.records.find((r) => r.id === me.memberId);
    return { workspaceId: workspace.info.id, count: unreadFeedback(feedback.records, read, me).length };
  } finally {
    workspace.db.close();
  }
}

/** The topics that can change the count. */
const badgeTopics: ChangeEvent['topics'] = ['feedback', 'read', 'workspaces'];

export interface UnreadBadgeDeps {
  action: BadgeAction | undefined;
  count(): Promise<UnreadCount>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** How long changes settle before the count is taken again. */
  delayMs: number;
}

/**
 * Keeps the toolbar badge up to date: counts at once, then again ~250 ms after the last
 * change to feedback, read marks or the list of workspaces (changes to a workspace that is
 * not the active one are ignored). Counts run one after another, so an older count never
 * lands after a newer one. Returns a function that stops it.
 */
export function setUpUnreadBadge(overrides: Partial<UnreadBadgeDeps> = {}): () => void {
  const deps: UnreadBadgeDeps = {
    action: overrides.action ?? toolbarAction(),
    count: overrides.count ?? countUnreadInActiveWorkspace,
    onChange: overrides.onChange ?? onChange,
    delayMs: overrides.delayMs ?? 250,
  };
  const { action } = deps;
  if (!action) return () => {};
  let activeId: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  const update = () => {
    queue = queue
      .then(async () => {
        if (stopped) return;
        const { workspaceId, count } = await deps.count();
        activeId = workspaceId;
        if (!stopped) await showUnreadCount(action, count);
      })
      .catch((error: unknown) => console.error('Tandem could not count unread feedback for the toolbar badge', error));
    return queue;
  };

  update();
  const off = deps.onChange((event) => {
    if (!event.topics.some((t) => badgeTopics.includes(t))) return;
    const elsewhere = !event.topics.includes('workspaces') && activeId !== undefined && event.workspaceId !== activeId;
    if (elsewhere) return;
    clearTimeout(timer);
    timer = setTimeout(() => void update(), deps.delayMs);
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    off();
  };
}
