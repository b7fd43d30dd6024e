import { checkPlay, newPlayForm, PlayDraft, playFormFrom, type PlayForm } from '../../utils/editing/documents';
import type { SalesPlay } from '../../utils/model';
import { DocumentsEditor, type DocumentSpec, type FieldsProps } from './DocumentsEditor';
import { TextField } from './Field';
import { dates } from './text';
import type { EditorProps } from './types';

function PlayFields({ form, set, problems, firstInputId }: FieldsProps<'play', PlayForm>) {
  return (
    <>
      <TextField label="Name" inputId={firstInputId} value={form.name} onChange={(name) => set({ name })} name="name" problems={problems} />
      <TextField label="Product" value={form.product} onChange={(product) => set({ product })} name="product" problems={problems} />
      <div className="ed-inline">
        <TextField label="Starts on" type="date" value={form.startsOn} onChange={(startsOn) => set({ startsOn })} name="startsOn" problems={problems} />
        <TextField label="Ends on" type="date" value={form.endsOn} onChange={(endsOn) => set({ endsOn })} name="endsOn" problems={problems} hint="Leave empty if it has no end yet." />
      </div>
      <TextField label="Pitch" multiline value={form.pitch} onChange={(pitch) => set({ pitch })} name="pitch" problems={problems} hint="What Sales says, and to whom." />
      <TextField label="Owner" value={form.owner} onChange={(owner) => set({ owner })} name="owner" problems={problems} />
    </>
  );
}

function PlaySummary({ record }: { record: SalesPlay }) {
  return (
    <span className="muted">
      {record.product} · {dates(record.startsOn, record.endsOn)} · {record.owner}
    </span>
  );
}

function PlayDetails({ record }: { record: SalesPlay }) {
  return (
    <article className="ed-details" aria-labelledby={`play-${record.id}`}>
      <h3 id={`play-${record.id}`}>{record.name}</h3>
      <p>
        <PlaySummary record={record} />
      </p>
      {record.pitch && <p className="prewrap">{record.pitch}</p>}
    </article>
  );
}

const playSpec: DocumentSpec<'play', PlayForm> = {
  kind: 'play',
  heading: 'Sales plays',
  noun: 'play',
  newLabel: 'New play',
  saveLabel: 'Save play',
  mutation: 'play.put',
  draftSchema: PlayDraft,
  formFrom: playFormFrom,
  newForm: ({ owner, today }) => newPlayForm(owner, today),
  check: (draft) => checkPlay(draft),
  nameOf: (form) => form.name.trim(),
  order: (a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name),
  Summary: PlaySummary,
  Details: PlayDetails,
  Fields: PlayFields,
};

/** What Sales is pushing, for which product, when: set beside campaigns to show where the teams are out of step. */
export function PlaysEditor(props: EditorProps) {
  return <DocumentsEditor spec={playSpec} {...props} />;
}
