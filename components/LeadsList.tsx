import type { LeadsView } from '../utils/views';
import { formatTime } from './format';
import { SafeLink } from './SafeLink';

/** The leads captured in this workspace, newest first, with what has not synced yet. */
export function LeadsList({ view }: { view: LeadsView }) {
  if (view.leads.length === 0) {
    return <p className="muted">No leads captured yet. Right-click a signature, a link or a page and choose “Capture lead”.</p>;
  }
  return (
    <ul className="threads" aria-label="Leads">
      {view.leads.map((lead) => (
        <li key={lead.id} className="thread" data-testid="lead">
          <p>
            <strong>{lead.name ?? lead.email ?? lead.linkedin}</strong>
            {lead.title && <> · {lead.title}</>}
            {lead.company && <> · {lead.company}</>}
            {view.pending.includes(lead.id) && <span className="pill nurture"> not synced yet</span>}
          </p>
          <p className="muted">
            {lead.email}
            {lead.phones.length > 0 && <> · {lead.phones.join(', ')}</>}
          </p>
          <p className="muted">
            Captured by {lead.capturedBy.name}, {formatTime(lead.updatedAt)} · {lead.status}
            {lead.sourceUrl && <> · <SafeLink href={lead.sourceUrl}>source</SafeLink></>}
          </p>
        </li>
      ))}
    </ul>
  );
}
