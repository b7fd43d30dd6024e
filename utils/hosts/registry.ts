import type { HostId } from '../model';

/**
 * Where each built-in adapter runs, as manifest match patterns. Shared by the content script
 * entrypoints (their `matches`) and the background (which checks that a report comes from a
 * page its host claims). Kept apart from the adapters so the background imports no DOM code.
 */
export const builtInHostMatches: Partial<Record<HostId, readonly string[]>> = {
  gmail: ['https://mail.google.com/*'],
  salesforce: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  hubspot: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  pipedrive: ['https://*.pipedrive.com/*'],
  zoho: ['https://crm.zoho.com/*', 'https://crm.zoho.eu/*', 'https://crm.zoho.in/*', 'https://crm.zoho.com.au/*'],
  dynamics: ['https://*.dynamics.com/*'],
  apptivo: ['https://app.apptivo.com/*'],
};

export const hostNames: Record<HostId, string> = {
  gmail: 'Gmail',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  zoho: 'Zoho CRM',
  dynamics: 'Dynamics 365',
  apptivo: 'Apptivo',
  generic: 'this site',
};

/** Does a URL match a manifest match pattern (`https://*.example.com/*`)? */
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
