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
 *
 * Uncertainties (no capture of a live page is public; the fixtures are rebuilt): that the live app
 * wraps `crm-detailview-header` in `crm-detailview` (the fallback takes the header's parent whatever
 * its name); that its router outlet is a `lyte-outlet` right after the top band (the fallback is the
 * div after `#crmNextGenTopMenu`); that section fields carry `data-zcqa="value_<Api_Name>"` (the
 * column-name ids are the fallback); whether Canvas layouts keep any field ids (treated as unreadable).
 */
import { hostOf } from './list';
import { queryFirst, readFirst, specMaker } from './toolkit/dom';
import { watchReplacedRoot } from './toolkit/observe';
import { asEmail, asPhone, folded, fromMailto, withoutEmpty, withoutSalutation } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const ALL = ['lead.html', 'contact.html', 'contact-2.html'];
const spec = specMaker('zoho', '2026-11-27');

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
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
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
  return folded(text, /^(?:[-—–]+|-None-)$/);
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
