/**
 * The hosts Tandem reads, declared once. Plain data, no DOM and no imports: the model (its
 * `HostId`), the registry (the background's match patterns and the hosts' names), every
 * adapter (its id, name and `matches`) and every content script entrypoint (its `matches`,
 * read by WXT in Node at build time) derive from this list.
 *
 * A host with match patterns is built in: it has an adapter in utils/hosts/<id>.ts, a content
 * script in entrypoints/<id>.content.ts and saved pages in tests/fixtures/<id>/. A host with none
 * (`generic`) runs only on the hosts a person adds (utils/hosts/added.ts).
 */
export const hosts = [
  { id: 'gmail', name: 'Gmail', matches: ['https://mail.google.com/*'] },
  { id: 'salesforce', name: 'Salesforce', matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'] },
  { id: 'hubspot', name: 'HubSpot', matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] },
  { id: 'pipedrive', name: 'Pipedrive', matches: ['https://*.pipedrive.com/*'] },
  { id: 'zoho', name: 'Zoho CRM', matches: ['https://crm.zoho.com/*', 'https://crm.zoho.eu/*', 'https://crm.zoho.in/*', 'https://crm.zoho.com.au/*'] },
  { id: 'dynamics', name: 'Dynamics 365', matches: ['https://*.dynamics.com/*'] },
  { id: 'apptivo', name: 'Apptivo', matches: ['https://app.apptivo.com/*'] },
  // Named as the sidebar says it: "In view on this site".
  { id: 'generic', name: 'this site', matches: [] },
] as const satisfies readonly { id: string; name: string; matches: readonly string[] }[];

export type Host = (typeof hosts)[number];
export type HostKey = Host['id'];

/** Every host id, in the order above (the model's `HostId` enum). */
export const hostIds = /* @__PURE__ */ hosts.map((host) => host.id) as readonly HostKey[] as readonly [HostKey, ...HostKey[]];

/** One host's id, name and match patterns: what its adapter spreads into itself. */
export function hostOf<K extends HostKey>(id: K): { id: K; name: string; matches: readonly string[] } {
  const host = hosts.find((candidate) => candidate.id === id);
  if (!host) throw new Error(`no host ${id}`);
  return { id, name: host.name, matches: host.matches };
}

/** A built-in host's match patterns, as a content script entrypoint's `matches` wants them. */
export function matchesOf(id: HostKey): string[] {
  return [...hostOf(id).matches];
}
