import { mf2 } from 'microformats-parser';
import { itemValue, jsonLdPeople, microdataPeople, ownProperties } from '../hosts/generic';

/** A person found on a captured page, before review. */
export interface PageLead {
  name?: string;
  title?: string;
  company?: string;
  email?: string;
  phones: string[];
  website?: string;
  linkedin?: string;
  address?: string;
  /** Where on the page it came from: `h-card`, `schema.org JSON-LD`, `schema.org microdata`, `mailto link`. */
  from: string;
}

type Mf2Value = string | { value?: string; html?: string; properties?: Record<string, Mf2Value[]> } | Record<string, unknown>;
interface Mf2Item {
  type: string[];
  properties: Record<string, Mf2Value[]>;
  children?: Mf2Item[];
}

const text = (v: Mf2Value | undefined): string | undefined => {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : typeof (v as { value?: unknown }).value === 'string' ? (v as { value: string }).value : undefined;
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};
const first = (item: Mf2Item, key: string) => text(item.properties[key]?.[0]);
const stripScheme = (v: string | undefined, scheme: string) => (v?.toLowerCase().startsWith(scheme) ? decodeURIComponent(v.slice(scheme.length).split('?')[0]!) : v);
const isHttp = (v: string | undefined) => !!v && /^https?:\/\//i.test(v);
const linkedinOf = (urls: (string | undefined)[]) => urls.find((u) => u && /^https?:\/\/([a-z]+\.)?linkedin\.com\/in\//i.test(u));

/** h-cards that are people (not the org h-card inside another card, not an h-entry's author). */
function hcards(html: string, baseUrl: string): PageLead[] {
  const { items } = mf2(html, { baseUrl }) as unknown as { items: Mf2Item[] };
  const found: PageLead[] = [];
  const visit = (item: Mf2Item) => {
    if (item.type.includes('h-card') && !item.type.includes('h-org')) {
      const urls = (item.properties.url ?? []).map(text);
      const org = item.properties.org?.[0];
      const lead: PageLead = {
        name: first(item, 'name'),
        title: first(item, 'job-title') ?? first(item, 'role'),
        company: text(org) ?? (org && typeof org === 'object' && 'properties' in org ? text((org.properties as Record<string, Mf2Value[]>).name?.[0]) : undefined),
        email: stripScheme(first(item, 'email'), 'mailto:'),
        phones: (item.properties.tel ?? []).map((t) => stripScheme(text(t), 'tel:')).filter((t): t is string => !!t),
        website: urls.find((u) => isHttp(u) && !linkedinOf([u])),
        linkedin: linkedinOf(urls),
        address: first(item, 'adr') ?? first(item, 'street-address'),
        from: 'h-card',
      };
      if (lead.name || lead.email) found.push(lead);
    }
    for (const child of item.children ?? []) if (!item.type.includes('h-card')) visit(child);
  };
  items.forEach(visit);
  return found;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const nameOf = (v: unknown): string | undefined => str(v) ?? (v && typeof v === 'object' ? str((v as { name?: unknown }).name) : undefined);

/** schema.org Person objects in JSON-LD (read as the generic host adapter reads them), with every field a lead has. */
function jsonLdLeads(doc: Document): PageLead[] {
  return jsonLdPeople(doc).map((o) => {
    const sameAs = asArray(o.sameAs).map(str);
    const address = o.address && typeof o.address === 'object' ? Object.values(o.address as object).filter((x) => typeof x === 'string' && !x.startsWith('Postal')).join(', ') || undefined : undefined;
    return {
      name: str(o.name) ?? ([str(o.givenName), str(o.familyName)].filter(Boolean).join(' ') || undefined),
      title: str(o.jobTitle),
      company: nameOf(o.worksFor) ?? nameOf(o.affiliation),
      email: stripScheme(str(o.email), 'mailto:'),
      phones: asArray(o.telephone).map(str).filter((t): t is string => !!t),
      website: str(o.url) && isHttp(str(o.url)) ? str(o.url) : undefined,
      linkedin: linkedinOf(sameAs),
      address: nameOf(o.address) ?? address,
      from: 'schema.org JSON-LD',
    };
  });
}

/** schema.org Person in microdata: each property read from its own item only (as the generic adapter does). */
function microdataLeads(doc: Document): PageLead[] {
  return microdataPeople(doc)
    .map((scope) => {
      const value = (el: Element | undefined) =>
        el?.hasAttribute('itemscope') ? str(itemValue(ownProperties(el, 'name')[0])?.replace(/\s+/g, ' ')) : str(itemValue(el)?.replace(/\s+/g, ' '));
      const first = (prop: string) => value(ownProperties(scope, prop)[0]);
      const urls = [...ownProperties(scope, 'url'), ...ownProperties(scope, 'sameAs')].map(value);
      return {
        name: first('name'),
        title: first('jobTitle'),
        company: first('worksFor') ?? first('affiliation'),
        email: stripScheme(first('email'), 'mailto:'),
        phones: ownProperties(scope, 'telephone').map(value).map((t) => stripScheme(t, 'tel:')).filter((t): t is string => !!t),
        website: urls.find((u) => isHttp(u) && !linkedinOf([u])),
        linkedin: linkedinOf(urls),
        address: first('address'),
        from: 'schema.org microdata',
      };
    })
    .filter((lead) => lead.name || lead.email);
}

/** Distinct mailto addresses, each a lead with just an email (and the link's text as a name when it looks like one). */
function mailtoLeads(doc: Document, known: Set<string>): PageLead[] {
  const seen = new Map<string, PageLead>();
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a[href^="mailto:" i]')) {
    const email = stripScheme(a.getAttribute('href') ?? '', 'mailto:')?.trim().toLowerCase();
    if (!email || !email.includes('@') || known.has(email) || seen.has(email)) continue;
    const label = a.textContent?.replace(/\s+/g, ' ').trim();
    seen.set(email, { email, name: label && !label.includes('@') && /^\p{Lu}/u.test(label) ? label : undefined, phones: [], from: 'mailto link' });
  }
  return [...seen.values()];
}

/**
 * Everyone a captured page names: h-card (through microformats-parser), schema.org Person
 * in JSON-LD and microdata, then mailto links not already covered. `parse` turns HTML into a
 * Document (DOMParser in the extension page).
 */
export function leadsOnPage(html: string, url: string, parse: (html: string) => Document = (h) => new DOMParser().parseFromString(h, 'text/html')): PageLead[] {
  const doc = parse(html);
  const structured = [...jsonLdLeads(doc), ...microdataLeads(doc), ...hcards(html, url || 'https://example.invalid/')];
  const known = new Set(structured.map((l) => l.email?.toLowerCase()).filter((e): e is string => !!e));
  return [...structured, ...mailtoLeads(doc, known)];
}
