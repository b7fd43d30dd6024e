/**
 * HubSpot CRM: reads the contact or company record in view.
 *
 * What the page looks like (see the sources named in each spec, and the comment at the top
 * of every fixture in tests/fixtures/hubspot/):
 * - Every record lives under /contacts/<portalId>/: /record/0-1/<id> is a contact, /record/0-2/<id>
 *   a company (the object type id is in the path, not the first segment), and the older
 *   /contact/<id> and /company/<id> name the same records. The record's key is the canonical
 *   /record/<type>/<id> form, so both URLs key one contact.
 * - A record page has three columns: the left sidebar (`data-test-id="left-sidebar"`: the highlight
 *   card with the name, then the "About" properties cards), the middle pane (tabs, the activity
 *   timeline) and the right sidebar (association cards: the record's companies, contacts, deals).
 *   Every read is scoped to the left column: the signed-in user (global toolbar, account menu),
 *   the timeline's other people, associated records and preview panels are all outside it, and an
 *   association card that an admin moved into it is skipped.
 * - Fields are found by their internal property name, which does not change with the portal's
 *   labels or language: `data-selenium-test="property-input-<name>"` in the About card, then
 *   `data-test-id="highlight-property-display-<name>"` in the highlight strip. Class names are
 *   styled-components hashes that change with every HubSpot build and are never used.
 */
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';
import { queryFirst, queryFirstVisible, textOf, withoutEmpty } from './types';

const VERIFIED = '2026-11-27';
const CONTACT = 'contact.html';
const CONTACT_2 = 'contact-2.html';
const COMPANY = 'company.html';
const LIST = 'list.html';
const UNREADABLE = 'contact-unreadable.html';
const RECORDS = [CONTACT, CONTACT_2, COMPANY];
const at = (...files: string[]) => files.map((file) => `hubspot/${file}`);
const spec = (name: string, selectors: string[], fixtures: string[]): SelectorSpec => ({
  name,
  selectors,
  verified: VERIFIED,
  fixtures: at(...fixtures),
});

const selectors = {
  // The page region that holds the record's columns. clockify/browser-extension hubspot.js reads the
  // inbox from `[role=main]`; the index-page scroll container is `<main>` (a public "HubSpot DOM
  // structure guide"). Watched for navigation; the global toolbar and navigation are outside it.
  pageMain: spec('main page region (watched for navigation)', ['[role="main"]', 'main'], [...RECORDS, LIST, UNREADABLE]),
  // "Left sidebar (data-test-id=left-sidebar)" (the public DOM structure guide; SysAdminDoc/HubSpot-Ticket-
  // Refined tests/fixtures/ticket-record.html); its wrapper `#record-page-left-sidebar` (that userscript's
  // selectors); `[data-scroll-trackable-container="left-sidebar"]` (clockify/browser-extension hubspot.js).
  recordColumn: spec(
    "record page's left column (highlight and About cards)",
    ['[data-test-id="left-sidebar"]', '#record-page-left-sidebar', '[data-scroll-trackable-container="left-sidebar"]'],
    [...RECORDS, UNREADABLE],
  ),
  // toggl/track-extension src/content/hubspot.js and clockify hubspot.js read
  // `[data-selenium-test="highlightTitle"]`; kmilstoneturner/Portal-Peeker's fixture puts it on
  // `data-test-id="highlight-record-label"` (also HubSpot-Ticket-Refined); toggl's older fallback
  // `div[data-selenium-test$="-highlight-details"] h3`.
  recordName: spec(
    "record's name in the highlight card",
    ['[data-selenium-test="highlightTitle"]', '[data-test-id="highlight-record-label"]', '[data-selenium-test$="-highlight-details"] h3'],
    [...RECORDS, UNREADABLE],
  ),
  // Portal-Peeker packages/overlay: the About card's rows are `ul[data-selenium-test="profile-properties-list"]`
  // (also read by a public HubSpot reply extension); the highlight strip's values are
  // `[data-test-id="record-highlight-content"] [data-test-id^="highlight-property-display-"]`.
  propertyFields: spec(
    "record's property fields (About card or highlight strip)",
    ['[data-selenium-test="profile-properties-list"]', '[data-test-id="record-highlight-content"] [data-test-id^="highlight-property-display-"]'],
    RECORDS,
  ),
  // Association cards carry the associated record's properties, with the same grammar (Portal-Peeker:
  // `data-card-type="ASSOCIATION_V3"` holding `property-input-name` of the associated company). Card
  // wrappers are `data-test-id="card-wrapper-<CARD>/<type>"` (HubSpot-Ticket-Refined fixture), table
  // cards `data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"` (clockify hubspot.js).
  associationCard: spec(
    'card about associated records (skipped)',
    ['[data-card-type^="ASSOCIATION"]', '[data-test-id^="card-wrapper-ASSOCIATION"]', '[data-selenium-test^="card-id-ASSOCIATION"]'],
    [CONTACT, COMPANY, CONTACT_2],
  ),
  // Property values. `property-input-<name>` on the About card's value (Portal-Peeker; Selenium page
  // objects read `div[data-selenium-test='property-input-email'] span.private-truncated-string__inner`);
  // `highlight-property-display-<name>` in the highlight strip (Portal-Peeker; public scrapers read
  // `highlight-property-display-dealname`/`-amount`/`-subject` the same way).
  emailValue: spec(
    'Email property',
    ['[data-selenium-test="property-input-email"]', '[data-test-id="highlight-property-display-email"]'],
    [CONTACT, CONTACT_2],
  ),
  titleValue: spec(
    'Job Title property',
    ['[data-selenium-test="property-input-jobtitle"]', '[data-test-id="highlight-property-display-jobtitle"]'],
    [CONTACT, CONTACT_2],
  ),
  companyValue: spec(
    "Company Name property (the contact's own, not an associated company)",
    ['[data-selenium-test="property-input-company"]', '[data-test-id="highlight-property-display-company"]'],
    [CONTACT, CONTACT_2],
  ),
  phoneValue: spec(
    'Phone Number property (Mobile Phone Number when there is none)',
    [
      '[data-selenium-test="property-input-phone"]',
      '[data-test-id="highlight-property-display-phone"]',
      '[data-selenium-test="property-input-mobilephone"]',
    ],
    [CONTACT, COMPANY, CONTACT_2],
  ),
  domainValue: spec(
    'Company Domain Name property',
    ['[data-selenium-test="property-input-domain"]', '[data-test-id="highlight-property-display-domain"]'],
    [COMPANY],
  ),
  // No second source shows the website: the highlight strip shows the domain, not the URL.
  websiteValue: spec('Website URL property', ['[data-selenium-test="property-input-website"]'], [COMPANY]),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
const OBJECTS = { '0-1': 'contact', '0-2': 'company' } as const;
const LEGACY_TYPES: Record<string, string> = { contact: '0-1', company: '0-2', deal: '0-3', ticket: '0-5' };
type ContactObject = (typeof OBJECTS)[keyof typeof OBJECTS];

const RECORD_PATH = /^\/contacts\/(\d+)\/record\/(\d+-\d+)\/(\d+)\/?$/;
const LEGACY_PATH = /^\/contacts\/(\d+)\/(contact|company|deal|ticket)\/(\d+)\/?$/;
const LIST_PATHS = [
  /^\/contacts\/\d+\/objects\/\d+-\d+(?:\/views\/[^/]+)?(?:\/(?:list|board))?\/?$/,
  /^\/contacts\/\d+\/(?:contacts|companies)(?:\/(?:list|view)(?:\/[^/]+)*)?\/?$/,
];

/** Where a URL points, from the path alone. */
export function parseHubSpotUrl(location: Pick<Location, 'pathname'>): {
  portalId?: string;
  objectTypeId?: string;
  recordId?: string;
  object?: ContactObject;
  view: string;
} {
  const { pathname } = location;
  if (LIST_PATHS.some((path) => path.test(pathname))) return { view: 'list' };
  const record = RECORD_PATH.exec(pathname);
  const legacy = record ? null : LEGACY_PATH.exec(pathname);
  const portalId = record?.[1] ?? legacy?.[1];
  const objectTypeId = record?.[2] ?? LEGACY_TYPES[legacy?.[2] ?? ''];
  const recordId = record?.[3] ?? legacy?.[3];
  if (!portalId || !objectTypeId || !recordId) return { view: 'other' };
  const object = OBJECTS[objectTypeId as keyof typeof OBJECTS];
  return object ? { portalId, objectTypeId, recordId, object, view: object } : { portalId, objectTypeId, recordId, view: 'record' };
}

export const hubspotAdapter: HostAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  selectors,
  detect(document, location): Detection {
    const { portalId, objectTypeId, recordId, object, view } = parseHubSpotUrl(location);
    if (!object || !recordId) return { kind: 'none', view };

    const column = findColumn(document);
    if (!column) return { kind: 'unreadable', view, failed: 'recordColumn' };
    const own = (element: Element) => !inAssociationCard(element, column);
    const title = textOf(first(column, 'recordName', (element) => own(element) && Boolean(textOf(element))));
    if (!title) return { kind: 'unreadable', view, failed: 'recordName' };
    if (!first(column, 'propertyFields', own)) return { kind: 'unreadable', view, failed: 'propertyFields' };

    const read = (key: Key, parse: (value: string, element: Element) => string | undefined) => {
      let found: string | undefined;
      first(column, key, (element) => {
        const value = own(element) ? valueOf(element) : undefined;
        found = value ? parse(value, element) : undefined;
        return Boolean(found);
      });
      return found;
    };
    const contact: PageContact = {
      source: 'hubspot',
      recordUrl: `${location.origin}/contacts/${portalId}/record/${objectTypeId}/${recordId}`,
      custom: { object, recordId },
    };
    if (object === 'company') {
      contact.company = title;
      contact.phone = read('phoneValue', asPhone);
      const domain = read('domainValue', asDomain);
      const website = read('websiteValue', asWebsite);
      contact.custom = { ...contact.custom, ...(domain && { domain }), ...(website && { website }) };
    } else {
      // With no first or last name HubSpot titles the record with its email (hs_full_name_or_email).
      const titleIsEmail = asEmail(title);
      contact.name = titleIsEmail ? undefined : title;
      contact.email = read('emailValue', asEmail) ?? titleIsEmail;
      contact.title = read('titleValue', asText);
      contact.company = read('companyValue', asText);
      contact.phone = read('phoneValue', asPhone);
    }
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchRecord(document, window, onChange);
  },
};

/** The record's left column: the first one matched that the page does not hide. */
function findColumn(document: Document): Element | null {
  return queryFirstVisible(document, selectors.recordColumn);
}

function inAssociationCard(element: Element, column: Element): boolean {
  for (let node: Element | null = element; node && node !== column; node = node.parentElement) {
    if (selectors.associationCard.selectors.some((selector) => node.matches(selector))) return true;
  }
  return false;
}

/** The first element a spec's selectors find under `root` that `accept` takes, trying the selectors in order. */
function first(root: ParentNode, key: Key, accept: (element: Element) => boolean): Element | undefined {
  for (const selector of selectors[key].selectors) {
    for (const element of root.querySelectorAll(selector)) if (accept(element)) return element;
  }
  return undefined;
}

/** What a property shows: an input's value while it is edited, else its text. "--" is HubSpot's empty value. */
function valueOf(element: Element): string | undefined {
  const raw = /^(?:INPUT|TEXTAREA)$/.test(element.tagName)
    ? (element as HTMLInputElement).value.replace(/\s+/g, ' ').trim()
    : textOf(element);
  return raw && !/^[-–—]+$/.test(raw) ? raw : undefined;
}

function asText(value: string): string | undefined {
  return value;
}

function asEmail(value: string): string | undefined {
  const address = value.replace(/^mailto:/i, '').trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? address : undefined;
}

function asPhone(value: string): string | undefined {
  return (value.match(/\d/g)?.length ?? 0) >= 5 && !/[a-wyz]{2,}/i.test(value.replace(/\bext\.?/gi, '')) ? value : undefined;
}

function asDomain(value: string): string | undefined {
  const domain = value.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(domain) ? domain : undefined;
}

/** A website is kept only as an http(s) URL: the link's own href, else the text when it is one. */
function asWebsite(value: string, element: Element): string | undefined {
  const href = element.matches('a[href]') ? element.getAttribute('href') : element.querySelector('a[href]')?.getAttribute('href');
  const url = href ?? value;
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

/**
 * HubSpot navigates with pushState, which fires no event: the record page's columns are re-rendered
 * inside the main region. One MutationObserver watches that region, and fires only when the left
 * column (everything `detect` reads) is replaced or changes inside; the timeline, the right sidebar
 * and the global toolbar can change as often as they like. Plus popstate and hashchange. Until the
 * main region exists (the app is loading) the body is watched only to find it.
 */
function watchRecord(document: Document, window: Window, onChange: () => void, debounceMs = 100): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let main: Element | null = null;
  let column: Element | null = null;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const findMain = () => queryFirst(document, selectors.pageMain);
  const observer = new MutationObserver((records) => {
    if (main && !main.isConnected) {
      observe(findMain());
      fire();
      return;
    }
    if (!main) {
      const found = findMain();
      if (found) {
        observe(found);
        fire();
      }
      return;
    }
    const now = findColumn(document);
    if (now !== column) {
      column = now;
      fire();
    } else if (column && records.some((record) => column?.contains(record.target))) fire();
  });
  const observe = (found: Element | null) => {
    observer.disconnect();
    main = found;
    column = found ? findColumn(document) : null;
    if (main) {
      observer.observe(main, { childList: true, subtree: true, characterData: true });
      // Its parent's own children only, to notice the region itself being replaced.
      if (main.parentNode) observer.observe(main.parentNode, { childList: true });
    } else observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  };
  const onUrl = () => {
    if (!main?.isConnected) observe(findMain());
    fire();
  };
  observe(findMain());
  window.addEventListener('popstate', onUrl);
  window.addEventListener('hashchange', onUrl);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    window.removeEventListener('popstate', onUrl);
    window.removeEventListener('hashchange', onUrl);
  };
}
