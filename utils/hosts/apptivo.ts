/**
 * Apptivo (app.apptivo.com): reads the Customer, Contact or Lead whose record view is open.
 *
 * What the page looks like (see the sources named in each spec, and the comment at the top of
 * every fixture in tests/fixtures/apptivo/):
 * - One AngularJS page per app (/app/customers.jsp, /app/contacts.jsp, /app/leads.jsp) routed by
 *   the hash: a record is #/view/<id>/<tab> (overview, newsfeed, notes/mynotes, ...), lists are
 *   #/dashboard/... (some apps write #!/ instead of #/). So navigation fires hashchange, and the
 *   route's view is re-rendered: AngularJS replaces the ng-view element on every route, which is
 *   why `watch` observes its parent.
 * - A record's fields are "attributes": `#apptivo-attribute-container_<attributeId>` with the value
 *   in `.viewObject`. A few attribute ids are public (cust_name_attr, cust_phone_attr, email_attr);
 *   the name, job title and company of contacts and leads are found by their (English) label.
 *   Reference attributes (`.apptivo-attribute-container-reference`, ids `referenceField_...`) show
 *   another record (a customer's primary contact, a lead's referrer) with that record's own email
 *   and phone: they are read only for the company a contact belongs to. Reads are scoped to the
 *   route's view, so the signed-in user in the header, the left panel and modals are never read;
 *   newsfeed, notes and related lists are no attributes.
 * - Apptivo's "Title" is the salutation (Mr., Ms.); the job title is "Job Title" (API: title vs jobTitle).
 * - The record's facts (industry, employees, annual revenue, lead source, status, rank, the address and its
 *   country) are read from the attribute whose id names the field, else the one with the English label. A
 *   contact's or lead's customer is another record: its industry, employees and country are read only from
 *   reference attributes that show that very customer ("Customer Industry"), when the record lacks them, and
 *   named in `fromAccount`.
 *
 * Uncertainties (no capture of a live page is public; the fixtures are rebuilt): that the route's view
 * is an AngularJS `[ng-view]` (the fallback is the element holding the attribute panels) and that its
 * parent is smaller than the body; the leads app's path (/app/leads.jsp, by analogy with customers.jsp
 * and contacts.jsp); the header's name bindings (objectIdx.fullName / customerName, by analogy with the
 * public objectIdx.caseNumber); the English labels read for name, job title and company (another UI
 * language leaves those empty, and the record is then named from its header); that attribute ids name their
 * field (industry, employee, revenue, source, rank, status, as the public cust_name_attr and cust_phone_attr do:
 * the English label is the fallback); that the address shows its lines with the country bound to the API's
 * countryName; that a reference attribute shows the field it refers to after the record's name.
 */
import { hostOf } from './list';
import { matchesSpec, queryAll, queryFirst, readFirst, specMaker, textOf } from './toolkit/dom';
import { watchReplacedRoot } from './toolkit/observe';
import { asEmail, asPhone, folded, fromMailto, withoutEmpty, withoutSalutation } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const RECORDS = ['customer.html', 'customer-2.html', 'contact.html', 'lead.html'];
const spec = specMaker('apptivo', '2026-11-27');
const fact = specMaker('apptivo', '2026-12-04');
/** The value of the (own) attribute whose id names a field: `...industry... .viewObject`. */
const named = (name: string) => `[id^="apptivo-attribute-container_"][id*="${name}"] .viewObject`;
/** Apptivo's empty values: dashes, or "None" in a select. */
const EMPTY = /^(?:[-–—]+|none)$/i;

const selectors = {
  // Apptivo is AngularJS (ng-bind, ng-repeat, ng-binding in public userscripts and Selenium tests,
  // #/ and #!/ hash routes); AngularJS renders a route into [ng-view]. Fallback: the element holding
  // the record's attribute panels (`.apppanel:nth-child(3) .form-horizontal` in a public Selenium test).
  routeView: spec("the route's view (record, list or dashboard)", ['[ng-view]', ':has(> .apppanel)'], [
    ...RECORDS,
    'list.html',
    'lead-unreadable.html',
  ]),
  // `#apptivo-attribute-container_case_cust_attr`, `_cust_name_attr .viewObject`, `_contact_attr .viewObject`,
  // `_po_wo_number_attr > .viewObject` (SoundsGreaat/PohribTamperMonkeyScript userscripts; public Selenium tests).
  attributes: spec("record's attributes (fields)", ['[id^="apptivo-attribute-container_"]', '.apptivo-attribute-container'], RECORDS),
  attributeLabel: spec("an attribute's label", ['label.control-label', 'label'], RECORDS),
  attributeValue: spec("an attribute's value", ['.viewObject', '[ng-bind-html]'], RECORDS),
  // "Ref Phone Field" `apptivo-attribute-container_referenceField_59_1015` and "Ref Email Field"
  // `..._referenceField_1557691443950_...` (ApptivoCopyButtons.js); `.apptivo-attribute-container-reference
  // .chat-meta div[ng-bind-html]` (ApptivoTabRename.js).
  referenceAttribute: spec(
    'reference attribute (shows another record)',
    ['.apptivo-attribute-container-reference', '[id^="apptivo-attribute-container_referenceField_"]'],
    ['customer.html', 'contact.html', 'lead.html'],
  ),
  // "Customer Name": `#apptivo-attribute-container_cust_name_attr .viewObject` (ApptivoTabRename.js);
  // the label "Customer Name" is the fallback, in code.
  customerNameAttribute: spec("customer's name attribute", ['#apptivo-attribute-container_cust_name_attr'], ['customer.html', 'customer-2.html']),
  // "Main Email Attribute" `apptivo-attribute-container_email_attr` and "Main Phone Attribute"
  // `apptivo-attribute-container_cust_phone_attr` with `font[cleavevalue='phoneNumbers']` (ApptivoCopyButtons.js).
  // Fallbacks: any attribute (not a reference) showing a mailto link / a phone number.
  emailAttribute: spec(
    'Email attribute',
    ['#apptivo-attribute-container_email_attr', '[id^="apptivo-attribute-container_"]:has(a[href^="mailto:"])'],
    ['customer.html', 'contact.html', 'lead.html'],
  ),
  phoneAttribute: spec(
    'Phone attribute',
    ['#apptivo-attribute-container_cust_phone_attr', '[id^="apptivo-attribute-container_"]:has(font[cleavevalue="phoneNumbers"])'],
    ['customer.html', 'contact.html', 'lead.html'],
  ),
  emailValue: spec('email address in an attribute', ['a[href^="mailto:"]', '.viewObject'], ['customer.html', 'lead.html']),
  phoneValue: spec('phone number in an attribute', ['font[cleavevalue="phoneNumbers"]', '.viewObject'], ['customer.html', 'contact.html']),
  // `#apptivo-attribute-container_case_cust_attr a` and `.chat-meta a` (customer of a case), `.chat-meta
  // div[ng-bind-html]` (agent of a case): the name of the record a reference shows.
  referenceName: spec('name of the record a reference attribute shows', ['.chat-meta a', '.chat-meta [ng-bind-html]'], ['contact.html', 'lead.html']),
  // `span[ng-bind="uiGenOptions.objectIdx.caseNumber"]` (ApptivoTabRename.js): the record header binds the
  // record's own fields, here its name (API fields fullName, customerName); `$=` also takes AngularJS's
  // one-time binding `::uiGenOptions...` of the same expression.
  recordTitle: spec(
    "record's name in its header",
    ['[ng-bind$="objectIdx.fullName"]', '[ng-bind$="objectIdx.customerName"]'],
    ['customer.html', 'contact.html', 'lead.html'],
  ),

  // The facts. API names: the leads, customers and contacts payloads of Apptivo/phplib (inc/apptivo_toolset.php:
  // industryName, employeeRange, annualRevenue, leadStatusMeaning, leadSourceMeaning, leadRankMeaning; addresses
  // with addressAttributeId "address_section_attr_id", addressLine1, city, stateCode, zipCode, countryName), and their
  // English labels in WordPressBugBounty/plugins-advanced-form-integration (advanced-form-integration/platforms/
  // apptivo/apptivo.php: "Industry", "Annual Revenue", "Lead Status", "Lead Source", "Rank", "Country"). Attribute ids
  // name their field (cust_name_attr, cust_phone_attr, case_cust_attr above): the attribute whose id names the fact,
  // else, in code, the attribute with its English label.
  industryValue: fact('Industry', [named('industry')], ['customer.html', 'lead.html']),
  employeesValue: fact('Employees (size)', [named('employee')], ['customer.html', 'lead.html']),
  revenueValue: fact('Annual Revenue', [named('revenue')], ['customer.html', 'lead.html']),
  leadSourceValue: fact('Lead Source (Source on contacts)', [named('source')], ['contact.html', 'lead.html']),
  rankValue: fact('Rank (the lead rating)', [named('rank')], ['lead.html']),
  statusValue: fact('Status (lead status, customer status)', [named('status')], ['customer.html', 'lead.html']),
  addressValue: fact('Address', ['#apptivo-attribute-container_address_section_attr_id .viewObject', named('address')], RECORDS),
  countryValue: fact("the address's country (countryName)", ['[ng-bind$="countryName"]'], ['customer.html', 'lead.html']),
  // "Ref Phone Field" / "Ref Email Field" (ApptivoCopyButtons.js) show a field of the record they refer to, after its
  // name (`.chat-meta div[ng-bind-html]`, ApptivoTabRename.js).
  referenceValue: fact('the field a reference attribute shows', ['.chat-meta > :last-child:not(:first-child)'], ['contact.html']),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
const APPS = { customers: 'customer', contacts: 'contact', leads: 'lead' } as const;
type App = keyof typeof APPS;

/** Labels of the attributes read by label (English UI), compared without case, colon or asterisk. */
const LABELS = {
  customerName: ['customer name'],
  firstName: ['first name'],
  lastName: ['last name'],
  jobTitle: ['job title'],
  company: ['company', 'company name', 'customer', 'customer name', 'account', 'account name'],
  industry: ['industry'],
  employees: ['employees', 'employee range', 'number of employees', 'no. of employees', 'size', 'company size'],
  country: ['country'],
  revenue: ['annual revenue', 'revenue'],
  rating: ['rank', 'lead rank', 'rating'],
  leadSource: ['lead source', 'source'],
  stage: ['status', 'lead status'],
  address: ['address', 'billing address', 'business address', 'shipping address'],
} as const;
/** Each fact and its spec; the first three are the customer's too, from references to it when the record lacks them. */
const FACTS = [
  ['industry', 'industryValue'],
  ['employees', 'employeesValue'],
  ['country', 'countryValue'],
  ['revenue', 'revenueValue'],
  ['rating', 'rankValue'],
  ['leadSource', 'leadSourceValue'],
  ['stage', 'statusValue'],
] as const;

const APP_PATH = /^\/app\/(\w+)\.jsp$/;
const RECORD_HASH = /^#!?\/view\/(\d+)(?:[/?].*)?$/;
const LIST_HASH = /^#!?\/(?:dashboard|table-view)(?:[/?].*)?$/;

/** Where a URL points, from its path and hash. */
export function parseApptivoUrl(location: Pick<Location, 'pathname' | 'hash'>): { app?: string; recordId?: string; view: string } {
  const app = APP_PATH.exec(location.pathname)?.[1];
  if (!app) return { view: 'other' };
  const recordId = RECORD_HASH.exec(location.hash)?.[1];
  if (recordId) return { app, recordId, view: isContactApp(app) ? APPS[app] : 'record' };
  if (LIST_HASH.test(location.hash)) return { app, view: 'list' };
  return { app, view: 'other' };
}

export const apptivoAdapter: HostAdapter = {
  ...hostOf('apptivo'),
  selectors,
  detect(document, location): Detection {
    const { app, recordId, view } = parseApptivoUrl(location);
    if (!recordId || !isContactApp(app)) return { kind: 'none', view };

    const routeView = findRouteView(document);
    if (!routeView) return { kind: 'unreadable', view, failed: 'routeView' };
    const attributes = queryAll(routeView, selectors.attributes).filter((element) => !element.closest('.modal'));
    if (!attributes.length) return { kind: 'unreadable', view, failed: 'attributes' };
    const own = attributes.filter((element) => !isReference(element));

    const title = () => textOf(queryAll(routeView, selectors.recordTitle)[0], EMPTY);
    const contact: PageContact = {
      source: 'apptivo',
      email: attributeValue(own, 'emailAttribute', emailIn),
      phone: attributeValue(own, 'phoneAttribute', phoneIn),
      recordUrl: `${location.origin}/app/${app}.jsp#/view/${recordId}`,
      custom: { object: app, recordId },
    };
    if (app === 'customers') {
      // A customer is a company, as Salesforce's Account: its name is the company.
      contact.company = attributeValue(own, 'customerNameAttribute', valueIn) ?? byLabel(own, LABELS.customerName, valueIn) ?? title();
      if (!contact.company) return { kind: 'unreadable', view, failed: 'recordTitle' };
    } else {
      const name = [byLabel(own, LABELS.firstName, valueIn), byLabel(own, LABELS.lastName, valueIn)].filter(Boolean).join(' ');
      contact.name = withoutSalutation(name || title());
      if (!contact.name) return { kind: 'unreadable', view, failed: 'recordTitle' };
      contact.title = byLabel(own, LABELS.jobTitle, valueIn);
      contact.company = byLabel(attributes, LABELS.company, (element) => (isReference(element) ? referenceIn(element) : valueIn(element)));
    }
    // The record's own facts win; a customer's reference attributes only fill in industry, employees and country.
    const fromAccount: string[] = [];
    FACTS.forEach(([name, key], i) => {
      let value = readFirst(own, selectors[key], (element) => textOf(element, EMPTY)) ?? byLabel(own, LABELS[name], valueIn);
      if (!value && i < 3 && app !== 'customers' && (value = ofCustomer(attributes, contact.company, LABELS[name]))) fromAccount.push(name);
      contact[name] = value;
    });
    contact.address = readFirst(own, selectors.addressValue, addressIn) ?? byLabel(own, LABELS.address, (element) => addressIn(queryFirst(element, selectors.attributeValue)));
    if (fromAccount.length) contact.fromAccount = fromAccount;
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchReplacedRoot(document, window, () => findRouteView(document)?.parentElement ?? null, onChange);
  },
};

function isContactApp(app: string | undefined): app is App {
  return app === 'customers' || app === 'contacts' || app === 'leads';
}

/**
 * The route's view in front. While AngularJS animates a route change the old view stays in the DOM
 * with `ng-leave` until it is removed: the entering one is the one to read.
 */
function findRouteView(document: Document): Element | null {
  const views = queryAll(document, selectors.routeView).filter((view) => !view.classList.contains('ng-leave'));
  return views[views.length - 1] ?? null;
}

function isReference(element: Element): boolean {
  return matchesSpec(element, selectors.referenceAttribute);
}

/** The first non-empty value among the attributes one of a spec's selectors matches, in selector order. */
function attributeValue(attributes: Element[], key: Key, value: (element: Element) => string | undefined): string | undefined {
  for (const selector of selectors[key].selectors) {
    for (const element of attributes) {
      if (!element.matches(selector)) continue;
      const found = value(element);
      if (found) return found;
    }
  }
  return undefined;
}

/** The value of the first attribute whose label is one of `labels`. */
function byLabel(attributes: Element[], labels: readonly string[], value: (element: Element) => string | undefined): string | undefined {
  for (const element of attributes) {
    const label = labelOf(element);
    if (!label || !labels.includes(label)) continue;
    const found = value(element);
    if (found) return found;
  }
  return undefined;
}

function labelOf(attribute: Element): string | undefined {
  return textIn(attribute, 'attributeLabel')?.replace(/[:*]/g, '').trim().toLowerCase();
}

/**
 * What a reference attribute shows of the record's own customer (`company`), by its label with the customer's
 * word before it ("Customer Industry"): references to anyone else (the assignee, a referrer) are not read.
 */
function ofCustomer(attributes: Element[], company: string | undefined, labels: readonly string[]): string | undefined {
  const of = (element: Element) => (textIn(element, 'referenceName') === company ? textIn(element, 'referenceValue') : undefined);
  const references = attributes.filter((element) => company && isReference(element));
  return byLabel(references, labels.flatMap((label) => [`customer ${label}`, `account ${label}`]), of);
}

/** An address as shown, its lines (`<br>`, or a block each) joined with ", ". */
function addressIn(value: Element | null): string | undefined {
  let text = '';
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      const block = child.nodeName === 'DIV';
      if (block || child.nodeName === 'BR') text += '\n';
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else walk(child);
      if (block) text += '\n';
    }
  };
  if (value) walk(value);
  return text.split('\n').flatMap((line) => folded(line, EMPTY) ?? []).join(', ') || undefined;
}

/** The text of the first element the spec finds under `root`, whitespace folded; Apptivo's empty values are no value. */
function textIn(root: ParentNode, key: Key): string | undefined {
  return textOf(queryFirst(root, selectors[key]), EMPTY);
}

function valueIn(attribute: Element): string | undefined {
  return textIn(attribute, 'attributeValue');
}

function emailIn(attribute: Element): string | undefined {
  const link = queryFirst(attribute, selectors.emailValue);
  // The mailto: link's address, else the address shown: a malformed href (one bad escape) no
  // longer throws and makes the whole page unreadable.
  return fromMailto(link?.getAttribute('href')) ?? asEmail(textOf(link, EMPTY));
}

/**
 * The first number: an attribute lists every phone number with its type ("Business", "Mobile").
 * The toolkit's phone rule (5 to 20 digits): this adapter took any text with 3 digits in a row.
 */
function phoneIn(attribute: Element): string | undefined {
  return asPhone(textIn(attribute, 'phoneValue'));
}

function referenceIn(attribute: Element): string | undefined {
  return textIn(attribute, 'referenceName') ?? valueIn(attribute);
}

