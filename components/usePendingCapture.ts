import { useEffect, useState } from 'react';
import { clearPendingCapture, pendingCaptureKey, readPendingCapture, type PendingCapture } from '../utils/capture/pending';

/** The capture a right-click left for review, if any; updated when a new one arrives. */
export function usePendingCapture(): [PendingCapture | undefined, () => Promise<void>] {
  const [pending, setPending] = useState<PendingCapture>();
  useEffect(() => {
    const load = () => void readPendingCapture().then(setPending);
    load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && pendingCaptureKey in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return [pending, clearPendingCapture];
}
