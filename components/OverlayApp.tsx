import { useEffect } from 'react';
import { useBridgeSource } from './bridge';
import { Sidebar } from './Sidebar';
import { useOverlayContext } from './tabContext';
import { trackFrameVisibility } from './writeGuard';

/** The Sidebar inside a host page's iframe: shown only once the background vouches for this frame; a short notice otherwise. */
export function OverlayApp() {
  const overlay = useOverlayContext();
  const theme = overlay.state === 'ready' ? overlay.context.theme : undefined;
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Writes from this frame need it to have been visible (components/writeGuard.ts).
  useEffect(() => trackFrameVisibility(), []);
  const source = useBridgeSource(overlay.state === 'ready');
  if (overlay.state !== 'ready') {
    return overlay.state === 'waiting' ? null : (
      <p className="overlay-refused" data-testid="overlay-refused">
        Tandem shows its sidebar only where Tandem itself put it. Open Tandem from the toolbar button instead.
      </p>
    );
  }
  return <Sidebar tab={overlay.context} source={source} />;
}
