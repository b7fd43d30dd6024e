/**
 * The hosts Tandem reads, declared once. Plain data, no DOM and no imports: the model (its
 * `HostId`), the registry (the background's match patterns, the hosts' names and the extension's
 * host permissions), every adapter (its id, name and `matches`) and every content script
 * entrypoint (its `matches`, read by WXT in Node at build time) derive from this list.
 *
 * A host with match patterns is built in: it has an adapter in utils/hosts/<id>.ts, a content
 * script in entrypoints/<id>.content.ts and saved pages in tests/fixtures/<id>/. A host with none
 * (`generic`) runs only on the hosts a person adds (utils/hosts/added.ts).
 *
 * Where the patterns reach (issue 16): a CRM's own app pages, never everything its domain serves.
 * A tenant's host is a wildcard where the CRM gives every customer a subdomain (Salesforce,
 * Pipedrive, Dynamics 365); there, anyone can open a free account and so owns pages under the
 * same wildcard, so the path narrows it to the app's pages, and public pages a customer builds
 * (Pipedrive's scheduler, Zoho's web forms, Dynamics web resources) and the vendors' other sites
 * (community.dynamics.com, www.pipedrive.com) are left out. What stays possible, and is accepted
 * because a tenant's subdomain cannot be told from a customer's own: a rep signed into someone
 * else's tenant (a trial whose owner invited them) has its app pages read like their own, contacts
 * and facts included. Such a page learns nothing from Tandem: the team's data stays inside the
 * sidebar's frame, which shows nothing until the background vouches for it.
 *
 * The patterns cover an app's pages, not its record pages alone: these CRMs are single-page apps,
 * and a content script arrives only with a page load, so a rep who opens the app on a list or
 * a pipeline and clicks into a record must already have it. The background takes a page's
 * report only from a URL these patterns match, so a page outside them that the app opens without
 * a load (Pipedrive's settings or insights) is not read: the sidebar keeps the last record.
 */

/**
 * Microsoft's regional hosts of Dynamics 365 environments (<org>.<region>.dynamics.com), from
 * learn.microsoft.com/power-platform/admin/new-datacenter-regions: crm (North America), crm2
 * (South America), crm3 (Canada), crm4 (Europe), crm5 (Asia Pacific), crm6 (Australia), crm7
 * (Japan), crm8 (India), crm9 (US GCC), crm11 (UK), crm12 (France), crm14 (South Africa), crm15
 * (UAE), crm16 (Germany), crm17 (Switzerland), crm19 (Norway), crm20 (Singapore), crm21 (Korea),
 * crm22 (Sweden). Never `*.dynamics.com`: that also serves community.dynamics.com, Business
 * Central and marketing sites.
 */
const dynamicsRegions = ['crm', 'crm2', 'crm3', 'crm4', 'crm5', 'crm6', 'crm7', 'crm8', 'crm9', 'crm11', 'crm12', 'crm14', 'crm15', 'crm16', 'crm17', 'crm19', 'crm20', 'crm21', 'crm22'];

/** Zoho CRM's data centres Tandem reads. */
const zohoCentres = ['https://crm.zoho.com', 'https://crm.zoho.eu', 'https://crm.zoho.in', 'https://crm.zoho.com.au'];

export const hosts = [
  // The Gmail app; mail.google.com also serves Chat and other apps.
  { id: 'gmail', name: 'Gmail', matches: ['https://mail.google.com/mail/*'] },
  // Lightning Experience, all of it under /lightning/ (records, lists, home). Left out: Classic
  // pages and files served from my.salesforce.com, standalone Aura apps.
  { id: 'salesforce', name: 'Salesforce', matches: ['https://*.lightning.force.com/lightning/*', 'https://*.my.salesforce.com/lightning/*'] },
  // HubSpot's CRM app: records (/contacts/<portal>/record/…, and the older /contacts/<portal>/contact/…)
  // and lists. Left out: HubSpot's other apps on the same host, shared documents among them.
  { id: 'hubspot', name: 'HubSpot', matches: ['https://app.hubspot.com/contacts/*', 'https://app-eu1.hubspot.com/contacts/*'] },
  // A company's own subdomain: person and organisation records and lists, and the pages a rep
  // opens them from (a deal, the pipeline, leads, activities, the mail inbox). Left out: its
  // public scheduler pages (/scheduler/…), webforms.pipedrive.com, www, developers.
  {
    id: 'pipedrive',
    name: 'Pipedrive',
    matches: /* @__PURE__ */ ['person/*', 'persons*', 'organization/*', 'organizations*', 'deal/*', 'deals*', 'pipeline*', 'leads*', 'activities*', 'mail/*'].map(
      (path) => `https://*.pipedrive.com/${path}`,
    ),
  },
  // The CRM app: /crm/<org>/… (with an org id, settings included) and /crm/tab/… (without).
  // Left out: /crm/WebFormServeServlet (web forms any Zoho customer publishes) and the APIs.
  { id: 'zoho', name: 'Zoho CRM', matches: /* @__PURE__ */ zohoCentres.flatMap((centre) => [`${centre}/crm/org*`, `${centre}/crm/tab/*`]) },
  // The Unified Interface is one page, main.aspx, whose query names the view
  // (?pagetype=entityrecord&etn=contact&id=…, or a list, or a dashboard).
  { id: 'dynamics', name: 'Dynamics 365', matches: /* @__PURE__ */ dynamicsRegions.map((region) => `https://*.${region}.dynamics.com/main.aspx*`) },
  // One page per app, routed by the hash; Tandem reads the customers, contacts and leads apps.
  { id: 'apptivo', name: 'Apptivo', matches: /* @__PURE__ */ ['customers', 'contacts', 'leads'].map((app) => `https://app.apptivo.com/app/${app}.jsp*`) },
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
