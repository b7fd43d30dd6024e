import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  FeedbackReason,
  reasonLabels,
  Verdict,
  verdictLabels,
  type Campaign,
  type Feedback,
  type Lead,
  type Member,
  type ReadState,
} from '../utils/model';
import { listRecords, type RecordProblem, type Workspace } from '../utils/store';
import { isNewFor, lastReadAt, markThreadsRead, unreadFeedback } from '../utils/unread';
import { addressBesideName, contactParts } from '../utils/contactLabel';
import { ReplyForm } from './FeedbackPanel';
import { formatTime } from './format';
import { useWorkspaceLoad, type Loadable } from './hooks';
import './inbox.css';

type Write = (name: string, args: unknown) => Promise<void>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the inbox reads from the workspace. */
export interface InboxData {
  feedback: Feedback[];
  campaigns: Campaign[];
  leads: Lead[];
  members: Member[];
  /** This member's read marks. */
  read: ReadState | undefined;
  problems: RecordProblem[];
}

const inboxTopics = ['feedback', 'campaign', 'read', 'member', 'lead'] as const;

export async function loadInbox(workspace: Workspace): Promise<InboxData> {
  const [feedback, campaigns, reads, members, leads] = await Promise.all([
    listRecords(workspace.db, 'feedback'),
    listRecords(workspace.db, 'campaign'),
    listRecords(workspace.db, 'read'),
    listRecords(workspace.db, 'member'),
    listRecords(workspace.db, 'lead'),
  ]);
  return {
    feedback: feedback.records,
    campaigns: campaigns.records,
    leads: leads.records,
    members: members.records,
    read: reads.records.find((r) => r.id === workspace.info.member.memberId),
    problems: [...feedback.problems, ...campaigns.problems, ...reads.problems, ...members.problems, ...leads.problems],
  };
}

/** Loads the inbox and loads it again when one of its record types changes in this workspace. */
function useInboxData(workspace: Workspace): Loadable<InboxData> {
  return useWorkspaceLoad(workspace, inboxTopics, loadInbox);
}

/** The inbox's filters, as the form holds them. Empty strings mean "any". */
export interface InboxFilters {
  /** A campaign id, `none` for feedback tied to no campaign, or '' for any. */
  campaign: string;
  verdict: '' | Verdict;
  reason: '' | FeedbackReason;
  /** The author's member id. */
  author: string;
  /** `YYYY-MM-DD`, inclusive, in the local time zone. */
  from: string;
  to: string;
  unreadOnly: boolean;
}

export const noFilters: InboxFilters = { campaign: '', verdict: '', reason: '', author: '', from: '', to: '', unreadOnly: false };

export const noCampaign = 'none';

/** The campaign feedback is about: its own, else the one its lead came from. */
export function campaignOf(feedback: Feedback, leadsById: ReadonlyMap<string, Lead>): string | undefined {
  if (feedback.subject.campaignId) return feedback.subject.campaignId;
  return feedback.subject.leadId ? leadsById.get(feedback.subject.leadId)?.campaignId : undefined;
}

/** Midnight at the start of a `YYYY-MM-DD` day in the local time zone, in ms; NaN when not a date. */
export function localDayStart(day: string, plusDays = 0): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return Number.NaN;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).getTime();
}

/**
 * The feedback that passes the filters, newest first. `from` and `to` are whole local days,
 * both included; an unreadable date is ignored rather than hiding everything.
 */
export function filterInbox(
  feedback: Feedback[],
  filters: InboxFilters,
  context: { leadsById: ReadonlyMap<string, Lead>; unread: ReadonlySet<string> },
): Feedback[] {
  const from = filters.from ? localDayStart(filters.from) : Number.NaN;
  const toExclusive = filters.to ? localDayStart(filters.to, 1) : Number.NaN;
  return feedback
    .filter((f) => {
      if (filters.campaign) {
        const campaign = campaignOf(f, context.leadsById);
        if (filters.campaign === noCampaign ? campaign !== undefined : campaign !== filters.campaign) return false;
      }
      if (filters.verdict && f.verdict !== filters.verdict) return false;
      if (filters.reason && !f.reasons.includes(filters.reason)) return false;
      if (filters.author && f.author.memberId !== filters.author) return false;
      const at = Date.parse(f.createdAt);
      if (!Number.isNaN(from) && !(at >= from)) return false;
      if (!Number.isNaN(toExclusive) && !(at < toExclusive)) return false;
      if (filters.unreadOnly && !context.unread.has(f.id)) return false;
      return true;
    })
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** "3 of 7 shown · 2 unread": what the filters let through, and how much of that is unread. */
export function inboxCount(shown: number, total: number, unreadShown: number): string {
  return `${shown} of ${total} shown · ${unreadShown} unread`;
}

const pageSize = 100;

function Filters({
  filters,
  onChange: change,
  campaigns,
  authors,
}: {
  filters: InboxFilters;
  onChange: (next: InboxFilters) => void;
  campaigns: Campaign[];
  authors: { id: string; name: string }[];
}) {
  const id = useId();
  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) => change({ ...filters, [key]: value });
  const backwards = filters.from && filters.to && filters.from > filters.to;
  return (
    <form className="inbox-filters" aria-label="Filter feedback" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <div className="inbox-field">
        <label htmlFor={`${id}-campaign`}>Campaign</label>
        <select id={`${id}-campaign`} value={filters.campaign} onChange={(e) => set('campaign', e.target.value)}>
          <option value="">Any campaign</option>
          <option value={noCampaign}>No campaign</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="inbox-field">
        <label htmlFor={`${id}-verdict`}>Verdict</label>
        <select id={`${id}-verdict`} value={filters.verdict} onChange={(e) => set('verdict', e.target.value as InboxFilters['verdict'])}>
          <option value="">Any verdict</option>
          {Verdict.options.map((v) => (
            <option key={v} value={v}>
              {verdictLabels[v]}
            </option>
          ))}
        </select>
      </div>
      <div className="inbox-field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <select id={`${id}-reason`} value={filters.reason} onChange={(e) => set('reason', e.target.value as InboxFilters['reason'])}>
          <option value="">Any reason</option>
          {FeedbackReason.options.map((r) => (
            <option key={r} value={r}>
              {reasonLabels[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="inbox-field">
        <label htmlFor={`${id}-author`}>Author</label>
        <select id={`${id}-author`} value={filters.author} onChange={(e) => set('author', e.target.value)}>
          <option value="">Anyone</option>
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="inbox-field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} />
      </div>
      <div className="inbox-field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </div>
      <div className="inbox-field inbox-check">
        <label htmlFor={`${id}-unread`}>
          <input id={`${id}-unread`} type="checkbox" checked={filters.unreadOnly} onChange={(e) => set('unreadOnly', e.target.checked)} />
          Unread only
        </label>
      </div>
      <div className="inbox-field inbox-clear">
        <button type="button" className="secondary" onClick={() => change(noFilters)}>
          Clear filters
        </button>
      </div>
      {backwards && <p className="warning inbox-hint">The From date is after the To date, so nothing can match.</p>}
    </form>
  );
}

function InboxItem({
  feedback,
  unread,
  read,
  me,
  campaignName,
  authorName,
  write,
  onMarkRead,
}: {
  feedback: Feedback;
  unread: boolean;
  read: ReadState | undefined;
  me: { memberId: string };
  campaignName: string | undefined;
  authorName: string;
  write: Write;
  onMarkRead: (element: HTMLElement | null) => Promise<void>;
}) {
  const headingId = useId();
  const item = useRef<HTMLLIElement>(null);
  const since = lastReadAt(read, feedback.id);
  // The person and their address, never the contact key.
  const { name, address } = contactParts(feedback.subject);
  const besideName = addressBesideName(name, address);
  return (
    <li ref={item} className={unread ? 'inbox-item unread' : 'inbox-item'} aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId} className="inbox-item-title">
        {unread && (
          <>
            <span className="pill unread">Unread</span>{' '}
          </>
        )}
        <span className={`pill ${feedback.verdict}`}>{verdictLabels[feedback.verdict]}</span>{' '}
        <span className="inbox-contact">{name ?? address ?? 'Unnamed contact'}</span>
      </h3>
      <p className="inbox-meta muted">
        {besideName && <span className="inbox-address">{address}</span>}
        {besideName && ' · '}
        {campaignName ?? 'No campaign'} · by {authorName} ·{' '}
        <time dateTime={feedback.createdAt}>{formatTime(feedback.createdAt)}</time>
      </p>
      {feedback.reasons.length > 0 && <p className="reasons">{feedback.reasons.map((r) => reasonLabels[r]).join(' · ')}</p>}
      {feedback.note ? <p className="prewrap">{feedback.note}</p> : <p className="muted">No note.</p>}
      {feedback.replies.length > 0 && (
        <ul className="replies" aria-label="Replies">
          {feedback.replies.map((reply) => (
            <li key={reply.id}>
              <strong>{reply.author.name}</strong> <time className="muted" dateTime={reply.createdAt}>{formatTime(reply.createdAt)}</time>
              {isNewFor(reply, me, since) && (
                <>
                  {' '}
                  <span className="pill new">New</span>
                </>
              )}
              <p className="prewrap">{reply.body}</p>
            </li>
          ))}
        </ul>
      )}
      <div className="actions inbox-actions">
        <ReplyForm
          write={write}
          feedbackId={feedback.id}
          onOpen={() => unread && void onMarkRead(null)}
          onSent={() => void onMarkRead(null)}
        />
        {unread && (
          <button type="button" className="secondary" onClick={() => void onMarkRead(item.current)}>
            Mark read
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * Marketing's inbox on the options page: every piece of feedback, newest first, with its
 * replies, filters, and what this member has not read yet. Replying or opening the reply form
 * marks a thread read; so do "Mark read" and "Mark all shown as read".
 */
export function FeedbackInbox({ workspace, write }: { workspace: Workspace; write: Write }) {
  const data = useInboxData(workspace);
  const [filters, setFilters] = useState<InboxFilters>(noFilters);
  const [limit, setLimit] = useState(pageSize);
  const [error, setError] = useState<string | null>(null);
  // Threads read here while "Unread only" is on stay listed (as read) until the filters change,
  // so a thread does not vanish under the reply being written or the button just pressed.
  const [justRead, setJustRead] = useState<ReadonlySet<string>>(new Set());
  const me = workspace.info.member;

  const value = data.status === 'ready' ? data.value : undefined;
  const derived = useMemo(() => {
    if (!value) return undefined;
    const leadsById = new Map(value.leads.map((l) => [l.id, l]));
    const campaignsById = new Map(value.campaigns.map((c) => [c.id, c]));
    const memberNames = new Map(value.members.map((m) => [m.id, m.name]));
    const unread = new Set(unreadFeedback(value.feedback, value.read, me).map((f) => f.id));
    const authors = [...new Map(value.feedback.map((f) => [f.author.memberId, memberNames.get(f.author.memberId) ?? f.author.name])).entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const campaigns = [...value.campaigns].sort((a, b) => a.name.localeCompare(b.name));
    return { leadsById, campaignsById, memberNames, unread, authors, campaigns };
  }, [value, me]);

  if (data.status === 'loading') return <p className="muted">Loading the feedback…</p>;
  if (data.status === 'error') return <p role="alert" className="error">Tandem could not read the feedback: {data.message}</p>;
  const { feedback, read, problems } = data.value;
  const { leadsById, campaignsById, memberNames, unread, authors, campaigns } = derived!;

  const matching = filterInbox(feedback, filters, { leadsById, unread: justRead.size ? new Set([...unread, ...justRead]) : unread });
  const unreadShown = matching.filter((f) => unread.has(f.id));
  const visible = matching.slice(0, limit);

  const markRead = async (ids: string[], focus?: HTMLElement | null) => {
    if (ids.length === 0) return;
    if (filters.unreadOnly) setJustRead(new Set([...justRead, ...ids]));
    try {
      await markThreadsRead(write, ids);
      setError(null);
      // The "Mark read" button is gone now: keep the keyboard on its item.
      focus?.focus();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="inbox-heading" className="card inbox">
      <h2 id="inbox-heading">Feedback inbox</h2>
      <p className="muted">Every word Sales has given on leads, newest first, with the conversation under it.</p>
      <Filters
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          setLimit(pageSize);
          setJustRead(new Set());
        }}
        campaigns={campaigns}
        authors={authors}
      />
      <div className="inbox-summary">
        <p role="status" className="inbox-count">
          {inboxCount(matching.length, feedback.length, unreadShown.length)}
        </p>
        <button
          type="button"
          className="secondary"
          aria-disabled={unreadShown.length === 0}
          onClick={() => void markRead(unreadShown.map((f) => f.id))}
        >
          Mark all shown as read
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {problems.length > 0 && (
        <p className="warning">
          {problems.length} stored {problems.length === 1 ? 'record' : 'records'} could not be read and {problems.length === 1 ? 'was' : 'were'}{' '}
          skipped ({problems[0]!.type}: {problems[0]!.message}).
        </p>
      )}
      {feedback.length === 0 ? (
        <p className="muted">No feedback yet. What Sales says about leads shows up here.</p>
      ) : matching.length === 0 ? (
        <p className="muted">No feedback matches these filters.</p>
      ) : (
        <ul className="inbox-list" aria-label="Feedback">
          {visible.map((f) => {
            const campaignId = campaignOf(f, leadsById);
            return (
              <InboxItem
                key={f.id}
                feedback={f}
                unread={unread.has(f.id)}
                read={read}
                me={me}
                campaignName={campaignId ? (campaignsById.get(campaignId)?.name ?? 'A campaign no longer in Tandem') : undefined}
                authorName={memberNames.get(f.author.memberId) ?? f.author.name}
                write={write}
                onMarkRead={(element) => markRead([f.id], element)}
              />
            );
          })}
        </ul>
      )}
      {matching.length > visible.length && (
        <p className="actions">
          <span className="muted">
            Showing the newest {visible.length} of {matching.length}.
          </span>
          <button type="button" className="secondary" onClick={() => setLimit(limit + pageSize)}>
            Show {Math.min(pageSize, matching.length - visible.length)} more
          </button>
        </p>
      )}
    </section>
  );
}
