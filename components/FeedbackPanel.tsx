import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  FeedbackReason,
  reasonLabels,
  Verdict,
  verdictLabels,
  type Feedback,
  type ContactFacts,
  type ParsedContact,
  type ReadState,
} from '../utils/model';
import { isNewFor, lastReadAt, lastWrittenByOthers, markThreadsRead, unreadFeedback } from '../utils/unread';
import type { SidebarSource } from '../utils/views';
import { formatTime } from './format';
import { useLive } from './hooks';
import './inbox.css';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Reply", then a form to write one (`feedback.reply`, with a new reply id). Shared by the
 * sidebar's panel and Marketing's inbox; `onOpen` and `onSent` let the inbox mark the thread
 * read.
 */
export function ReplyForm({
  write,
  feedbackId,
  onOpen,
  onSent,
}: {
  write: (name: string, args: unknown) => Promise<void>;
  feedbackId: string;
  onOpen?: () => void;
  onSent?: () => void;
}) {
  const [open, setOpenState] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const replyButton = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  const setOpen = (next: boolean) => {
    closed.current = !next;
    setOpenState(next);
  };
  // Keyboard users land back on "Reply" when the form closes, not at the top of the page.
  useEffect(() => {
    if (!open && closed.current) replyButton.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <button
        type="button"
        className="link-button"
        ref={replyButton}
        onClick={() => {
          setOpen(true);
          onOpen?.();
        }}
      >
        Reply
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await write('feedback.reply', { feedbackId, replyId: crypto.randomUUID(), body });
      setBody('');
      setOpen(false);
      setError(null);
      onSent?.();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form onSubmit={submit} className="reply-form">
      <label htmlFor={id}>Your reply</label>
      <textarea
        id={id}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={2}
        autoFocus
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit">Send reply</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FeedbackThread({ source, feedback, readBefore }: { source: SidebarSource; feedback: Feedback; readBefore: number }) {
  const me = source.info.member;
  return (
    <li className="thread">
      <p>
        <span className={`pill ${feedback.verdict}`}>{verdictLabels[feedback.verdict]}</span>{' '}
        <strong>{feedback.author.name}</strong> <span className="muted">{formatTime(feedback.createdAt)}</span>
      </p>
      {feedback.reasons.length > 0 && (
        <p className="reasons">{feedback.reasons.map((r) => reasonLabels[r]).join(' · ')}</p>
      )}
      {feedback.note && <p className="prewrap">{feedback.note}</p>}
      {feedback.replies.length > 0 && (
        <ul className="replies" aria-label="Replies">
          {feedback.replies.map((reply) => (
            <li key={reply.id}>
              <strong>{reply.author.name}</strong> <span className="muted">{formatTime(reply.createdAt)}</span>
              {isNewFor(reply, me, readBefore) && (
                <>
                  {' '}
                  <span className="pill new" title="Written since you last read this conversation">
                    New
                  </span>
                </>
              )}
              <p className="prewrap">{reply.body}</p>
            </li>
          ))}
        </ul>
      )}
      <ReplyForm write={(name, args) => source.write(name, args)} feedbackId={feedback.id} />
    </li>
  );
}

export interface FeedbackPanelProps {
  source: SidebarSource;
  contactKey: string;
  contact: ParsedContact;
  feedback: Feedback[];
  /**
   * This member's read marks (`SharedView.read`; undefined when they have none yet). When the
   * prop is left out altogether, the panel loads them itself.
   */
  read?: ReadState;
  /** Called once a feedback is saved: the rep has acted on this contact. */
  onSent?: () => void;
}

/** What the contact's page or the rep said about them, kept with the feedback as evidence. */
function factsOf(contact: ParsedContact): { facts?: ContactFacts } {
  const facts = Object.fromEntries(
    (['title', 'seniority', 'department', 'company', 'industry', 'employees', 'country'] as const).flatMap((k) => (contact[k] === undefined ? [] : [[k, contact[k]]])),
  ) as ContactFacts;
  return Object.keys(facts).length ? { facts } : {};
}

/** Sales' word on the lead, and the conversation with Marketing about it. */
export function FeedbackPanel(props: FeedbackPanelProps) {
  return 'read' in props ? <Conversation {...props} /> : <WithOwnReadState {...props} />;
}

const loadRead = (s: SidebarSource) => s.loadShared().then((shared) => shared.read ?? null);

/** For a caller that does not pass the read marks: load them, so "New" is right from the first render. */
function WithOwnReadState(props: FeedbackPanelProps) {
  const read = useLive(props.source, ['read'], loadRead);
  if (read.status === 'loading') return <p className="muted">Loading…</p>;
  return <Conversation {...props} read={read.status === 'ready' ? (read.value ?? undefined) : undefined} />;
}

/**
 * When this member last read each thread, as it was when the panel first showed it for this
 * contact: replies after that are "New" for as long as the panel stays on the contact, even
 * after they have been marked read (which happens at once).
 */
function useReadBefore(contactKey: string, threads: Feedback[], read: ReadState | undefined): Map<string, number> {
  const [before, setBefore] = useState(() => ({ contactKey, marks: new Map<string, number>() }));
  const current = before.contactKey === contactKey ? before.marks : new Map<string, number>();
  const missing = threads.filter((f) => !current.has(f.id));
  if (missing.length === 0 && before.contactKey === contactKey) return current;
  const marks = new Map(current);
  for (const f of missing) marks.set(f.id, lastReadAt(read, f.id));
  // Adjusting state while rendering (React re-renders at once, before committing).
  setBefore({ contactKey, marks });
  return marks;
}

/** Is this document in front of the person? Threads are only marked read while it is. */
function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => typeof document === 'undefined' || document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * Marks the shown threads that are unread for this member as read, once for each new thing
 * written in them, and only while the document is visible. Each (thread, newest entry by
 * someone else) is asked for once, so a mark that does not clear it (a clock ahead of this
 * one) cannot turn into a loop.
 */
function useMarkShownRead(source: SidebarSource, threads: Feedback[], read: ReadState | undefined): string | null {
  const visible = useDocumentVisible();
  const asked = useRef(new Set<string>());
  const [error, setError] = useState<string | null>(null);
  const me = source.info.member;
  const unreadKey = unreadFeedback(threads, read, me)
    .map((f) => `${f.id}@${lastWrittenByOthers(f, me)}`)
    .join(' ');
  useEffect(() => {
    if (!visible || !unreadKey) return;
    const fresh = unreadKey.split(' ').filter((k) => !asked.current.has(k));
    if (fresh.length === 0) return;
    for (const k of fresh) asked.current.add(k);
    markThreadsRead((name, args) => source.write(name, args), fresh.map((k) => k.slice(0, k.indexOf('@')))).then(
      () => setError(null),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [visible, unreadKey, source]);
  return error;
}

function Conversation({ source, contactKey, contact, feedback, read, onSent }: FeedbackPanelProps) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const noteId = useId();
  const thread = feedback
    .filter((f) => f.subject.contactKey === contactKey)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const readBefore = useReadBefore(contactKey, thread, read);
  const markError = useMarkShownRead(source, thread, read);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict) return setError('Choose accept, reject or nurture first.');
    try {
      await source.write('feedback.create', {
        id: crypto.randomUUID(),
        subject: { contactKey, contactName: contact.name ?? contact.email, ...factsOf(contact) },
        verdict,
        reasons: verdict === 'accept' ? [] : reasons,
        note,
      });
      setVerdict(null);
      setReasons([]);
      setNote('');
      setError(null);
      setSaved(true);
      onSent?.();
    } catch (e) {
      setError(messageOf(e));
      setSaved(false);
    }
  };

  return (
    <section aria-labelledby="feedback-heading" className="card">
      <h2 id="feedback-heading">Feedback</h2>
      <form onSubmit={submit} className="feedback-form">
        <fieldset>
          <legend>What do you think of this lead?</legend>
          <div className="segmented">
            {Verdict.options.map((v) => (
              <label key={v} className={verdict === v ? 'checked' : ''}>
                <input
                  type="radio"
                  name="verdict"
                  value={v}
                  checked={verdict === v}
                  onChange={() => {
                    setVerdict(v);
                    setSaved(false);
                  }}
                />
                {verdictLabels[v]}
              </label>
            ))}
          </div>
        </fieldset>
        {verdict && verdict !== 'accept' && (
          <fieldset>
            <legend>Why? {verdict === 'reject' && <span className="muted">(at least one)</span>}</legend>
            <div className="reasons-grid">
              {FeedbackReason.options.map((r) => (
                <label key={r}>
                  <input
                    type="checkbox"
                    checked={reasons.includes(r)}
                    onChange={(e) => setReasons(e.target.checked ? [...reasons, r] : reasons.filter((x) => x !== r))}
                  />
                  {reasonLabels[r]}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <label htmlFor={noteId}>Note for Marketing (optional)</label>
        <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
        {error && <p role="alert" className="error">{error}</p>}
        {saved && <p role="status" className="ok">Feedback saved.</p>}
        <div className="actions">
          <button type="submit">Send feedback</button>
        </div>
      </form>
      <h3>Earlier feedback</h3>
      {thread.length === 0 ? (
        <p className="muted">No feedback on this contact yet.</p>
      ) : (
        <ul className="threads">
          {thread.map((f) => (
            <FeedbackThread key={f.id} source={source} feedback={f} readBefore={readBefore.get(f.id) ?? lastReadAt(read, f.id)} />
          ))}
        </ul>
      )}
      {markError && <p className="muted">Tandem could not mark these replies as read: {markError}</p>}
    </section>
  );
}
