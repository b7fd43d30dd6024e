/**
 * Pipedrive: reads the person or organisation in view.
 *
 * What the page looks like (see the sources named in each spec, and the comment at the top
 * of every fixture in tests/fixtures/pipedrive/):
 * - Each company has its own host (<company>.pipedrive.com); a person is /person/<id>, an
 *   organisation /organization/<id>, lists are /persons/list/... and /organizations/list/....
 * - Pipedrive is a single-page app that keeps earlier page views in the DOM: every view is a
 *   `.viewContainer`, and the ones not in front are hidden with an inline `display: none`. So every
 *   read is scoped to the view in front, never the document: the top bar (the signed-in user's own
 *   name and email) and earlier records are outside it.
 * - In the view, the record's detail view (`.detailView`) has a header with the name and then blocks:
 *   the record's own "Details" fields first, then the linked organisation, the people of an
 *   organisation, deals and their participants, and the activity feed. Fields are read only from the
 *   record's own fields list, the first one and before any link to another record; every field carries its key in
 *   `data-test="<field key>-label"` (email, phone, org_id, job_title), which does not change with
 *   the user's language.
 * - The person's name is read from every place public integrations read it, in order: the header's
 *   title, the editable name field, then the document title ("<name> - Pipedrive").
 * - The record's facts (industry, employees, annual revenue, address, country, lead source, labels as
 *   the rating, department) are read from its own fields: by key where Pipedrive has one (postal_address
 *   and address, label_ids and label), else by the field's English label, since custom fields' keys are
 *   40 random hex digits that differ in every company. Only what the person's own fields lack is read
 *   from their organisation's block (the fields list right after the link to the organisation in their
 *   own Organization field), and named in `fromAccount`.
 */
import { hostOf } from './list';
import { composedText, matchesSpec, queryFirst, queryFirstVisible, readFirst, specMaker } from './toolkit/dom';
import { watchReplacedRoot } from './toolkit/observe';
import { asEmail, asPhone, folded, fromMailto, withoutEmpty } from './toolkit/values';
import type { Detection, HostAdapter, PageContact, SelectorSpec } from './types';

const PERSON = 'person.html';
const PERSON_2 = 'person-2.html';
const ORGANIZATION = 'organization.html';
const LIST = 'list.html';
const UNREADABLE = 'person-unreadable.html';
const RECORDS = [PERSON, PERSON_2, ORGANIZATION];
const spec = specMaker('pipedrive', '2026-11-27');
const factSpec = specMaker('pipedrive', '2026-12-04');

const selectors = {
  // ringcentral/pipedrive-embeddable-ringcentral-phone-spa src/config.js and src/configs/insert-c2d.js read the
  // view in front as `.viewContainer:not([style*="none"])`: the others are hidden with an inline display:none.
  // The view in front is the first one no ancestor hides; the views' parent is watched for navigation.
  activeView: spec('page views (the one in front is read; earlier ones stay in the DOM, hidden)', ['.viewContainer'], [
    ...RECORDS,
    LIST,
    UNREADABLE,
  ]),
  // The same files: `.detailView.personDetails .infoBlock .spacer`; clockify/browser-extension
  // pipedrive.js and a TimeCamp integration: `.detailView .content .spacer`.
  detailView: spec("record's detail view", ['.detailView.personDetails', '.detailView'], [...RECORDS, UNREADABLE]),
  // The name, first place: the header's title. The header block is `.infoBlock` (ringcentral, above);
  // clockify/browser-extension src/integrations/pipedrive.js and TimeCamp read a record's title from
  // `.descriptionHead h1` (deals).
  recordName: spec("record's name in the detail view header", ['.infoBlock h1', '.descriptionHead h1'], [...RECORDS, UNREADABLE]),
  // Second place: the editable name field. A public multi-CRM call extension's Pipedrive adapter (its
  // "CallNest" CRM adapters script) reads `[data-test="person-name"]`; the public "WhatPipe" Pipedrive
  // extension's content script reads `[data-test="entity-name"]` and `[data-test="person-name"]`; the
  // field itself is Pipedrive's field grammar (`data-test="<field key>-label"`) with the key `name`.
  nameField: factSpec('the editable name field', ['[data-test="person-name"]', '[data-test="entity-name"]', '[data-test="name-label"]'], [
    PERSON_2,
    PERSON,
    ORGANIZATION,
  ]),
  // Last place: the document title. WhatPipe reads the name from `document.title`, "Entity Name - Pipedrive"
  // (a "(3) " count in front); TimeCamp's integration knows it as "<name> - contact details".
  documentTitle: factSpec('document title ("<name> - Pipedrive", "<name> - contact details")', ['head > title'], [PERSON, PERSON_2, ORGANIZATION]),
  // ringcentral src/configs/convert-c2d.js: `.fieldsList [data-test="phone-label"]`, the person's fields.
  fieldsList: spec("record's own fields (the first fields list, before any link to another record)", ['.fieldsList'], RECORDS),
  // Links to other records: what comes after one in the detail view (the linked organisation's fields, an
  // organisation's people, a deal's participants) belongs to that record. The paths are Pipedrive's URLs.
  relatedLink: spec('link to another record', ['a[href*="/person/"]', 'a[href*="/organization/"]', 'a[href*="/deal/"]'], [PERSON, ORGANIZATION]),
  // Field containers. Pipedrive's own field components (ContactFieldWrapper and PhoneFieldWrapper in a
  // public copy of its web app) render `<div class="value <field_type> valueWrap gridCell__item"
  // data-test="${field.key}-label">`, links `a.gridCell__link` (mailto:, callto:) and the value's label
  // in `.gridCell__valueRemark`; ringcentral reads `[data-test="phone-label"]` and, on newer pages,
  // `[data-test="phone-number-button"]`, and in lists `.gridCell__link` with a callto: href.
  emailField: spec('Email field', ['[data-test="email-label"]', 'a[href^="mailto:"]'], [PERSON, PERSON_2]),
  phoneField: spec('Phone field', ['[data-test="phone-label"]', '[data-test="phone-number-button"]', 'a[href^="callto:"]'], [PERSON, PERSON_2]),
  // The person's organisation is the `org_id` field, a link to /organization/<id>.
  organizationField: spec('Organization field', ['[data-test="org_id-label"]', 'a[href*="/organization/"]'], [PERSON, PERSON_2]),
  // Job title is a person field (key `job_title`) when the company uses it; no fallback is known.
  jobTitleField: spec('Job title field', ['[data-test="job_title-label"]'], [PERSON]),
  // Values inside a field.
  phoneValue: spec('phone number in a field', ['[data-test="phone-number-button"]', 'a[href^="callto:"]'], [PERSON_2, PERSON]),
  valueRemark: spec("a value's label, e.g. (Work), left out of the value", ['.gridCell__valueRemark'], [PERSON, PERSON_2, LIST]),
  // Facts. Default fields by key, in Pipedrive's field grammar (above): a person's `postal_address` and an
  // organisation's `address` (pipedrive/client-nodejs: the persons API's postal_address, OrganizationItem's
  // address with its country), a person's `label_ids` and an organisation's `label` (the same client's
  // Person and BaseOrganizationItem; Pipedrive's default labels are Hot, Warm and Cold lead and Customer).
  addressField: factSpec('Address field (postal_address of a person, address of an organisation)', [
    '[data-test="postal_address-label"]',
    '[data-test="address-label"]',
  ], [PERSON, PERSON_2, ORGANIZATION]),
  labelsField: factSpec('Labels field (label_ids of a person, label of an organisation)', ['[data-test="label_ids-label"]', '[data-test="label-label"]'], [
    PERSON,
    ORGANIZATION,
  ]),
  // Any field's value, for a field read by its English label: custom fields (industry, employees, revenue,
  // lead source, department) have 40-hex keys that differ per company. No public source shows the row's
  // markup, so the label is read as the text of the cell just before the value, by position, no class.
  fieldValue: factSpec('a field\'s value, data-test="<key>-label" (its label is the cell before it)', ['[data-test$="-label"]'], RECORDS),
} satisfies Record<string, SelectorSpec>;

type Key = keyof typeof selectors;
type Fact = 'industry' | 'employees' | 'revenue' | 'address' | 'country' | 'leadSource' | 'rating' | 'department';
type Facts = Partial<Record<Fact, string>>;

/** The facts a record's fields give: by key where Pipedrive has a default field, then by English label. */
const FACTS: readonly (readonly [Fact, Key | null, readonly string[]])[] = [
  ['industry', null, ['Industry']],
  ['employees', null, ['Number of employees', 'Employees', 'Employee count']],
  ['revenue', null, ['Annual revenue']],
  ['address', 'addressField', ['Postal address', 'Address']],
  ['country', null, ['Country']],
  ['leadSource', null, ['Lead source', 'Source']],
  ['rating', 'labelsField', ['Labels', 'Label']],
  ['department', null, ['Department']],
];
/** What the person's organisation may give when the person's own fields lack it. */
const ACCOUNT_FACTS: readonly Fact[] = ['industry', 'employees', 'revenue', 'address', 'country'];

type ContactObject = 'person' | 'organization';

const RECORD_PATH = /^\/(person|organization)\/(\d+)\/?$/;
const OTHER_RECORD_PATH = /^\/(?:deal|product|project)\/\d+\/?$/;
const LIST_PATH = /^\/(?:persons|organizations)(?:\/list(?:\/[^/]+)*)?\/?$/;

/** Where a URL points, from the path alone. */
export function parsePipedriveUrl(location: Pick<Location, 'pathname'>): { object?: ContactObject; recordId?: string; view: string } {
  const { pathname } = location;
  if (LIST_PATH.test(pathname)) return { view: 'list' };
  const match = RECORD_PATH.exec(pathname);
  if (match?.[1] && match[2]) return { object: match[1] as ContactObject, recordId: match[2], view: match[1] };
  return { view: OTHER_RECORD_PATH.test(pathname) ? 'record' : 'other' };
}

export const pipedriveAdapter: HostAdapter = {
  ...hostOf('pipedrive'),
  selectors,
  detect(document, location): Detection {
    const { object, recordId, view } = parsePipedriveUrl(location);
    if (!object || !recordId) return { kind: 'none', view };

    const active = queryFirstVisible(document, selectors.activeView);
    if (!active) return { kind: 'unreadable', view, failed: 'activeView' };
    const detail = queryFirst(active, selectors.detailView);
    if (!detail) return { kind: 'unreadable', view, failed: 'detailView' };
    // The name: the header's title, else the editable name field (the record's own), else the document title.
    const heading = queryFirst(detail, selectors.recordName, (element) => Boolean(valueText(element)));
    const header = heading?.parentElement ?? null;
    const name =
      valueText(heading) ??
      readFirst(detail, selectors.nameField, (element) => (isOwn(element, detail, header) ? valueText(element) : undefined)) ??
      titleName(document);
    if (!name) return { kind: 'unreadable', view, failed: 'recordName' };
    const fields = queryFirst(detail, selectors.fieldsList, (list) => isOwn(list, detail, header));
    if (!fields) return { kind: 'unreadable', view, failed: 'fieldsList' };
    const facts = readFacts(fields);

    const contact: PageContact = {
      source: 'pipedrive',
      recordUrl: `${location.origin}/${object}/${recordId}`,
      custom: { object, recordId },
    };
    if (object === 'organization') {
      // An organisation has no email or phone of its own: the ones on its page are its people's.
      contact.company = name;
    } else {
      contact.name = name;
      contact.email = readFirst(fields, selectors.emailField, emailIn);
      contact.phone = readFirst(fields, selectors.phoneField, phoneIn);
      contact.company = readFirst(fields, selectors.organizationField, organizationIn);
      contact.title = readFirst(fields, selectors.jobTitleField, valueText);
      // Only what the person's own fields lack, from their organisation's block.
      const account = organizationFields(detail, fields, header);
      const theirs = account ? readFacts(account) : {};
      const fromAccount = ACCOUNT_FACTS.filter((fact) => !facts[fact] && theirs[fact]);
      for (const fact of fromAccount) facts[fact] = theirs[fact];
      if (fromAccount.length) contact.fromAccount = fromAccount;
    }
    Object.assign(contact, facts);
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchViews(document, window, onChange);
  },
};

/**
 * The record's own fields come before any link to another record (links in the header and in the
 * list itself, such as the person's organisation field, do not count): the linked organisation's
 * block, an organisation's people and a deal's participants all start with one. An element in a
 * fields list is the record's own when its list is.
 */
function isOwn(element: Element, detail: Element, header: Element | null): boolean {
  const list = element.closest(selectors.fieldsList.selectors.join(',')) ?? element;
  for (const link of relatedLinks(detail)) {
    if (list.contains(link) || header?.contains(link)) continue;
    return before(list, link);
  }
  return true;
}

const relatedLinks = (root: Element) => root.querySelectorAll(selectors.relatedLink.selectors.join(','));
/** Does `a` come before `b` in the document (or contain it)? */
const before = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & 4 /* DOCUMENT_POSITION_FOLLOWING */);

/** The name in the document title, "Elif Kaya - Pipedrive" or "Elif Kaya - contact details" (a "(3) " count in front). */
function titleName(document: Document): string | undefined {
  const title = valueText(queryFirst(document, selectors.documentTitle));
  return folded(/^(?:\(\d+\)\s*)?(.+?)(?:\s+[-–|]\s+(?:Pipedrive|(?:contact|person|organi[sz]ation) details))+$/i.exec(title ?? '')?.[1]);
}

/** The facts of one fields list: by a default field's key, else by the English label of the cell before a value. */
function readFacts(list: Element): Facts {
  const facts: Facts = {};
  for (const [fact, key, labels] of FACTS) {
    const wanted = labels.map((label) => label.toLowerCase());
    facts[fact] =
      (key ? readFirst(list, selectors[key], valueText) : undefined) ??
      readFirst(list, selectors.fieldValue, (field) =>
        wanted.includes(folded(field.previousElementSibling?.textContent)?.toLowerCase() ?? '') ? valueText(field) : undefined,
      );
  }
  return facts;
}

/**
 * The person's organisation's fields: the first fields list after the link to the organisation their
 * own Organization field names, with no other record's link between (a deal's block is not theirs).
 */
function organizationFields(detail: Element, own: Element, header: Element | null): Element | null {
  const field = queryFirst(own, selectors.organizationField);
  const href = (field?.matches('a') ? field : field?.querySelector('a[href*="/organization/"]'))?.getAttribute('href');
  if (!href) return null;
  const links = [...relatedLinks(detail)].filter((link) => !own.contains(link) && !header?.contains(link));
  const at = links.findIndex((link) => link.getAttribute('href') === href);
  const [start, next] = [links[at], links[at + 1]];
  if (!start) return null;
  return queryFirst(detail, selectors.fieldsList, (list) => before(start, list) && (!next || before(list, next)));
}

function emailIn(field: Element): string | undefined {
  const link = field.matches('a[href^="mailto:"]') ? field : field.querySelector('a[href^="mailto:"]');
  // The mailto: link's address, else the address shown (a malformed href is no address).
  return fromMailto(link?.getAttribute('href')) ?? asEmail(valueText(link ?? field));
}

/** The first number shown: a call button's text, else a call link's text (Pipedrive keeps the dialled form in the href). */
function phoneIn(field: Element): string | undefined {
  const holder = matchesSpec(field, selectors.phoneValue) ? field : queryFirst(field, selectors.phoneValue, (element) => Boolean(valueText(element)));
  return asPhone(valueText(holder ?? field));
}

function organizationIn(field: Element): string | undefined {
  const link = field.matches('a[href*="/organization/"]') ? field : field.querySelector('a[href*="/organization/"]');
  return valueText(link ?? field);
}

/** Visible text of an element without its value labels ("(Work)"), whitespace folded; "+ Add", "—", "None" mean empty. */
function valueText(element: Element | null | undefined): string | undefined {
  return folded(composedText(element, selectors.valueRemark.selectors.join(',')), /^(?:\+\s*Add\b.*|[-–—]+|none|enter a value.*)$/i);
}

/**
 * Pipedrive navigates with pushState, which fires no event: a new view container is added next to
 * the others, or a cached one is shown again by changing its inline style. So one MutationObserver
 * watches the views' parent (children and text anywhere below it, and `style`/`class`/`hidden` on the
 * views themselves), plus popstate and hashchange. Until a view exists (the app is still loading) the
 * body is watched only to find one; nothing fires for mutations elsewhere (the top bar, menus).
 */
function watchViews(document: Document, window: Window, onChange: () => void): () => void {
  const isView = (node: Node) => node.nodeType === 1 && matchesSpec(node as Element, selectors.activeView);
  return watchReplacedRoot(document, window, () => queryFirst(document, selectors.activeView)?.parentElement ?? null, onChange, {
    init: { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] },
    counts: (records) => records.some((record) => record.type !== 'attributes' || isView(record.target)),
  });
}
