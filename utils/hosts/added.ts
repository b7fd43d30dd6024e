/**
 * Hosts a team adds (a self-hosted CRM, an intranet): Tandem reads them with the generic
 * adapter once the person grants access to that one origin. The list is layout-level data
 * in storage.local (host names only, no team data).
 */
export interface AddedHost {
  /** `crm.example.com` or `crm.example.com:8443` */
  host: string;
  scheme: 'https' | 'http';
  addedAt: string;
}

const storageKey = 'addedHosts';
export const genericScript = 'content-scripts/generic.js';
const scriptId = (host: string) => `tandem-host-${host.replace(/[^a-z0-9.-]/gi, '_')}`;

/**
 * Reads what a person typed: a host name, optionally with a port or an https:// or http://
 * prefix; nothing else. Throws an Error that says what to write instead.
 */
export function readHostInput(input: string): { host: string; scheme: 'https' | 'http' } {
  const trimmed = input.trim().toLowerCase().replace(/\/+$/, '');
  const m = /^(?:(https?):\/\/)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(\d{1,5}))?$/.exec(trimmed);
  if (!m) throw new Error('Write a host name like crm.example.com (with :port if it has one), without a path.');
  const [, scheme, name, port] = m as unknown as [string, string | undefined, string, string | undefined];
  if (port && (Number(port) < 1 || Number(port) > 65535)) throw new Error('That port is not valid.');
  if (!name.includes('.') && name !== 'localhost') throw new Error('Write the full host name, like crm.example.com.');
  return { host: port ? `${name}:${port}` : name, scheme: (scheme as 'https' | 'http' | undefined) ?? 'https' };
}

/** The match pattern for an added host. Ports are not part of match patterns. */
export function hostPattern(host: Pick<AddedHost, 'host' | 'scheme'>): string {
  return `${host.scheme}://${host.host.replace(/:\d+$/, '')}/*`;
}

export async function listAddedHosts(): Promise<AddedHost[]> {
  const stored = (await browser.storage.local.get(storageKey))[storageKey];
  return Array.isArray(stored) ? (stored as AddedHost[]).filter((h) => typeof h?.host === 'string' && (h.scheme === 'https' || h.scheme === 'http')) : [];
}

/**
 * Adds a host. Call it straight from the click: the permission prompt needs that gesture, so
 * it is asked for before anything is awaited.
 */
export function addHost(input: string): Promise<AddedHost> {
  const parsed = readHostInput(input);
  const pattern = hostPattern(parsed);
  const granted = browser.permissions.request({ origins: [pattern] });
  return (async () => {
    if (!(await granted)) throw new Error(`Tandem needs your permission to read pages on ${parsed.host}. Add it again and choose Allow.`);
    const hosts = await listAddedHosts();
    const added: AddedHost = { ...parsed, addedAt: new Date().toISOString() };
    if (!hosts.some((h) => h.host === added.host && h.scheme === added.scheme)) hosts.push(added);
    await browser.storage.local.set({ [storageKey]: hosts });
    await registerAddedHosts();
    return added;
  })();
}

/** Removes a host: its content script is unregistered and the permission given back. */
export async function removeHost(host: string): Promise<void> {
  const hosts = await listAddedHosts();
  const gone = hosts.filter((h) => h.host === host);
  await browser.storage.local.set({ [storageKey]: hosts.filter((h) => h.host !== host) });
  await registerAddedHosts();
  for (const h of gone) {
    // A host Tandem needs anyway (a local sync server) cannot be given back; that is fine.
    await browser.permissions.remove({ origins: [hostPattern(h)] }).catch(() => false);
  }
}

/** Makes the registered content scripts match the list: one per added host. */
export async function registerAddedHosts(): Promise<void> {
  const hosts = await listAddedHosts();
  const scripting = browser.scripting;
  const registered = await scripting.getRegisteredContentScripts();
  const wanted = new Map(hosts.map((h) => [scriptId(h.host), h]));
  const stale = registered.filter((s) => s.id.startsWith('tandem-host-') && !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await scripting.unregisterContentScripts({ ids: stale });
  const missing = [...wanted].filter(([id]) => !registered.some((s) => s.id === id));
  if (missing.length) {
    await scripting.registerContentScripts(
      missing.map(([id, h]) => ({ id, matches: [hostPattern(h)], js: [genericScript], runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
}
