import { useId, useMemo, useState, type FormEvent } from 'react';
import { campaignsForContact, localToday } from '../utils/campaigns';
import { draftFromCapture, type CaptureDraft, type DraftField } from '../utils/capture/draft';
import type { PendingCapture } from '../utils/capture/pending';
import { evaluateFit, verdictText } from '../utils/fit';
import { ContactContext, contactKey, FeedbackReason, reasonLabels, Verdict, verdictLabels, type Campaign, type Lead, type LeadDefinition, type ParsedContact } from '../utils/model';
import { describeZodError } from '../utils/store';
import { canChangeLead, mutatorNamed } from '../utils/mutators';
import type { SidebarSource } from '../utils/views';

const fieldLabels: Record<DraftField, string> = {
  name: 'Name',
  title: 'Title',
  company: 'Company',
  email: 'Email',
  phones: 'Phones (one a line)',
  website: 'Website',
  linkedin: 'LinkedIn',
  address: 'Address',
};
const lowConfidence = 0.6;

function toContact(draft: CaptureDraft): ParsedContact {
  const parsed = ContactContext.safeParse({
    source: 'capture',
    email: draft.values.email || undefined,
    name: draft.values.name || undefined,
    title: draft.values.title || undefined,
    company: draft.values.company || undefined,
    custom: {},
  });
  return parsed.success ? parsed.data : ContactContext.parse({ source: 'capture', name: draft.values.name.slice(0, 300) || undefined });
}

/** An existing lead with the same email (any case) or LinkedIn URL. */
function duplicateOf(leads: Lead[], draft: CaptureDraft): Lead | undefined {
  const email = draft.values.email.trim().toLowerCase();
  const linkedin = draft.values.linkedin.trim().toLowerCase().replace(/\/+$/, '');
  return leads.find(
    (l) => (email && l.email?.toLowerCase() === email) || (linkedin && l.linkedin?.toLowerCase().replace(/\/+$/, '') === linkedin),
  );
}

/**
 * Reviewing a capture before it becomes a lead: every field editable, the ones Tandem is
 * unsure of marked, the fit and the matching campaigns updated as the rep edits, and an
 * optional first feedback. An existing lead with the same email or LinkedIn is offered for
 * update instead.
 */
export function CaptureReview({
  source,
  pending,
  definition,
  campaigns,
  leads,
  onDone,
}: {
  source: SidebarSource;
  pending: PendingCapture;
  definition: LeadDefinition | undefined;
  campaigns: Campaign[];
  leads: Lead[];
  /** The message to show (null when discarded), and the captured person's contact key when they have an email. */
  onDone: (message: string | null, capturedKey?: string) => void;
}) {
  const initial = useMemo(() => draftFromCapture(pending, { locale: navigator.language }), [pending]);
  const [candidate, setCandidate] = useState(0);
  const [draft, setDraft] = useState<CaptureDraft>(initial[0] ?? { values: { name: '', title: '', company: '', email: '', phones: '', website: '', linkedin: '', address: '' }, confidence: {}, from: 'nothing found' });
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [reasons, setReasons] = useState<FeedbackReason[]>([]);
  const [errors, setErrors] = useState<Partial<Record<DraftField | 'form', string>>>({});
  const [update, setUpdate] = useState(true);
  const id = useId();

  const contact = toContact(draft);
  const fit = definition ? evaluateFit(definition, contact) : undefined;
  const matches = campaignsForContact(campaigns, contact, localToday());
  const found = duplicateOf(leads, draft);
  // A lead someone else captured is updated only by them or Marketing (utils/mutators/lead.ts).
  const duplicate = found && canChangeLead(found, source.info.member) ? found : undefined;

  const set = (field: DraftField, value: string) => setDraft({ ...draft, values: { ...draft.values, [field]: value }, confidence: { ...draft.confidence, [field]: 1 } });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const v = draft.values;
    const fields = {
      name: v.name.trim() || undefined,
      title: v.title.trim() || undefined,
      company: v.company.trim() || undefined,
      email: v.email.trim() || undefined,
      phones: v.phones.split('\n').map((p) => p.trim()).filter(Boolean),
      website: v.website.trim() || undefined,
      linkedin: v.linkedin.trim() || undefined,
      address: v.address.trim() || undefined,
    };
    if (!fields.name && !fields.email && !fields.linkedin) return setErrors({ form: 'Give at least a name, an email or a LinkedIn address.' });
    const useUpdate = duplicate && update;
    const leadId = useUpdate ? duplicate.id : crypto.randomUUID();
    const args = useUpdate
      ? { id: duplicate.id, changes: fields, baseVersion: duplicate.version, baseRev: duplicate.rev ?? null, rev: crypto.randomUUID() }
      : { ...fields, id: leadId, source: 'context-menu', sourceUrl: /^https?:/.test(pending.url) ? pending.url : undefined, status: 'new', notes: '' };
    const checked = mutatorNamed(useUpdate ? 'lead.update' : 'lead.capture')!.args.safeParse(args);
    if (!checked.success) {
      const byField: Partial<Record<DraftField | 'form', string>> = {};
      for (const issue of checked.error.issues) {
        const path = issue.path.filter((p) => p !== 'changes');
        const field = String(path[0] ?? 'form') as DraftField;
        byField[field in fieldLabels ? field : 'form'] ??= issue.message;
      }
      return setErrors(Object.keys(byField).length ? byField : { form: describeZodError(checked.error) });
    }
    try {
      await source.write(useUpdate ? 'lead.update' : 'lead.capture', args);
      if (verdict) {
        const key = contactKey({ email: fields.email, recordUrl: undefined }) ?? `lead:${leadId}`;
        await source.write('feedback.create', {
          id: crypto.randomUUID(),
          subject: { contactKey: key, contactName: fields.name ?? fields.email, leadId },
          verdict,
          reasons: verdict === 'accept' ? [] : reasons,
          note: '',
        });
      }
      onDone(
        useUpdate ? `Updated the lead ${fields.name ?? fields.email}.` : `Saved the lead ${fields.name ?? fields.email ?? fields.linkedin}.`,
        contactKey({ email: fields.email, recordUrl: undefined }),
      );
    } catch (error) {
      setErrors({ form: (error as Error).message });
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="card capture">
      <h2 id={`${id}-h`}>Review the captured lead</h2>
      <p className="muted">
        From {pending.kind === 'selection' ? 'a selection' : pending.kind === 'link' ? 'a link' : 'the page'}
        {pending.title ? ` on “${pending.title}”` : ''}. Fields marked “check” are guesses.
      </p>
      {initial.length > 1 && (
        <fieldset>
          <legend>People on this page</legend>
          {initial.map((d, i) => (
            <label key={i} className="choice">
              <input type="radio" name={`${id}-candidate`} checked={candidate === i} onChange={() => { setCandidate(i); setDraft(d); }} />
              {d.values.name || d.values.email} <span className="muted">({d.from})</span>
            </label>
          ))}
        </fieldset>
      )}
      {initial.length === 0 && <p role="status" className="warning">Tandem found no person here. Fill in what you know.</p>}
      <form onSubmit={save} noValidate>
        {(Object.keys(fieldLabels) as DraftField[]).map((field) => {
          const low = (draft.confidence[field] ?? 1) < lowConfidence && draft.values[field] !== '';
          const fieldId = `${id}-${field}`;
          return (
            <div key={field} className={`field${low ? ' low' : ''}`}>
              <label htmlFor={fieldId}>
                {fieldLabels[field]} {low && <span className="pill nurture" id={`${fieldId}-check`}>check</span>}
              </label>
              {field === 'phones' || field === 'address' ? (
                <textarea id={fieldId} rows={2} value={draft.values[field]} onChange={(e) => set(field, e.target.value)} aria-describedby={low ? `${fieldId}-check` : undefined} aria-invalid={!!errors[field]} />
              ) : (
                <input id={fieldId} type={field === 'email' ? 'email' : 'text'} value={draft.values[field]} onChange={(e) => set(field, e.target.value)} aria-describedby={low ? `${fieldId}-check` : undefined} aria-invalid={!!errors[field]} />
              )}
              {errors[field] && <p className="error" role="alert">{errors[field]}</p>}
            </div>
          );
        })}
        <p className={`verdict ${fit?.verdict ?? ''}`} data-testid="capture-fit">
          {fit ? <><span className="pill">{verdictText[fit.verdict]}</span> {fit.summary}</> : 'No lead definition to score against yet.'}
        </p>
        {matches.length > 0 && (
          <p className="muted" data-testid="capture-campaigns">
            Campaigns: {matches.map((m) => m.campaign.name).join(', ')}
          </p>
        )}
        {found && (
          <div className="warning" role="status">
            <p>A lead with this {found.email?.toLowerCase() === draft.values.email.trim().toLowerCase() ? 'email' : 'LinkedIn address'} exists: {found.name ?? found.email}, captured by {found.capturedBy.name}.</p>
            {duplicate ? (
              <label className="choice">
                <input type="checkbox" checked={update} onChange={(e) => setUpdate(e.target.checked)} /> Update that lead instead of adding another
              </label>
            ) : (
              <p>Only {found.capturedBy.name} or Marketing can change that lead; saving adds another.</p>
            )}
          </div>
        )}
        <fieldset>
          <legend>First feedback (optional)</legend>
          <select aria-label="First feedback" value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict | '')}>
            <option value="">None yet</option>
            {Verdict.options.map((v) => (
              <option key={v} value={v}>{verdictLabels[v]}</option>
            ))}
          </select>
          {verdict && verdict !== 'accept' && (
            <div className="reasons-grid">
              {FeedbackReason.options.map((r) => (
                <label key={r}>
                  <input type="checkbox" checked={reasons.includes(r)} onChange={(e) => setReasons(e.target.checked ? [...reasons, r] : reasons.filter((x) => x !== r))} />
                  {reasonLabels[r]}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        {errors.form && <p role="alert" className="error">{errors.form}</p>}
        <div className="actions">
          <button type="submit">{duplicate && update ? 'Update lead' : 'Save lead'}</button>
          <button type="button" className="secondary" onClick={() => onDone(null)}>Discard</button>
        </div>
      </form>
    </section>
  );
}
