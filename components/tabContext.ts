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
 * The in-page sidebar asks the background whether it may show anything: only in a tab whose
 * content script mounted it, on a host Tandem reads (DESIGN.md rule 8). Anything else, e.g.
 * another site framing this page, gets `refused` and an empty page.
 */
export function useOverlayContext(): { state: 'waiting' | 'refused' } | { state: 'ready'; context: TabContext } {
  const [state, setState] = useState<{ state: 'waiting' | 'refused' } | { state: 'ready'; context: TabContext }>({ state: 'waiting' });
  useEffect(() => {
    void sendToBackground({ type: 'toBackground.overlayHello' }).then((raw) => {
      const answer = OverlayHelloAnswer.safeParse(raw);
      setState(answer.success && answer.data.ok ? { state: 'ready', context: answer.data.context } : { state: 'refused' });
    });
  }, []);
  const tabId = state.state === 'ready' ? state.context.tabId : undefined;
  useEffect(() => {
    if (tabId === undefined) return;
    return onOverlayUpdate((message) => {
      if (message.type === 'toViews.tabContext' && message.context.tabId === tabId) setState({ state: 'ready', context: message.context });
    });
  }, [tabId]);
  return state;
}
