/**
 * For the adapters' tests only (it reads files with node:fs): the saved pages in tests/fixtures/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Paths, not file: URLs: under happy-dom, URL is the page's, which node:fs does not take.
export const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');

/** A saved page's markup, by its path under tests/fixtures/ ("salesforce/lead.html"). */
export function fixtureHtml(file: string): string {
  return readFileSync(join(FIXTURES, file), 'utf8');
}

/**
 * happy-dom does not parse declarative shadow roots, which browsers do: attach them the way
 * the HTML parser would, so a page has the open shadow roots it has in a browser.
 */
export function attachDeclarativeShadowRoots(root: ParentNode): void {
  for (const template of root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]')) {
    const host = template.parentElement;
    if (!host) continue;
    const shadow = host.attachShadow({ mode: template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open' });
    shadow.append(template.content);
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

/** A saved page as a browser has it: parsed, with its declarative shadow roots attached unless `attachShadows` is false. */
export function fixturePage(file: string, { attachShadows = true } = {}): Document {
  const document = new DOMParser().parseFromString(fixtureHtml(file), 'text/html');
  if (attachShadows) attachDeclarativeShadowRoots(document);
  return document;
}
