import { openToolbarSidebar, setUpToolbarButton } from '../utils/toolbar';
import { ensureDemoWorkspace } from '../utils/store';

// Wires browser events to utils/; no logic of its own.
export default defineBackground(() => {
  setUpToolbarButton();
  browser.action?.onClicked.addListener(openToolbarSidebar);
  browser.browserAction?.onClicked.addListener(openToolbarSidebar);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void ensureDemoWorkspace();
  });
});
