import { useId, useState, type FormEvent } from 'react';
import { sendToBackground } from '../utils/messages';
import type { MeResponse } from '../utils/model';
import { demoWorkspaceId, listWorkspaces, openWorkspaceDb, removeWorkspace, saveServerWorkspace } from '../utils/store';
import { connect, isLocalServer, originPattern, readConnectInput } from '../utils/sync/connect';

type Stage =
  | { step: 'form' }
  | { step: 'checking' }
  | { step: 'demo-work'; waiting: number; finish: (discard: boolean) => Promise<void> }
  | { step: 'done'; me: MeResponse };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How many changes the demo workspace holds that were made on this device. */
async function demoLocalWork(): Promise<number> {
  if (!(await listWorkspaces()).some((w) => w.id === demoWorkspaceId)) return 0;
  const db = await openWorkspaceDb(demoWorkspaceId);
  try {
    return await db.count('outbox');
  } finally {
    db.close();
  }
}

/**
 * Connects this device to a team's sync server: paste a connect code (or a URL and a token),
 * grant access to a remote server, trade the code for this browser's own token (or check the
 * token), then sync. Used by the options page and by the sidebar while only the demo is here.
 * A code works once, so the question about the demo's changes comes before it is traded: a
 * person who walks away from that question has not spent their code.
 */
export function ConnectForm({ onConnected }: { onConnected?: (me: MeResponse) => void }) {
  const [mode, setMode] = useState<'code' | 'manual'>('code');
  const [code, setCode] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'form' });
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let info: ReturnType<typeof readConnectInput>;
    try {
      info = readConnectInput(mode === 'code' ? { code } : { serverUrl, token });
    } catch (e) {
      setError(messageOf(e));
      return;
    }
    // The permission prompt needs the click's user gesture: ask before anything is awaited.
    const granted = isLocalServer(info.url) ? Promise.resolve(true) : browser.permissions.request({ origins: [originPattern(info.url)] });
    setStage({ step: 'checking' });
    const connectAndSave = async (discardDemo: boolean) => {
      try {
        setStage({ step: 'checking' });
        const { me, token: deviceToken, serverUrl: origin } = await connect(info);
        await saveServerWorkspace(
          {
            id: me.workspace.id,
            name: me.workspace.name,
            kind: 'server',
            serverUrl: origin,
            member: { memberId: me.member.id, name: me.member.name, role: me.member.role },
            addedAt: new Date().toISOString(),
          },
          deviceToken,
        );
        if (discardDemo) await removeWorkspace(demoWorkspaceId, { wipe: true });
        void sendToBackground({ type: 'toBackground.syncRequest', workspaceId: me.workspace.id, reason: 'connect' });
        setStage({ step: 'done', me });
        setCode('');
        setToken('');
        onConnected?.(me);
      } catch (e) {
        setError(messageOf(e));
        setStage({ step: 'form' });
      }
    };
    void (async () => {
      try {
        if (!(await granted)) {
          throw new Error(`Tandem needs your permission to talk to ${info.url.host}. Connect again and choose Allow.`);
        }
        const waiting = await demoLocalWork();
        if (waiting > 0) setStage({ step: 'demo-work', waiting, finish: connectAndSave });
        else await connectAndSave(false);
      } catch (e) {
        setError(messageOf(e));
        setStage({ step: 'form' });
      }
    })();
  };

  if (stage.step === 'demo-work') {
    return (
      <div role="alertdialog" aria-labelledby={`${id}-demo`} className="card">
        <p id={`${id}-demo`}>
          The demo workspace holds {stage.waiting} {stage.waiting === 1 ? 'change' : 'changes'} you made on this device
          (feedback or replies). They are demo data and are never sent to your team. Discard them?
        </p>
        <div className="actions">
          <button type="button" onClick={() => void stage.finish(true)}>
            Discard demo data
          </button>
          <button type="button" className="secondary" onClick={() => void stage.finish(false)}>
            Keep the demo
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="connect-form" aria-label="Connect to your team">
      {stage.step === 'done' && (
        <p role="status" className="ok">
          Connected to {stage.me.workspace.name} as {stage.me.member.name} ({stage.me.member.role}).
        </p>
      )}
      {mode === 'code' ? (
        <>
          <label htmlFor={`${id}-code`}>Connect code</label>
          <textarea
            id={`${id}-code`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            rows={3}
            placeholder="tandem1.…"
            spellCheck={false}
            autoComplete="off"
          />
          <button type="button" className="link-button" onClick={() => setMode('manual')}>
            Enter a server address and token instead
          </button>
        </>
      ) : (
        <>
          <label htmlFor={`${id}-url`}>Server address</label>
          <input id={`${id}-url`} type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://tandem.example.com" />
          <label htmlFor={`${id}-token`}>Token</label>
          <input id={`${id}-token`} type="password" value={token} onChange={(e) => setToken(e.target.value)} placeholder="tdm_…" autoComplete="off" />
          <button type="button" className="link-button" onClick={() => setMode('code')}>
            Paste a connect code instead
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={stage.step === 'checking'}>
          {stage.step === 'checking' ? 'Checking…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
