import { hosts, type HostKey } from './list';

/**
 * Where each built-in adapter runs, as manifest match patterns, and each host's name, both from
 * the one host list (./list.ts). Shared by the content script entrypoints (their `matches`) and
 * the background (which checks that a report comes from a page its host claims). Kept apart
 * from the adapters so the background imports no DOM code.
 */
export const builtInHostMatches: Partial<Record<HostKey, readonly string[]>> = Object.fromEntries(
  hosts.filter((host) => host.matches.length).map((host) => [host.id, host.matches]),
);

export const hostNames = Object.fromEntries(hosts.map((host) => [host.id, host.name])) as Record<HostKey, string>;

/**
 * The origins of the built-in hosts (`https://*.crm4.dynamics.com/*`), each once: the extension's
 * host permissions, which the in-page sidebar's frame needs for its own storage. A permission is
 * for an origin, so the patterns' paths are not repeated here; where Tandem's script runs stays
 * `builtInHostMatches`.
 */
export const builtInHostOrigins: readonly string[] = [
  ...new Set(
    Object.values(builtInHostMatches)
      .flat()
      .map((pattern) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*')),
  ),
];

/**
 * Does a URL match a manifest match pattern (`https://*.example.com/*`)? As in Chrome and Firefox,
 * the pattern's path is matched against the URL's path and query (`/main.aspx*` matches
 * `/main.aspx?etn=contact`), never its hash.
 */
export function matchesPattern(url: string, pattern: string): boolean {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme !== '*' ? parsed.protocol !== `${scheme}:` : !['http:', 'https:'].includes(parsed.protocol)) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (parsed.hostname !== base && !parsed.hostname.endsWith(`.${base}`)) return false;
    } else if (parsed.hostname !== host) return false;
  }
  const pathRe = new RegExp(`^${path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pathRe.test(parsed.pathname + parsed.search);
}
