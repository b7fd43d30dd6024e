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
  // The header block is `.infoBlock` (ringcentral, above); clockify and TimeCamp read a record's title
  // from `.descriptionHead h1` (deals).
  recordName: spec("record's name in the detail view header", ['.infoBlock h1', '.descriptionHead h1'], [...RECORDS, UNREADABLE]),
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
} satisfies Record<string, SelectorSpec>;

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
    const heading = queryFirst(detail, selectors.recordName, (element) => Boolean(valueText(element)));
    const name = valueText(heading);
    if (!heading || !name) return { kind: 'unreadable', view, failed: 'recordName' };
    const fields = queryFirst(detail, selectors.fieldsList, (list) => isOwn(list, detail, heading.parentElement));
    if (!fields) return { kind: 'unreadable', view, failed: 'fieldsList' };

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
    }
    return { kind: 'contact', view, contact: withoutEmpty(contact) };
  },
  watch(document, window, onChange) {
    return watchViews(document, window, onChange);
  },
};

/**
 * The record's own fields come before any link to another record (links in the header and in the
 * list itself, such as the person's organisation field, do not count): the linked organisation's
 * block, an organisation's people and a deal's participants all start with one.
 */
function isOwn(list: Element, detail: Element, header: Element | null): boolean {
  for (const link of detail.querySelectorAll(selectors.relatedLink.selectors.join(','))) {
    if (list.contains(link) || header?.contains(link)) continue;
    return Boolean(link.compareDocumentPosition(list) & 2 /* DOCUMENT_POSITION_PRECEDING */);
  }
  return true;
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

/** Visible text of an element without its value labels ("(Work)"), whitespace folded; "+ Add" and "—" mean empty. */
function valueText(element: Element | null | undefined): string | undefined {
  return folded(composedText(element, selectors.valueRemark.selectors.join(',')), /^(?:\+\s*Add\b.*|[-–—]+)$/i);
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
