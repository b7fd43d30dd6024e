import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listRecords, listWorkspaces, openActiveWorkspace } from '../../utils/store';
import background from '../../entrypoints/background';

// The fake browser has no side panel.
let setPanelBehavior: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  setPanelBehavior = vi.fn(() => Promise.resolve());
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {});
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => {});
  (fakeBrowser as unknown as { contextMenus: object }).contextMenus = {
    create: vi.fn(),
    removeAll: vi.fn(() => Promise.resolve()),
    onClicked: { addListener: vi.fn() },
  };
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(() => Promise.resolve([]) as never);
  ((globalThis as unknown as { chrome: { sidePanel: object } }).chrome).sidePanel = { setPanelBehavior };
});

describe('background', () => {
  it('seeds the demo workspace when Tandem is installed', async () => {
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect(await listWorkspaces()).toHaveLength(1));
    const ws = await openActiveWorkspace();
    expect((await listRecords(ws.db, 'definition')).records[0]?.name).toBe('Ideal customer: mid-market B2B teams');
  });

  it('adds the three capture items to the right-click menu', async () => {
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    const menus = (fakeBrowser as unknown as { contextMenus: { create: ReturnType<typeof vi.fn> } }).contextMenus;
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledTimes(3));
    expect(menus.create.mock.calls.map(([item]) => [item.title, item.contexts])).toEqual([
      ['Capture lead from selection', ['selection']],
      ['Capture lead from link', ['link']],
      ['Capture leads on this page', ['page']],
    ]);
  });

  it('does not seed anything on an update', async () => {
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    expect(await listWorkspaces()).toEqual([]);
  });

  it('makes the toolbar button open the side panel in Chrome', () => {
    background.main();
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
  });
});
