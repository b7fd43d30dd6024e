import { setUpUnreadBadge } from '../utils/background/badge';
import { acceptPagePort } from '../utils/background/frames';
import { createMessageHandler, defaultHostMatches } from '../utils/background/messages';
import { createOverlayHub } from '../utils/background/overlays';
import { createSidebarService } from '../utils/background/sidebar';
import { browserCaptureDeps, createCaptureMenus, handleCaptureClick } from '../utils/capture/menu';
import { registerAddedHosts } from '../utils/hosts/added';
import { ensureDemoWorkspace, onChange } from '../utils/store';
import { createSyncScheduler } from '../utils/sync/scheduler';
import { forgetTab } from '../utils/tabs';
import { setUpToolbarButton } from '../utils/toolbar';

const syncAlarm = 'tandem-sync';

// Wires browser events to utils/; no logic of its own.
export default defineBackground(() => {
  setUpToolbarButton();
  // The toolbar badge: unread feedback threads in the active workspace.
  setUpUnreadBadge();
  const sync = createSyncScheduler();

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void ensureDemoWorkspace();
    void createCaptureMenus().catch((error: unknown) => console.error('Tandem could not add its right-click menu', error));
    registerAddedHosts().catch((error: unknown) => console.error('Tandem could not register the hosts you added', error));
  });
  browser.runtime.onStartup.addListener(() => void sync.syncAll('startup'));
  void browser.alarms.create(syncAlarm, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === syncAlarm) void sync.syncAll('alarm');
  });
  globalThis.addEventListener?.('online', () => void sync.syncAll('online'));

  const sidebar = createSidebarService({ afterWrite: (w) => void sync.request(w.info.id, 'write') });
  const overlays = createOverlayHub((sender) => handle.vouchedOverlay(sender));
  const handle = createMessageHandler({
    requestSync: (id, reason) => sync.request(id, reason),
    hostMatches: defaultHostMatches,
    sidebar,
    rememberPage: (context) => sidebar.rememberPage(context),
    notifyOverlays: (message, tabId) => overlays.post(message, tabId),
  });
  browser.runtime.onMessage.addListener(handle);
  // A content script's page port (which frame to vouch for, and when its page goes), else an overlay's.
  browser.runtime.onConnect.addListener((port) => acceptPagePort(port) || overlays.onConnect(port));
  // In-page sidebars cannot hear the BroadcastChannel (nor, in Firefox, runtime messages):
  // relay every change to them.
  onChange(({ workspaceId, topics }) => overlays.post({ type: 'toViews.changed', workspaceId, topics }));
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // The handler opens the panel first, synchronously: the click's gesture allows it.
  browser.contextMenus?.onClicked.addListener((info, tab) => void handleCaptureClick(info, tab, browserCaptureDeps));
  browser.commands?.onCommand.addListener((command) => {
    if (command !== 'toggle-sidebar') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) void browser.tabs.sendMessage(tab.id, { type: 'toContent.toggleSidebar' }).catch(() => undefined);
    });
  });
});
