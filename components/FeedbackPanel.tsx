import { useId, useState, type FormEvent } from 'react';
import {
  FeedbackReason,
  reasonLabels,
  Verdict,
  verdictLabels,
  type Feedback,
  type ParsedContact,
} from '../utils/model';
import type { SidebarSource } from '../utils/views';
import { formatTime } from './format';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function ReplyForm({ source, feedback }: { source: SidebarSource; feedback: Feedback }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Reply
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await source.write('feedback.reply', { feedbackId: feedback.id, replyId: crypto.randomUUID(), body });
      setBody('');
      setOpen(false);
      setError(null);
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

function FeedbackThread({ source, feedback }: { source: SidebarSource; feedback: Feedback }) {
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
              <p className="prewrap">{reply.body}</p>
            </li>
          ))}
        </ul>
      )}
      <ReplyForm source={source} feedback={feedback} />
    </li>
  );
}

/** Sales' word on the lead, and the conversation with Marketing about it. */
export function FeedbackPanel({
  source,
  contactKey,
  contact,
  feedback,
}: {
  source: SidebarSource;
  contactKey: string;
  contact: ParsedContact;
  feedback: Feedback[];
}) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const noteId = useId();
  const thread = feedback
    .filter((f) => f.subject.contactKey === contactKey)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict) return setError('Choose accept, reject or nurture first.');
    try {
      await source.write('feedback.create', {
        id: crypto.randomUUID(),
        subject: { contactKey, contactName: contact.name ?? contact.email },
        verdict,
        reasons: verdict === 'accept' ? [] : reasons,
        note,
      });
      setVerdict(null);
      setReasons([]);
      setNote('');
      setError(null);
      setSaved(true);
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
            <FeedbackThread key={f.id} source={source} feedback={f} />
          ))}
        </ul>
      )}
    </section>
  );
}
