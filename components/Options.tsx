import { useEffect, useState, type ReactNode } from 'react';
import { conflictSides } from '../utils/merge';
import { marketingRoles } from '../utils/mutators';
import { listWorkspaces, onChange, removeWorkspace, setActiveWorkspace, type Workspace, type WorkspaceInfo } from '../utils/store';
import type { SidebarSource } from '../utils/views';
import { ConflictResolver } from './ConflictResolver';
import { ConnectForm } from './ConnectForm';
import { CampaignsEditor, DefinitionEditor, GoalsEditor, PlaysEditor } from './editors';
import { FeedbackInbox } from './FeedbackInbox';
import { useLive, useLocalWorkspace } from './hooks';
import { HostHealthList } from './HostHealthList';
import { SyncBar } from './SyncBar';
import { TeamAdmin } from './TeamAdmin';

type SectionKey = 'workspace' | 'definition' | 'campaigns' | 'plays' | 'goals' | 'inbox' | 'team';

interface Section {
  key: SectionKey;
  label: string;
  /** Shown only to these roles; everyone else does not see the section at all. */
  roles?: readonly string[];
}

const sections: Section[] = [
  { key: 'workspace', label: 'Workspace & hosts' },
  { key: 'definition', label: 'Lead definition' },
  { key: 'campaigns', label: 'Campaigns' },
  { key: 'plays', label: 'Sales plays' },
  { key: 'goals', label: 'Goals' },
  { key: 'inbox', label: 'Feedback inbox' },
  { key: 'team', label: 'Team', roles: ['admin'] },
];

function sectionFromHash(): SectionKey {
  const hash = location.hash.slice(1);
  return sections.some((s) => s.key === hash) ? (hash as SectionKey) : 'workspace';
}

function useSection(): SectionKey {
  const [section, setSection] = useState(sectionFromHash);
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

function useWorkspaceList() {
  const [list, setList] = useState<WorkspaceInfo[]>([]);
  useEffect(() => {
    let cancelled = false;
    const load = () => void listWorkspaces().then((l) => !cancelled && setList(l));
    load();
    const off = onChange((e) => e.topics.includes('workspaces') && load());
    return () => {
      cancelled = true;
      off();
    };
  }, []);
  return list;
}

function WorkspaceSettings({ activeId }: { activeId: string }) {
  const list = useWorkspaceList();
  return (
    <>
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
    </>
  );
}

/** Edits the server refused because someone changed the document first: each waits for its author's decision. */
function Conflicts({ source, write }: { source: SidebarSource; write(name: string, args: unknown): Promise<void> }) {
  const sync = useLive(source, ['notices'], (s) => s.loadSync());
  if (sync.status !== 'ready') return null;
  const conflicts = sync.value.notices.filter(
    (n) => n.status === 'conflict' && n.current && conflictSides({ name: n.name, args: n.args, current: { type: n.current.type, record: n.current.value } }),
  );
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-heading" className="conflicts">
      <h2 id="conflicts-heading">
        {conflicts.length === 1 ? 'An edit needs your decision' : `${conflicts.length} edits need your decision`}
      </h2>
      {conflicts.map((n) => (
        <ConflictResolver
          key={n.id}
          conflict={{ name: n.name, args: n.args, current: { type: n.current!.type, record: n.current!.value } }}
          write={write}
          onDone={() => void source.dismissNotice(n.id)}
        />
      ))}
    </section>
  );
}

function SectionBody({ section, workspace, source }: { section: SectionKey; workspace: Workspace; source: SidebarSource }) {
  const canEdit = marketingRoles.includes(workspace.info.member.role);
  const write = (name: string, args: unknown) => source.write(name, args);
  const editorProps = { workspace, canEdit, write };
  const readOnly: ReactNode = !canEdit && (
    <p className="muted" data-testid="read-only">
      You see this as a {workspace.info.member.role} member: Marketing and admins edit it.
    </p>
  );
  switch (section) {
    case 'workspace':
      return <WorkspaceSettings activeId={workspace.info.id} />;
    case 'definition':
      return (
        <>
          {readOnly}
          <DefinitionEditor {...editorProps} />
        </>
      );
    case 'campaigns':
      return (
        <>
          {readOnly}
          <CampaignsEditor {...editorProps} />
        </>
      );
    case 'plays':
      return (
        <>
          {readOnly}
          <PlaysEditor {...editorProps} />
        </>
      );
    case 'goals':
      return (
        <>
          {readOnly}
          <GoalsEditor {...editorProps} />
        </>
      );
    case 'inbox':
      return <FeedbackInbox workspace={workspace} write={write} />;
    case 'team':
      return <TeamAdmin workspace={workspace} />;
  }
}

/**
 * The options page: the workspace and hosts, Marketing's editors (read-only for Sales), the
 * feedback inbox and, for admins, the team. Sections are addressed by the URL's hash.
 */
export function Options() {
  const local = useLocalWorkspace();
  const wanted = useSection();
  if (local.status !== 'ready') {
    return (
      <div className="app options">
        {local.status === 'error' ? <p role="alert" className="error">{local.message}</p> : <p className="muted">Loading…</p>}
      </div>
    );
  }
  const { workspace, source } = local.value;
  const role = workspace.info.member.role;
  const visible = sections.filter((s) => !s.roles || s.roles.includes(role));
  const section = visible.some((s) => s.key === wanted) ? wanted : 'workspace';
  const label = visible.find((s) => s.key === section)!.label;
  return (
    <div className="app options">
      <header className="app-header">
        <h1>Tandem settings</h1>
        <p className="workspace">
          {workspace.info.name} · {workspace.info.member.name} ({role})
        </p>
      </header>
      <nav aria-label="Settings sections" className="section-nav">
        <ul>
          {visible.map((s) => (
            <li key={s.key}>
              <a href={`#${s.key}`} aria-current={s.key === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
          <li>
            <a href="dashboard.html" target="_blank" rel="noopener">
              Dashboard
            </a>
          </li>
        </ul>
      </nav>
      <main aria-label={label}>
        <SyncBar source={source} compareInSettings={false} />
        <Conflicts source={source} write={(name, args) => source.write(name, args)} />
        {/* Editors start afresh for another workspace or role; the connect form keeps its message. */}
        <SectionBody key={section === 'workspace' ? section : `${workspace.info.id}:${role}`} section={section} workspace={workspace} source={source} />
      </main>
    </div>
  );
}
