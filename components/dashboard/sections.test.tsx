// @vitest-environment happy-dom
import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoalProgress, Suggestion } from '../../utils/model';
import { GoalsSection, SuggestionsSection } from './sections';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

const render = (element: ReactElement) => act(async () => root.render(element));
const buttons = () => [...container.querySelectorAll('button')].map((b) => b.textContent);

const suggestion: Suggestion = {
  id: 'too-small:all:employees',
  text: 'Consider employees ≥ 50',
  evidence: '63 % of the 8 rejections in the period say “Too small” (5).',
  reason: 'too-small',
  campaignId: null,
  criterion: { label: 'At least 50 employees', field: 'employees', op: 'atLeast', value: 50, as: 'criterion' },
};

describe('SuggestionsSection', () => {
  it('offers “Open in the editor” to Marketing and says what it did', async () => {
    const onOpen = vi.fn(async () => 'Added it.');
    await render(createElement(SuggestionsSection, { suggestions: [suggestion], canEdit: true, onOpen }));
    expect(container.textContent).toContain('Consider employees ≥ 50');
    expect(container.textContent).toContain('say “Too small” (5)');
    await act(async () => container.querySelector('button')!.click());
    expect(onOpen).toHaveBeenCalledWith(suggestion);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Added it.');
  });

  it('shows Sales the suggestions and their evidence without the button', async () => {
    await render(createElement(SuggestionsSection, { suggestions: [suggestion], canEdit: false, onOpen: async () => '' }));
    expect(container.textContent).toContain('Consider employees ≥ 50');
    expect(buttons()).toEqual([]);
  });

  it('has no button for a suggestion without a criterion, and says when there is nothing to suggest', async () => {
    await render(createElement(SuggestionsSection, { suggestions: [{ ...suggestion, criterion: null }], canEdit: true, onOpen: async () => '' }));
    expect(buttons()).toEqual([]);
    await render(createElement(SuggestionsSection, { suggestions: [], canEdit: true, onOpen: async () => '' }));
    expect(container.textContent).toContain('No suggestions');
  });

  it('says in words when opening failed', async () => {
    await render(createElement(SuggestionsSection, { suggestions: [suggestion], canEdit: true, onOpen: async () => Promise.reject(new Error('the draft is locked')) }));
    await act(async () => container.querySelector('button')!.click());
    expect(container.querySelector('[role="status"]')!.textContent).toBe('Tandem could not open the editor: the draft is locked');
  });
});

describe('GoalsSection', () => {
  const goal = (id: string, fields: Partial<GoalProgress>): GoalProgress => ({
    goalId: id,
    name: 'Goal',
    owner: 'marketing',
    metric: 'leadsCaptured',
    target: 20,
    unit: 'count',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    value: 14,
    progress: 0.7,
    status: 'on-track',
    note: '14 leads captured in the goal’s period.',
    dependsOn: [],
    ...fields,
  });
  const ids = ['00000000-0000-4000-8000-000000000400', '00000000-0000-4000-8000-000000000401', '00000000-0000-4000-8000-000000000402'];

  it('groups goals by team with their status in words and what they depend on', async () => {
    await render(
      createElement(GoalsSection, {
        goals: [
          goal(ids[0]!, { name: 'Leads captured' }),
          goal(ids[1]!, { name: 'Leads accepted', owner: 'sales', metric: 'leadsAccepted', value: 4, target: 10, progress: 0.4, status: 'behind', dependsOn: [ids[0]!] }),
          goal(ids[2]!, { name: 'Custom', owner: 'joint', metric: 'custom', value: null, progress: null, status: 'not-computable', note: 'Tracked by hand.' }),
        ],
      }),
    );
    expect([...container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Marketing', 'Sales', 'Joint']);
    const items = [...container.querySelectorAll('[data-testid="goal"]')].map((li) => li.textContent);
    expect(items[0]).toContain('On track');
    expect(items[0]).toContain('14 of 20');
    expect(items[1]).toContain('Behind');
    expect(items[1]).toContain('Depends on: Leads captured (on track)');
    expect(items[2]).toContain('Can’t be computed');
    expect(items[2]).toContain('Tracked by hand.');
  });

  it('says when no goal runs in the period', async () => {
    await render(createElement(GoalsSection, { goals: [] }));
    expect(container.textContent).toContain('No goals run in this period.');
  });
});
