import { useEffect } from 'react';
import { useBridgeSource } from './bridge';
import { Sidebar } from './Sidebar';
import { useOverlayContext } from './tabContext';

/** The Sidebar inside a host page's iframe: shown only once the background vouches for the tab. */
export function OverlayApp() {
  const overlay = useOverlayContext();
  const theme = overlay.state === 'ready' ? overlay.context.theme : undefined;
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
  }, [theme]);
  const source = useBridgeSource(overlay.state === 'ready');
  if (overlay.state !== 'ready') return null;
  return <Sidebar tab={overlay.context} source={source} />;
}
