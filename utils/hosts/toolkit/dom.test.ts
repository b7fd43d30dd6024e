// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { attachDeclarativeShadowRoots } from '../testing';
import {
  closestComposed,
  composedText,
  isHidden,
  openTrees,
  queryAll,
  queryFirst,
  queryFirstVisible,
  readFirst,
  specMaker,
  textOf,
} from './dom';

const page = (markup: string) => {
  const document = new DOMParser().parseFromString(`<!doctype html><body>${markup}</body>`, 'text/html');
  attachDeclarativeShadowRoots(document);
  return document;
};
const spec = specMaker('salesforce', '2026-11-27');

describe('specMaker', () => {
  it('dates every spec and names its saved pages under the host', () => {
    expect(spec('Email field', ['a', 'b'], ['lead.html', 'contact.html'])).toEqual({
      name: 'Email field',
      selectors: ['a', 'b'],
      verified: '2026-11-27',
      fixtures: ['salesforce/lead.html', 'salesforce/contact.html'],
    });
  });
});

describe('composedText: the text a person sees, through open shadow roots', () => {
  it('reads inside an open shadow root, slotted children in the slot’s place', () => {
    const document = page(`
      <records-field id="field">
        <template shadowrootmode="open"><span>Email:</span> <slot name="value">none</slot> <slot></slot></template>
        <a slot="value" href="mailto:dana@northwind.example">dana@northwind.example</a>
        (work)
      </records-field>`);
    const field = document.getElementById('field');
    expect(field?.shadowRoot).toBeTruthy();
    expect(composedText(field)).toBe('Email: dana@northwind.example (work)');
    // Light DOM text alone would miss the label the shadow root renders.
    expect(textOf(field)).toBe('dana@northwind.example (work)');
  });

  it('shows a slot’s fallback when nothing is assigned to it', () => {
    const document = page(`<x-name id="name"><template shadowrootmode="open"><slot name="first">Unknown</slot></template></x-name>`);
    expect(composedText(document.getElementById('name'))).toBe('Unknown');
  });

  it('reads nested shadow roots', () => {
    const document = page(`
      <x-outer id="outer"><template shadowrootmode="open">
        <x-inner><template shadowrootmode="open"><b>Brightwave</b> <slot></slot></template>Health</x-inner>
      </template></x-outer>`);
    expect(composedText(document.getElementById('outer'))).toBe('Brightwave Health');
  });

  it('leaves out scripts, styles, templates and what `skip` matches', () => {
    const document = page(`
      <h1 id="title">Priya Nair <span class="status">- Saved</span><script>x()</script><style>h1{}</style>
        <template><i>hidden</i></template><span class="slds-assistive-text">Open Preview</span></h1>`);
    expect(composedText(document.getElementById('title'), '.status, .slds-assistive-text')).toBe('Priya Nair');
  });

  it('does not read a closed shadow root, and says nothing for empty or missing nodes', () => {
    const document = page(`<x-secret id="secret"><template shadowrootmode="closed"><b>hidden</b></template></x-secret><p id="empty">  </p>`);
    expect(composedText(document.getElementById('secret'))).toBeUndefined();
    expect(composedText(document.getElementById('empty'))).toBeUndefined();
    expect(composedText(null)).toBeUndefined();
  });
});

describe('open shadow roots', () => {
  const document = page(`
    <div id="view" class="active">
      <x-card><template shadowrootmode="open">
        <div data-field="email"><a href="mailto:dana@northwind.example">dana@northwind.example</a></div>
      </template></x-card>
      <div data-field="phone">(415) 555-0142</div>
    </div>`);
  const view = document.getElementById('view') as Element;

  it('openTrees finds the root and every open shadow root under it', () => {
    const trees = openTrees(view);
    expect(trees).toHaveLength(2);
    expect(view.querySelector('[data-field="email"]')).toBeNull();
    expect(queryFirst(trees, spec('email', ['[data-field="email"]'], []))).not.toBeNull();
  });

  it('closestComposed and isHidden go up through the shadow host', () => {
    const link = queryFirst(openTrees(view), spec('link', ['a'], [])) as Element;
    expect(closestComposed(link, '#view')).toBe(view);
    expect(isHidden(link)).toBe(false);
    view.setAttribute('aria-hidden', 'true');
    expect(isHidden(link)).toBe(true);
    expect(isHidden(link, false)).toBe(false);
    view.removeAttribute('aria-hidden');
  });
});

describe('queries by spec', () => {
  const document = page(`
    <div class="a" hidden>hidden A</div><div class="a">A</div><div class="b">B1</div><div class="b"> </div><div class="b">B2</div>`);
  const both = spec('a or b', ['.b', '.a'], []);

  it('try the selectors in order', () => {
    expect(textOf(queryFirst(document, both))).toBe('B1');
    expect(queryAll(document, both).map((element) => element.textContent)).toEqual(['B1', ' ', 'B2']);
    expect(queryAll(document, spec('none', ['.c'], []))).toEqual([]);
  });

  it('skip what the page hides, or what `accept` refuses', () => {
    expect(textOf(queryFirstVisible(document, spec('a', ['.a'], [])))).toBe('A');
    expect(textOf(queryFirst(document, both, (element) => element.textContent === 'B2'))).toBe('B2');
    expect(readFirst(document, spec('b', ['.b'], []), (element) => textOf(element, /^B1$/))).toBe('B2');
    expect(readFirst(document, spec('c', ['.c'], []), textOf)).toBeUndefined();
  });
});
