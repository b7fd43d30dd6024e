import { useEffect, useId, useState, type FormEvent } from 'react';
import { addHost, listAddedHosts, removeHost, type AddedHost } from '../utils/hosts/added';
import { builtInHostMatches, hostNames } from '../utils/hosts/registry';
import type { HostHealth, HostId } from '../utils/model';
import { readHostHealth } from '../utils/tabs';
import { formatTime } from './format';

/**
 * For each host Tandem reads: when it last read a page there, and which selector failed
 * last, so a person can tell "Gmail changed its page" from "nothing to read".
 */
function HealthLine({ health }: { health: HostHealth | undefined }) {
  return (
    <>
      {health?.lastReadAt ? (
        <span>
          Last read a page {formatTime(health.lastReadAt)} ({health.lastView} view).
        </span>
      ) : (
        <span className="muted">Not used on this device yet.</span>
      )}
      {health?.lastFailure && (
        <>
          <br />
          <span className="error">
            Could not find the {health.lastFailure.selector} on a {health.lastFailure.view} view, {formatTime(health.lastFailure.at)}.
          </span>
        </>
      )}
    </>
  );
}

/** Add a self-hosted CRM or an intranet: Tandem reads it with the generic adapter. */
/** Said wherever a host is read over plain http. */
const plainHttpWarning =
  'Plain http: anyone on the network between you and this site can read and change its pages, and so what Tandem reads there. Use https:// if the site offers it.';

/** A host's match patterns, shortened when there are many (Dynamics 365 has one per region). */
function patternSummary(patterns: readonly string[]): string {
  return patterns.length > 3 ? `${patterns.slice(0, 3).join(', ')} and ${patterns.length - 3} more` : patterns.join(', ');
}

function AddHostForm() {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let adding: Promise<AddedHost>;
    try {
      adding = addHost(input); // asks for the permission within this click
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
      return;
    }
    adding.then(
      (added) => {
        setInput('');
        setMessage({ ok: true, text: `Tandem now reads contacts on ${added.host}. Reload its open pages.${added.scheme === 'http' ? ` ${plainHttpWarning}` : ''}` });
      },
      (error: unknown) => setMessage({ ok: false, text: (error as Error).message }),
    );
  };
  const plain = /^\s*http:\/\//i.test(input);
  return (
    <form onSubmit={submit} aria-label="Add a host">
      <label htmlFor={id}>Add a host (your own CRM or intranet)</label>
      <div className="row">
        <input
          id={id}
          type="text"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder="crm.example.com"
          spellCheck={false}
          aria-describedby={plain ? `${id}-plain` : undefined}
        />
        <button type="submit">Add</button>
      </div>
      {plain && (
        <p id={`${id}-plain`} className="warning" data-testid="plain-http-warning">
          {plainHttpWarning}
        </p>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

export function HostHealthList() {
  const [health, setHealth] = useState<Partial<Record<HostId, HostHealth>>>({});
  const [added, setAdded] = useState<AddedHost[]>([]);
  useEffect(() => {
    const load = () => {
      void readHostHealth().then(setHealth);
      void listAddedHosts().then(setAdded);
    };
    load();
    browser.storage.onChanged.addListener(load);
    return () => browser.storage.onChanged.removeListener(load);
  }, []);
  const hosts = (Object.keys(builtInHostMatches) as HostId[]).filter((h) => h !== 'generic');
  return (
    <ul className="workspaces" aria-label="Hosts">
      {hosts.map((host) => {
        const h = health[host];
        return (
          <li key={host} data-testid={`host-${host}`}>
            <p>
              <strong>{hostNames[host]}</strong> <span className="muted" title={builtInHostMatches[host]!.join('\n')}>
                {patternSummary(builtInHostMatches[host]!)}
              </span>
              <br />
              <HealthLine health={h} />
            </p>
          </li>
        );
      })}
      {added.map((a) => (
        <li key={a.host} data-testid={`host-added-${a.host}`}>
          <p>
            <strong>{a.host}</strong> <span className="muted">added {formatTime(a.addedAt)}, read with the generic adapter</span>
            {a.scheme === 'http' && (
              <>
                <br />
                <span className="warning">{plainHttpWarning}</span>
              </>
            )}
            <br />
            <HealthLine health={health.generic} />
          </p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void removeHost(a.host)}>
              Remove {a.host}
            </button>
          </div>
        </li>
      ))}
      <li>
        <AddHostForm />
      </li>
    </ul>
  );
}
