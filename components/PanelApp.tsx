import { useLocalSource } from './hooks';
import { Sidebar } from './Sidebar';
import { useActiveTabContext } from './tabContext';

/** The Sidebar in Chrome's side panel and Firefox's sidebar: it follows the active tab. */
export function PanelApp() {
  return <Sidebar tab={useActiveTabContext()} source={useLocalSource()} />;
}
