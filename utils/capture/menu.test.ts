import { describe, expect, it, vi } from 'vitest';
import { handleCaptureClick, menuIds, type CaptureDeps } from './menu';

const tab = { id: 4, windowId: 1, url: 'https://events.example/speakers', title: 'Speakers' };
const now = new Date('2026-11-27T10:00:00Z');

function deps(inTab: unknown = 'Dana Whitfield\nVP Revenue Operations\nContoso Ltd'): CaptureDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    openPanel: vi.fn(() => void calls.push('openPanel')),
    runInTab: vi.fn(async () => {
      calls.push('runInTab');
      return inTab as never;
    }),
    save: vi.fn(async () => void calls.push('save')),
    now: () => now,
  };
}

describe('the capture menu’s click handler', () => {
  it('opens the panel before anything is awaited, then keeps the selection with its line breaks', async () => {
    const d = deps();
    const pending = handleCaptureClick({ menuItemId: menuIds.selection, selectionText: 'Dana Whitfield VP Revenue Operations Contoso Ltd' }, tab, d);
    // Synchronously, first of all, while the click's gesture is still valid.
    expect(d.calls[0]).toBe('openPanel');
    expect(d.calls).not.toContain('save');
    expect(d.openPanel).toHaveBeenCalledWith(4, 1);
    const capture = await pending;
    expect(d.calls).toEqual(['openPanel', 'runInTab', 'save']);
    expect(capture).toMatchObject({ kind: 'selection', content: 'Dana Whitfield\nVP Revenue Operations\nContoso Ltd', url: tab.url, at: now.toISOString() });
    expect(d.save).toHaveBeenCalledWith(capture);
  });

  it('falls back to the menu’s flattened text when the page cannot be scripted', async () => {
    const d = deps();
    d.runInTab = vi.fn(() => Promise.reject(new Error('Cannot access a chrome:// URL')));
    const capture = await handleCaptureClick({ menuItemId: menuIds.selection, selectionText: 'Dana Whitfield VP' }, tab, d);
    expect(capture?.content).toBe('Dana Whitfield VP');
  });

  it('keeps a link’s address, and a page’s HTML with its language', async () => {
    const link = await handleCaptureClick({ menuItemId: menuIds.link, linkUrl: 'mailto:dana@contoso.com' }, tab, deps());
    expect(link).toMatchObject({ kind: 'link', content: 'mailto:dana@contoso.com' });
    const page = await handleCaptureClick({ menuItemId: menuIds.page }, tab, deps({ html: '<div class="h-card">Dana</div>', lang: 'fr-FR' }));
    expect(page).toMatchObject({ kind: 'page', content: '<div class="h-card">Dana</div>', lang: 'fr-FR' });
  });

  it('ignores other extensions’ menu items', async () => {
    const d = deps();
    expect(await handleCaptureClick({ menuItemId: 'something-else' }, tab, d)).toBeUndefined();
    expect(d.openPanel).not.toHaveBeenCalled();
  });
});
