/**
 * Microsoft Dynamics 365 (model-driven apps, Unified Interface): reads the Lead, Contact or
 * Account form in view.
 *
 * What the page looks like (see the sources named in each spec, and the comment at the top of
 * every fixture in tests/fixtures/dynamics/):
 * - Every page is `/main.aspx` and its query says what it shows: `pagetype=entityrecord&etn=<table>
 *   &id=<guid>` is a record form, `pagetype=entitylist` a grid (learn.microsoft.com, "Open apps,
 *   forms, views, dialogs, and reports with a URL"). The app navigates with pushState and renders
 *   the page into the `role="main"` content area beside the top bar and the site map.
 * - A field on a form is a `MscrmControls.Containers.FieldSectionItem|<field>|<table>` (data-lp-id)
 *   around `data-id="<field>-FieldSectionItemContainer"`, which holds the field's control; classic
 *   controls stamp their input `data-id="<field>.fieldControl-<kind>"`. Fields of a quick view
 *   form are named `<quick view>.<field>` and the header's `header_<field>`, so exact data-ids
 *   never reach them. The English labels (`input[aria-label="Email"]`) are the last fallback, and
 *   they do match a quick view's fields: every read skips quick views, subgrids and the timeline.
 * - Values sit in inputs: read the `value` property (what a person typed), then the attribute.
 *   Empty fields show the placeholder `---`.
 * - The record's facts (industry, employees, revenue, rating, lead source, status reason, department,
 *   country and the postal address) are read by the column's logical name first: its section item,
 *   its control's data-id, the header's copy (`header_<column>`, where the form shows Lead Source,
 *   Rating and Status Reason, or an account's Annual Revenue and Employees), then the English label.
 *   A contact has no industry or employees: those, and the country when his own is empty, come from
 *   his parent account's quick view (the quick view that shows an account's name), and `fromAccount`
 *   says so. The address is the street, city and country joined; the country is also a fact of its own.
 * - The signed-in user (the Me control in the top bar, and Owner in the header) is never read: reads
 *   are scoped to the form, and the Owner lookup is a header field.
 */
import { hostOf } from './list';
import { composedText, queryFirst, readFirst, specMaker } from './toolkit/dom';
import { debounce, onNavigation } from './toolkit/observe';
import { asEmail, asPhone, asWebsite, DASHES, folded, withoutEmpty } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const FORMS = ['lead.html', 'contact.html', 'contact-2.html', 'account.html'];
const PEOPLE = ['lead.html', 'contact.html', 'contact-2.html'];
const spec = specMaker('dynamics', '2026-11-27');
const checked = specMaker('dynamics', '2026-12-04');
/**
 * One field of the record, tried in order: the classic control's input by its exact data-id, the
 * field's section item container (any control, e.g. the refreshed look's Fluent inputs), the English label.
 */
const field = (name: string, dataIds: string[], attribute: string, labels: string[], fixtures: string[]) =>
  spec(
    name,
    [
      ...dataIds.map((id) => `input[data-id="${id}"]`),
      `[data-id="${attribute}-FieldSectionItemContainer"] input`,
      ...labels.map((label) => `input[aria-label="${label}"]`),
    ],
    fixtures,
  );

/**
 * A fact's field, tried in order: its section item by the column's logical name (`FieldSectionItem|<column>|`:
 * not the header's `header_<column>` nor a quick view's `<quick view>.<column>`) and its classic control's data-id;
 * the header's copy; a quick view's item (read only from the parent account's); the English label on the control.
 */
const fact = (name: string, column: string, fixtures: string[], how: { control?: string; header?: boolean; quickView?: boolean; labels?: string[] }) =>
  checked(
    name,
    [
      ...(how.control ? [`[data-lp-id*="|${column}|"]`, `[data-id="${column}.fieldControl-${how.control}"]`] : []),
      ...(how.header ? [`[data-id="header_${column}"]`, `[data-lp-id*="|header_${column}|"] [title]`] : []),
      ...(how.quickView ? [`[data-lp-id*=".${column}|"]`] : []),
      ...(how.labels ?? []).map((label) => `[aria-label="${label}"]`),
    ],
    fixtures,
  );

const selectors = {
  // ewingjm/power-playwright EntityRecordPageContent and EntityListPageContent: the page is `GetByRole(AriaRole.Main)`;
  // microsoft/EasyRepro AppElementReference "App_Shell": //*[@id="ApplicationShell"] (the whole app, top bar included).
  mainContent: spec('page content area (watched for navigation)', ['[role="main"]', '#ApplicationShell'], [
    ...FORMS,
    'list.html',
    'lead-unreadable.html',
  ]),
  // EasyRepro "Entity_FormContainer": //*[@data-id='editFormRoot'] (also power-playwright's first MainForm root);
  // power-playwright MainForm today: `GetByRole(AriaRole.Form).First`.
  formRoot: spec('record form', ['[data-id="editFormRoot"]', '[role="form"]'], [...FORMS, 'lead-unreadable.html']),
  // EasyRepro "Entity_HeaderTitle": //*[@data-id='header_title'], "Entity_Header": //div[contains(@data-id,'form-header')];
  // public page objects read //h1[@data-id='header_title'] and remove its span (the save status) from the text;
  // toggl/track-extension src/scripts/content/dynamics365.js reads $('h1', $('#headerContainer')).
  recordName: spec("record's name in the form header", ['h1[data-id="header_title"]', '[data-id="form-header"] h1', '#headerContainer h1'], [
    ...FORMS,
    'lead-unreadable.html',
  ]),
  // Public page objects: //span[@data-id='header_saveStatus'] reads "Saved" (the title shows "- Saved").
  saveStatus: spec('save status after the name', ['[data-id="header_saveStatus"]'], FORMS),
  // Public scripts: 'MscrmControls.Containers.FieldSectionItem|new_cur_purchase_price|new_opportunity_item' and
  // `[data-lp-id*="|${attribute}|"]`; power-playwright FormField: div[data-id*='-FieldSectionItemContainer'];
  // EasyRepro "Entity_FieldControlDateTimeContainer": //div[@data-id='[NAME]-FieldSectionItemContainer'].
  formFields: spec("record's fields", ['[data-lp-id^="MscrmControls.Containers.FieldSectionItem|"]', '[data-id$="-FieldSectionItemContainer"]'], FORMS),
  // Never read. power-playwright QuickForm/IQuickForm: data-lp-id starts with 'MscrmControls.Containers.QuickForm|'
  // (a public Dynamics sales script also names MscrmControls.Containers.QuickFormCardControl); power-playwright FormField:
  // div[data-id='DataSetHostContainer']; EasyRepro "Entity_SubGridContents": //div[@id="dataSetRoot_[NAME]"],
  // "Entity_SubGridControl": contains(@data-lp-id, 'MscrmControls.Grid.PCFGridControl'); the same sales script names the
  // timeline control "MscrmControls.TimelineWallControl.TimelineWall" (a control's data-lp-id starts with its name).
  relatedContent: spec(
    'quick view, subgrid or timeline of related records',
    [
      '[data-lp-id^="MscrmControls.Containers.QuickForm"]',
      '[data-id="DataSetHostContainer"]',
      '[id^="dataSetRoot_"]',
      '[data-lp-id*="MscrmControls.Grid.PCFGridControl"]',
      '[data-lp-id^="MscrmControls.TimelineWallControl.TimelineWall"]',
    ],
    ['contact.html', 'contact-2.html', 'account.html', 'lead.html'],
  ),
  // Public page objects and userscripts: input[data-id='firstname.fieldControl-text-box-text'], the composite name's
  // fullname_compositionLinkControl_firstname.fieldControl-text-box-text (a public Playwright LeadPage), "First Name".
  firstName: field(
    'First Name field',
    ['firstname.fieldControl-text-box-text', 'fullname_compositionLinkControl_firstname.fieldControl-text-box-text'],
    'firstname',
    ['First Name'],
    PEOPLE,
  ),
  lastName: field(
    'Last Name field',
    ['lastname.fieldControl-text-box-text', 'fullname_compositionLinkControl_lastname.fieldControl-text-box-text'],
    'lastname',
    ['Last Name'],
    PEOPLE,
  ),
  // Public page objects, userscripts and an extension: [data-id="emailaddress1.fieldControl-mail-text-input"] (`.value`),
  // input[aria-label="Email"].
  email: field('Email field', ['emailaddress1.fieldControl-mail-text-input'], 'emailaddress1', ['Email'], PEOPLE),
  jobTitle: field('Job Title field', ['jobtitle.fieldControl-text-box-text'], 'jobtitle', ['Job Title'], PEOPLE),
  // A public Playwright LeadPage: input[aria-label="Company"], input[data-id="companyname.fieldControl-text-box-text"].
  companyName: field('Company field (Lead)', ['companyname.fieldControl-text-box-text'], 'companyname', ['Company'], ['lead.html']),
  // Public page objects: [data-id="parentcustomerid.fieldControl-LookupResultsDropdown_parentcustomerid_selected_tag_text"];
  // power-playwright SimpleLookupControl: ul[data-id*='_SelectedRecordList'] li, div[data-id*='_selected_tag_text'];
  // EasyRepro "Entity_LookupFieldExistingValue": [NAME].fieldControl-LookupResultsDropdown_[NAME]_selected_tag.
  accountLookup: spec(
    'Account Name field (Contact)',
    [
      '[data-id="parentcustomerid.fieldControl-LookupResultsDropdown_parentcustomerid_selected_tag_text"]',
      '[data-id="parentcustomerid-FieldSectionItemContainer"] [data-id$="_selected_tag_text"]',
      '[data-id="parentcustomerid-FieldSectionItemContainer"] ul[data-id$="_SelectedRecordList"] li',
    ],
    ['contact.html', 'contact-2.html'],
  ),
  // Public page objects and userscripts: telephone1.fieldControl-phone-text-input, input[aria-label='Business Phone'];
  // the Account's telephone1 is labelled "Main Phone".
  businessPhone: field('Business Phone field', ['telephone1.fieldControl-phone-text-input'], 'telephone1', ['Business Phone', 'Main Phone'], [
    'lead.html',
    'contact.html',
    'account.html',
  ]),
  mobilePhone: field('Mobile Phone field', ['mobilephone.fieldControl-phone-text-input'], 'mobilephone', ['Mobile Phone'], PEOPLE),
  // ProtechAlliance/ux_365_regression_test2 Objects.js: //input[@type='text' and @data-id='name.fieldControl-text-box-text'] (Account).
  accountName: field('Account Name field (Account)', ['name.fieldControl-text-box-text'], 'name', ['Account Name'], ['account.html']),
  // Public Playwright tests: [data-id="ml_applicationurl.fieldControl-url-text-input"] (the URL control's input).
  website: field('Website field', ['websiteurl.fieldControl-url-text-input'], 'websiteurl', ['Website'], ['account.html', 'lead.html']),
  // The facts' columns are Dataverse's logical names (industrycode, numberofemployees, revenue, leadqualitycode,
  // leadsourcecode, statuscode, department, address1_line1 / _city / _country). ewingjm/power-playwright
  // src/PowerPlaywright.Strategies/Controls/Pcf/FieldSectionItem.cs finds a field's item by `contains(@data-lp-id,
  // '|<name>|')` (a name starting `header_` is the header's copy) and QuickForm.cs a quick view's as `<quick view>.<name>`;
  // its Framework/Controls/Pcf names the controls (MscrmControls.FieldControls.OptionSet, WholeNumberControl,
  // CurrencyControl, PowerApps.CoreControls.OptionSetControl) and OptionSet.cs reads the combobox's selected option, "---"
  // being none. microsoft/EasyRepro Microsoft.Dynamics365.UIAutomation.Api.UCI/DTO/AppElementReference.cs reads a header
  // field in `//div[@data-id='header_[NAME]']` (Entity_Header_OptionSetFieldContainer) and an option set's `select` in
  // `[NAME].fieldControl-option-set-container` (WebClient.cs TryGetValue); its samples read GetField("industrycode")
  // (Microsoft.Dynamics365.UIAutomation.Sample/UCI/Validate/CheckFieldRequired.cs) and the header's leadsourcecode
  // (Sample/Web/Entity/Entity.cs). The controls' data-ids `<field>.fieldControl-option-set-select`, `-whole-number-text-input`
  // and `-currency-text-input` are those public Selenium and Playwright page objects use (the index does not name them).
  industry: fact('Industry field', 'industrycode', ['lead.html', 'account.html', 'contact.html', 'contact-2.html'], {
    control: 'option-set-select',
    quickView: true,
    labels: ['Industry'],
  }),
  employees: fact('No. of Employees field (Number of Employees on an account)', 'numberofemployees', [
    'lead.html',
    'account.html',
    'contact.html',
    'contact-2.html',
  ], { control: 'whole-number-text-input', header: true, quickView: true, labels: ['No. of Employees', 'Number of Employees'] }),
  revenue: fact('Annual Revenue field', 'revenue', ['lead.html', 'account.html'], { control: 'currency-text-input', header: true, labels: ['Annual Revenue'] }),
  // The lead form shows Lead Source, Rating and Status Reason in the header only: no control, no aria-label.
  rating: fact('Rating field (Lead, header)', 'leadqualitycode', ['lead.html'], { header: true }),
  leadSource: fact('Lead Source field (Lead, header)', 'leadsourcecode', ['lead.html', 'lead-unreadable.html'], { header: true }),
  statusReason: fact('Status Reason field (Lead, header)', 'statuscode', ['lead.html'], { header: true }),
  department: fact('Department field (Contact)', 'department', ['contact.html', 'contact-2.html'], { control: 'text-box-text', labels: ['Department'] }),
  country: fact('Country/Region field', 'address1_country', ['account.html', 'lead.html', 'contact.html', 'contact-2.html'], {
    control: 'text-box-text',
    quickView: true,
    labels: ['Country/Region'],
  }),
  street: fact('Street 1 field', 'address1_line1', ['account.html'], { control: 'text-box-text', labels: ['Street 1'] }),
  city: fact('City field', 'address1_city', ['account.html'], { control: 'text-box-text', labels: ['City'] }),
  // The control inside a field's section item: a classic option set's `select` (EasyRepro WebClient.cs TryGetValue),
  // the refreshed look's combobox (power-playwright OptionSet.cs: GetByRole(Combobox)), an input (WholeNumberControl.cs,
  // CurrencyControl.cs: Container.Locator("input"); TextBoxControl, PowerApps.CoreControls.TextInput).
  fieldControl: checked("the control that shows a field's value", ['select', '[role="combobox"]', 'input'], ['account.html', 'lead.html', 'contact-2.html']),
  // The parent account's quick view shows the account's name (the `name` column, "Account Name"; power-playwright
  // QuickForm fields are `<quick view>.<field>`): a quick view of another table (a lead, a manager) has none.
  accountCard: checked("account's name in a quick view (marks the parent account's)", ['[data-lp-id*=".name|"]', 'input[aria-label="Account Name"][readonly]'], [
    'contact.html',
    'contact-2.html',
  ]),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
type Fact = 'industry' | 'employees' | 'revenue' | 'rating' | 'leadSource' | 'stage' | 'department' | 'country' | 'street' | 'city';
/** The facts and the tables whose own forms have them (l lead, c contact, a account). */
const FACTS: readonly (readonly [Fact, Key, string])[] = [
  ['industry', 'industry', 'la'],
  ['employees', 'employees', 'la'],
  ['revenue', 'revenue', 'la'],
  ['rating', 'rating', 'l'],
  ['leadSource', 'leadSource', 'l'],
  ['stage', 'statusReason', 'l'],
  ['department', 'department', 'c'],
  ['country', 'country', 'lca'],
  ['street', 'street', 'lca'],
  ['city', 'city', 'lca'],
];
/** What a contact takes from his parent account's quick view when his own form lacks it. */
const FROM_ACCOUNT = ['industry', 'employees', 'country'] as const;
/** Words of an empty field besides the `---` placeholder. */
const EMPTY = /^(?:none|--select--)$/i;
const ENTITIES = ['lead', 'contact', 'account'] as const;
type ContactEntity = (typeof ENTITIES)[number];
/** Object type codes of legacy links (`etc=2`), for the three tables this adapter reads. */
const TYPE_CODES: Record<string, ContactEntity> = { '1': 'account', '2': 'contact', '4': 'lead' };
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const RELATED = selectors.relatedContent.selectors.join(', ');
const QUICK_VIEW = selectors.relatedContent.selectors[0]!;
const SECTION_ITEM = selectors.formFields.selectors.join(', ');

/** Where a URL points, from `/main.aspx` and its query alone. The record id comes back lower case, without braces. */
export function parseDynamicsUrl(location: Pick<Location, 'pathname' | 'search'>): { entity?: string; recordId?: string; view: string } {
  if (!/\/main\.aspx$/i.test(location.pathname)) return { view: 'other' };
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(location.search)) if (!params.has(key.toLowerCase())) params.set(key.toLowerCase(), value);
  const pageType = params.get('pagetype')?.toLowerCase();
  if (pageType === 'entitylist') return { view: 'list' };
  const entity = (params.get('etn') ?? TYPE_CODES[params.get('etc') ?? ''])?.toLowerCase();
  if (pageType !== 'entityrecord' || !entity) return { view: 'other' };
  const recordId = GUID.exec(params.get('id') ?? '')?.[1]?.toLowerCase();
  if (!isContactEntity(entity)) return { entity, recordId, view: 'record' };
  // A new record's form has no id yet: nothing to key it by.
  return recordId ? { entity, recordId, view: entity } : { entity, view: 'new' };
}

export const dynamicsAdapter: HostAdapter = {
  ...hostOf('dynamics'),
  selectors,
  detect(document, location): Detection {
    const { entity, recordId, view } = parseDynamicsUrl(location);
    if (!entity || !recordId || !isContactEntity(entity)) return { kind: 'none', view };
    const unreadable = (key: Key): Detection => ({ kind: 'unreadable', view, failed: selectors[key].name });

    // A form in a dialog (navigateTo with target 2) renders outside the page content.
    const form = queryFirst(queryFirst(document, selectors.mainContent) ?? document, selectors.formRoot);
    if (!form) return unreadable('formRoot');
    const fields = ownFields(form);
    if (!fields.length) return unreadable('formFields');
    // Just after navigating, the previous record's form can still be in view under the new URL.
    const shown = fields.map((container) => container.getAttribute('data-lp-id')?.split('|')[2]).find(Boolean);
    if (shown && shown.toLowerCase() !== entity) return { kind: 'none', view };
    const title = headerName(form);
    if (!title) return unreadable('recordName');

    const read = (key: Key) => readFirst(form, selectors[key], (element) => (isRelated(element) ? undefined : valueOf(element)));
    const contact: PageContact = {
      source: 'dynamics',
      recordUrl: `${location.origin}/main.aspx?pagetype=entityrecord&etn=${entity}&id=${recordId}`,
      custom: { object: entity, recordId },
    };
    if (entity === 'account') {
      contact.company = read('accountName') ?? title;
      contact.phone = asPhone(read('businessPhone'));
      const website = asWebsite(read('website'));
      if (website) contact.custom = { ...contact.custom, website };
    } else {
      // The inputs, not the header: the header shows the org's full-name format ("Nair, Priya").
      contact.name = [read('firstName'), read('lastName')].filter(Boolean).join(' ') || title;
      // The toolkit's one email rule: this adapter took an address without a dot in its domain.
      contact.email = asEmail(read('email'));
      contact.title = read('jobTitle');
      contact.company = read(entity === 'lead' ? 'companyName' : 'accountLookup');
      // The toolkit's phone rule (5 to 20 digits): this adapter took any text.
      contact.phone = asPhone(read('businessPhone')) ?? asPhone(read('mobilePhone'));
    }
    const facts = readFacts(form, entity);
    const { street, city, ...own } = facts;
    if (entity === 'contact') {
      // The quick view that shows an account's name: the parent account's, read only for what he lacks.
      const account = queryFirst(form, selectors.accountCard, (element) => element.closest(QUICK_VIEW) !== null)?.closest(QUICK_VIEW);
      const fromAccount = account ? FROM_ACCOUNT.filter((name) => !own[name] && (own[name] = factIn(account, name, true))) : [];
      if (fromAccount.length) contact.fromAccount = fromAccount;
    }
    if (street || city) contact.address = [street, city, facts.country].filter(Boolean).join(', ');
    Object.assign(contact, own);
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchContent(document, window, onChange);
  },
};

function isContactEntity(entity: string | undefined): entity is ContactEntity {
  return (ENTITIES as readonly string[]).includes(entity ?? '');
}

/** The facts the record's own form shows. */
function readFacts(form: Element, entity: ContactEntity): Partial<Record<Fact, string>> {
  const facts: Partial<Record<Fact, string>> = {};
  for (const [name, , tables] of FACTS) if (tables.includes(entity[0]!)) facts[name] = factIn(form, name);
  return facts;
}

/** A fact under `root`: the record's own (nothing related), or with `related` a quick view's. */
function factIn(root: Element, name: Fact, related = false): string | undefined {
  const key = FACTS.find(([fact]) => fact === name)![1];
  return readFirst(root, selectors[key], (element) => {
    if (isRelated(element) !== related) return undefined;
    const shown = valueOf(element.matches(SECTION_ITEM) ? queryFirst(element, selectors.fieldControl) ?? element : element);
    return shown && !EMPTY.test(shown) ? shown : undefined;
  });
}

function isRelated(element: Element): boolean {
  return element.closest(RELATED) !== null;
}

/** The record's own field containers: not the header's (`header_…`), not a quick view's (`<quick view>.<field>`). */
function ownFields(form: Element): Element[] {
  for (const selector of selectors.formFields.selectors) {
    const found = [...form.querySelectorAll(selector)].filter((container) => {
      const name = container.getAttribute('data-lp-id')?.split('|')[1] ?? container.getAttribute('data-id')?.replace(/-FieldSectionItemContainer$/, '') ?? '';
      return !name.startsWith('header_') && !name.includes('.') && !isRelated(container);
    });
    if (found.length) return found;
  }
  return [];
}

/**
 * What a field shows: an input's `value` property (typed), else its attribute; a `select`'s chosen option; other
 * elements' text, else their title.
 */
function valueOf(element: Element): string | undefined {
  // `:checked` is the option chosen now; the `selected` attribute the one the page was served with (what happy-dom,
  // whose selectedness is wrong for parsed markup, goes by).
  if (element.tagName === 'SELECT') return clean((element.querySelector('option:checked') ?? element.querySelector('option[selected]'))?.textContent);
  if (/^(INPUT|TEXTAREA)$/.test(element.tagName)) return clean((element as HTMLInputElement).value) ?? clean(element.getAttribute('value'));
  return clean(element.textContent) ?? clean(element.getAttribute('title'));
}

/** Whitespace folded; the `---` that empty fields show (dashes alone) is no value. */
function clean(text: string | null | undefined): string | undefined {
  return folded(text, DASHES);
}

/** The header title's text without the save status after it ("Priya Nair - Saved"). */
function headerName(form: Element): string | undefined {
  const text = composedText(queryFirst(form, selectors.recordName), selectors.saveStatus.selectors.join(','));
  return clean(text?.replace(/\s+-\s+(?:Saved|Unsaved|Saving…?|Saving\.\.\.)\s*$/i, ''));
}

/**
 * The app navigates with pushState, which fires no event, and renders the new page into the
 * content area: one MutationObserver watches that area (children anywhere below it, except inside
 * quick views, subgrids and the timeline, which load on their own), a second watches only the
 * area's parent's children in case the area itself is replaced, plus popstate and hashchange, and
 * `change` events from the form (a person edited a field). Until the area exists (the app is still
 * loading) the body is watched only to find it; nothing fires for mutations elsewhere.
 */
function watchContent(document: Document, window: Window, onChange: () => void): () => void {
  let content: Element | null = null;
  const fire = debounce(onChange);
  const find = () => queryFirst(document, selectors.mainContent);
  const inside = new MutationObserver((records) => {
    if (records.some((record) => !(record.target.nodeType === 1 && isRelated(record.target as Element)))) fire();
  });
  const around = new MutationObserver(() => {
    if (content?.isConnected) return;
    const found = find();
    if (!found && !content) return; // still loading
    follow(found);
    fire();
  });
  const follow = (found: Element | null) => {
    inside.disconnect();
    around.disconnect();
    content?.removeEventListener('change', fire);
    content = found;
    if (content) {
      inside.observe(content, { childList: true, subtree: true });
      if (content.parentNode) around.observe(content.parentNode, { childList: true });
      content.addEventListener('change', fire);
    } else {
      around.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    }
  };
  follow(find());
  const stopNavigation = onNavigation(window, () => {
    if (!content?.isConnected) follow(find());
    fire();
  });
  return () => {
    fire.stop();
    inside.disconnect();
    around.disconnect();
    content?.removeEventListener('change', fire);
    stopNavigation();
  };
}
