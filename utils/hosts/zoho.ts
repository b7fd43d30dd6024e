/**
 * Zoho CRM (the Lyte "next gen" UI on crm.zoho.com, .eu, .in, .com.au): reads the Lead or Contact
 * whose detail view is open.
 *
 * What the page looks like (see the sources named in each spec, and the comment at the top of
 * every fixture in tests/fixtures/zoho/):
 * - A single-page app on Zoho's Lyte framework. Records live at /crm/org<orgId>/tab/<Module>/<id>
 *   (orgs on their own domain have no org segment: /crm/tab/<Module>/<id>); list views at
 *   /crm/org<orgId>/tab/<Module>[/custom-view/<cvid>/list]. Navigation is pushState, so no event
 *   fires: the router re-renders the page inside one outlet, which is what `watch` observes.
 *   No public source shows hash routes (#/crm/...) for today's UI; the classic UI's
 *   ShowEntityInfo.do?module=Leads&id=... pages are retired and not claimed.
 * - Fields carry Zoho's own ids: `mouseArea__<COLUMN>` on a field's row, `subvalue_<COLUMN>` on
 *   the component holding its value (column names such as EMAIL, DESIGNATION, ACCOUNTID), and
 *   newer builds add `data-zcqa="value_<Api_Name>"`. The record's name is the title card
 *   (`titlecard_FULLNAME`, `titlecard_LASTNAME` before 2026-08), whose `cx-prop-value` holds the
 *   name with its salutation. Reads are scoped to the detail view, so the signed-in user in the top
 *   band and hover cards of other records are never read; related lists (Notes, Activities, Emails)
 *   use `value_listviewtable_...` cells, which no field selector here matches.
 * - The record's facts (industry, employees, annual revenue, rating, lead source, lead status,
 *   department, country and the postal address) are read the same way, by API name (data-zcqa),
 *   then column name (ids), then their English label (`.dv_info_label`): the label also finds a
 *   custom field, such as an Industry field an org added to Contacts. Contacts have no industry or
 *   employees of their own: those, and a country the contact lacks, are read from the business card
 *   of the contact's own Account (the hover card of its Account Name lookup, keyed by the Account's
 *   id), never from another record's card, and named in `fromAccount`.
 *
 * Uncertainties (no capture of a live page is public; the fixtures are rebuilt): that the live app
 * wraps `crm-detailview-header` in `crm-detailview` (the fallback takes the header's parent whatever
 * its name); that its router outlet is a `lyte-outlet` right after the top band (the fallback is the
 * div after `#crmNextGenTopMenu`); that section fields carry `data-zcqa="value_<Api_Name>"` (the
 * column-name ids are the fallback); whether Canvas layouts keep any field ids (treated as unreadable);
 * the column names of an Account's Employees and Billing Country on its business card (EMPLOYEES,
 * BILLINGCOUNTRY, by analogy with the Leads' columns: the English label is the fallback); that the
 * Account's hover card is rendered outside the detail view (`watch` does not follow it: its facts are
 * read when the record is read while the card is open).
 */
import { hostOf } from './list';
import { queryAll, queryFirst, readFirst, specMaker } from './toolkit/dom';
import { watchReplacedRoot } from './toolkit/observe';
import { asEmail, asPhone, folded, fromMailto, withoutEmpty, withoutSalutation } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const ALL = ['lead.html', 'contact.html', 'contact-2.html'];
const spec = specMaker('zoho', '2026-11-27');
const fact = specMaker('zoho', '2026-12-04');
/** One selector per name: `[data-zcqa="value_Street"], [data-zcqa="value_City"]`. */
const each = (format: (name: string) => string, names: string) => names.split(' ').map(format).join(', ');

const selectors = {
  // Lyte apps render each route into <lyte-outlet> (public Lyte app code: `<main> <lyte-outlet
  // yield="true">`). Fallback: whatever follows the top band `#crmNextGenTopMenu` (public Zoho CRM
  // userscripts anchor on that id), which still leaves the band and its profile card out.
  appContent: spec('container each page is rendered into (watched for navigation)', ['lyte-outlet', '#crmNextGenTopMenu ~ div'], [
    ...ALL,
    'list.html',
    'lead-unreadable.html',
  ]),
  // Zoho's own component source registers `crm-detailview` (record view) and its app code reads
  // `crm-detailview-header` or, for Canvas layouts, `crm-detailview-canvas`; a 2026 userscript
  // verified `crm-detailview-actions` live.
  detailView: spec('record detail view', ['crm-detailview', ':has(> crm-detailview-header)'], [...ALL, 'lead-unreadable.html']),
  // Field rows: `//div[@id='mouseArea__COMPANY']` in public Selenium page objects and
  // `#mouseArea__CONTACTCF186` in a 2026 userscript; business-card rows `#bc_mouseArea__MOBILE
  // .dv_info_value` in a public Zoho helper extension.
  detailFields: spec("record's detail fields", ['[id^="mouseArea__"]', '[id^="bc_mouseArea__"]'], ALL),
  // A public 2026 userscript: "#tc_mouseArea__LASTNAME .cxElemCompViewWrap || #tc_mouseArea__FULLNAME
  // .cxElemCompViewWrap ... #titlecard_LASTNAME || #titlecard_FULLNAME" and its `cx-prop-value`
  // ("Zoho drifted the detail-view name field wrapper from LASTNAME to FULLNAME (2026-08-04)").
  recordName: spec(
    "record's name in the title card",
    ['#titlecard_FULLNAME', '#titlecard_LASTNAME', '#tc_mouseArea__FULLNAME .cxElemCompViewWrap', '#tc_mouseArea__LASTNAME .cxElemCompViewWrap'],
    ALL,
  ),
  // Value components. `[data-zcqa="value_MailingStreet"]` ("the zcqa value wrapper, layout-agnostic")
  // and `crux-picklist-component[id="subvalue_CONTACTCF186"]` in 2026 userscripts; `#subvalue_EMAIL`,
  // `#value_DESIGNATION`, `#subvalue_TITLE`, `#subvalue_PHONE`, `#subvalue_COMPANY` in a public
  // lead-capture extension (BlankMediaD/decoder content.js) and `//a[@id='subvalue_EMAIL']` in
  // public Selenium page objects; `#bc_mouseArea__EMAIL .dv_info_value` in a public Zoho helper.
  emailField: spec('Email field', ['[data-zcqa="value_Email"]', '#subvalue_EMAIL', '#bc_mouseArea__EMAIL .dv_info_value'], ALL),
  // Leads call the title Designation (column DESIGNATION), Contacts call it Title (column TITLE).
  titleField: spec(
    'Title field (Designation on Leads)',
    ['[data-zcqa="value_Designation"]', '[data-zcqa="value_Title"]', '#subvalue_DESIGNATION', '#subvalue_TITLE'],
    ['lead.html', 'contact.html', 'contact-2.html'],
  ),
  companyField: spec(
    'Company (Leads) or Account Name (Contacts) field',
    ['[data-zcqa="value_Company"]', '[data-zcqa="value_Account_Name"]', '#subvalue_COMPANY', '#subvalue_ACCOUNTID'],
    ['lead.html', 'contact.html', 'contact-2.html'],
  ),
  phoneField: spec(
    'Phone field, else Mobile',
    ['[data-zcqa="value_Phone"]', '[data-zcqa="value_Mobile"]', '#subvalue_PHONE', '#subvalue_MOBILE', '#bc_mouseArea__MOBILE .dv_info_value'],
    ['lead.html', 'contact.html', 'contact-2.html'],
  ),
  // Inside a value component: "span.cxPhoneViewValue.lvPhFld holds the phone number" (verified live,
  // 2026 userscript); lookups render `link-to` with `lt-prop-class="cxLink cxLookupViewWrapper"`
  // (Zoho's crux lookup component) and userscripts read `a.cxLookupViewWrapper[href*="/tab/Contacts/"]`;
  // text values sit in `span.cxElemCompViewWrap` / `.cxElementViewValue.cxElemCompViewValue`.
  emailValue: spec('email address in a field', ['a[href^="mailto:"]', '.cxElemCompViewWrap'], ['lead.html', 'contact.html']),
  phoneValue: spec('phone number in a field', ['.cxPhoneViewValue', '.cxElemCompViewWrap'], ['lead.html', 'contact-2.html']),
  lookupValue: spec('name of the record a lookup field links to', ['a.cxLookupViewWrapper', 'a[href*="/tab/Accounts/"]'], [
    'contact.html',
    'contact-2.html',
  ]),
  textValue: spec('text in a field', ['.cxElemCompViewWrap', '.cxElemCompViewValue'], ['lead.html', 'contact-2.html']),

  // The facts. API names of the fields: Zoho's own SDK (zoho/zohocrm-php-sdk-7.0, versions/2.0.0/src/com/zoho/
  // crm/api/record/Leads.php: Industry, No_of_Employees, Annual_Revenue, Rating, Lead_Source, Lead_Status, Country,
  // Street, City, State, Zip_Code; Accounts.php: Industry, Employees, Billing_Country) and a Contacts layout with its
  // labels (santhoshsubbiah/standalone-canvas-builder, common/js/data/zc-data.js: Lead_Source "Lead Source", Department,
  // Mailing_Street ... Mailing_Country "Mailing Country"). Column ids: `//div[@id='mouseArea__EMPCT']`,
  // `mouseArea__ANNUALREVENUE`, `mouseArea__LANE`, `__CITY`, `__STATE`, `__CODE`, `__COUNTRY` in a public Selenium
  // page object of a Zoho lead (PageModellead.java, package model: the code index names no repository);
  // `#bc_mouseArea__<COLUMN> .dv_info_value` on business cards (the Zoho helper extension above). The value
  // components as for title and company; the English label is the last fallback.
  industryField: fact(
    'Industry field (Industry on the Account card)',
    ['[data-zcqa="value_Industry"]', '#subvalue_INDUSTRY', '#bc_mouseArea__INDUSTRY .dv_info_value'],
    ['lead.html', 'contact.html'],
  ),
  employeesField: fact(
    'No. of Employees field (Employees on the Account card)',
    ['[data-zcqa="value_No_of_Employees"]', '#subvalue_EMPCT', '#bc_mouseArea__EMPLOYEES .dv_info_value'],
    ['lead.html', 'contact.html'],
  ),
  countryField: fact(
    'Country field (Mailing Country on Contacts, Billing Country on the Account card)',
    ['[data-zcqa="value_Country"]', '[data-zcqa="value_Mailing_Country"]', '#subvalue_COUNTRY', '#subvalue_MAILINGCOUNTRY', '#bc_mouseArea__BILLINGCOUNTRY .dv_info_value'],
    ['lead.html', 'contact.html', 'contact-2.html'],
  ),
  revenueField: fact('Annual Revenue field', ['[data-zcqa="value_Annual_Revenue"]', '#subvalue_ANNUALREVENUE'], ['lead.html']),
  ratingField: fact('Rating field', ['[data-zcqa="value_Rating"]', '#subvalue_RATING'], ['lead.html']),
  leadSourceField: fact('Lead Source field', ['[data-zcqa="value_Lead_Source"]', '#subvalue_LEADSOURCE'], ['lead.html', 'contact.html', 'contact-2.html']),
  stageField: fact('Lead Status field', ['[data-zcqa="value_Lead_Status"]', '#subvalue_LEADSTATUS', '#bc_mouseArea__LEADSTATUS .dv_info_value'], ['lead.html']),
  departmentField: fact('Department field (Contacts)', ['[data-zcqa="value_Department"]', '#subvalue_DEPARTMENT'], ['contact.html', 'contact-2.html']),
  // The address's fields in the page's order (Street, City, State, Zip Code, Country; Mailing ... on Contacts).
  addressFields: fact(
    'postal address fields (Mailing address on Contacts)',
    [
      each((name) => `[data-zcqa="value_${name}"]`, 'Street City State Zip_Code Country Mailing_Street Mailing_City Mailing_State Mailing_Zip Mailing_Country'),
      each((name) => `#subvalue_${name}`, 'LANE CITY STATE CODE COUNTRY MAILINGSTREET MAILINGCITY MAILINGSTATE MAILINGZIP MAILINGCOUNTRY'),
    ],
    ['lead.html', 'contact.html'],
  ),
  // A field's English label and value in its row: `#bc_mouseArea__EMAIL .dv_info_value` (the Zoho helper extension),
  // `#value_DESIGNATION` (BlankMediaD/decoder content.js), `#value_CONTACTCF50` (2026 userscripts); the label's class
  // and `label_<COLUMN>` id are inferred from the value's.
  fieldLabel: fact("a field's English label", ['.dv_info_label', '[id^="label_"]'], ['lead.html']),
  fieldValue: fact("a field's value next to its label", ['.dv_info_value', '[id^="value_"]'], ['lead.html']),
  // The Account's business card: the hover card of the Account Name lookup (crux lookup component, `link-to` with
  // `cxLookupViewWrapper`), rows as on the record's own business card (`#bc_mouseArea__... .dv_info_value`, the Zoho
  // helper extension); its name links to /tab/Accounts/<id> (module URLs as in b310-digital/better-hotkeys-for-zoho-crm).
  accountCard: fact("the Account Name lookup's business card", ['[data-zcqa="lookupBusinessCard"]', '.cxLookupBCPopover'], ['contact.html', 'contact-2.html']),
  accountCardName: fact('the name of the record a business card shows', ['.cxLookupBCName a', 'a[href*="/tab/Accounts/"]'], ['contact.html', 'contact-2.html']),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
type Fact = 'industry' | 'employees' | 'country' | 'revenue' | 'rating' | 'leadSource' | 'stage' | 'department';
/**
 * Each fact: its spec (API names, then column ids) and its English labels (the fallback). The first three are
 * the Account's too: read from its business card when the record lacks them.
 */
const FACTS: [Fact, Key, string][] = [
  ['industry', 'industryField', 'industry'],
  ['employees', 'employeesField', 'no. of employees|employees'],
  ['country', 'countryField', 'country|mailing country|billing country'],
  ['revenue', 'revenueField', 'annual revenue'],
  ['rating', 'ratingField', 'rating'],
  ['leadSource', 'leadSourceField', 'lead source'],
  ['stage', 'stageField', 'lead status'],
  ['department', 'departmentField', 'department'],
];
const ADDRESS_LABELS = 'street|city|state|zip code|country|mailing street|mailing city|mailing state|mailing zip|mailing country';
const CONTACT_MODULES = { Leads: 'lead', Contacts: 'contact' } as const;
type ContactModule = keyof typeof CONTACT_MODULES;

/** /crm/org123/tab/Leads/5725767000001234567, or /crm/tab/Leads/... on an org's own domain. */
const RECORD_PATH = /^\/crm\/(?:([^/]+)\/)?tab\/(\w+)\/(\d{6,25})\/?$/;
const LIST_PATH = /^\/crm\/(?:[^/]+\/)?tab\/(\w+)(?:\/custom-view\/\d+\/(?:list|kanban|canvas|sheet))?\/?$/;

/** Where a URL points, from the path alone. */
export function parseZohoUrl(location: Pick<Location, 'pathname'>): { module?: string; recordId?: string; org?: string; view: string } {
  const record = RECORD_PATH.exec(location.pathname);
  if (record?.[2] && record[3] && record[1] !== 'tab') {
    const [, org, module, recordId] = record;
    return { module, recordId, ...(org ? { org } : {}), view: isContactModule(module) ? CONTACT_MODULES[module] : 'record' };
  }
  const list = LIST_PATH.exec(location.pathname);
  if (list?.[1] && list[1] !== 'tab') return { module: list[1], view: 'list' };
  return { view: 'other' };
}

export const zohoAdapter: HostAdapter = {
  ...hostOf('zoho'),
  selectors,
  detect(document, location): Detection {
    const { module, recordId, org, view } = parseZohoUrl(location);
    if (view === 'list') return { kind: 'none', view };
    if (!recordId || !isContactModule(module)) return { kind: 'none', view };

    const detail = queryFirst(document, selectors.detailView);
    if (!detail) return { kind: 'unreadable', view, failed: 'detailView' };
    if (!queryFirst(detail, selectors.detailFields)) return { kind: 'unreadable', view, failed: 'detailFields' };
    const name = readFirst(detail, selectors.recordName, valueOf);
    if (!name) return { kind: 'unreadable', view, failed: 'recordName' };

    const contact: PageContact = {
      source: 'zoho',
      name: withoutSalutation(name),
      email: readFirst(detail, selectors.emailField, emailIn),
      title: readFirst(detail, selectors.titleField, textIn),
      company: readFirst(detail, selectors.companyField, (field) => lookupIn(field) ?? textIn(field)),
      phone: readFirst(detail, selectors.phoneField, phoneIn),
      recordUrl: `${location.origin}/crm/${org ? `${org}/` : ''}tab/${module}/${recordId}`,
      custom: { object: module, recordId },
    };
    // The record's own facts win; the Account's card only fills in industry, employees and country.
    const account = accountCardOf(document, detail);
    const fromAccount: string[] = [];
    FACTS.forEach(([name, key, labels], i) => {
      let value = factIn(detail, key, labels);
      if (!value && i < 3 && account && (value = factIn(account, key, labels))) fromAccount.push(name);
      contact[name] = value;
    });
    const address = queryAll(detail, selectors.addressFields);
    contact.address = (address.length ? address : labelled(detail, ADDRESS_LABELS)).flatMap((field) => textIn(field) ?? []).join(', ');
    if (fromAccount.length) contact.fromAccount = fromAccount;
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchReplacedRoot(document, window, () => queryFirst(document, selectors.appContent), onChange);
  },
};

function isContactModule(module: string | undefined): module is ContactModule {
  return module === 'Leads' || module === 'Contacts';
}

/** Zoho shows an empty field as "—" (or "-None-" for picklists): that is no value. */
function clean(text: string | null | undefined): string | undefined {
  return folded(text, /^(?:[-—–]+|-?None-?)$/);
}

/** A fact: by the spec's API names and column ids, else the field whose English label is one of `labels`. */
function factIn(root: ParentNode, key: Key, labels: string): string | undefined {
  return readFirst(root, selectors[key], (field) => textIn(field)) ?? labelled(root, labels).map((field) => textIn(field)).find(Boolean);
}

/** The values of the rows (fields, or a business card's rows) whose English label is one of `labels`, in page order. */
function labelled(root: ParentNode, labels: string): Element[] {
  const wanted = labels.split('|');
  return queryAll(root, selectors.detailFields).flatMap((row) => {
    const label = clean(queryFirst(row, selectors.fieldLabel)?.textContent)?.replace(/[:*]/g, '').trim().toLowerCase();
    return (label && wanted.includes(label) && queryFirst(row, selectors.fieldValue)) || [];
  });
}

/** The business card of the contact's own Account (its Account Name lookup's id), if the page shows it. */
function accountCardOf(document: Document, detail: Element): Element | undefined {
  const id = accountId(readFirst(detail, selectors.companyField, (field) => queryFirst(field, selectors.lookupValue)?.getAttribute('href') ?? undefined));
  return id ? queryAll(document, selectors.accountCard).find((card) => accountId(queryFirst(card, selectors.accountCardName)?.getAttribute('href')) === id) : undefined;
}

function accountId(href: string | null | undefined): string | undefined {
  return /\/tab\/Accounts\/(\d+)/.exec(href ?? '')?.[1];
}

/** The first non-empty text of an element the spec finds in the field, else the field's own text. */
function textIn(field: Element, key: Key = 'textValue'): string | undefined {
  return readFirst(field, selectors[key], (element) => clean(element.textContent)) ?? clean(field.textContent);
}

/** A crux component's own value (`cx-prop-value`), else its visible text. */
function valueOf(element: Element): string | undefined {
  return clean(element.getAttribute('cx-prop-value')) ?? textIn(element);
}

function emailIn(field: Element): string | undefined {
  const link = queryFirst(field, selectors.emailValue);
  // The mailto: link's address, else the address shown: a malformed href (one bad escape) no
  // longer throws and makes the whole page unreadable.
  return fromMailto(link?.getAttribute('href')) ?? asEmail(clean(link?.textContent) ?? clean(field.getAttribute('cx-prop-value')));
}

function phoneIn(field: Element): string | undefined {
  // The toolkit's phone rule (5 to 20 digits): this adapter took any text with 3 digits in a row.
  return asPhone(textIn(field, 'phoneValue'));
}

function lookupIn(field: Element): string | undefined {
  return readFirst(field, selectors.lookupValue, (element) => clean(element.textContent));
}
