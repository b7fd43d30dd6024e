import { ensureDemoWorkspace } from '../utils/store';
import { setUpToolbarButton } from '../utils/toolbar';

// Wires browser events to utils/; no logic of its own.
export default defineBackground(() => {
  setUpToolbarButton();
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void ensureDemoWorkspace();
  });
});
