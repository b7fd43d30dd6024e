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
