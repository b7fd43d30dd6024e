import { ToBackground } from '../utils/messages';
import { ensureDemoWorkspace } from '../utils/store';
import { createSyncScheduler } from '../utils/sync/scheduler';
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

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only Tandem's own pages may ask (DESIGN.md rule 2); content scripts have no say in sync.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    const message = ToBackground.safeParse(raw);
    if (!message.success) return undefined;
    return sync.request(message.data.workspaceId, message.data.reason).then(() => ({ ok: true }));
  });
});
