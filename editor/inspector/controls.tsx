/** Small labelled form controls shared by every inspector form; they keep spacing and labels consistent. */
import { useEffect, useId, useState, type ReactNode } from 'react';

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

/** A text input that reports changes as you type; `commitOnBlur` waits for blur (for ids, which must stay valid while typing). */
export function TextInput(props: { id?: string; value: string; onChange: (value: string) => void; placeholder?: string; commitOnBlur?: boolean; label?: string; testId?: string; list?: string }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  return (
    <input
      id={props.id}
      type="text"
      aria-label={props.label}
      data-testid={props.testId}
      list={props.list}
      value={props.commitOnBlur ? draft : props.value}
      placeholder={props.placeholder}
      onChange={(e) => (props.commitOnBlur ? setDraft(e.target.value) : props.onChange(e.target.value))}
      onBlur={() => props.commitOnBlur && draft !== props.value && props.onChange(draft)}
      onKeyDown={(e) => e.key === 'Enter' && props.commitOnBlur && draft !== props.value && props.onChange(draft)}
    />
  );
}

/** A number input that keeps what the user typed while it is not yet a number ("", "-", "1."). */
export function NumberInput(props: { id?: string; value: number; onChange: (value: number) => void; min?: number; max?: number; step?: number; label?: string; testId?: string }) {
  const [draft, setDraft] = useState(String(props.value));
  useEffect(() => setDraft((d) => (Number(d) === props.value ? d : String(props.value))), [props.value]);
  return (
    <input
      id={props.id}
      type="number"
      aria-label={props.label}
      data-testid={props.testId}
      value={draft}
      min={props.min}
      max={props.max}
      step={props.step ?? 'any'}
      onChange={(e) => {
        setDraft(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(n)) props.onChange(n);
      }}
    />
  );
}

export function Select<V extends string>(props: { id?: string; value: V; options: readonly { value: V; label: string }[]; onChange: (value: V) => void; label?: string; testId?: string }) {
  return (
    <select id={props.id} aria-label={props.label} data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="inspector-section">
      <header>
        <h3>{title}</h3>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function IconButton({ label, onClick, children, tone }: { label: string; onClick: () => void; children: ReactNode; tone?: 'danger' }) {
  return (
    <button type="button" className={`icon-button${tone ? ` ${tone}` : ''}`} aria-label={label} title={label} onClick={onClick}>
      {children}
    </button>
  );
}
