import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  badgeText,
  badgeTitle,
  countUnreadInActiveWorkspace,
  setUpUnreadBadge,
  toolbarAction,
  type BadgeAction,
  type UnreadCount,
} from '../../utils/background/badge';
import { demoIds } from '../../utils/demo';
import { ensureDemoWorkspace, listWorkspaces, mutate, openActiveWorkspace, workspaceDbName, type ChangeEvent } from '../../utils/store';

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('badgeText and badgeTitle', () => {
  it.each([
    [0, '', 'Open Tandem'],
    [1, '1', 'Tandem — 1 unread feedback thread'],
    [3, '3', 'Tandem — 3 unread feedback threads'],
    [99, '99', 'Tandem — 99 unread feedback threads'],
    [100, '99+', 'Tandem — 100 unread feedback threads'],
    [4321, '99+', 'Tandem — 4321 unread feedback threads'],
  ])('%i unread: badge “%s”, title “%s”', (count, text, title) => {
    expect(badgeText(count)).toBe(text);
    expect(badgeTitle(count)).toBe(title);
  });

  it('shows nothing for nonsense counts', () => {
    expect(badgeText(-1)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
  });
});

describe('toolbarAction', () => {
  it('is browser.action in Chrome and browser.browserAction in Firefox', () => {
    expect(toolbarAction(false)).toBe(fakeBrowser.action);
    expect(toolbarAction(true)).toBe(fakeBrowser.browserAction);
  });
});

describe('countUnreadInActiveWorkspace', () => {
  it('counts 0 and seeds nothing when the install has no workspace yet', async () => {
    expect(await countUnreadInActiveWorkspace()).toEqual({ workspaceId: undefined, count: 0 });
    expect(await listWorkspaces()).toEqual([]);
  });

  it('counts the demo’s answered feedback for its admin, and 0 once it is read', async () => {
    await ensureDemoWorkspace();
    expect(await countUnreadInActiveWorkspace()).toEqual({ workspaceId: 'demo', count: 1 });
    const ws = await openActiveWorkspace();
    await mutate(ws.db, ws.info.id, 'feedback.read', { feedbackIds: [demoIds.feedback] }, ws.info.member);
    ws.db.close();
    expect(await countUnreadInActiveWorkspace()).toEqual({ workspaceId: 'demo', count: 0 });
  });

  it('closes the database it opened, so a wipe is not held up', async () => {
    await ensureDemoWorkspace();
    await countUnreadInActiveWorkspace();
    const blocked = vi.fn();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(workspaceDbName('demo'));
      request.onblocked = blocked;
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    expect(blocked).not.toHaveBeenCalled();
  });
});

describe('setUpUnreadBadge', () => {
  function harness(counts: UnreadCount[]) {
    const listeners = new Set<(e: ChangeEvent) => void>();
    const count = vi.fn(async () => counts.shift() ?? { workspaceId: 'w1', count: 0 });
    const stop = setUpUnreadBadge({
      action: fakeBrowser.action as unknown as BadgeAction,
      count,
      delayMs: 250,
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    const emit = (event: ChangeEvent) => listeners.forEach((l) => l(event));
    return { count, stop, emit, listeners };
  }

  it('sets the badge, its colour and the title at start', async () => {
    const { count } = harness([{ workspaceId: 'w1', count: 3 }]);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('3'));
    expect(count).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.action.getTitle({})).toBe('Tandem — 3 unread feedback threads');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0x24, 0x56, 0xd6, 255]);
  });

  it('counts again once, 250 ms after a burst of changes in the active workspace', async () => {
    vi.useFakeTimers();
    const { count, emit } = harness([
      { workspaceId: 'w1', count: 2 },
      { workspaceId: 'w1', count: 120 },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    emit({ workspaceId: 'w1', topics: ['feedback'] });
    await vi.advanceTimersByTimeAsync(100);
    emit({ workspaceId: 'w1', topics: ['read'] });
    await vi.advanceTimersByTimeAsync(200);
    expect(count).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(count).toHaveBeenCalledTimes(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('99+');
  });

  it('ignores unrelated topics and other workspaces, but not a change of workspace', async () => {
    vi.useFakeTimers();
    const { count, emit } = harness([
      { workspaceId: 'w1', count: 1 },
      { workspaceId: 'w2', count: 0 },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    emit({ workspaceId: 'w1', topics: ['lead', 'outbox', 'sync'] });
    emit({ workspaceId: 'w2', topics: ['feedback'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(count).toHaveBeenCalledTimes(1);
    emit({ workspaceId: 'w2', topics: ['workspaces'] });
    await vi.advanceTimersByTimeAsync(300);
    expect(count).toHaveBeenCalledTimes(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('Open Tandem');
  });

  it('stops listening when stopped', async () => {
    vi.useFakeTimers();
    const { count, emit, stop, listeners } = harness([{ workspaceId: 'w1', count: 1 }]);
    await vi.advanceTimersByTimeAsync(0);
    emit({ workspaceId: 'w1', topics: ['feedback'] });
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(count).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(0);
  });

  it('keeps going after a count fails', async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { count, emit } = harness([]);
    count.mockRejectedValueOnce(new Error('db gone'));
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledOnce();
    count.mockResolvedValueOnce({ workspaceId: 'w1', count: 5 });
    emit({ workspaceId: 'w1', topics: ['workspaces'] });
    await vi.advanceTimersByTimeAsync(300);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('5');
  });

  it('follows the store end to end: reading the thread clears the badge', async () => {
    await ensureDemoWorkspace();
    const stop = setUpUnreadBadge({ action: fakeBrowser.action as unknown as BadgeAction, delayMs: 10 });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));
    const ws = await openActiveWorkspace();
    await mutate(ws.db, ws.info.id, 'feedback.read', { feedbackIds: [demoIds.feedback] }, ws.info.member);
    ws.db.close();
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
    stop();
  });
});
