import { HostHealth, TabContext, type HostId, type PageDetection } from './model';

/**
 * The background's memory of each tab's page context, in storage.session so it survives a
 * service worker restart (and content scripts cannot read it: the session area is for
 * trusted contexts only by default).
 */
const key = (tabId: number) => `tab:${tabId}`;

export async function getTabContext(tabId: number): Promise<TabContext | undefined> {
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)];
  const parsed = TabContext.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

export async function setTabContext(context: TabContext): Promise<void> {
  await browser.storage.session.set({ [key(context.tabId)]: TabContext.parse(context) });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

const healthKey = 'hostHealth';

/** When each adapter last read a page and which selector failed last, for the options page. */
export async function readHostHealth(): Promise<Partial<Record<HostId, HostHealth>>> {
  const stored = ((await browser.storage.local.get(healthKey))[healthKey] ?? {}) as Record<string, unknown>;
  const out: Partial<Record<HostId, HostHealth>> = {};
  for (const [host, value] of Object.entries(stored)) {
    const parsed = HostHealth.safeParse(value);
    if (parsed.success) out[host as HostId] = parsed.data;
  }
  return out;
}

export async function recordHostHealth(host: HostId, detection: PageDetection, at = new Date().toISOString()): Promise<void> {
  const all = await readHostHealth();
  const previous = all[host] ?? {};
  all[host] = {
    ...previous,
    lastReadAt: at,
    lastView: detection.view,
    ...(detection.kind === 'unreadable' ? { lastFailure: { selector: detection.failed, view: detection.view, at } } : {}),
  };
  await browser.storage.local.set({ [healthKey]: all });
}
