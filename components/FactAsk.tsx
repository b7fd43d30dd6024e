import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { COUNTRY_CODES, countryName, vocabularies } from '../utils/facts/vocabulary';
import { fieldLabel } from '../utils/fit';
import { FactField, FactValue, numericFactFields, type Criterion, type ContactField } from '../utils/model';

/** The question a rep answers to fill a gap in the verdict. */
const questions: Partial<Record<ContactField | 'phone', string>> = {
  name: 'What is their name?',
  title: 'What is their job title?',
  seniority: 'How senior are they?',
  department: 'Which department are they in?',
  company: 'Which company do they work for?',
  industry: 'Which industry is the company in?',
  employees: 'How many employees?',
  country: 'Which country are they in?',
  leadSource: 'Where did the lead come from?',
  revenue: 'What is the company’s annual revenue?',
  rating: 'What rating does the lead have?',
  stage: 'Which stage is the lead at?',
};

/** Can a rep add this criterion's fact in place (not the email, its domain, or where Tandem saw the contact)? */
export function canAsk(criterion: Criterion): boolean {
  return FactField.safeParse(criterion.field).success;
}

/** Values a criterion names, offered as suggestions for a free-text answer. */
function suggestions(criterion: Criterion): string[] {
  const values = Array.isArray(criterion.value) ? criterion.value : criterion.value === null ? [] : [criterion.value];
  return criterion.op === 'matches' ? [] : values.filter((v): v is string => typeof v === 'string');
}

const countries = () => COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name));

/**
 * Asks for one fact the verdict lacks, with the field's own input: a number, one of the
 * shared vocabulary's values, a country picker, or text. Saving hands the parsed fact to
 * `onSave`; the criterion stays unknown until the saved fact comes back from the store.
 */
export function FactAsk({ criterion, onSave }: { criterion: Criterion; onSave(fact: FactValue): Promise<void> }) {
  const field = criterion.field;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) inputRef.current?.focus();
    else if (wasOpen.current) openRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const label = fieldLabel(field);
  const question = questions[field as ContactField] ?? `What is their ${label.toLowerCase()}?`;
  const numeric = numericFactFields.has(field);
  const words = vocabularies[field];

  if (!open) {
    return (
      <button ref={openRef} type="button" className="link-button ask-open" onClick={() => setOpen(true)} aria-label={`Add ${label.toLowerCase()} for this contact`}>
        Add {label.toLowerCase()}…
      </button>
    );
  }

  const close = () => {
    setOpen(false);
    setText('');
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return setError(`Enter the ${label.toLowerCase()} first.`);
    const value = numeric ? Number(trimmed.replace(/[\s,’']/g, '')) : trimmed;
    const parsed = FactValue.safeParse({ field, value });
    if (!parsed.success || (typeof value === 'number' && !Number.isFinite(value))) {
      return setError(numeric ? `Enter ${field === 'employees' ? 'a whole number' : 'a number'}, 0 or more.` : `That ${label.toLowerCase()} can’t be saved (at most 300 characters).`);
    }
    setSaving(true);
    try {
      await onSave(parsed.data);
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  const listId = `${id}-list`;
  return (
    <form className="fact-ask" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), close())} data-testid="fact-ask">
      <label htmlFor={`${id}-input`}>{question}</label>
      <div className="fact-ask-row">
        {field === 'country' ? (
          <select id={`${id}-input`} ref={inputRef} value={text} onChange={(e) => setText(e.target.value)}>
            <option value="">Choose a country</option>
            {countries().map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        ) : words ? (
          <select id={`${id}-input`} ref={inputRef} value={text} onChange={(e) => setText(e.target.value)}>
            <option value="">Choose one</option>
            {words.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        ) : (
          <>
            <input
              id={`${id}-input`}
              ref={inputRef}
              type={numeric ? 'number' : 'text'}
              inputMode={numeric ? 'numeric' : undefined}
              min={numeric ? 0 : undefined}
              step={field === 'employees' ? 1 : undefined}
              maxLength={numeric ? undefined : 300}
              list={!numeric && suggestions(criterion).length ? listId : undefined}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {!numeric && suggestions(criterion).length > 0 && (
              <datalist id={listId}>
                {suggestions(criterion).map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            )}
          </>
        )}
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save for the team'}
        </button>
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </form>
  );
}
