/**
 * DOM helpers every host adapter uses: selector specs (data with their proof, DESIGN.md rule 6),
 * queries that try a spec's selectors in order, visibility, text, and open shadow roots.
 * Content-script code: small, no dependencies.
 */
import type { SelectorSpec } from '../types';
import { folded } from './values';

/**
 * The `spec()` of one host's adapter: every spec it makes is dated `verified` (YYYY-MM-DD) and
 * names its saved pages by file name in tests/fixtures/<host>/.
 */
export function specMaker(host: string, verified: string) {
  return (name: string, selectors: readonly string[], fixtures: readonly string[]): SelectorSpec => ({
    name,
    selectors,
    verified,
    fixtures: fixtures.map((file) => `${host}/${file}`),
  });
}

/** Does `element` match one of a spec's selectors? */
export function matchesSpec(element: Element, spec: SelectorSpec): boolean {
  return spec.selectors.some((selector) => element.matches(selector));
}

/**
 * The first element a spec's selectors find under `root` (or under any of several roots, such as
 * a page and its shadow roots) that `accept` takes, trying the selectors in order.
 */
export function queryFirst<E extends Element = Element>(
  root: ParentNode | readonly ParentNode[],
  spec: SelectorSpec,
  accept: (element: E) => boolean = () => true,
): E | null {
  const roots = Array.isArray(root) ? (root as readonly ParentNode[]) : [root as ParentNode];
  for (const selector of spec.selectors) {
    for (const tree of roots) for (const element of tree.querySelectorAll<E>(selector)) if (accept(element)) return element;
  }
  return null;
}

/** Every element the first matching selector of a spec finds under `root`. */
export function queryAll<E extends Element = Element>(root: ParentNode, spec: SelectorSpec): E[] {
  for (const selector of spec.selectors) {
    const found = root.querySelectorAll<E>(selector);
    if (found.length) return [...found];
  }
  return [];
}

/**
 * The first non-empty value `read` gives for an element a spec's selectors find (selectors in
 * order, then document order): a field shown but empty is skipped for the next one.
 */
export function readFirst(
  root: ParentNode | readonly ParentNode[],
  spec: SelectorSpec,
  read: (element: Element) => string | undefined,
): string | undefined {
  let found: string | undefined;
  queryFirst(root, spec, (element) => Boolean((found = read(element))));
  return found;
}

/** The parent of a node in the composed tree: a shadow root's parent is its host. */
export function composedParent(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  return parent && 'host' in parent ? (parent as ShadowRoot).host : null;
}

/** The nearest of `element` and its composed ancestors (through shadow roots) that matches `selector`. */
export function closestComposed(element: Element, selector: string): Element | null {
  for (let node: Element | null = element; node; node = composedParent(node)) if (node.matches(selector)) return node;
  return null;
}

/**
 * Hidden by the page itself: `hidden`, an inline `display: none` or (unless `byAria` is false)
 * `aria-hidden="true"`, on it or a composed ancestor.
 */
export function isHidden(element: Element, byAria = true): boolean {
  for (let node: Element | null = element; node; node = composedParent(node)) {
    if (node.hasAttribute('hidden') || (byAria && node.getAttribute('aria-hidden') === 'true')) return true;
    if ((node as HTMLElement).style?.display === 'none') return true;
  }
  return false;
}

/** The first element `spec` matches (selectors in order) that the page does not hide. */
export function queryFirstVisible<E extends Element = Element>(root: ParentNode, spec: SelectorSpec, byAria = true): E | null {
  return queryFirst<E>(root, spec, (element) => !isHidden(element, byAria));
}

/** Visible text of an element, whitespace folded; nothing when empty or when it is the host's `empty` placeholder. */
export function textOf(element: Element | null | undefined, empty?: RegExp): string | undefined {
  return folded(element?.textContent, empty);
}

/** `root` and every open shadow root under it: one query per tree finds what the page renders. */
export function openTrees(root: ParentNode): ParentNode[] {
  const trees: ParentNode[] = [root];
  for (let i = 0; i < trees.length; i++) {
    const tree = trees[i] as ParentNode;
    const own = i === 0 && 'shadowRoot' in tree ? (tree as Element).shadowRoot : null;
    if (own) trees.push(own);
    for (const child of tree.querySelectorAll('*')) if (child.shadowRoot) trees.push(child.shadowRoot);
  }
  return trees;
}

/**
 * The text a person sees in `node`, whitespace folded, through open shadow roots (a slot shows
 * what is assigned to it, else its fallback), without scripts, styles, templates and what `skip`
 * matches (assistive text, a status after a name).
 */
export function composedText(node: Node | null | undefined, skip?: string): string | undefined {
  return node ? folded(collect(node, skip)) : undefined;
}

function collect(node: Node, skip: string | undefined): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1 && node.nodeType !== 11) return '';
  if (node.nodeType === 1) {
    const element = node as Element;
    if (/^(SCRIPT|STYLE|TEMPLATE)$/.test(element.tagName) || (skip && element.matches(skip))) return '';
    if (element.tagName === 'SLOT' && 'host' in element.getRootNode()) return slotted(element, skip);
    if (element.shadowRoot) return collect(element.shadowRoot, skip);
  }
  let text = '';
  for (const child of node.childNodes) text += collect(child, skip);
  return text;
}

/** What a slot of an open shadow root shows: the host's children assigned to it, else its own fallback. */
function slotted(slot: Element, skip: string | undefined): string {
  const host = (slot.getRootNode() as ShadowRoot).host;
  const name = slot.getAttribute('name') ?? '';
  const assigned = [...host.childNodes].filter((child) =>
    child.nodeType === 1 ? ((child as Element).getAttribute('slot') ?? '') === name : name === '' && child.nodeType === 3,
  );
  const nodes = assigned.some((child) => child.nodeType === 1 || child.nodeValue?.trim()) ? assigned : [...slot.childNodes];
  return nodes.map((child) => collect(child, skip)).join('');
}

/** The most of a signature a content script sends; parsing it is the background's job. */
export const SIGNATURE_CHARS = 1000;

const BLOCK = /^(DIV|P|LI|TR|TABLE|UL|OL|H[1-6]|PRE|ADDRESS)$/;

/**
 * The text of `root` with its line breaks, as a person sees them: a block element starts and
 * ends a line once, a <br> breaks one (alone, it makes a blank line). Elements matching `skip`
 * (quoted older messages) and scripts are left out.
 */
export function textLines(root: Element, skip?: string): string {
  let text = '';
  const endLine = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.tagName === 'BR') text += '\n';
    if ((skip && element.matches(skip)) || /^(SCRIPT|STYLE|TEMPLATE)$/.test(element.tagName)) return;
    const block = BLOCK.test(element.tagName);
    if (block) endLine();
    for (const child of element.childNodes) walk(child);
    if (block) endLine();
  };
  walk(root);
  return text;
}
