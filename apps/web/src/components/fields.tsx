import { ReactNode } from 'react';
import { GcdsButton, GcdsInput } from '@gcds-core/components-react';

/**
 * Form fields on the design system's components: each shows its label, its hint and its own error
 * right under it (the component links the error to the input with aria-describedby and announces it).
 */
export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  required?: boolean;
}

export const valueOf = (e: Event | { target: unknown }) => String((e.target as { value?: unknown }).value ?? '');

export function TextField(props: FieldProps & { type?: 'text' | 'email' | 'password' | 'number' | 'url'; autocomplete?: string }) {
  return (
    <GcdsInput
      inputId={props.id}
      name={props.id}
      label={props.label}
      type={props.type ?? 'text'}
      value={props.value}
      hint={props.hint}
      required={props.required}
      autocomplete={props.autocomplete}
      errorMessage={props.error ?? ''}
      validateOn="other"
      onGcdsInput={(e) => props.onChange(valueOf(e))}
      onGcdsChange={(e) => props.onChange(valueOf(e))}
    />
  );
}

/**
 * Dates and times: the design system has no date-time input, so a native one styled like it,
 * with the same label / hint / error pattern and the error tied to the input.
 */
export function NativeField(props: FieldProps & { type: 'datetime-local' | 'date' | 'range'; min?: string; max?: string; step?: string }) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`native-field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required ? <span className="required"> *</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.id}
        type={props.type}
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function SubmitButton({ children, disabled }: { children: ReactNode; disabled?: boolean }) {
  return (
    <GcdsButton type="submit" disabled={disabled}>
      {children}
    </GcdsButton>
  );
}

export function ActionButton({
  children,
  onClick,
  variant,
  disabled,
  name,
}: {
  children: ReactNode;
  onClick(): void;
  variant?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  name?: string;
}) {
  return (
    <GcdsButton type="button" buttonRole={variant ?? 'secondary'} disabled={disabled} name={name} onGcdsClick={() => onClick()}>
      {children}
    </GcdsButton>
  );
}
