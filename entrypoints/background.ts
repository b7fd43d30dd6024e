import { createMessageHandler, defaultHostMatches } from '../utils/background/messages';
import { createSidebarService } from '../utils/background/sidebar';
import { ensureDemoWorkspace, onChange } from '../utils/store';
import { createSyncScheduler } from '../utils/sync/scheduler';
import { forgetTab } from '../utils/tabs';
import { setUpToolbarButton } from '../utils/toolbar';

const syncAlarm = 'tandem-sync';

// Wires browser events to utils/; no logic of its own.
export default defineBackground(() => {
  setUpToolbarButton();
  const sync = createSyncScheduler();

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void ensureDemoWorkspace();
  });
  browser.runtime.onStartup.addListener(() => void sync.syncAll('startup'));
  void browser.alarms.create(syncAlarm, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === syncAlarm) void sync.syncAll('alarm');
  });
  globalThis.addEventListener?.('online', () => void sync.syncAll('online'));

  const sidebar = createSidebarService({ afterWrite: (w) => void sync.request(w.info.id, 'write') });
  browser.runtime.onMessage.addListener(
    createMessageHandler({ requestSync: (id, reason) => sync.request(id, reason), hostMatches: defaultHostMatches, sidebar }),
  );
  // Views inside host pages may not hear the BroadcastChannel: relay every change to them.
  onChange(({ workspaceId, topics }) => void browser.runtime.sendMessage({ type: 'toViews.changed', workspaceId, topics }).catch(() => undefined));
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.commands?.onCommand.addListener((command) => {
    if (command !== 'toggle-sidebar') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) void browser.tabs.sendMessage(tab.id, { type: 'toContent.toggleSidebar' }).catch(() => undefined);
    });
  });
});
