import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export const fixture = (path: string) => readFileSync(`tests/fixtures/${path}`, 'utf8');

/** Content-Security-Policy headers like the hosts' own (strict, nonce-based, Trusted Types). */
export const hostCsp = {
  gmail:
    "script-src 'nonce-tandemtest' 'strict-dynamic' 'report-sample'; object-src 'none'; base-uri 'self'; require-trusted-types-for 'script'; frame-ancestors 'self'",
  salesforce:
    "default-src 'self'; script-src 'self' 'nonce-tandemtest'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; object-src 'none'",
} as const;

/**
 * Serves saved pages at a host's real URLs: `pages` maps a URL path to a fixture file.
 * `replace` swaps text in every page (another person in the same saved markup).
 */
export async function routeHost(context: BrowserContext, origin: string, pages: Record<string, string>, csp: string, inject = '', replace: Record<string, string> = {}) {
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = pages[path];
    if (!file) return route.fulfill({ status: 404, body: 'not in the fixture set' });
    let html = fixture(file).replace('</body>', `${inject}</body>`);
    for (const [from, to] of Object.entries(replace)) html = html.split(from).join(to);
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': csp }, body: html });
  });
}

/**
 * Single-page navigation as the host does it, without a load: Gmail replaces its views and
 * changes the hash; Lightning swaps the record inside its view container and calls
 * pushState. `within` names the element whose content is replaced (default: the body).
 * HTML goes through a Trusted Types policy (the Gmail-like CSP requires one) and
 * setHTMLUnsafe, which keeps declarative shadow roots.
 */
export async function navigateInPage(page: Page, file: string, url: { hash?: string; path?: string }, within = 'body') {
  await page.evaluate(
    ([source, selector, hash, path]) => {
      const tt = (window as unknown as { trustedTypes?: { createPolicy(n: string, p: object): { createHTML(s: string): string } } }).trustedTypes;
      const policy = tt?.createPolicy(`nav${Math.random()}`, { createHTML: (s: string) => s });
      const html = (s: string) => (policy ? policy.createHTML(s) : s);
      const next = Document.parseHTMLUnsafe(html(source) as string);
      const target = document.querySelector(selector)!;
      const replacement = next.querySelector(selector)!;
      (target as unknown as { setHTMLUnsafe(h: string): void }).setHTMLUnsafe(html(replacement.getHTML({ serializableShadowRoots: true })) as string);
      if (path) history.pushState({}, '', path);
      if (hash) location.hash = hash;
    },
    [fixture(file), within, url.hash ?? '', url.path ?? ''] as const,
  );
}

export const sidebarFrame = (page: Page) => page.frameLocator('iframe[title="Tandem"]');
