/**
 * Any page the user adds as a host (a self-hosted CRM, an intranet): reads the contact the page
 * marks up, trying in order schema.org Person in JSON-LD, schema.org Person in microdata, an
 * h-card, and last a lone mailto: link. Each source counts only when it names exactly one person:
 * a page listing several is a directory, not a contact, so the next source is tried and, when
 * none has one, the answer is `none`.
 *
 * The h-card reader knows only the properties Tandem uses (name, email, job title, org, tel),
 * with the microformats2 rules for them (value-class pattern, implied name), because a content
 * script has no room for a full parser.
 */
import { hostOf } from './list';
import { queryAll, queryFirst, SIGNATURE_CHARS, specMaker, textLines } from './toolkit/dom';
import { watchSubtree } from './toolkit/observe';
import { decoded, folded, fromTel, mailtoAddresses } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const spec = specMaker('generic', '2026-11-27');

const selectors = {
  jsonLd: spec('JSON-LD blocks', ['script[type="application/ld+json"]'], ['jsonld.html']),
  microdataPerson: spec('schema.org Person in microdata', ['[itemscope][itemtype*="schema.org/Person"]'], ['microdata.html']),
  hCard: spec('h-card', ['.h-card'], ['hcard.html']),
  mailto: spec('mailto: links', ['a[href^="mailto:" i]'], ['mailto.html', 'many-mailtos.html']),
  tel: spec('tel: links', ['a[href^="tel:" i]'], ['mailto.html']),
  watchRoot: spec('main content (watched for changes)', ['main', '[role="main"]'], ['jsonld.html', 'mailto.html']),
  // Webmail a team adds: Thunderbird and Roundcube put the sender's signature in .moz-signature;
  // an older message is quoted in a blockquote (with its own sender's signature).
  signature: specMaker('generic', '2026-12-04')("sender's signature in a mail view", ['.moz-signature'], ['webmail.html']),
} satisfies Record<string, SelectorSpec>;

type Found = Omit<PageContact, 'source' | 'recordUrl' | 'custom'>;

const readers: [view: string, read: (document: Document) => Found | undefined][] = [
  ['json-ld', fromJsonLd],
  ['microdata', fromMicrodata],
  ['h-card', (document) => onePerson(readHCards(document))],
  ['mailto', fromMailtoLinks],
];

export const genericAdapter: HostAdapter = {
  ...hostOf('generic'),
  selectors,
  detect(document, location): Detection {
    for (const [view, read] of readers) {
      const found = read(document);
      if (found) {
        const contact: PageContact = { source: 'generic', ...found, recordUrl: location.href.split(/[?#]/)[0] };
        const signature = signatureOn(document);
        return { kind: 'contact', view, contact: signature ? { ...contact, signature } : contact };
      }
    }
    return { kind: 'none', view: 'page' };
  },
  watch(document, window, onChange) {
    return watchSubtree(document, window, () => queryFirst(document, selectors.watchRoot), onChange);
  },
};

/** The one signature a mail view shows outside quoted messages, as lines (bounded); none when there are several. */
function signatureOn(document: Document): string | undefined {
  const own = queryAll(document, selectors.signature).filter((element) => !element.closest('blockquote'));
  if (own.length !== 1) return undefined;
  const text = textLines(own[0]!, 'blockquote')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return text.slice(0, SIGNATURE_CHARS) || undefined;
}

/** The one person in `people`, or nothing when there is none or there are several different ones. */
function onePerson(people: Found[]): Found | undefined {
  const named = people.map(clean).filter((person) => person.name || person.email);
  const keys = new Set(named.map((person) => (person.email ?? person.name ?? '').toLowerCase()));
  return keys.size === 1 ? named[0] : undefined;
}

function clean(person: Found): Found {
  const entries = Object.entries(person).map(([key, value]) => [key, typeof value === 'string' ? fold(value) : undefined]);
  return Object.fromEntries(entries.filter(([, value]) => value)) as Found;
}

function fold(text: string): string {
  return folded(text) ?? '';
}

/** A structured-data value as written, without its scheme; an escape that does not decode is kept as written. */
function withoutScheme(value: string | undefined, scheme: 'mailto:' | 'tel:'): string | undefined {
  if (!value) return undefined;
  const rest = value.trim().toLowerCase().startsWith(scheme) ? value.trim().slice(scheme.length).split('?')[0] ?? '' : value;
  return (decoded(rest) ?? rest).trim();
}

// JSON-LD -----------------------------------------------------------------------------------

export type Json = Record<string, unknown>;

/** Every schema.org Person in the page's JSON-LD blocks (page capture reads them all). */
export function jsonLdPeople(document: Document): Json[] {
  const people: Json[] = [];
  for (const script of queryAll(document, selectors.jsonLd)) {
    try {
      collectPeople(JSON.parse(script.textContent ?? ''), people, 0);
    } catch {
      // A broken block is the page's problem; the others may still say who this is.
    }
  }
  return people;
}

function fromJsonLd(document: Document): Found | undefined {
  return onePerson(
    jsonLdPeople(document).map((person) => ({
      name: text(person.name) ?? joinNames(text(person.givenName), text(person.familyName)),
      email: withoutScheme(text(person.email), 'mailto:'),
      title: text(person.jobTitle),
      phone: withoutScheme(text(person.telephone), 'tel:'),
      company: organisation(person.worksFor),
    })),
  );
}

/** People at the top level, in `@graph`, or as a page's `mainEntity`/`about`; not people inside a person. */
function collectPeople(value: unknown, people: Json[], depth: number) {
  if (depth > 4 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectPeople(item, people, depth + 1);
    return;
  }
  const node = value as Json;
  if (isPerson(node['@type'])) {
    people.push(node);
    return;
  }
  for (const key of ['@graph', 'mainEntity', 'about']) collectPeople(node[key], people, depth + 1);
}

function isPerson(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /^(?:(?:https?:\/\/)?(?:www\.)?schema\.org\/|schema:)?Person$/.test(t));
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object' && '@value' in value) return text((value as Json)['@value']);
  return undefined;
}

function organisation(value: unknown): string | undefined {
  if (Array.isArray(value)) return organisation(value[0]);
  if (value && typeof value === 'object') return text((value as Json).name) ?? text((value as Json).legalName);
  return text(value);
}

function joinNames(...parts: (string | undefined)[]): string | undefined {
  return parts.filter(Boolean).join(' ') || undefined;
}

// Microdata ---------------------------------------------------------------------------------

/** Every top-level schema.org Person item in the page's microdata. */
export function microdataPeople(document: Document): Element[] {
  return queryAll(document, selectors.microdataPerson).filter(
    (person) => !person.parentElement?.closest(selectors.microdataPerson.selectors[0] ?? ''),
  );
}

function fromMicrodata(document: Document): Found | undefined {
  return onePerson(
    microdataPeople(document).map((person) => {
      const prop = (name: string) => ownProperty(person, name);
      const worksFor = prop('worksFor');
      return {
        name: itemValue(prop('name')) ?? joinNames(itemValue(prop('givenName')), itemValue(prop('familyName'))),
        email: withoutScheme(itemValue(prop('email')), 'mailto:'),
        title: itemValue(prop('jobTitle')),
        phone: withoutScheme(itemValue(prop('telephone')), 'tel:'),
        company: worksFor?.hasAttribute('itemscope') ? itemValue(ownProperty(worksFor, 'name')) : itemValue(worksFor),
      };
    }),
  );
}

/** The `itemprop`s of `item` itself, not of an item nested in it. */
export function ownProperties(item: Element, name: string): Element[] {
  return [...item.querySelectorAll(`[itemprop~="${name}"]`)].filter((element) => element.parentElement?.closest('[itemscope]') === item);
}

function ownProperty(item: Element, name: string): Element | undefined {
  return ownProperties(item, name)[0];
}

/** A property's value by the microdata rules for the elements a contact card uses. */
export function itemValue(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  const attribute = (name: string) => element.getAttribute(name) ?? undefined;
  switch (element.tagName) {
    case 'META':
      return attribute('content');
    case 'A':
    case 'AREA':
    case 'LINK':
      return attribute('href');
    case 'DATA':
    case 'METER':
      return attribute('value');
    case 'TIME':
      return attribute('datetime') ?? element.textContent ?? undefined;
    default:
      return element.textContent ?? undefined;
  }
}

// h-card ------------------------------------------------------------------------------------

export type HCard = Found;

/**
 * Top-level h-cards under `root`, in document order. An h-card inside another microformat (an
 * h-entry's author, an h-card's org) belongs to that one, as in the microformats2 parse.
 */
export function readHCards(root: ParentNode): HCard[] {
  return queryAll(root, selectors.hCard)
    .filter((card) => !owner(card))
    .map(readHCard);
}

function readHCard(card: Element): HCard {
  const prop = (name: string) => [...card.querySelectorAll(`.${name}`)].find((element) => owner(element) === card);
  const email = prop('u-email');
  const tel = prop('p-tel') ?? prop('u-tel');
  const org = prop('p-org');
  return clean({
    name: prop('p-name') ? pValue(prop('p-name')) : impliedName(card),
    email: withoutScheme((email?.matches('a, area') && email.getAttribute('href')) || pValue(email), 'mailto:'),
    title: pValue(prop('p-job-title')),
    // An org marked up as a card of its own is named by that card's name, not all its text.
    company: org && isMicroformat(org) ? readHCard(org).name : pValue(org),
    phone: withoutScheme((tel?.matches('a.u-tel, area.u-tel') && tel.getAttribute('href')) || pValue(tel), 'tel:'),
  });
}

function isMicroformat(element: Element): boolean {
  return [...element.classList].some((name) => /^h-[a-z]/.test(name));
}

/** The microformat a property belongs to: its nearest ancestor with an h-* class. */
function owner(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) if (isMicroformat(node)) return node;
  return null;
}

/** A p-* value: the value-class pattern, abbr title, data/input value, img/area alt, else the text. */
function pValue(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  const scope = isMicroformat(element) ? element : owner(element);
  const parts = [...element.querySelectorAll('.value')].filter((part) => owner(part) === scope);
  if (parts.length) return parts.map((part) => fold(simpleValue(part) ?? '')).join('');
  return simpleValue(element);
}

function simpleValue(element: Element): string | undefined {
  const attribute = (name: string) => element.getAttribute(name) ?? undefined;
  if (element.matches('abbr[title], link[title]')) return attribute('title');
  if (element.matches('data[value], input[value]')) return attribute('value');
  if (element.matches('img[alt], area[alt]')) return attribute('alt');
  return textWithAlts(element);
}

/** Text as microformats2 reads it: no script or style, an img counts as its alt text. */
function textWithAlts(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  if (element.matches('script, style, template')) return '';
  if (element.tagName === 'IMG') return ` ${element.getAttribute('alt') ?? ''} `;
  return [...element.childNodes].map(textWithAlts).join('');
}

/** The implied name: only for a card with no p-*, e-* or nested microformat of its own. */
function impliedName(card: Element): string | undefined {
  const descendants = [...card.querySelectorAll('*')];
  const hasOwnProperty = descendants.some((element) => [...element.classList].some((name) => /^[pe]-/.test(name)) && owner(element) === card);
  if (hasOwnProperty || descendants.some(isMicroformat)) return undefined;
  const named = (element: Element) =>
    element.matches('img[alt], area[alt]') ? element.getAttribute('alt') : element.matches('abbr[title]') ? element.getAttribute('title') : null;
  const only = (element: Element) => (element.children.length === 1 ? element.children[0] : undefined);
  const child = only(card);
  const grandchild = child && !isMicroformat(child) ? only(child) : undefined;
  return (
    named(card) ??
    (child && !isMicroformat(child) ? named(child) : null) ??
    (grandchild && !isMicroformat(grandchild) ? named(grandchild) : null) ??
    fold(textWithAlts(card))
  );
}

// mailto: -----------------------------------------------------------------------------------

/**
 * The one address the page's mailto: links name. The toolkit's email rule (a dot in the domain)
 * and its guarded decoding apply: this reader took "a@b", and a malformed link is no address.
 */
function fromMailtoLinks(document: Document): Found | undefined {
  const addresses = new Map<string, string>();
  for (const link of queryAll(document, selectors.mailto)) {
    for (const address of mailtoAddresses(link.getAttribute('href'))) {
      if (!addresses.has(address.toLowerCase())) addresses.set(address.toLowerCase(), address);
    }
  }
  if (addresses.size !== 1) return undefined;
  const [email] = addresses.values();
  return clean({ email, phone: fromTel(queryFirst(document, selectors.tel)?.getAttribute('href')) });
}
