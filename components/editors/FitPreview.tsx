import { compareFit, previewDefinition, type DefinitionForm } from '../../utils/editing/definition';
import { verdictText, type FitVerdict } from '../../utils/fit';
import type { LeadDefinition } from '../../utils/model';
import { useRecentContacts } from './hooks';
import type { EditorProps } from './types';

function Verdict({ verdict, score }: { verdict: FitVerdict; score: number }) {
  return (
    <span className={`verdict ${verdict}`}>
      <span className="pill">{verdictText[verdict]}</span> <span className="ed-score">{score} pts</span>
    </span>
  );
}

/** Recent contacts scored by the published version and by the draft, changed verdicts marked. */
export function FitPreview({ workspace, form, published }: { workspace: EditorProps['workspace']; form: DefinitionForm; published: LeadDefinition | undefined }) {
  const recent = useRecentContacts(workspace);
  const draft = previewDefinition(form, published?.threshold ?? 0);
  const rows = recent.status === 'ready' ? compareFit(published, draft, recent.value) : [];
  const changed = rows.filter((r) => r.changed).length;
  return (
    <section className="ed-preview" aria-labelledby="fit-preview-heading">
      <h3 id="fit-preview-heading">Preview on recent contacts</h3>
      {recent.status === 'loading' && <p className="muted">Loading…</p>}
      {recent.status === 'error' && <p className="error">{recent.message}</p>}
      {recent.status === 'ready' && rows.length === 0 && <p className="muted">No contacts seen on this device yet: open one in Gmail or a CRM to preview.</p>}
      {rows.length > 0 && (
        <>
          <p className="muted" data-testid="preview-summary">
            {published
              ? changed === 0
                ? `No verdict changes for these ${rows.length} contacts.`
                : `${changed} of ${rows.length} verdicts change.`
              : 'Nothing is published yet, so there is nothing to compare with.'}
            {draft.skipped > 0 && ` Leaves out ${draft.skipped} ${draft.skipped === 1 ? 'rule that has' : 'rules that have'} problems.`}
          </p>
          <table className="ed-table" data-testid="fit-preview">
            <caption className="visually-hidden">Verdicts of recent contacts, published version against the draft</caption>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">{published ? `Version ${published.number}` : 'Published'}</th>
                <th scope="col">Draft</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.changed ? 'ed-changed' : undefined}>
                  <th scope="row">{row.name}</th>
                  <td>{row.published ? <Verdict {...row.published} /> : <span className="muted">—</span>}</td>
                  <td>
                    <Verdict {...row.draft} />
                    {row.changed && <strong className="ed-changed-mark"> Changed</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
