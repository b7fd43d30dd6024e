import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Role, type AuditEntry, type DeviceSummary, type MemberSummary } from '../utils/model';
import { sendToBackground } from '../utils/messages';
import { tokenOf, type Workspace } from '../utils/store';
import { adminClient, type AdminClient } from '../utils/sync/admin';
import { formatTime } from './format';
import { WebhooksAdmin } from './WebhooksAdmin';

const roleWords: Record<Role, string> = { admin: 'Admin', marketing: 'Marketing', sales: 'Sales' };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A form's submit: busy while it runs, its error in words when it fails. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function useAdminClient(workspace: Workspace): AdminClient | null | undefined {
  const [client, setClient] = useState<AdminClient | null>();
  useEffect(() => {
    let cancelled = false;
    void tokenOf(workspace.info.id).then((token) => {
      if (!cancelled) setClient(token && workspace.info.serverUrl ? adminClient(workspace.info.serverUrl, token) : null);
    });
    return () => {
      cancelled = true;
    };
  }, [workspace]);
  return client;
}

/** A secret shown once (a connect code, a signing secret), with a Copy button. */
export function ShownOnce({ label, value, children }: { label: string; value: string; children: ReactNode }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="card" role="status" data-testid="shown-once">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={value} rows={3} onFocus={(e) => e.currentTarget.select()} />
      <p className="muted">{children}</p>
      <button
        type="button"
        className="secondary"
        onClick={() => void navigator.clipboard.writeText(value).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** A connect code to hand over, and until when it works (servers before single-use codes say nothing). */
interface HandOver {
  name: string;
  code: string;
  expiresAt?: string;
}

/** A connect code shown once, to hand over. */
function CodeToHandOver({ name, code, expiresAt }: HandOver) {
  return (
    <ShownOnce label={`Connect code for ${name}`} value={code}>
      Hand this code to {name}; they paste it into Tandem’s settings.{' '}
      {expiresAt
        ? `It works once, for one browser, until ${formatTime(expiresAt)}: whoever uses it first connects as ${name}. It is shown only now.`
        : `It is shown only now: anyone with it can act as ${name}.`}
    </ShownOnce>
  );
}

/** What a device is called in the list: its browser and system, when the server could tell. */
const deviceWords = (device: DeviceSummary) => device.name ?? 'Unknown browser';

/** A member's devices that may sync now, each revocable on its own (but the one in use here). */
export function DeviceList({ member, onRevoke }: { member: MemberSummary; onRevoke(device: DeviceSummary): void }) {
  if (member.revoked || !member.devices) return null;
  if (member.devices.length === 0) return <span className="muted">No device yet: hand them a connect code.</span>;
  return (
    <ul aria-label={`Devices of ${member.name}`} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {member.devices.map((device) => (
        <li key={device.deviceId} data-testid="device">
          {deviceWords(device)}
          {device.current && <span className="muted"> (this browser)</span>}
          <br />
          <span className="muted">
            Connected {formatTime(device.connectedAt)}; {device.lastSeenAt ? `last seen ${formatTime(device.lastSeenAt)}` : 'not seen yet'}
          </span>
          {!device.current && (
            <>
              {' '}
              <button type="button" className="link-button" aria-label={`Revoke ${deviceWords(device)} of ${member.name}`} onClick={() => onRevoke(device)}>
                Revoke device
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function InviteForm({ client, onInvited }: { client: AdminClient; onInvited(): void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('sales');
  const { busy, error, run } = useSubmit();
  const [code, setCode] = useState<HandOver>();
  const ids = { name: useId(), email: useId(), role: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await client.invite({ name: name.trim(), role, ...(email.trim() ? { email: email.trim() } : {}) });
      setCode({ name: name.trim(), code: answer.connectCode, expiresAt: answer.expiresAt });
      setName('');
      setEmail('');
      onInvited();
    });
  };
  return (
    <>
      <form className="invite" onSubmit={submit} aria-label="Invite a member">
        <h3>Invite a member</h3>
        <div className="field-row">
          <div>
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </div>
          <div>
            <label htmlFor={ids.email}>Email (optional)</label>
            <input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} />
          </div>
          <div>
            <label htmlFor={ids.role}>Role</label>
            <select id={ids.role} value={role} onChange={(e) => setRole(Role.parse(e.target.value))}>
              {Role.options.map((r) => (
                <option key={r} value={r}>
                  {roleWords[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Inviting…' : 'Invite member'}
        </button>
      </form>
      {code && <CodeToHandOver {...code} />}
    </>
  );
}

function MemberRow({ member, me, client, onChanged }: { member: MemberSummary; me: string; client: AdminClient; onChanged(message: string, code?: HandOver): void }) {
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<string | HandOver>) => {
    setError(null);
    try {
      const result = await action();
      if (typeof result === 'string') onChanged(result);
      else onChanged(`New connect code for ${member.name}, for one more browser; their devices keep working.`, result);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const revokeDevice = (device: DeviceSummary) => {
    if (!confirm(`Revoke ${deviceWords(device)} of ${member.name}? It stops syncing at once and offers to wipe its copy; their other devices keep working.`)) return;
    void run(async () => {
      await client.revokeDevice(member.memberId, device.deviceId);
      return `${deviceWords(device)} of ${member.name} is revoked; their other devices keep working.`;
    });
  };
  return (
    <tr className={member.revoked ? 'revoked' : undefined}>
      <th scope="row">
        {member.name}
        {member.memberId === me && <span className="muted"> (you)</span>}
        {member.email && (
          <>
            <br />
            <span className="muted">{member.email}</span>
          </>
        )}
      </th>
      <td>
        {member.revoked ? (
          roleWords[member.role]
        ) : (
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            onChange={(e) => {
              const role = Role.parse(e.target.value);
              void run(async () => {
                await client.changeRole(member.memberId, role);
                return `${member.name} is now ${roleWords[role]}.`;
              });
            }}
          >
            {Role.options.map((r) => (
              <option key={r} value={r}>
                {roleWords[r]}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>{member.lastSyncAt ? formatTime(member.lastSyncAt) : <span className="muted">Never</span>}</td>
      <td>
        <DeviceList member={member} onRevoke={revokeDevice} />
      </td>
      <td>
        {member.revoked ? (
          <span className="pill reject">Revoked</span>
        ) : (
          <div className="actions">
            <button
              type="button"
              className="secondary"
              aria-label={`New connect code for ${member.name}`}
              onClick={() =>
                void run(async () => {
                  const answer = await client.newConnectCode(member.memberId);
                  return { name: member.name, code: answer.connectCode, expiresAt: answer.expiresAt };
                })
              }
            >
              New code
            </button>
            <button
              type="button"
              className="secondary"
              aria-label={`Revoke ${member.name}`}
              onClick={() => {
                if (!confirm(`Revoke ${member.name}? All their devices stop syncing at once and offer to wipe their copy, and codes not used yet stop working.`)) return;
                void run(async () => {
                  await client.revoke(member.memberId);
                  return `${member.name} is revoked.`;
                });
              }}
            >
              Revoke
            </button>
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

function EraseContact({ client, workspace, onErased }: { client: AdminClient; workspace: Workspace; onErased(): void }) {
  const [email, setEmail] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!confirm(`Erase every lead, feedback, reply and remembered fact about ${address} from “${workspace.info.name}”, for everyone? This cannot be undone.`)) return;
    setResult(null);
    void run(async () => {
      const { erased } = await client.erase(address);
      setResult(
        erased.leads + erased.feedback + erased.facts === 0
          ? `Nothing about ${address} was stored. The request is recorded in the audit log.`
          : `Erased ${erased.leads} ${erased.leads === 1 ? 'lead' : 'leads'}, ${erased.feedback} feedback ${erased.feedback === 1 ? 'thread' : 'threads'} and ${erased.facts} remembered ${erased.facts === 1 ? 'fact' : 'facts'} about ${address}. Every install removes them at its next sync; the audit log records the erasure without the data.`,
      );
      setEmail('');
      onErased();
      void sendToBackground({ type: 'toBackground.syncRequest', workspaceId: workspace.info.id, reason: 'manual' });
    });
  };
  return (
    <form onSubmit={submit} aria-label="Erase a contact">
      <h3>Erase a contact</h3>
      <p className="muted">For a privacy request: removes every lead, feedback and reply about one email address from the workspace.</p>
      <label htmlFor={id}>Email address to erase</label>
      <input id={id} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={320} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <p role="status" className="ok">
          {result}
        </p>
      )}
      <button type="submit" className="danger" disabled={busy}>
        {busy ? 'Erasing…' : 'Erase contact'}
      </button>
    </form>
  );
}

const actionWords: Record<string, string> = {
  'member.add': 'added a member',
  'member.revoke': 'revoked a member',
  'member.role': 'changed a role',
  'token.rotate': 'replaced a member’s access',
  'member.code': 'made a connect code',
  'device.connect': 'connected a browser',
  'device.revoke': 'revoked a device',
  'contact.erase': 'erased a contact',
  'webhook.add': 'added a webhook',
  'webhook.remove': 'removed a webhook',
  'webhook.test': 'sent a test to a webhook',
};

function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ul className="audit" aria-label="Audit log">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="muted">{formatTime(e.at)}</span> {e.actor ? e.actor.name : 'Server CLI'} {actionWords[e.action] ?? e.action}
          {Object.keys(e.details).length > 0 && (
            <span className="muted">
              {' '}
              ({Object.entries(e.details)
                .filter(([k]) => k !== 'memberId' && k !== 'deviceId')
                .map(([k, v]) => `${k}: ${k === 'expiresAt' && typeof v === 'string' ? formatTime(v) : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                .join(', ')}
              )
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The admin's Team section: members and their devices, invitations, roles, revocation, erasure and the audit log. */
export function TeamAdmin({ workspace }: { workspace: Workspace }) {
  const client = useAdminClient(workspace);
  const [members, setMembers] = useState<MemberSummary[]>();
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; code?: HandOver }>();
  const [loads, setLoads] = useState(0);
  const reload = useCallback(() => setLoads((n) => n + 1), []);
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    Promise.all([client.members(), client.audit(20)]).then(
      ([list, log]) => {
        if (cancelled) return;
        setMembers(list.members);
        setAudit(log.entries);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, loads]);

  if (workspace.info.kind !== 'server') {
    return <p className="muted">The demo workspace lives on this device only. Connect to your team’s server to manage its members.</p>;
  }
  if (workspace.info.member.role !== 'admin') return <p className="muted">Only an admin manages the team.</p>;
  if (client === undefined) return <p className="muted">Loading…</p>;
  if (client === null) return <p role="alert" className="error">This device has no token for this workspace. Connect again with a connect code.</p>;
  return (
    <div className="team">
      {error && (
        <p role="alert" className="error">
          {error}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Try again
          </button>
        </p>
      )}
      {message && (
        <p role="status" className="ok">
          {message.text}
        </p>
      )}
      {message?.code && <CodeToHandOver {...message.code} />}
      {members && (
        <table className="members">
          <caption>Members of {workspace.info.name}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Last sync</th>
              <th scope="col">Devices</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberRow
                key={m.memberId}
                member={m}
                me={workspace.info.member.memberId}
                client={client}
                onChanged={(text, code) => {
                  setMessage({ text, code });
                  reload();
                  void sendToBackground({ type: 'toBackground.syncRequest', workspaceId: workspace.info.id, reason: 'manual' });
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      <InviteForm client={client} onInvited={reload} />
      <EraseContact client={client} workspace={workspace} onErased={reload} />
      <WebhooksAdmin client={client} />
      <h3>Audit log</h3>
      <AuditLog entries={audit} />
    </div>
  );
}
