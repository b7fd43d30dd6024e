import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { localToday } from '../../utils/campaigns';
import type { Checked } from '../../utils/editing/definition';
import { draftKeys, draftPrefix, type DocumentKind } from '../../utils/editing/drafts';
import type { RecordOf } from '../../utils/model';
import { staleBase } from '../../utils/mutators/types';
import { Conflict, DraftNotice, SaveBar, useSave } from './EditorChrome';
import { useProblems, type Problems } from './Field';
import { useDraft, useDraftList, useRecords } from './hooks';
import type { EditorProps } from './types';
import './editors.css';

export interface DocumentDraftOf<F> {
  baseVersion: number;
  baseRev?: string | null | undefined;
  form: F;
}

export interface FieldsProps<K extends DocumentKind, F> {
  form: F;
  set(patch: Partial<F>): void;
  problems: Problems;
  /** Every live document of the kind (goals pick dependencies among them). */
  records: RecordOf<K>[];
  workspace: EditorProps['workspace'];
  /** The id of the form's first input, focused when the form opens. */
  firstInputId: string;
}

/** What one kind of document needs from the shared list-and-form editor. */
export interface DocumentSpec<K extends DocumentKind, F extends { id: string }> {
  kind: K;
  heading: string;
  noun: string;
  newLabel: string;
  saveLabel: string;
  mutation: string;
  draftSchema: z.ZodType<DocumentDraftOf<F>>;
  formFrom(record: RecordOf<K>): F;
  newForm(ctx: { owner: string; today: string }): F;
  check(draft: DocumentDraftOf<F>, records: RecordOf<K>[]): Checked<unknown>;
  nameOf(form: F): string;
  order(a: RecordOf<K>, b: RecordOf<K>): number;
  /** One line under the name in the list. */
  Summary(props: { record: RecordOf<K> }): ReactNode;
  /** Everything about a document, read-only. */
  Details(props: { record: RecordOf<K>; records: RecordOf<K>[] }): ReactNode;
  Fields(props: FieldsProps<K, F>): ReactNode;
}

/** The args of a checked edit, with the id of this edit (`rev`), made when it is saved. */
function withRevision(checked: Checked<unknown>): Checked<unknown> {
  return checked.args ? { ...checked, args: { ...(checked.args as object), rev: crypto.randomUUID() } } : checked;
}

interface Opened<F> {
  id: string;
  /** The empty form of a new document. */
  fresh?: F;
  /** Opened by the person (not restored on arrival): their focus moves to the form. */
  focus?: boolean;
}

function DocumentForm<K extends DocumentKind, F extends { id: string }>({
  spec,
  opened,
  record,
  records,
  workspace,
  write,
  onClose,
}: {
  spec: DocumentSpec<K, F>;
  opened: Opened<F>;
  record: RecordOf<K> | undefined;
  records: RecordOf<K>[];
  workspace: EditorProps['workspace'];
  write: EditorProps['write'];
  onClose(message?: string): void;
}) {
  const stored = useDraft(workspace.db, draftKeys[spec.kind](opened.id), spec.draftSchema);
  const headingId = useId();
  const firstInputId = `${headingId}-first`;
  const base = useMemo<DocumentDraftOf<F> | undefined>(() => {
    if (record) return { baseVersion: record.version, baseRev: record.rev ?? null, form: spec.formFrom(record) };
    return opened.fresh && { baseVersion: 0, baseRev: null, form: opened.fresh };
  }, [record, opened.fresh, spec]);
  const current = stored.draft ?? base;
  const checked = current ? spec.check(current, records) : undefined;
  // A restored draft shows all its problems at once; otherwise a field's show once it is edited.
  const { problems, revealAll } = useProblems(checked?.problems ?? { fields: {}, other: [] }, stored.restoredAt !== undefined);
  const save = useSave({
    check: () => withRevision(spec.check(current!, records)),
    name: spec.mutation,
    write,
    revealAll,
    onSaved: async () => {
      await stored.discard();
      onClose(`Saved ${spec.noun} “${spec.nameOf(current!.form)}”.`);
    },
  });

  const ready = stored.loaded;
  useEffect(() => {
    if (ready && opened.focus) document.getElementById(firstInputId)?.focus();
  }, [ready, opened.focus, firstInputId]);

  if (!stored.loaded) return <p className="muted">Loading…</p>;
  if (!current || !checked) return null; // a new document's draft was discarded: the editor closes it

  const { form } = current;
  const name = spec.nameOf(form);
  const set = (patch: Partial<F>) => stored.update({ ...current, form: { ...form, ...patch } });
  const changedUnderneath = stored.draft && record && staleBase(record, stored.draft);
  const discard = async () => {
    await stored.discard();
    if (!record) onClose(`Discarded the draft of the new ${spec.noun}.`);
  };

  return (
    <form className="ed-document" aria-labelledby={headingId} onSubmit={(e) => void save.submit(e)} noValidate>
      <h3 id={headingId}>{record ? `Edit ${spec.noun}: ${record.name}` : name ? `New ${spec.noun}: ${name}` : `New ${spec.noun}`}</h3>
      <DraftNotice restoredAt={stored.restoredAt} savedAt={stored.savedAt} />
      {changedUnderneath && (
        <p className="warning" role="status">
          Someone changed this {spec.noun} since you started this draft (it is now version {record.version}). Saving will show you both.
        </p>
      )}
      <spec.Fields form={form} set={set} problems={problems} records={records} workspace={workspace} firstInputId={firstInputId} />
      {save.conflict ? (
        <Conflict
          conflict={save.conflict}
          write={write}
          onDone={() => {
            save.clearConflict();
            void stored.discard().then(() => onClose(`The conflict on “${name}” is settled.`));
          }}
        />
      ) : (
        <SaveBar label={spec.saveLabel} busy={save.busy} checked={checked} attempted={save.attempted} writeError={save.writeError}>
          <button type="button" className="secondary" onClick={() => void stored.flush().then(() => onClose(stored.draft ? 'Your draft is kept on this device.' : undefined))}>
            Close
          </button>
          {stored.draft && (
            <button type="button" className="secondary" onClick={() => void discard()}>
              Discard draft
            </button>
          )}
        </SaveBar>
      )}
    </form>
  );
}

/**
 * A list of documents of one kind with Edit and New, and the form of the one being edited.
 * Drafts are kept on this device; on opening, the newest one is restored. Members who may
 * not edit see every document read-only.
 */
export function DocumentsEditor<K extends DocumentKind, F extends { id: string }>({
  spec,
  workspace,
  canEdit,
  write,
}: EditorProps & { spec: DocumentSpec<K, F> }) {
  const loaded = useRecords(workspace, spec.kind);
  const drafts = useDraftList(workspace.db, draftPrefix(spec.kind), spec.draftSchema, canEdit);
  // undefined: nothing chosen yet, so the newest draft (if any) is open; null: closed.
  const [chosen, setChosen] = useState<Opened<F> | null>();
  const [status, setStatus] = useState('');
  const headingId = useId();

  const records = loaded.status === 'ready' ? [...loaded.value.records].sort(spec.order) : [];
  const newest = drafts.drafts[0];
  const opened = chosen === undefined ? (newest ? { id: newest.draft.form.id } : null) : chosen;
  const draftIds = new Set(drafts.drafts.map((d) => d.draft.form.id));
  const unsavedNew = drafts.drafts.filter((d) => !records.some((r) => r.id === d.draft.form.id));

  const open = (next: Opened<F>) => {
    setStatus('');
    setChosen(next);
    drafts.reload();
  };
  const close = (message?: string) => {
    setChosen(null);
    setStatus(message ?? '');
    drafts.reload();
  };

  let body: ReactNode;
  if (loaded.status === 'loading' || !drafts.loaded) body = <p className="muted">Loading…</p>;
  else if (loaded.status === 'error') body = <p role="alert" className="error">Tandem could not read the {spec.noun}s: {loaded.message}</p>;
  else if (!canEdit) {
    body =
      records.length === 0 ? (
        <p className="muted">No {spec.noun}s yet.</p>
      ) : (
        <ul className="ed-list">
          {records.map((record) => (
            <li key={record.id}>
              <spec.Details record={record} records={records} />
            </li>
          ))}
        </ul>
      );
  } else {
    body = (
      <>
        {opened && (
          <DocumentForm
            key={opened.id}
            spec={spec}
            opened={opened}
            record={records.find((r) => r.id === opened.id)}
            records={records}
            workspace={workspace}
            write={write}
            onClose={close}
          />
        )}
        <ul className="ed-list" aria-label={spec.heading}>
          {records.length === 0 && unsavedNew.length === 0 && <li className="muted">No {spec.noun}s yet.</li>}
          {unsavedNew.map((d) => {
            const name = spec.nameOf(d.draft.form) || `untitled ${spec.noun}`;
            return (
              <li key={d.key} className="ed-list-item">
                <div>
                  <strong>{name}</strong> <span className="pill ed-draft-pill">New, unsaved draft</span>
                </div>
                {opened?.id !== d.draft.form.id && (
                  <button type="button" className="secondary" onClick={() => open({ id: d.draft.form.id, focus: true })}>
                    Edit {name}
                  </button>
                )}
              </li>
            );
          })}
          {records.map((record) => (
            <li key={record.id} className="ed-list-item">
              <div>
                <strong>{record.name}</strong> {draftIds.has(record.id) && <span className="pill ed-draft-pill">Unsaved draft</span>}
                <br />
                <spec.Summary record={record} />
              </div>
              {opened?.id !== record.id && (
                <button type="button" className="secondary" onClick={() => open({ id: record.id, focus: true })}>
                  Edit {record.name}
                </button>
              )}
            </li>
          ))}
        </ul>
        {!opened && (
          <button
            type="button"
            onClick={() => {
              const fresh = spec.newForm({ owner: workspace.info.member.name, today: localToday() });
              open({ id: fresh.id, fresh, focus: true });
            }}
          >
            {spec.newLabel}
          </button>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby={headingId} className="card ed-editor">
      <h2 id={headingId}>{spec.heading}</h2>
      <p role="status" className="ok ed-status">
        {status}
      </p>
      {loaded.status === 'ready' && loaded.value.problems.length > 0 && (
        <p className="warning">
          {loaded.value.problems.length} stored {spec.noun}
          {loaded.value.problems.length === 1 ? ' could not be read and was' : 's could not be read and were'} skipped.
        </p>
      )}
      {body}
    </section>
  );
}
