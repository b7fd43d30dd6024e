/**
 * Salesforce Lightning Experience: reads the Lead, Contact or Account record in view.
 *
 * What the page looks like (see the sources named in each spec, and the comment at the top
 * of every fixture in tests/fixtures/salesforce/):
 * - Lightning is a single-page app that navigates with pushState and keeps earlier page views
 *   in the DOM: the view in front is `div.windowViewMode-normal.oneContent.active` inside the
 *   centre stage (standard navigation) or the active view of the active `section.oneConsoleTab`
 *   (console apps). The others are hidden by CSS. So every read is scoped to the active view,
 *   never the document: the header (the signed-in user's own name and email), list views,
 *   and earlier records are outside it.
 * - Record fields carry their API name in `data-target-selection-name="sfdc:RecordField.
 *   <Object>.<Field>"` (public page objects and extensions anchor on it), which does not change
 *   with the layout or the user's language; the English `records-record-layout-item[field-label]`
 *   is the fallback. A field stamped with
 *   another object's API name (a Related Record card of the Account on a Contact) is skipped.
 * - The record's facts (industry, employees, revenue, rating, lead source, lead status, department and
 *   the postal address; Salesforce has no country field of its own, the background reads the country
 *   from the address) are read the same way, API name first, English label second, each on the objects
 *   that have it. A Contact has no industry or employees: those, and the address when his own is empty,
 *   come from his Account's Related Record card (fields stamped with the Account's API names), and
 *   `fromAccount` says so. Fields inside a Related Record card are never the person's own.
 * - Shadow DOM: Lightning renders its components with synthetic shadow, so today their insides
 *   are ordinary light DOM. Where an org runs them with native shadow, the roots are open, so
 *   reads look inside open shadow roots too (one pass collects them per read). Closed roots
 *   are not read.
 */
import { hostOf } from './list';
import { closestComposed, composedText, openTrees, queryFirst, queryFirstVisible, readFirst, specMaker } from './toolkit/dom';
import { watchReplacedRoot } from './toolkit/observe';
import { asEmail, asPhone, asUrl, fromMailto, withoutEmpty, withoutSalutation } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const ALL = ['lead.html', 'contact.html', 'contact-2.html', 'account.html', 'lead-console.html'];
const spec = specMaker('salesforce', '2026-11-27');
const checked = specMaker('salesforce', '2026-12-04');
/** A fact's field: by API name (`Field` on any object's stamp, `Object.Field` on that object's), then by English label. */
const factField = (name: string, names: string[], labels: string[], fixtures: string[]) =>
  checked(
    name,
    [
      ...names.map((field) => (field.includes('.') ? `[data-target-selection-name="sfdc:RecordField.${field}"]` : `[data-target-selection-name$=".${field}"]`)),
      ...labels.map((label) => `records-record-layout-item[field-label="${label}"]`),
    ],
    fixtures,
  );

const selectors = {
  // Astisme/again-why-salesforce observes `.tabsetBody` for console navigation; the centre stage is
  // `#brandBand_N > div > div.center.oneCenterStage.lafSinglePaneWindowManager` in public Selenium
  // page objects. Both hold every page view, so they are the smallest subtree that changes on navigation.
  viewManager: spec('container of the page views (watched for navigation)', ['div.oneCenterStage', 'div.tabsetBody'], [
    ...ALL,
    'list.html',
  ]),
  // tprouvot/Salesforce-Inspector-reloaded addon/button.js: "div.windowViewMode-normal.active,
  // section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost"; toggl/track-extension
  // src/scripts/content/salesforce.js scopes to `.active`; a userscript reads 'tabContent active oneConsoleTab'.
  activeView: spec(
    'page view in front (earlier views stay in the DOM, hidden)',
    ['div.windowViewMode-normal.oneContent.active', 'section.oneConsoleTab.active div.windowViewMode-maximized.oneContent.active'],
    [...ALL, 'lead-unreadable.html'],
  ),
  // CumulusCI locators_56/66 (records-lwc-highlights-panel); public page objects read
  // `lightning-formatted-name[slot="primaryField"]` (Lead, Contact) and
  // `records-highlights2 h1 lightning-formatted-text[slot="primaryField"]` (Account); toggl/track-extension
  // reads the record title from `.slds-page-header__title`, the fallback when the highlights component is renamed.
  recordName: spec(
    "record's name in the highlights panel",
    ['records-highlights2 [slot="primaryField"]', '.slds-page-header__title lightning-formatted-name', '.slds-page-header__title lightning-formatted-text'],
    [...ALL, 'lead-unreadable.html'],
  ),
  // Salesforce-Inspector-reloaded: "record_flexipage-record-field > div, records-record-layout-item > div";
  // d1rshan/sdfc-extractor content/utils.js waits for `records-record-layout-item`; Dynamic Forms fields sit in
  // `flexipage-field[data-field-id]` (public page objects). (Not `record_flexipage-record-field`: valid CSS, but
  // happy-dom's selector parser rejects the underscore, so no unit test could prove it.)
  detailFields: spec(
    "record's detail fields",
    ['records-record-layout-item', 'flexipage-field', '[data-target-selection-name^="sfdc:RecordField."]'],
    ALL,
  ),
  // Field containers. API names: `div[data-target-selection-name="sfdc:RecordField.Account.Website"]` in
  // public page objects; labels: `records-record-layout-item[field-label="..."]` (public scrapers and
  // page objects, e.g. "records-record-layout-item[field-label=\"Created By\"]").
  emailField: spec('Email field', ['[data-target-selection-name$=".Email"]', 'records-record-layout-item[field-label="Email"]'], [
    'lead.html',
    'contact.html',
  ]),
  titleField: spec('Title field', ['[data-target-selection-name$=".Title"]', 'records-record-layout-item[field-label="Title"]'], [
    'contact.html',
    'lead.html',
  ]),
  companyField: spec(
    'Company (Lead) or Account Name (Contact) field',
    [
      '[data-target-selection-name="sfdc:RecordField.Lead.Company"]',
      '[data-target-selection-name="sfdc:RecordField.Contact.AccountId"]',
      'records-record-layout-item[field-label="Company"]',
      'records-record-layout-item[field-label="Account Name"]',
    ],
    ['lead.html', 'contact-2.html', 'lead-console.html', 'contact.html'],
  ),
  phoneField: spec('Phone field', ['[data-target-selection-name$=".Phone"]', 'records-record-layout-item[field-label="Phone"]'], [
    'account.html',
    'lead-console.html',
  ]),
  websiteField: spec('Website field (Account)', ['[data-target-selection-name$=".Website"]', 'records-record-layout-item[field-label="Website"]'], [
    'account.html',
    'contact-2.html',
  ]),
  // Values inside a field. `lightning-formatted-email`/`-phone`/`-url`/`-text` and `.test-id__field-value`:
  // d1rshan/sdfc-extractor content/extractors.js and public scrapers; lookups render `force-lookup a`
  // (a public "SF Record Linker" extension: "force-lookup a[data-navigation='enable']").
  emailValue: spec('email address in a field', ['a[href^="mailto:"]', 'lightning-formatted-email'], ['lead.html', 'contact-2.html']),
  phoneValue: spec('phone number in a field', ['lightning-formatted-phone', 'a[href^="tel:"]'], ['lead.html', 'account.html']),
  urlValue: spec('link in a URL field', ['lightning-formatted-url a[href]', 'a[href^="http"]'], ['account.html', 'contact-2.html']),
  lookupValue: spec('name of the record a lookup field links to', ['force-lookup a', 'a[href*="/lightning/r/"]'], [
    'contact.html',
    'contact-2.html',
  ]),
  // Numbers (Employees) render `lightning-formatted-number`: naumalex/SalesForce_Alexander_Naumovets
  // src/test/java/pages/elements/LightningFormattedElement.java reads any `*[contains(name(), 'formatted')]` after a
  // label; d1rshan/sdfc-extractor content/extractors.js reads every field's `.test-id__field-value` text.
  textValue: checked('text in a field', ['lightning-formatted-text', 'lightning-formatted-number', '.test-id__field-value'], [
    'lead.html',
    'contact-2.html',
    'account.html',
  ]),
  // The record's facts, by API name as the fields above (the index's public Playwright and Selenium page objects
  // stamp `sfdc:RecordField.Lead.Industry`, `.Lead.Rating`, `.Lead.LeadSource`, `.Lead.Status`, `.Lead.Address`,
  // `.Account.Industry`, `.Account.Rating`, `.Account.AnnualRevenue` and `.Contact.Department`; it does not name their
  // repositories), then by English label: naumalex/SalesForce_Alexander_Naumovets src/test/java/pages/LeadDetailsPage.java
  // ("Lead Status", "Industry", "No. of Employees", "Lead Source", "Rating", "Address") and AccountDetailsPage.java
  // ("Employees", "Industry", "Annual Revenue", "Billing Address"); d1rshan/sdfc-extractor content/constants.js
  // ("Lead Source", "Lead Status", "Industry", "Annual Revenue", "Mailing Address").
  industryField: factField('Industry field', ['Industry'], ['Industry'], ['lead.html', 'account.html', 'lead-console.html', 'contact-2.html', 'contact.html']),
  employeesField: factField('Employees field (No. of Employees on a Lead)', ['NumberOfEmployees'], ['No. of Employees', 'Employees'], [
    'lead.html',
    'account.html',
    'lead-console.html',
    'contact-2.html',
    'contact.html',
  ]),
  revenueField: factField('Annual Revenue field', ['AnnualRevenue'], ['Annual Revenue'], ['lead.html', 'account.html', 'lead-console.html']),
  ratingField: factField('Rating field', ['Rating'], ['Rating'], ['lead.html', 'account.html', 'lead-console.html']),
  leadSourceField: factField('Lead Source field', ['LeadSource'], ['Lead Source'], ['lead.html', 'lead-console.html']),
  statusField: factField('Lead Status field', ['Lead.Status'], ['Lead Status'], ['lead.html', 'lead-console.html']),
  departmentField: factField('Department field (Contact)', ['Department'], ['Department'], ['contact-2.html', 'contact.html']),
  addressField: factField(
    'Address (Lead), Mailing Address (Contact) or Billing Address (Account) field',
    ['Lead.Address', 'Contact.MailingAddress', 'Account.BillingAddress'],
    ['Address', 'Mailing Address', 'Billing Address'],
    ['lead.html', 'contact-2.html', 'account.html', 'lead-console.html', 'contact.html'],
  ),
  // naumalex/SalesForce_Alexander_Naumovets src/test/java/pages/elements/LightningFormattedAddressElement.java reads
  // `//lightning-formatted-address/a` after the label; the link holds one `div` per line.
  addressValue: checked('lines of an address field', ['lightning-formatted-address', '.test-id__field-value'], ['lead.html', 'contact-2.html', 'account.html']),
  // A Related Record card (App Builder's `force:relatedRecord`, in a `flexipage-component2` whose data-component-id is
  // the component's name, as SFDO-Tooling/CumulusCI cumulusci/robotframework/locators_56.py reads
  // `@data-component-id='force_relatedListContainer'`): another record's fields, never the person's own.
  relatedRecord: checked('Related Record card (another record)', ['[data-component-id^="force_relatedRecord"]', 'article.forceRelatedRecordContainer'], [
    'contact-2.html',
    'contact.html',
  ]),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
type Fact = 'industry' | 'employees' | 'revenue' | 'rating' | 'leadSource' | 'stage' | 'department' | 'address';
/** The facts and the objects whose own records have them (L Lead, C Contact, A Account). */
const FACTS: readonly (readonly [Fact, Key, string])[] = [
  ['industry', 'industryField', 'LA'],
  ['employees', 'employeesField', 'LA'],
  ['revenue', 'revenueField', 'LA'],
  ['rating', 'ratingField', 'LA'],
  ['leadSource', 'leadSourceField', 'LC'],
  ['stage', 'statusField', 'L'],
  ['department', 'departmentField', 'C'],
  ['address', 'addressField', 'LCA'],
];
/** What a Contact takes from his Account's card when his own record lacks it. */
const FROM_ACCOUNT: readonly Fact[] = ['industry', 'employees', 'address'];
/** Words of an empty field: dashes, "None", a picklist's "--None--". */
const EMPTY = /^(?:[-–—]+|none|--none--)$/i;
const OBJECTS = { '00Q': 'Lead', '003': 'Contact', '001': 'Account' } as const;
type ContactObject = (typeof OBJECTS)[keyof typeof OBJECTS];

/** Lightning record URLs: /lightning/r/Lead/00Q.../view, and /lightning/r/00Q.../view after a save redirect. */
const RECORD_PATH = /^\/lightning\/r\/(?:(\w+)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view\/?$/;
const LIST_PATH = /^\/lightning\/o\/\w+\/(?:list|home)\/?$/;

/** Where a URL points, from the path alone. */
export function parseSalesforceUrl(location: Pick<Location, 'pathname'>): { object?: string; recordId?: string; view: string } {
  if (LIST_PATH.test(location.pathname)) return { view: 'list' };
  const match = RECORD_PATH.exec(location.pathname);
  if (!match?.[2]) return { view: 'other' };
  const recordId = match[2];
  const object = match[1] ?? OBJECTS[recordId.slice(0, 3) as keyof typeof OBJECTS];
  return { object, recordId, view: isContactObject(object) ? object.toLowerCase() : 'record' };
}

export const salesforceAdapter: HostAdapter = {
  ...hostOf('salesforce'),
  selectors,
  detect(document, location): Detection {
    const { object, recordId, view } = parseSalesforceUrl(location);
    if (!recordId || !isContactObject(object)) return { kind: 'none', view };

    const active = queryFirstVisible(document, selectors.activeView);
    if (!active) return { kind: 'unreadable', view, failed: 'activeView' };
    const roots = openTrees(active);
    if (!queryFirst(roots, selectors.detailFields)) return { kind: 'unreadable', view, failed: 'detailFields' };
    const name = readFirst(roots, selectors.recordName, text);
    if (!name) return { kind: 'unreadable', view, failed: 'recordName' };

    const read = (field: Key, value: (container: Element) => string | undefined, account?: boolean) =>
      fieldValue(roots, field, object, value, account);
    const contact: PageContact = {
      source: 'salesforce',
      recordUrl: `${location.origin}/lightning/r/${object}/${recordId}/view`,
      custom: { object, recordId },
    };
    if (object === 'Account') {
      contact.company = name;
      contact.phone = read('phoneField', phoneIn);
      const website = read('websiteField', urlIn);
      if (website) contact.custom = { ...contact.custom, website };
    } else {
      contact.name = withoutSalutation(name);
      contact.email = read('emailField', emailIn);
      contact.title = read('titleField', textIn);
      contact.company = read('companyField', (container) => lookupIn(container) ?? textIn(container));
      contact.phone = read('phoneField', phoneIn);
    }
    const fact = (key: Key, account?: boolean) => read(key, key === 'addressField' ? addressIn : factIn, account);
    for (const [name, key, objects] of FACTS) if (objects.includes(object[0]!)) contact[name] = fact(key);
    if (object === 'Contact') {
      const fromAccount = FACTS.filter(([name, key]) => FROM_ACCOUNT.includes(name) && !contact[name] && (contact[name] = fact(key, true)));
      if (fromAccount.length) contact.fromAccount = fromAccount.map(([name]) => name);
    }
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchViews(document, window, onChange);
  },
};

function isContactObject(object: string | undefined): object is ContactObject {
  return object === 'Lead' || object === 'Contact' || object === 'Account';
}

/** What a person sees in an element, through open shadow roots, without assistive text ("Open Brightwave Health Preview"). */
function text(element: Element | null | undefined): string | undefined {
  return composedText(element, '.slds-assistive-text');
}

/**
 * The value of this record's field: containers stamped with another object's API name, and those in a
 * Related Record card, are skipped. With `account`, only fields stamped with the Account's API name
 * (his Account's card on a Contact) are read.
 */
function fieldValue(trees: ParentNode[], key: Key, object: string, value: (container: Element) => string | undefined, account = false) {
  return readFirst(trees, selectors[key], (container) => {
    const stamped = closestComposed(container, '[data-target-selection-name^="sfdc:RecordField."]');
    const owner = stamped?.getAttribute('data-target-selection-name')?.split('.')[1];
    const inCard = selectors.relatedRecord.selectors.some((selector) => closestComposed(container, selector));
    if (account ? owner !== 'Account' : (owner && owner !== object) || inCard) return undefined;
    return value(container);
  });
}

/** The first non-empty text of an element the spec finds in the field (and its open shadow roots). */
function textIn(container: Element, key: Key = 'textValue'): string | undefined {
  return readFirst(openTrees(container), selectors[key], text);
}

/** A fact as shown; the words of an empty field are none. */
function factIn(container: Element): string | undefined {
  const shown = textIn(container);
  return shown && !EMPTY.test(shown) ? shown : undefined;
}

/** An address's lines (one `div` each), joined with ", ". */
function addressIn(container: Element): string | undefined {
  const shown = queryFirst(openTrees(container), selectors.addressValue);
  const lines = shown ? openTrees(shown).flatMap((tree) => [...tree.querySelectorAll('div')].map(text)) : [];
  const address = lines.filter(Boolean).join(', ') || text(shown);
  return address && !EMPTY.test(address) ? address : undefined;
}

function emailIn(container: Element): string | undefined {
  const link = queryFirst(openTrees(container), selectors.emailValue);
  // The mailto: link's address, else the address it shows: a malformed href (one bad escape) no
  // longer throws and makes the whole page unreadable, and an address needs a dot in its domain
  // (this adapter took "a@b"; the toolkit's one rule applies).
  return fromMailto(link?.getAttribute('href')) ?? asEmail(text(link));
}

function phoneIn(container: Element): string | undefined {
  // The toolkit's phone rule (5 to 20 digits): this adapter took any text.
  return asPhone(textIn(container, 'phoneValue'));
}

function urlIn(container: Element): string | undefined {
  return asUrl(queryFirst(openTrees(container), selectors.urlValue)?.getAttribute('href'));
}

function lookupIn(container: Element): string | undefined {
  return textIn(container, 'lookupValue');
}

/**
 * Lightning navigates with pushState, which fires no event: a new view is added to the view
 * manager, or a cached one gets the `active` class back. So one MutationObserver watches the view
 * manager (children anywhere below it, and `class` changes on the views themselves), plus
 * popstate and hashchange. Until the manager exists (the app is still loading) the body is
 * watched only to find it; nothing fires for mutations elsewhere.
 */
function watchViews(document: Document, window: Window, onChange: () => void): () => void {
  const isView = (node: Node) => node.nodeType === 1 && (node as Element).matches('.oneContent, .oneConsoleTab');
  return watchReplacedRoot(document, window, () => queryFirst(document, selectors.viewManager), onChange, {
    init: { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] },
    counts: (records) => records.some((record) => record.type === 'childList' || isView(record.target)),
  });
}
