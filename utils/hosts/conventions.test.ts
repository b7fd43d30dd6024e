// @vitest-environment happy-dom
/**
 * The convention test of every host adapter (DESIGN.md rule 6: host selectors are data with
 * proof), one test for all of them, from the one host list (./list.ts):
 * - the host is in the model's HostId, and its adapter in utils/hosts/<id>.ts has its id, name and
 *   match patterns, which are the registry's;
 * - a built-in host has a content script entrypoints/<id>.content.ts whose matches are the registry's;
 * - every selector spec is dated, names saved pages that exist, and each of its selectors (today's
 *   and every fallback) matches on one of them, in the light DOM or an open shadow root;
 * - every saved page in tests/fixtures/<id>/ proves some spec and says where it comes from, and a
 *   built-in host's page names the URL it is served at, where the host's content script runs.
 * Each adapter's own test keeps its detections on those pages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { HostId } from '../model';
import { hosts, type HostKey } from './list';
import { builtInHostMatches, hostNames, matchesPattern } from './registry';
import { FIXTURES, fixtureHtml, fixturePage } from './testing';
import { openTrees } from './toolkit/dom';
import type { Detection, HostAdapter, PageContact } from './types';

const adapterFiles = import.meta.glob<Record<string, unknown>>('./*.ts');
const entrypointFiles = import.meta.glob<{ default: { matches?: string[]; registration?: string } }>('../../entrypoints/*.content.ts');
const ENTRYPOINTS = join(import.meta.dirname, '../../entrypoints');

/** The adapter a host's file exports: the export with that host's id and a `detect`. */
async function adapterOf(id: HostKey): Promise<HostAdapter | undefined> {
  const exports = await adapterFiles[`./${id}.ts`]?.();
  return Object.values(exports ?? {}).find(
    (value): value is HostAdapter => typeof (value as HostAdapter | null)?.detect === 'function' && (value as HostAdapter).id === id,
  );
}

const adapters = new Map(await Promise.all(hosts.map(async (host) => [host.id, await adapterOf(host.id)] as const)));
const adapter = (id: HostKey): HostAdapter => {
  const found = adapters.get(id);
  if (!found) throw new Error(`utils/hosts/${id}.ts exports no adapter with id ${id}`);
  return found;
};
const htmlFiles = (id: HostKey) => (existsSync(join(FIXTURES, id)) ? readdirSync(join(FIXTURES, id)).filter((file) => file.endsWith('.html')) : []);

/** What the first comment of each host's saved pages says about where the page comes from. */
const PROVENANCE: Partial<Record<HostKey, RegExp>> = {
  gmail: /Rebuilt, not captured/,
  salesforce: /REBUILT BY HAND[\s\S]*Sources/,
  hubspot: /REBUILT BY HAND[\s\S]*Sources/,
  pipedrive: /REBUILT BY HAND[\s\S]*Sources/,
  zoho: /REBUILT BY HAND[\s\S]*Sources/,
  dynamics: /REBUILT BY HAND[\s\S]*Sources/,
  apptivo: /REBUILT BY HAND[\s\S]*Sources/,
  generic: /Tandem test fixture/,
};

it('every PageContact source is a HostId', () => {
  expectTypeOf<PageContact['source']>().toEqualTypeOf<HostId>();
  expect([...HostId.options]).toEqual(hosts.map((host) => host.id));
});

it('every content script is a host in the list', () => {
  const scripts = readdirSync(ENTRYPOINTS).filter((file) => file.endsWith('.content.ts'));
  expect(scripts.map((file) => file.replace(/\.content\.ts$/, '')).sort()).toEqual(hosts.map((host) => host.id).sort());
});

describe.each(hosts.map((host) => [host.id, host] as const))('%s', (id, host) => {
  const specs = () => Object.entries(adapter(id).selectors);

  it('has an adapter with its id, name and match patterns, the registry’s', () => {
    expect(HostId.options).toContain(id);
    expect(adapter(id).id).toBe(id);
    expect(adapter(id).name).toBe(hostNames[id]);
    expect([...adapter(id).matches]).toEqual([...(builtInHostMatches[id] ?? [])]);
    expect(builtInHostMatches[id] ?? []).toEqual(host.matches);
  });

  it('has a content script whose matches come from the registry', async () => {
    const script = (await entrypointFiles[`../../entrypoints/${id}.content.ts`]?.())?.default;
    expect(script, `entrypoints/${id}.content.ts`).toBeDefined();
    if (host.matches.length) expect(script?.matches).toEqual(builtInHostMatches[id]);
    else expect(script).toMatchObject({ matches: [], registration: 'runtime' });
    // Derived, not written again: no match pattern in the entrypoint's source.
    expect(readFileSync(join(ENTRYPOINTS, `${id}.content.ts`), 'utf8')).not.toMatch(/:\/\//);
  });

  it.each(specs())('selector %s is dated, named in at most 80 characters, and names saved pages of this host that exist', (_key, spec) => {
    expect(spec.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(spec.verified))).toBe(false);
    // `failed` in an unreadable detection is a spec's name or key (the model takes 80 characters).
    expect(spec.name.length).toBeGreaterThan(0);
    expect(spec.name.length).toBeLessThanOrEqual(80);
    expect(spec.selectors.length).toBeGreaterThan(0);
    expect(spec.fixtures.length).toBeGreaterThan(0);
    for (const file of spec.fixtures) {
      expect(file.startsWith(`${id}/`), file).toBe(true);
      expect(existsSync(join(FIXTURES, file)), file).toBe(true);
    }
  });

  it.each(specs())('selector %s: today’s selector and every fallback match on a saved page it names', (_key, spec) => {
    const trees = spec.fixtures.filter((file) => existsSync(join(FIXTURES, file))).flatMap((file) => openTrees(fixturePage(file)));
    for (const selector of spec.selectors) expect(trees.some((tree) => tree.querySelector(selector)), selector).toBe(true);
  });

  it.each(htmlFiles(id))('saved page %s proves some selector and says where it comes from', (file) => {
    const named = new Set(Object.values(adapter(id).selectors).flatMap((spec) => spec.fixtures));
    expect(named.has(`${id}/${file}`), file).toBe(true);
    const text = fixtureHtml(`${id}/${file}`);
    expect(text.startsWith('<!--')).toBe(true);
    expect(text.slice(0, text.indexOf('-->'))).toMatch(PROVENANCE[id] ?? /./);
    if (host.matches.length) {
      // A built-in host's pages are rebuilt from real ones: a realistic size.
      const size = statSync(join(FIXTURES, id, file)).size;
      expect(size).toBeGreaterThan(5_000);
      expect(size).toBeLessThan(40_000);
    }
  });

  // Built-in hosts only: the generic adapter's pages are served on hosts a person adds.
  if (host.matches.length) {
    it('every saved page is served at a URL where this host’s content script runs', () => {
      for (const file of htmlFiles(id)) {
        const comment = fixtureHtml(`${id}/${file}`).split('-->')[0] ?? '';
        // "Meant to be served at https://…", "Served in e2e tests at https://…"
        const url = /served\b[\s\S]*?\b(https?:\/\/[^\s"'<>)]+)/i.exec(comment)?.[1];
        expect(url, `${file} names no URL it is served at`).toBeDefined();
        expect(host.matches.some((pattern) => matchesPattern(url ?? '', pattern)), `${file}: ${url}`).toBe(true);
      }
    });
  }
});

// One malformed mailto: link used to throw out of decodeURIComponent, and the runtime then
// reported the whole page unreadable. The contact's own email link, made malformed:
const MAILTO_PAGES: Partial<Record<HostKey, [origin: string, paths: Record<string, string>]>> = {
  salesforce: ['https://acme.lightning.force.com', { 'lead.html': '/lightning/r/Lead/00Q5e00000AbCdEEAV/view', 'contact.html': '/lightning/r/Contact/0035e00000FgHiJAAV/view' }],
  zoho: ['https://crm.zoho.com', { 'lead.html': '/crm/org60012345678/tab/Leads/5725767000001234567', 'contact-2.html': '/crm/tab/Contacts/5725767000003456789' }],
  apptivo: ['https://app.apptivo.com', { 'customer.html': '/app/customers.jsp#/view/71234509/overview', 'lead.html': '/app/leads.jsp#/view/90518834/overview' }],
  pipedrive: ['https://tandem-demo.pipedrive.com', { 'person.html': '/person/1042' }],
};

describe('a malformed mailto: link', () => {
  const pages = Object.entries(MAILTO_PAGES).flatMap(([id, [origin, paths]]) => Object.entries(paths).map(([file, path]) => [id as HostKey, file, origin + path] as const));
  it.each(pages)('%s %s: still the contact, not unreadable', (id, file, url) => {
    const at = new URL(url) as unknown as Location;
    const clean = adapter(id).detect(fixturePage(`${id}/${file}`), at);
    const email = clean.kind === 'contact' ? clean.contact.email : undefined;
    expect(email).toBeDefined();

    const page = fixturePage(`${id}/${file}`);
    const links = openTrees(page).flatMap((tree) => [...tree.querySelectorAll(`a[href="mailto:${email}"]`)]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) link.setAttribute('href', 'mailto:%E0%A4%A');
    let found: Detection | undefined;
    expect(() => (found = adapter(id).detect(page, at))).not.toThrow();
    expect(found?.kind).toBe('contact');
    // Everything else is read as before; the address comes from the link's text, or is left out.
    const rest = (detection: Detection | undefined) => (detection?.kind === 'contact' ? { ...detection.contact, email: undefined } : detection);
    expect(rest(found)).toEqual(rest(clean));
    expect([email, undefined]).toContain(found?.kind === 'contact' ? found.contact.email : 'none');
  });
});
