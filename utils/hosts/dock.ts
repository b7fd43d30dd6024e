import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';

/**
 * The in-page sidebar: an iframe of the overlay extension page docked on the right, which
 * collapses to a slim tab. Its width and state are remembered per host (storage.local holds
 * only these layout numbers, no team data). Nothing of Tandem's data is in the host page's
 * DOM: the frame is cross-origin, and the tab's button says only "Tandem".
 */
export interface Dock {
  /** The sidebar's frame, for vouching (utils/hosts/vouch.ts). */
  readonly iframe: HTMLIFrameElement;
  toggle(): void;
  /** Collapse while something of the page's sits under the sidebar (Gmail's compose). */
  setObstructed(obstructed: boolean): void;
  readonly expanded: boolean;
}

interface Layout {
  width: number;
  collapsed: boolean;
}

const minWidth = 300;
const maxWidth = 640;
const tabWidth = 28;

/**
 * Sets inline styles as `!important`: a page's own `!important` rules (a global reset such as
 * `* { all: unset !important }`) then cannot undock, shrink or hide the frame.
 */
function pin(element: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) element.style.setProperty(property, value, 'important');
}

export function mountDock(ctx: ContentScriptContext, host: string): Dock {
  const storageKey = `dock:${host}`;
  let layout: Layout = { width: 360, collapsed: false };
  let obstructed = false;

  const ui = createIframeUi(ctx, {
    page: '/overlay.html',
    position: 'overlay',
    alignment: 'top-right',
    zIndex: 2147483646,
    anchor: 'html',
    onMount(wrapper, iframe) {
      wrapper.setAttribute('data-tandem', 'sidebar');
      // What WXT set (z-index, overflow, width), and the dock's own.
      pin(wrapper, { position: 'fixed', top: '0', right: '0', width: '0', height: '100vh', overflow: 'visible', 'z-index': '2147483646' });
      iframe.title = 'Tandem';
      iframe.setAttribute('allow', '');
      pin(iframe, { position: 'absolute', top: '0', right: '0', height: '100vh', border: '0', 'color-scheme': 'normal' });
    },
  });
  ui.mount();

  // The slim tab and the resize grip live in a shadow root, so page CSS cannot break them
  // (open, for assistive tools; it holds nothing but the word "Tandem").
  const controls = document.createElement('div');
  controls.setAttribute('data-tandem', 'controls');
  const shadow = controls.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    button { position: fixed; top: 40%; right: 0; z-index: 2147483647; width: ${tabWidth}px; padding: 10px 0; border: 0;
      border-radius: 6px 0 0 6px; background: #2456d6; color: #fff; font: 600 12px system-ui, sans-serif; cursor: pointer;
      writing-mode: vertical-rl; }
    button:focus-visible { outline: 3px solid #9db8ff; outline-offset: 1px; }
    .grip { position: fixed; top: 0; height: 100vh; width: 6px; cursor: ew-resize; z-index: 2147483647; }
  `;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Tandem';
  const grip = document.createElement('div');
  grip.className = 'grip';
  shadow.append(style, button, grip);
  document.documentElement.append(controls);
  ctx.onInvalidated(() => controls.remove());

  const expanded = () => !layout.collapsed && !obstructed;
  const render = () => {
    const open = expanded();
    pin(ui.iframe, { width: `${layout.width}px` });
    pin(ui.wrapper, { display: open ? 'block' : 'none' });
    button.style.right = open ? `${layout.width}px` : '0';
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? 'Hide Tandem' : 'Show Tandem');
    grip.style.display = open ? 'block' : 'none';
    // Beside the frame, not over it: anything over the frame makes it read as covered (see components/visibility.ts).
    grip.style.right = `${layout.width}px`;
  };
  const save = () => void browser.storage.local.set({ [storageKey]: layout });

  button.addEventListener('click', () => dock.toggle());
  grip.addEventListener('pointerdown', (event: PointerEvent) => {
    grip.setPointerCapture(event.pointerId);
    const onMove = (e: PointerEvent) => {
      layout.width = Math.round(Math.min(maxWidth, Math.max(minWidth, innerWidth - e.clientX)));
      render();
    };
    const onUp = () => {
      grip.removeEventListener('pointermove', onMove);
      save();
    };
    grip.addEventListener('pointermove', onMove);
    grip.addEventListener('pointerup', onUp, { once: true });
  });

  void browser.storage.local.get(storageKey).then((stored) => {
    const saved = stored[storageKey] as Partial<Layout> | undefined;
    if (saved && typeof saved.width === 'number' && typeof saved.collapsed === 'boolean') {
      layout = { width: Math.min(maxWidth, Math.max(minWidth, saved.width)), collapsed: saved.collapsed };
    }
    render();
  });
  render();

  const dock: Dock = {
    iframe: ui.iframe,
    toggle() {
      if (obstructed) {
        obstructed = false; // the person asked for it: show it over the compose window
        layout.collapsed = false;
      } else layout.collapsed = !layout.collapsed;
      save();
      render();
    },
    setObstructed(value) {
      obstructed = value;
      render();
    },
    get expanded() {
      return expanded();
    },
  };
  return dock;
}
