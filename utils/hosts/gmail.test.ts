// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://mail.google.com/mail/u/0/"}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gmailAdapter, gmailSelectors } from './gmail';
import type { Detection } from './types';

// Not new URL(…, import.meta.url): under happy-dom, URL is the page's.
const FIXTURES = join(import.meta.dirname, '../../tests/fixtures/');
const BASE = 'https://mail.google.com/mail/u/0/';
const FILES = ['inbox.html', 'thread.html', 'thread-2.html', 'thread-sent.html', 'compose.html', 'thread-unreadable.html'];

const THREAD = '#inbox/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB';
const THREAD_2 = '#label/Prospects/FMfcgzQXKbHcWnLsDqTrVmPjZgYxNfRc';
const SENT = '#sent/FMfcgzQXLmNpQrStUvWxYzAbCdEfGhJk';
const UNREADABLE = '#inbox/FMfcgzQXMqRsTuVwXyZaBcDeFgHiJkLm';
const COMPOSE = '#inbox?compose=CllgCJqSkDWxQnmvBcGrFhTpLdKzXw';
const MAYA = 'maya.okafor@brightline.example';
const HASHES: Record<string, string> = {
  'inbox.html': '#inbox',
  'thread.html': THREAD,
  'thread-2.html': THREAD_2,
  'thread-sent.html': SENT,
  'compose.html': COMPOSE,
  'thread-unreadable.html': UNREADABLE,
};

const source = (file: string) => readFileSync(FIXTURES + file, 'utf8');
const parse = (file: string) => new DOMParser().parseFromString(source(file), 'text/html');

/** Puts a saved page in the test's document, at `hash` under Gmail's URL. */
function load(file: string, hash: string): void {
  const saved = parse(`gmail/${file}`);
  document.documentElement.remove();
  document.appendChild(document.importNode(saved.documentElement, true));
  history.replaceState(null, '', BASE + hash);
}

const detect = () => gmailAdapter.detect(document, location);
const $ = <E extends Element = HTMLElement>(selector: string, root: ParentNode = document) => {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`fixture has no ${selector}`);
  return found;
};

const thread = (email: string, name: string, threadId: string, subject: string, signature?: string): Detection => ({
  kind: 'contact',
  view: 'thread',
  contact: { source: 'gmail', email, name, ...(signature ? { signature } : {}), custom: { threadId, subject } },
});
// Erik's newest message: its last two paragraphs, not Sam's introduction quoted below it.
const ERIK_SIGNATURE =
  'Maya, happy to set up a call next week. We run 14 cold-storage sites and are looking at route planning for spring. Tuesday or Wednesday afternoon works on our side.\n\nErik Halvorsen\nHead of Operations, Halvorsen Foods\n+47 22 33 44 55';
const DANA = thread('dana.whitfield@northwind-logistics.example', 'Dana Whitfield', '19a6f3c2d8e4b017', 'Re: Pilot pricing for the Northwind fleet');
const ERIK = thread('erik@halvorsen-foods.example', 'Erik Halvorsen', '19a6d07e45f1a2b3', 'Intro: Brightline x Halvorsen Foods', ERIK_SIGNATURE);
const HANNAH = thread('hannah.kim@orbital-retail.example', 'Hannah Kim', '19a60b7c6d5e4f30', 'Following up: Orbital Retail case study');
const LENA: Detection = { kind: 'contact', view: 'compose', contact: { source: 'gmail', email: 'lena.brandt@kestrel-outdoor.example', name: 'Lena Brandt' } };
const OMAR: Detection = { kind: 'contact', view: 'compose', contact: { source: 'gmail', email: 'omar.haddad@fjordline.example', name: 'Omar Haddad' } };
const LIST: Detection = { kind: 'none', view: 'list' };
const failed = (view: string, spec: keyof typeof gmailSelectors): Detection => ({ kind: 'unreadable', view, failed: gmailSelectors[spec].name });

describe('detect on saved pages', () => {
  it.each<[string, string, Detection]>([
    ['inbox.html', '#inbox', LIST],
    ['inbox.html', '', LIST],
    ['inbox.html', '#inbox/p2', LIST],
    ['inbox.html', '#label/Prospects', LIST],
    ['inbox.html', '#search/from%3Adana', LIST],
    ['inbox.html', '#settings/general', { kind: 'none', view: 'settings' }],
    // A thread URL while the list is still on screen: Gmail is loading the thread.
    ['inbox.html', THREAD, LIST],
    ['thread.html', THREAD, DANA],
    ['thread.html', '#label/Clients%2FNorthwind/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB', DANA],
    ['thread.html', '#search/northwind/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB', DANA],
    ['thread.html', '#all/FMfcgzQXJWDsKmTcZnVbRqLfHgNpSxwB', DANA],
    ['thread.html', `${THREAD}?compose=new`, DANA],
    ['thread-2.html', THREAD_2, ERIK],
    ['thread-sent.html', SENT, HANNAH],
    ['compose.html', COMPOSE, LENA],
    ['thread-unreadable.html', UNREADABLE, failed('thread', 'sender')],
  ])('%s at "%s"', (file, hash, expected) => {
    load(file, hash);
    expect(detect()).toStrictEqual(expected);
  });

  // What each saved page, at its own URL, gives: a contact, or explicitly no contact.
  const AT_HOME: Record<string, Detection> = {
    'inbox.html': LIST,
    'thread.html': DANA,
    'thread-2.html': ERIK,
    'thread-sent.html': HANNAH,
    'compose.html': LENA,
    'thread-unreadable.html': failed('thread', 'sender'),
  };

  it.each(FILES)('%s: never the signed-in rep, never an address only the list shows', (file) => {
    load(file, HASHES[file]!);
    const addresses = (selector: string, ...attributes: string[]) =>
      new Set([...document.querySelectorAll(selector)].flatMap((el) => attributes.map((a) => el.getAttribute(a))).filter((a): a is string => !!a));
    const listOnly = addresses('tr.zA [email]', 'email');
    const onScreen = addresses('[role=listitem] [email], [role=option][data-hovercard-id]', 'email', 'data-hovercard-id');
    // Preconditions: the page does offer the wrong answers (the rep's own address, and addresses
    // in the list kept beside the view), so the checks below could fail.
    expect(document.body.outerHTML).toContain(MAYA);
    expect([...listOnly].filter((a) => !onScreen.has(a)).length).toBeGreaterThan(0);
    const found = detect();
    expect(found).toStrictEqual(AT_HOME[file]);
    const email = found.kind === 'contact' ? found.contact.email : undefined;
    expect(email).not.toBe(MAYA);
    expect([...listOnly].filter((a) => !onScreen.has(a))).not.toContain(email);
  });

  it('passes on the contact’s own signature only: never the rep’s, never a quoted older message', () => {
    // thread.html: Dana's message is collapsed (no body); the newest, expanded one is the rep's, signed.
    load('thread.html', THREAD);
    const found = detect();
    expect(found.kind).toBe('contact');
    expect(found.kind === 'contact' ? found.contact.signature : 'no contact').toBeUndefined();
    expect(document.querySelector('[data-smartmail=gmail_signature]')?.textContent).toContain('Maya Okafor');
    // thread-2.html: Erik's message quotes Sam's introduction; only Erik's own lines are sent.
    load('thread-2.html', THREAD_2);
    const erik = detect();
    const signature = erik.kind === 'contact' ? erik.contact.signature : undefined;
    expect(signature).toContain('Head of Operations, Halvorsen Foods');
    expect(signature).not.toMatch(/Sam Patel|meet Maya|wrote:/);
  });

  it('prefers Gmail’s signature block in the contact’s message, and bounds what it sends', () => {
    load('thread-2.html', THREAD_2);
    const body = $('[role=main] [role=listitem]:last-child div.a3s');
    body.insertAdjacentHTML('afterbegin', `<div>${'A very long line of text. '.repeat(200)}</div>`);
    const block = document.createElement('div');
    block.className = 'gmail_signature';
    block.setAttribute('data-smartmail', 'gmail_signature');
    const inner = document.createElement('div');
    for (const [i, line] of ['Erik Halvorsen', 'Head of Operations', 'Halvorsen Foods AS'].entries()) {
      if (i) inner.append(document.createElement('br'));
      inner.append(line);
    }
    block.append(inner);
    body.append(block);
    const found = detect();
    expect(found.kind === 'contact' && found.contact.signature).toBe('Erik Halvorsen\nHead of Operations\nHalvorsen Foods AS');
    block.remove();
    const long = detect();
    expect((long.kind === 'contact' && long.contact.signature?.length) || 0).toBeLessThanOrEqual(1000);
  });

  it('with the messages gone, says so rather than fall back on the list kept beside the thread', () => {
    load('thread.html', THREAD);
    $('[role=main] [role=list]').replaceChildren();
    expect(detect()).toStrictEqual(failed('thread', 'message'));
  });

  it('says unreadable when a thread URL shows neither a thread nor a list', () => {
    load('thread.html', THREAD);
    $('[role=main] .g.id').remove();
    expect(detect()).toStrictEqual(failed('thread', 'message'));
  });

  it('when every message is from the rep and no recipient can be read, says which selector failed', () => {
    load('thread-sent.html', SENT);
    for (const line of document.querySelectorAll('[role=main] span.hb')) line.remove();
    expect(detect()).toStrictEqual(failed('thread', 'recipient'));
  });

  it('takes the newest sender who is not the rep when several people wrote', () => {
    load('thread.html', THREAD);
    const list = $('[role=main] [role=list]');
    const rui = list.lastElementChild!.cloneNode(true) as Element;
    $('span.gD', rui).setAttribute('email', 'rui.costa@northwind-logistics.example');
    $('span.gD', rui).setAttribute('name', 'Rui Costa');
    list.insertBefore(rui, list.lastElementChild);
    expect(detect()).toMatchObject({ kind: 'contact', contact: { email: 'rui.costa@northwind-logistics.example', name: 'Rui Costa' } });
  });

  it('compares the rep address without case but returns addresses only trimmed', () => {
    load('thread.html', THREAD);
    const [dana, maya] = document.querySelectorAll('[role=main] span.gD');
    maya!.setAttribute('email', MAYA.toUpperCase());
    dana!.setAttribute('email', '  Dana.Whitfield@Northwind-Logistics.example ');
    expect(detect()).toMatchObject({ contact: { email: 'Dana.Whitfield@Northwind-Logistics.example', name: 'Dana Whitfield' } });
  });

  it('ignores a thread Gmail keeps hidden for "back"', () => {
    load('thread-2.html', THREAD_2);
    const cached = parse('gmail/thread.html').querySelector('[role=main]')!;
    const hidden = document.importNode(cached, true) as HTMLElement;
    hidden.removeAttribute('role');
    hidden.style.display = 'none';
    $('div.aeF > div.nH').prepend(hidden);
    expect(detect()).toStrictEqual(ERIK);
  });

  it('back to the list: the thread view hidden, the list on screen again', () => {
    load('thread.html', THREAD);
    const view = $('[role=main]');
    view.removeAttribute('role');
    view.style.display = 'none';
    const list = $('div.bGI');
    list.setAttribute('role', 'main');
    list.parentElement!.style.display = '';
    history.replaceState(null, '', BASE + '#inbox');
    expect(detect()).toStrictEqual(LIST);
  });

  describe('the signed-in rep', () => {
    it('comes from the account button, else from the title', () => {
      load('thread.html', THREAD);
      $('header a[aria-label^="Google Account:"]').remove();
      expect(detect()).toStrictEqual(DANA);
    });

    it('uses the last address of the title, after any in the subject', () => {
      load('thread-sent.html', SENT);
      $('header a[aria-label^="Google Account:"]').remove();
      document.title = `Ask hannah.kim@orbital-retail.example - ${MAYA} - Brightline Mail`;
      expect(detect()).toStrictEqual(HANNAH);
    });

    it('unknown: unreadable rather than risk naming the rep', () => {
      load('thread.html', THREAD);
      $('header a[aria-label^="Google Account:"]').remove();
      document.title = 'Re: Pilot pricing for the Northwind fleet - Brightline Mail';
      expect(detect()).toStrictEqual(failed('thread', 'account'));
    });
  });

  describe('compose', () => {
    it('wins over the thread behind it', () => {
      load('thread.html', THREAD);
      $('.dw').replaceWith(document.importNode(parse('gmail/compose.html').querySelector('.dw')!, true));
      expect(detect()).toStrictEqual(LENA);
    });

    it('the compose holding the focus wins over the others', () => {
      load('compose.html', COMPOSE);
      const [, omar] = document.querySelectorAll<HTMLInputElement>('div[role=dialog] div[name=to] input');
      omar!.focus();
      expect(detect()).toStrictEqual(OMAR);
    });

    it('reads a recipient typed but not yet a chip', () => {
      load('compose.html', COMPOSE);
      $('div[role=dialog]').remove();
      expect(detect()).toStrictEqual(OMAR);
    });

    it('reads a typed address with no name', () => {
      load('compose.html', COMPOSE);
      $('div[role=dialog]').remove();
      $<HTMLInputElement>('div[role=dialog] div[name=to] input').value = ' omar.haddad@fjordline.example, sam.patel@brightline.example';
      expect(detect()).toStrictEqual({ kind: 'contact', view: 'compose', contact: { source: 'gmail', email: 'omar.haddad@fjordline.example' } });
    });

    it('skips the rep among the recipients', () => {
      load('compose.html', COMPOSE);
      const chip = $('div[name=to] [role=option]');
      chip.setAttribute('data-hovercard-id', MAYA);
      chip.setAttribute('data-name', 'Maya Okafor');
      expect(detect()).toStrictEqual(OMAR);
    });

    it('with nobody addressed yet: nothing over a list, the thread over a thread', () => {
      load('compose.html', COMPOSE);
      for (const chip of document.querySelectorAll('div[name=to] [role=option]')) chip.remove();
      for (const input of document.querySelectorAll<HTMLInputElement>('div[name=to] input')) input.value = '';
      expect(detect()).toStrictEqual({ kind: 'none', view: 'compose' });

      load('thread.html', THREAD);
      const dock = document.importNode(parse('gmail/compose.html').querySelector('.dw')!, true) as Element;
      for (const chip of dock.querySelectorAll('div[name=to] [role=option]')) chip.remove();
      for (const input of dock.querySelectorAll<HTMLInputElement>('div[name=to] input')) input.value = '';
      $('.dw').replaceWith(dock);
      expect(detect()).toStrictEqual(DANA);
    });

    it('whose To field cannot be found: unreadable, naming it', () => {
      load('compose.html', COMPOSE);
      for (const field of document.querySelectorAll('div[role=dialog] table.GS')) field.remove();
      expect(detect()).toStrictEqual(failed('compose', 'composeTo'));
    });

    it('ignores an inline reply inside the thread', () => {
      load('thread-2.html', THREAD_2);
      const region = document.importNode(parse('gmail/compose.html').querySelector('[role=region][data-compose-id]')!, true);
      $('[role=main] .ip').replaceWith(region);
      expect(detect()).toStrictEqual(ERIK);
    });
  });
});

// Dated, proved on the saved pages they name, and pages that say where they come from: conventions.test.ts.
describe('selectors carry their proof', () => {
  it('the adapter lists these selectors, each with a fallback', () => {
    expect(gmailAdapter.selectors).toBe(gmailSelectors);
    for (const spec of Object.values(gmailSelectors)) expect(spec.selectors.length, spec.name).toBeGreaterThan(1);
  });

  it.each(FILES)('%s names the sources it is rebuilt from and is self-contained', (file) => {
    const html = source(`gmail/${file}`);
    const comment = html.slice(0, html.indexOf('-->'));
    expect(comment).toMatch(/InboxSDK\/InboxSDK src\//);
    expect(comment).toMatch(/KartikTalwar\/gmail\.js src\/gmail\.js/);
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/\s(?:src|href)="(?!data:|#|https:\/\/(?:mail|accounts|support|www)\.google\.com\/|tel:|mailto:)/);
  });
});

describe('watch', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  // happy-dom fires hashchange, a little later, for history.replaceState too (browsers do not):
  // let the one from load() pass before watching.
  const loaded = async (file: string, hash: string) => {
    load(file, hash);
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const start = () => {
    const onChange = vi.fn();
    stop = gmailAdapter.watch(document, window, onChange);
    return onChange;
  };
  const go = (hash: string) => {
    history.pushState(null, '', BASE + hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  };

  it('calls back once after navigating from thread.html to thread-2.html', async () => {
    await loaded('thread.html', THREAD);
    const onChange = start();
    const views = parse('gmail/thread-2.html').querySelector('div.aeF > div.nH')!;
    $('div.aeF > div.nH').replaceChildren(...[...views.children].map((view) => document.importNode(view, true)));
    go(THREAD_2);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(detect()).toStrictEqual(ERIK);
  });

  it('calls back when Gmail renders the thread after the URL changed, into the view it watches', async () => {
    await loaded('thread.html', THREAD);
    const thread2 = parse('gmail/thread-2.html');
    const list = $('[role=main] [role=list]');
    list.replaceChildren();
    go(THREAD_2);
    await settle();
    const onChange = start();
    list.replaceChildren(...[...thread2.querySelectorAll('[role=main] [role=listitem]')].map((m) => document.importNode(m, true)));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(detect()).toMatchObject({ contact: { email: 'erik@halvorsen-foods.example' } });
  });

  it('calls back when a view is shown or hidden, with no URL change', async () => {
    await loaded('thread.html', THREAD);
    const onChange = start();
    $('[role=main]').style.display = 'none';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(detect()).toStrictEqual({ kind: 'none', view: 'loading' });
  });

  it('follows the view on screen when Gmail swaps two thread views with no URL change', async () => {
    await loaded('thread.html', THREAD);
    const first = $('[role=main]');
    const second = document.importNode(parse('gmail/thread-2.html').querySelector('[role=main]')!, true) as HTMLElement;
    second.removeAttribute('role');
    second.style.display = 'none';
    $('div.aeF > div.nH').append(second);
    const onChange = start();
    first.removeAttribute('role');
    first.style.display = 'none';
    second.setAttribute('role', 'main');
    second.style.display = '';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(detect()).toStrictEqual(ERIK);
    // Now the second view is the one watched: a new message in it is news, one in the first is not.
    const list = $('[role=list]', second);
    list.append(list.lastElementChild!.cloneNode(true));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
    $('[role=list]', first).append(document.createElement('div'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('while Gmail loads, watches the page until its views appear', async () => {
    await loaded('thread.html', THREAD);
    const app = $('body > div.nH');
    app.remove();
    expect(detect()).toStrictEqual({ kind: 'none', view: 'loading' });
    const onChange = start();
    document.body.append(app);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(detect()).toStrictEqual(DANA);
    // Once the views are there, the page at large is no longer watched.
    document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('calls back when a compose window opens or gets a recipient', async () => {
    await loaded('inbox.html', '#inbox');
    const onChange = start();
    const compose = parse('gmail/compose.html').querySelector('div[role=dialog]')!.parentElement!.parentElement!;
    $('.dw .no').append(document.importNode(compose, true));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(detect()).toStrictEqual(LENA);
    $('.dw div[name=to] [role=listbox]').prepend(document.importNode(parse('gmail/compose.html').querySelectorAll('div[name=to] [role=option]')[0]!, true));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  // A thousand DOM changes in happy-dom take seconds on a busy machine: more than the default 5 s.
  it('does not call back for 1,000 mutations outside what it watches', async () => {
    await loaded('thread.html', THREAD);
    const onChange = start();
    const places = [
      $('[role=navigation] .TK'), // the left nav
      $('[aria-label=Chat] [role=list]'), // the chat roster
      $('tbody', $('[gh=tl]')), // the inbox list kept hidden beside the thread
      $('header'),
      document.body, // hover cards and menus live here
    ];
    for (let i = 0; i < 1000; i++) {
      const place = places[i % places.length]!;
      place.append(document.createElement('div'));
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    $('[role=navigation] .bsU').textContent = '4'; // an unread count
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  }, 20_000);

  it('does not call back for rows and unread counts changing in the list on screen', async () => {
    await loaded('inbox.html', '#inbox');
    const onChange = start();
    const rows = $('tbody', $('[role=main] [gh=tl]'));
    for (let i = 0; i < 1000; i++) {
      rows.append(rows.firstElementChild!.cloneNode(true));
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    rows.firstElementChild!.classList.replace('zE', 'yO'); // read
    $('.bx0', rows).textContent = '3'; // a message more in a conversation
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  }, 20_000);

  it('leaves nothing behind once stopped', async () => {
    await loaded('thread.html', THREAD);
    const onChange = start();
    stop!();
    go(THREAD_2);
    $('[role=main] [role=list]').replaceChildren();
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });
});
