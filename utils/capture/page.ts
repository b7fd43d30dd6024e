import { mf2 } from 'microformats-parser';

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

/** schema.org Person objects in JSON-LD, including @graph arrays. */
function jsonLdPeople(doc: Document): PageLead[] {
  const people: PageLead[] = [];
  const visit = (node: unknown) => {
    for (const item of asArray(node)) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      if (o['@graph']) visit(o['@graph']);
      const types = asArray(o['@type']).map(String);
      if (types.some((t) => t === 'Person' || t.endsWith(':Person') || t.endsWith('/Person'))) {
        const sameAs = asArray(o.sameAs).map(str);
        people.push({
          name: str(o.name) ?? ([str(o.givenName), str(o.familyName)].filter(Boolean).join(' ') || undefined),
          title: str(o.jobTitle),
          company: nameOf(o.worksFor) ?? nameOf(o.affiliation),
          email: stripScheme(str(o.email), 'mailto:'),
          phones: asArray(o.telephone).map(str).filter((t): t is string => !!t),
          website: str(o.url) && isHttp(str(o.url)) ? str(o.url) : undefined,
          linkedin: linkedinOf(sameAs),
          address: nameOf(o.address) ?? (o.address && typeof o.address === 'object' ? Object.values(o.address as object).filter((x) => typeof x === 'string' && !x.startsWith('Postal')).join(', ') || undefined : undefined),
          from: 'schema.org JSON-LD',
        });
      }
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // a broken block is skipped; others still count
    }
  }
  return people;
}

/** schema.org Person in microdata: each property read from its own itemscope only. */
function microdataPeople(doc: Document): PageLead[] {
  return [...doc.querySelectorAll('[itemscope][itemtype*="schema.org/Person"]')].map((scope) => {
    const own = (prop: string) =>
      [...scope.querySelectorAll(`[itemprop~="${prop}"]`)].filter((el) => el.parentElement?.closest('[itemscope]') === scope || el.closest('[itemscope]') === scope && el !== scope);
    const value = (el: Element | undefined) =>
      el ? str(el.getAttribute('content') ?? el.getAttribute('href') ?? (el.hasAttribute('itemscope') ? el.querySelector('[itemprop~="name"]')?.textContent : el.textContent)?.replace(/\s+/g, ' ')) : undefined;
    const urls = [...own('url'), ...own('sameAs')].map(value);
    return {
      name: value(own('name')[0]),
      title: value(own('jobTitle')[0]),
      company: value(own('worksFor')[0]) ?? value(own('affiliation')[0]),
      email: stripScheme(value(own('email')[0]), 'mailto:'),
      phones: own('telephone').map(value).map((t) => stripScheme(t, 'tel:')).filter((t): t is string => !!t),
      website: urls.find((u) => isHttp(u) && !linkedinOf([u])),
      linkedin: linkedinOf(urls),
      address: value(own('address')[0]),
      from: 'schema.org microdata',
    };
  }).filter((lead) => lead.name || lead.email);
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
  const structured = [...jsonLdPeople(doc), ...microdataPeople(doc), ...hcards(html, url || 'https://example.invalid/')];
  const known = new Set(structured.map((l) => l.email?.toLowerCase()).filter((e): e is string => !!e));
  return [...structured, ...mailtoLeads(doc, known)];
}
