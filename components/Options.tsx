import { useEffect, useState } from 'react';
import { listWorkspaces, onChange, openActiveWorkspace, removeWorkspace, setActiveWorkspace, type WorkspaceInfo } from '../utils/store';
import { ConnectForm } from './ConnectForm';
import { HostHealthList } from './HostHealthList';

function useWorkspaces() {
  const [state, setState] = useState<{ list: WorkspaceInfo[]; activeId?: string }>({ list: [] });
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const active = await openActiveWorkspace();
      active.db.close();
      const list = await listWorkspaces();
      if (!cancelled) setState({ list, activeId: active.info.id });
    };
    void load();
    const off = onChange((e) => e.topics.includes('workspaces') && void load());
    return () => {
      cancelled = true;
      off();
    };
  }, []);
  return state;
}

/** The options page: which team servers this device syncs with, and connecting to one. */
export function Options() {
  const { list, activeId } = useWorkspaces();
  return (
    <div className="app options">
      <header className="app-header">
        <h1>Tandem settings</h1>
      </header>
      <main>
        <section aria-labelledby="workspaces-heading" className="card">
          <h2 id="workspaces-heading">Workspaces on this device</h2>
          <ul className="workspaces">
            {list.map((w) => (
              <li key={w.id}>
                <p>
                  <strong>{w.name}</strong> {w.id === activeId && <span className="pill running">In use</span>}
                  <br />
                  <span className="muted">
                    {w.kind === 'demo' ? 'Sample data, on this device only' : `${w.serverUrl} · ${w.member.name} (${w.member.role})`}
                  </span>
                </p>
                <div className="actions">
                  {w.id !== activeId && (
                    <button type="button" className="secondary" onClick={() => void setActiveWorkspace(w.id)}>
                      Use this workspace
                    </button>
                  )}
                  {w.kind === 'server' && (
                    <>
                      <button type="button" className="secondary" onClick={() => void removeWorkspace(w.id, { wipe: false })}>
                        Disconnect
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          if (confirm(`Disconnect and delete everything Tandem keeps on this device for “${w.name}”? Changes that were not synced are lost.`)) {
                            void removeWorkspace(w.id, { wipe: true });
                          }
                        }}
                      >
                        Disconnect and wipe
                      </button>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="hosts-heading" className="card">
          <h2 id="hosts-heading">Where Tandem reads contacts</h2>
          <HostHealthList />
        </section>
        <section aria-labelledby="connect-heading" className="card">
          <h2 id="connect-heading">Connect to a team server</h2>
          <p className="muted">Paste the connect code your admin gave you. A server on another machine must use https:.</p>
          <ConnectForm />
        </section>
      </main>
    </div>
  );
}
