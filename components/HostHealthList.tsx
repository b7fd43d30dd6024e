import { useEffect, useState } from 'react';
import { builtInHostMatches, hostNames } from '../utils/hosts/registry';
import type { HostHealth, HostId } from '../utils/model';
import { readHostHealth } from '../utils/tabs';
import { formatTime } from './format';

/**
 * For each host Tandem reads: when it last read a page there, and which selector failed
 * last, so a person can tell "Gmail changed its page" from "nothing to read".
 */
export function HostHealthList() {
  const [health, setHealth] = useState<Partial<Record<HostId, HostHealth>>>({});
  useEffect(() => {
    const load = () => void readHostHealth().then(setHealth);
    load();
    browser.storage.onChanged.addListener(load);
    return () => browser.storage.onChanged.removeListener(load);
  }, []);
  const hosts = Object.keys(builtInHostMatches) as HostId[];
  return (
    <ul className="workspaces" aria-label="Hosts">
      {hosts.map((host) => {
        const h = health[host];
        return (
          <li key={host} data-testid={`host-${host}`}>
            <p>
              <strong>{hostNames[host]}</strong> <span className="muted">{builtInHostMatches[host]!.join(', ')}</span>
              <br />
              {h?.lastReadAt ? (
                <span>
                  Last read a page {formatTime(h.lastReadAt)} ({h.lastView} view).
                </span>
              ) : (
                <span className="muted">Not used on this device yet.</span>
              )}
              {h?.lastFailure && (
                <>
                  <br />
                  <span className="error">
                    Could not find the {h.lastFailure.selector} on a {h.lastFailure.view} view, {formatTime(h.lastFailure.at)}.
                  </span>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
