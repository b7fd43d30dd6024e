import { useEffect, useState } from 'react';
import { sendToBackground } from '../utils/messages';
import type { SidebarSource } from '../utils/views';
import type { SyncNotice } from '../utils/sync/engine';
import { formatTime } from './format';
import { OpenSettings } from './OpenSettings';
import { contactLabel } from '../utils/contactLabel';
import { isDocumentEdit } from '../utils/merge';
import { useLive } from './hooks';

/** What a refused change was, in words: “your feedback on Dana Whitfield (dana@contoso.com)”. */
export function describeChange(notice: Pick<SyncNotice, 'name' | 'args'>): string {
  const args = (notice.args ?? {}) as Record<string, unknown>;
  const doc = (args.doc ?? {}) as Record<string, unknown>;
  const subject = (args.subject ?? {}) as Record<string, unknown>;
  switch (notice.name) {
    case 'feedback.create':
      return `your feedback on ${contactLabel({
        contactKey: typeof subject.contactKey === 'string' ? subject.contactKey : '',
        contactName: typeof subject.contactName === 'string' ? subject.contactName : undefined,
      }, 'a contact')}`;
    case 'feedback.reply':
      return 'your reply to feedback';
    case 'definition.publish':
      return 'publishing the lead definition';
    case 'campaign.put':
      return `your edit of the campaign “${String(doc.name ?? '')}”`;
    case 'play.put':
      return `your edit of the sales play “${String(doc.name ?? '')}”`;
    case 'goal.put':
      return `your edit of the goal “${String(doc.name ?? '')}”`;
    case 'lead.capture':
      return `the lead ${String(args.name ?? args.email ?? '')} you captured`;
    default:
      return `your change (${notice.name})`;
  }
}

const waitingText = (n: number) => (n ? ` · ${n} waiting` : '');

/**
 * Sync as a person sees it: synced · syncing · offline (N waiting) · error with the reason,
 * a Retry, and every change the server refused, with its reason, until dismissed.
 */
/** While a view is open and visible, ask for a sync every few seconds, so others' changes show up without a click. */
const pollMs = 5000;

function usePolling(source: SidebarSource) {
  useEffect(() => {
    if (source.info.kind !== 'server') return;
    const poll = () => {
      if (document.visibilityState === 'visible') void sendToBackground({ type: 'toBackground.syncRequest', workspaceId: source.info.id, reason: 'poll' });
    };
    poll();
    const timer = setInterval(poll, pollMs);
    return () => clearInterval(timer);
  }, [source]);
}

/** `compareInSettings`: offer to open the options page for a refused document edit (the options page itself shows them side by side). */
export function SyncBar({ source, compareInSettings = true }: { source: SidebarSource; compareInSettings?: boolean }) {
  usePolling(source);
  const state = useLive(source, ['sync', 'outbox', 'notices'], (s) => s.loadSync());
  const [busy, setBusy] = useState(false);
  if (source.info.kind !== 'server' || state.status !== 'ready') return null;
  const { status, waiting, notices } = state.value;
  const id = source.info.id;
  const retry = async () => {
    setBusy(true);
    await sendToBackground({ type: 'toBackground.syncRequest', workspaceId: id, reason: 'manual' });
    setBusy(false);
  };

  let text: string;
  switch (status.state) {
    case 'synced':
      text = waiting ? `Saved here${waitingText(waiting)}` : `Synced${status.lastSyncedAt ? ` · ${formatTime(status.lastSyncedAt)}` : ''}`;
      break;
    case 'syncing':
      text = `Syncing…${waitingText(waiting)}`;
      break;
    case 'offline':
      text = `Offline${waitingText(waiting)}`;
      break;
    case 'error':
      text = `Not synced${waitingText(waiting)}`;
      break;
    case 'revoked':
      text = 'Access revoked';
      break;
    default:
      text = `Not synced yet${waitingText(waiting)}`;
  }

  return (
    <div className={`sync-bar ${status.state}`}>
      <p role="status" data-testid="sync-status">
        <span className="dot" aria-hidden="true" /> {text}
      </p>
      {status.message && status.state !== 'synced' && status.state !== 'syncing' && <p className="muted">{status.message}</p>}
      {status.state === 'revoked' ? (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              if (confirm(`Delete everything Tandem keeps on this device for “${source.info.name}”? Changes that were not synced are lost.`)) {
                void source.wipe();
              }
            }}
          >
            Wipe this workspace’s data
          </button>
          <button type="button" className="secondary" onClick={() => void retry()} disabled={busy}>
            Try again
          </button>
        </div>
      ) : (
        (status.state === 'error' || status.state === 'offline' || waiting > 0) && (
          <button type="button" className="secondary" onClick={() => void retry()} disabled={busy || status.state === 'syncing'}>
            Retry now
          </button>
        )
      )}
      {notices.length > 0 && (
        <ul className="notices" aria-label="Changes the server did not accept">
          {notices.map((notice) => (
            <li key={notice.id} className="notice">
              <p>
                {notice.status === 'conflict'
                  ? `Someone changed this first, so ${describeChange(notice)} was not saved: ${notice.error.message} You now see their version.`
                  : `The server refused ${describeChange(notice)}: ${notice.error.message}`}
              </p>
              {notice.status === 'conflict' && notice.current && isDocumentEdit(notice.name) && compareInSettings && (
                <OpenSettings section="workspace">Compare both versions in settings</OpenSettings>
              )}
              <button
                type="button"
                className="link-button"
                onClick={() => void source.dismissNotice(notice.id)}
              >
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
