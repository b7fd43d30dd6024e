/**
 * The toolbar button opens Tandem beside the page. Chrome: the browser opens the side panel
 * itself once told to. Firefox: the click toggles the sidebar; the click is the user gesture
 * `sidebarAction` needs, so nothing may be awaited before it.
 */
export function setUpToolbarButton(): void {
  if (import.meta.env.FIREFOX) {
    const sidebarAction = (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction;
    browser.browserAction.onClicked.addListener(() => void sidebarAction.toggle());
    return;
  }
  const sidePanel = (globalThis as { chrome?: { sidePanel?: { setPanelBehavior(o: object): Promise<void> } } }).chrome
    ?.sidePanel;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
    console.error('Tandem could not set the toolbar button to open the side panel', error);
  });
}
