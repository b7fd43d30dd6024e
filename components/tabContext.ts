import { useEffect, useState } from 'react';
import { onOverlayUpdate } from './overlayPort';
import { OverlayHelloAnswer, sendToBackground, ToViews } from '../utils/messages';
import { TabContext } from '../utils/model';

/** Follows updates of one tab's context pushed by the background. */
function useTabUpdates(tabId: number | undefined, set: (context: TabContext) => void) {
  useEffect(() => {
    if (tabId === undefined) return;
    const listener = (raw: unknown) => {
      const message = ToViews.safeParse(raw);
      if (message.success && message.data.type === 'toViews.tabContext' && message.data.context.tabId === tabId) set(message.data.context);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId, set]);
}

/**
 * The side panel follows the active tab: its page context (if a Tandem host), updated as
 * the tab navigates or another tab becomes active.
 */
export function useActiveTabContext(): TabContext | null {
  const [tabId, setTabId] = useState<number>();
  const [context, setContext] = useState<TabContext | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (cancelled || tab?.id === undefined) return;
      setTabId(tab.id);
      const parsed = TabContext.safeParse(await sendToBackground({ type: 'toBackground.getTabContext', tabId: tab.id }));
      if (!cancelled) setContext(parsed.success ? parsed.data : null);
    };
    void load();
    const onActivated = () => void load();
    const onUpdated = (_id: number, change: { url?: string; status?: string }) => {
      if (change.url || change.status === 'complete') void load();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      cancelled = true;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);
  useTabUpdates(tabId, setContext);
  return context;
}

/**
 * The in-page sidebar asks the background whether it may show anything (DESIGN.md rule 8):
 * only the frame that Tandem's content script mounted as a direct child of the top frame,
 * vouched for with the one-time secret that script posts it (utils/hosts/vouch.ts,
 * utils/background/frames.ts). A copy framed by the page, by a frame inside it, by another
 * site, or opened on its own, stays `refused`.
 */
export function useOverlayContext(): { state: 'waiting' | 'refused' } | { state: 'ready'; context: TabContext } {
  // Only a direct child of the top frame (not a frame inside a frame, not a page of its own).
  const [childOfTop] = useState(() => window.parent !== window && window.parent === window.top);
  const [state, setState] = useState<{ state: 'waiting' | 'refused' } | { state: 'ready'; context: TabContext }>(() => ({ state: childOfTop ? 'waiting' : 'refused' }));
  useEffect(() => {
    if (!childOfTop) return;
    let cancelled = false;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent) return;
      const data = event.data as { type?: unknown; secret?: unknown } | null;
      if (data?.type !== 'tandem:vouch' || typeof data.secret !== 'string') return;
      void sendToBackground({ type: 'toBackground.overlayHello', secret: data.secret }).then((raw) => {
        const answer = OverlayHelloAnswer.safeParse(raw);
        if (cancelled) return;
        // A refused secret after a good one (anyone can post one) changes nothing.
        setState((before) => (answer.success && answer.data.ok ? { state: 'ready', context: answer.data.context } : before.state === 'ready' ? before : { state: 'refused' }));
      });
    };
    addEventListener('message', onMessage);
    // Says only that it loaded: the content script answers with a secret, to this window alone.
    window.parent.postMessage({ type: 'tandem:ready' }, '*');
    // A frame nobody vouches for says so, rather than waiting for ever.
    const timer = setTimeout(() => !cancelled && setState((before) => (before.state === 'waiting' ? { state: 'refused' } : before)), 5000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      removeEventListener('message', onMessage);
    };
  }, [childOfTop]);
  const tabId = state.state === 'ready' ? state.context.tabId : undefined;
  useEffect(() => {
    if (tabId === undefined) return;
    return onOverlayUpdate((message) => {
      if (message.type === 'toViews.tabContext' && message.context.tabId === tabId) setState({ state: 'ready', context: message.context });
    });
  }, [tabId]);
  return state;
}
