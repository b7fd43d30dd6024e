// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoWorkspace } from '../utils/demo';
import { contactFromPage } from '../utils/facts/enrich';
import type { FactValue, LeadDefinition } from '../utils/model';
import { FitCard } from './FitCard';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const AT = '2026-12-04T10:00:00.000Z';
const definition = demoWorkspace(new Date(AT)).records.find((r) => r.type === 'definition')!.record as LeadDefinition;
// A Gmail thread: a name and an address, nothing else.
const contact = contactFromPage({ source: 'gmail', name: 'Lena Brandt', email: 'lena@brandt-logistik.example' }, 'gmail', AT);

let container: HTMLElement;
let root: Root;
let saved: FactValue[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  saved = [];
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const render = (props: Partial<Parameters<typeof FitCard>[0]> = {}) =>
  act(() =>
    root.render(
      createElement(FitCard, {
        definition,
        contact,
        onAddFact: async (fact) => void saved.push(fact),
        ...props,
      }),
    ),
  );
const item = (label: string) => [...container.querySelectorAll('li.result')].find((li) => li.textContent!.includes(label)) as HTMLElement;
const button = (within: HTMLElement, name: RegExp) => [...within.querySelectorAll('button')].find((b) => name.test(b.getAttribute('aria-label') ?? b.textContent!))!;
const setValue = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};
const submit = (form: HTMLFormElement) => act(async () => void form.requestSubmit());

describe('FitCard: asking for what is not known', () => {
  it('offers each unknown field in place, but not the address’s own fields', async () => {
    await render();
    expect(item('Company of 50 to 5,000 people').textContent).toContain('Employees is not known for this contact.');
    expect(button(item('Company of 50 to 5,000 people'), /Add employees for this contact/)).toBeDefined();
    expect(button(item('In a region we sell to'), /Add country/)).toBeDefined();
    // The business-email rule reads the address itself: known, and never asked for.
    expect(item('Business email').querySelector('button')).toBeNull();
  });

  it('takes a headcount as a whole number, saying what is wrong with anything else', async () => {
    await render();
    const li = item('Company of 50 to 5,000 people');
    await act(async () => button(li, /Add employees/).click());
    const input = li.querySelector('input')!;
    expect(input.type).toBe('number');
    expect(document.activeElement).toBe(input);
    expect(li.querySelector('label')!.textContent).toBe('How many employees?');
    await act(async () => setValue(input, '-5'));
    await submit(li.querySelector('form')!);
    expect(li.querySelector('[role="alert"]')!.textContent).toBe('Enter a whole number, 0 or more.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
    await act(async () => setValue(input, '1200'));
    await submit(li.querySelector('form')!);
    expect(saved).toEqual([{ field: 'employees', value: 1200 }]);
    // Saved: the form closes; the criterion says unknown until the fact comes back from the store.
    expect(li.querySelector('form')).toBeNull();
    expect(li.textContent).toContain('Employees is not known for this contact.');
  });

  it('picks a country by name and keeps its code; Escape closes and gives the focus back', async () => {
    await render();
    const li = item('In a region we sell to');
    await act(async () => button(li, /Add country/).click());
    const select = li.querySelector('select')!;
    expect([...select.options].some((o) => o.value === 'DE' && o.textContent === 'Germany')).toBe(true);
    await act(async () => setValue(select, 'DE'));
    await submit(li.querySelector('form')!);
    expect(saved).toEqual([{ field: 'country', value: 'DE' }]);

    await act(async () => button(li, /Add country/).click());
    await act(async () => li.querySelector('form')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(li.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(li, /Add country/));
  });

  it('offers the shared list for a vocabulary field and the criterion’s values for free text', async () => {
    await render();
    const seniority = item('Senior enough to buy');
    await act(async () => button(seniority, /Add seniority/).click());
    expect([...seniority.querySelectorAll('option')].map((o) => o.value)).toEqual(['', 'C-level', 'VP', 'Head', 'Director', 'Manager', 'Individual contributor']);
    const channel = item('Came in through a high-intent channel');
    await act(async () => button(channel, /Add lead source/).click());
    expect([...channel.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['Demo request', 'Webinar', 'Pricing page']);
  });

  it('shows no ask where nobody may add facts', async () => {
    await render({ onAddFact: undefined });
    expect(item('Company of 50 to 5,000 people').querySelector('button')).toBeNull();
  });
});

describe('FitCard: sources that disagree', () => {
  it('says so under the criterion and in the facts list', async () => {
    const text = 'Employees: 450, added by Dana Whitfield on 4 Dec 2026; but 201–500, from the Salesforce record.';
    await render({ conflicts: [{ field: 'employees', text }] });
    expect(item('Company of 50 to 5,000 people').querySelector('[data-testid="fact-conflict"]')!.textContent).toBe(`Sources disagree: ${text}`);
    expect(container.querySelector('[data-testid="contact-facts"]')!.textContent).toContain(text);
  });

  it('offers to remember what the page showed, and says when that fails', async () => {
    let calls = 0;
    await render({ unremembered: { count: 2, remember: async () => void calls++ } });
    const remember = button(container, /^Remember these 2 facts for the team$/);
    await act(async () => remember.click());
    expect(calls).toBe(1);
    await render({ unremembered: { count: 1, remember: () => Promise.reject(new Error('The server is unreachable.')) } });
    await act(async () => button(container, /^Remember this fact for the team$/).click());
    expect(container.querySelector('.remember [role="alert"]')!.textContent).toContain('The server is unreachable.');
  });
});
