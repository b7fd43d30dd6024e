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
 * - The record's facts (industry, employees, revenue, address, country, original source, lifecycle
 *   stage or lead status) are read the same way, by property name, then by the property's English
 *   label (`<label id>` and the value `aria-labelledby` it). Only when the contact's own record lacks
 *   industry, employees, revenue or country is it read from the associated company card in the right
 *   sidebar (its first, primary company), and named in `fromAccount`. Never from other associated
 *   records, the timeline, previews or the signed-in user.
 */
import { hostOf } from './list';
import { matchesSpec, queryAll, queryFirst, queryFirstVisible, readFirst, specMaker, textOf } from './toolkit/dom';
import { debounce, onNavigation } from './toolkit/observe';
import { asDomain, asEmail, asPhone, asUrl, folded, withoutEmpty } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const CONTACT = 'contact.html';
const CONTACT_2 = 'contact-2.html';
const COMPANY = 'company.html';
const LIST = 'list.html';
const UNREADABLE = 'contact-unreadable.html';
const RECORDS = [CONTACT, CONTACT_2, COMPANY];
const spec = specMaker('hubspot', '2026-11-27');
const factSpec = specMaker('hubspot', '2026-12-04');
/** A property's value in the About card, by internal name: `data-selenium-test="property-input-<name>"`. */
const property = (...names: string[]) => names.map((name) => `[data-selenium-test="property-input-${name}"]`);

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
  // The record's facts, by the internal names of HubSpot's default contact and company properties
  // (HubSpot's property docs, developers.hubspot.com "Contact properties" / "Company properties":
  // industry, numemployees / numberofemployees, annualrevenue, address, city, state, zip, country,
  // hs_analytics_source "Original Source", lifecyclestage, hs_lead_status), in the same
  // property-input-<name> grammar: kmilstoneturner/Portal-Peeker packages/overlay/test/__fixtures__/
  // record-sidebar.synthetic.html shows `property-input-annualrevenue` and `property-input-hs_lead_status`
  // (a UITag badge inside); a public Selenium page object for HubSpot contacts clicks
  // `[data-selenium-test='property-input-lifecyclestage']` and `...-hs_lead_status`, and a public
  // Selenium contact scraper reads `property-input-hs_analytics_source` and `property-input-lifecyclestage`.
  industryValue: factSpec('Industry property', property('industry'), [CONTACT, CONTACT_2, COMPANY]),
  employeesValue: factSpec('Number of Employees property', property('numemployees', 'numberofemployees'), [CONTACT_2, COMPANY, CONTACT]),
  revenueValue: factSpec('Annual Revenue property', property('annualrevenue'), [CONTACT_2, COMPANY, CONTACT]),
  countryValue: factSpec('Country/Region property', property('country'), [CONTACT_2, COMPANY, CONTACT]),
  streetValue: factSpec('Street Address property', property('address'), [CONTACT_2, COMPANY]),
  cityValue: factSpec('City property', property('city'), [CONTACT_2, COMPANY]),
  stateValue: factSpec('State/Region property', property('state'), [COMPANY]),
  zipValue: factSpec('Postal Code property', property('zip'), [CONTACT_2, COMPANY]),
  leadSourceValue: factSpec('Original Source property', property('hs_analytics_source'), [CONTACT, CONTACT_2]),
  stageValue: factSpec('Lifecycle Stage property, else Lead Status', property('lifecyclestage', 'hs_lead_status'), [CONTACT, CONTACT_2, COMPANY]),
  // By English label when no property name is found: Portal-Peeker's record-sidebar fixture gives each
  // row a `<label id for>` ("Annual Revenue", "Lead Status") and the value region `aria-labelledby` that id.
  propertyLabel: factSpec("a property's English label", ['label[id]'], RECORDS),
  labelledValue: factSpec('the value region a label names (aria-labelledby)', ['[aria-labelledby]'], RECORDS),
  // The associated company card, read only for what the contact lacks. The right sidebar is
  // `data-test-id="right-sidebar"` inside `records-right-sidebar` (SysAdminDoc/HubSpot-Ticket-Refined
  // tests/fixtures; the public DOM structure guide); the companies card is `ASSOCIATION_V3/0-2`
  // (Portal-Peeker: `data-card-type="ASSOCIATION_V3" data-card-id="ASSOCIATION_V3/0-2"`; HubSpot-Ticket-
  // Refined `card-wrapper-<CARD>`; clockify/browser-extension hubspot.js `card-id-ASSOCIATION_TABLE/0-2`);
  // each company starts with `company-chicklet-title-link` (clockify hubspot.js), the primary one first.
  rightSidebar: factSpec("record page's right sidebar (association cards)", ['[data-test-id="right-sidebar"]', '[data-test-id="records-right-sidebar"]'], [
    CONTACT,
    CONTACT_2,
  ]),
  companyCard: factSpec(
    'associated companies card',
    ['[data-card-id="ASSOCIATION_V3/0-2"]', '[data-test-id="card-wrapper-ASSOCIATION_V3/0-2"]', '[data-selenium-test="card-id-ASSOCIATION_V3/0-2"]'],
    [CONTACT, CONTACT_2],
  ),
  companyLink: factSpec("a company's title link in the companies card", ['[data-selenium-test="company-chicklet-title-link"]'], [CONTACT, CONTACT_2]),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
type Fact = 'industry' | 'employees' | 'revenue' | 'country' | 'leadSource' | 'stage';
type Facts = Partial<Record<Fact | 'address', string>>;

/** The facts a record's properties give: the property (by name), then its English labels. */
const FACTS: readonly (readonly [Fact, Key, readonly string[]])[] = [
  ['industry', 'industryValue', ['Industry']],
  ['employees', 'employeesValue', ['Number of Employees']],
  ['revenue', 'revenueValue', ['Annual Revenue']],
  ['country', 'countryValue', ['Country/Region', 'Country']],
  ['leadSource', 'leadSourceValue', ['Original Source', 'Lead Source']],
  ['stage', 'stageValue', ['Lifecycle Stage', 'Lead Status']],
];
/** The postal address's lines before the country, each a property of its own. */
const ADDRESS: readonly (readonly [Key, readonly string[]])[] = [
  ['streetValue', ['Street Address']],
  ['cityValue', ['City']],
  ['stateValue', ['State/Region']],
  ['zipValue', ['Postal Code']],
];
/** What the associated company card may give when the contact's own record lacks it. */
const ACCOUNT_FACTS: readonly Fact[] = ['industry', 'employees', 'revenue', 'country'];
/** HubSpot's empty value ("--") and the words of an empty property. */
const EMPTY = /^(?:[-–—]+|none|no value|enter a value.*|select an option.*)$/i;
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
  ...hostOf('hubspot'),
  selectors,
  detect(document, location): Detection {
    const { portalId, objectTypeId, recordId, object, view } = parseHubSpotUrl(location);
    if (!object || !recordId) return { kind: 'none', view };

    const column = findColumn(document);
    if (!column) return { kind: 'unreadable', view, failed: 'recordColumn' };
    const own = (element: Element) => !inAssociationCard(element, column);
    const title = readFirst(column, selectors.recordName, (element) => (own(element) ? textOf(element) : undefined));
    if (!title) return { kind: 'unreadable', view, failed: 'recordName' };
    if (!queryFirst(column, selectors.propertyFields, own)) return { kind: 'unreadable', view, failed: 'propertyFields' };

    const read = (key: Key, parse: (value: string, element: Element) => string | undefined) =>
      readFirst(column, selectors[key], (element) => {
        const value = own(element) ? valueOf(element) : undefined;
        return value ? parse(value, element) : undefined;
      });
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
    const facts = readFacts(column, own, true);
    if (object === 'contact') {
      // Only what the contact's own record lacks, from the associated company's card.
      const account = companyOf(document, column);
      const theirs = account ? readFacts(account.card, account.accept, false) : {};
      const fromAccount = ACCOUNT_FACTS.filter((fact) => !facts[fact] && theirs[fact]);
      for (const fact of fromAccount) facts[fact] = theirs[fact];
      if (fromAccount.length) contact.fromAccount = fromAccount;
    }
    Object.assign(contact, facts);
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
    if (matchesSpec(node, selectors.associationCard)) return true;
  }
  return false;
}

/** What a property shows: an input's value while it is edited, else its text. "--" is HubSpot's empty value. */
function valueOf(element: Element): string | undefined {
  return /^(?:INPUT|TEXTAREA)$/.test(element.tagName) ? folded((element as HTMLInputElement).value, EMPTY) : textOf(element, EMPTY);
}

/**
 * The facts under `root` that `accept` takes: each by property name, then (with `byLabel`) by the
 * English label of a property the portal shows under another name. The address is its lines joined,
 * the country last.
 */
function readFacts(root: Element, accept: (element: Element) => boolean, byLabel: boolean): Facts {
  const read = (key: Key, labels: readonly string[]) =>
    readFirst(root, selectors[key], (element) => (accept(element) ? valueOf(element) : undefined)) ??
    (byLabel ? labelled(root, labels, accept) : undefined);
  const facts: Facts = {};
  for (const [fact, key, labels] of FACTS) facts[fact] = read(key, labels);
  const lines = ADDRESS.map(([key, labels]) => read(key, labels));
  if (lines.some(Boolean)) facts.address = [...lines, facts.country].filter(Boolean).join(', ');
  return facts;
}

/** The value of the first property whose `<label>` says one of `labels` (case aside): the region `aria-labelledby` it. */
function labelled(root: Element, labels: readonly string[], accept: (element: Element) => boolean): string | undefined {
  const wanted = labels.map((label) => label.toLowerCase());
  for (const label of root.querySelectorAll(selectors.propertyLabel.selectors.join(','))) {
    if (!accept(label) || !wanted.includes(textOf(label)?.toLowerCase() ?? '')) continue;
    const value = readFirst(root, selectors.labelledValue, (element) =>
      accept(element) && element.getAttribute('aria-labelledby')?.split(/\s+/).includes(label.id) ? valueOf(element) : undefined,
    );
    if (value) return value;
  }
  return undefined;
}

/**
 * The contact's associated company in the companies card (in the right sidebar, or moved into the
 * left column): the card, and which of its elements belong to its first, primary company (after the
 * first company's title link and before the next one's).
 */
function companyOf(document: Document, column: Element): { card: Element; accept: (element: Element) => boolean } | null {
  const sidebar = queryFirst(document, selectors.rightSidebar);
  const card = queryFirst(sidebar ? [column, sidebar] : [column], selectors.companyCard);
  if (!card) return null;
  const [first, next] = queryAll(card, selectors.companyLink);
  const before = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & 4 /* DOCUMENT_POSITION_FOLLOWING */);
  return { card, accept: (element) => (!first || before(first, element)) && (!next || before(element, next)) };
}

function asText(value: string): string | undefined {
  return value;
}

/** A website is kept only as an http(s) URL: the link's own href, else the text when it is one. */
function asWebsite(value: string, element: Element): string | undefined {
  const href = element.matches('a[href]') ? element.getAttribute('href') : element.querySelector('a[href]')?.getAttribute('href');
  return asUrl(href ?? value);
}

/**
 * HubSpot navigates with pushState, which fires no event: the record page's columns are re-rendered
 * inside the main region. One MutationObserver watches that region, and fires only when the left
 * column (everything `detect` reads) is replaced or changes inside; the timeline, the right sidebar
 * and the global toolbar can change as often as they like. Plus popstate and hashchange. Until the
 * main region exists (the app is loading) the body is watched only to find it.
 */
function watchRecord(document: Document, window: Window, onChange: () => void): () => void {
  let main: Element | null = null;
  let column: Element | null = null;
  const fire = debounce(onChange);
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
  observe(findMain());
  const stopNavigation = onNavigation(window, () => {
    if (!main?.isConnected) observe(findMain());
    fire();
  });
  return () => {
    fire.stop();
    observer.disconnect();
    stopNavigation();
  };
}
