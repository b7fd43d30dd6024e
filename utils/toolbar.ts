/**
 * The toolbar button opens Tandem beside the page: Chrome's side panel (the browser opens it
 * itself once told to), Firefox's sidebar (toggled from the click, which is the user gesture
 * `sidebarAction` needs: no `await` may come before it).
 */
export function setUpToolbarButton(): void {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: { setPanelBehavior(o: object): Promise<void> } } }).chrome
    ?.sidePanel;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
    console.error('Tandem could not set the toolbar button to open the side panel', error);
  });
}

export function openToolbarSidebar(): void {
  const sidebarAction = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } }).sidebarAction;
  void sidebarAction?.toggle();
}
