import { useId, useState, type FormEvent } from 'react';
import { ContactContext, type RecentContact } from '../utils/model';
import { describeZodError } from '../utils/store';
import type { SidebarSource } from '../utils/views';

const fields = [
  ['email', 'Email', 'email'],
  ['name', 'Name', 'text'],
  ['title', 'Title', 'text'],
  ['company', 'Company', 'text'],
  ['seniority', 'Seniority', 'text'],
  ['department', 'Department', 'text'],
  ['industry', 'Industry', 'text'],
  ['employees', 'Employees', 'number'],
  ['country', 'Country', 'text'],
] as const;

type Draft = Partial<Record<(typeof fields)[number][0], string>>;

function ContactForm({ source, onSaved, onCancel }: { source: SidebarSource; onSaved: (key: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const entries = Object.entries(draft).filter(([, v]) => v && v.trim() !== '');
    if (!draft.email?.trim() && !draft.name?.trim()) return setError('Give at least an email or a name.');
    const parsed = ContactContext.safeParse({
      source: 'manual',
      ...Object.fromEntries(entries.map(([k, v]) => [k, k === 'employees' ? Number(v) : v!.trim()])),
    });
    if (!parsed.success) return setError(describeZodError(parsed.error));
    onSaved(await source.remember(parsed.data));
  };
  return (
    <form onSubmit={submit} className="contact-form" aria-label="Enter a contact">
      {fields.map(([key, label, type]) => (
        <div key={key} className="field">
          <label htmlFor={`${id}-${key}`}>{label}</label>
          <input
            id={`${id}-${key}`}
            type={type}
            min={type === 'number' ? 0 : undefined}
            value={draft[key] ?? ''}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            autoFocus={key === 'email'}
          />
        </div>
      ))}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit">Show this contact</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Until host pages are read, the rep picks a recent contact or types one in. */
export function ContactPicker({
  source,
  recent,
  selectedKey,
  onSelect,
}: {
  source: SidebarSource;
  recent: RecentContact[];
  selectedKey: string | undefined;
  onSelect: (key: string) => void;
}) {
  const [typing, setTyping] = useState(false);
  const id = useId();
  return (
    <div className="contact-picker">
      <label htmlFor={id}>Contact</label>
      <div className="row">
        <select id={id} value={selectedKey ?? ''} onChange={(e) => onSelect(e.target.value)}>
          {recent.length === 0 && <option value="">No contacts yet</option>}
          {recent.map((r) => (
            <option key={r.key} value={r.key}>
              {r.contact.name ? `${r.contact.name}${r.contact.company ? `, ${r.contact.company}` : ''}` : r.contact.email}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" aria-expanded={typing} onClick={() => setTyping(!typing)}>
          New…
        </button>
      </div>
      {typing && (
        <ContactForm
          source={source}
          onCancel={() => setTyping(false)}
          onSaved={(key) => {
            setTyping(false);
            onSelect(key);
          }}
        />
      )}
    </div>
  );
}
