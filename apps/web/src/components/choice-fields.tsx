import { GcdsRadios, GcdsSelect, GcdsTextarea } from '@gcds-core/components-react';
import { FieldProps, valueOf } from './fields';

/*
 * The fields that are not a line of text, apart from fields.tsx: the sign-in page (in the first script) needs
 * only a text field and a button, so these components are loaded with the pages that show them.
 */

export function TextAreaField(props: FieldProps & { rows?: number }) {
  return (
    <GcdsTextarea
      textareaId={props.id}
      name={props.id}
      label={props.label}
      value={props.value}
      hint={props.hint}
      required={props.required}
      rows={props.rows ?? 5}
      errorMessage={props.error ?? ''}
      validateOn="other"
      onGcdsInput={(e) => props.onChange(valueOf(e))}
      onGcdsChange={(e) => props.onChange(valueOf(e))}
    />
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; defaultLabel?: string }) {
  return (
    <GcdsSelect
      selectId={props.id}
      name={props.id}
      label={props.label}
      value={props.value}
      hint={props.hint}
      required={props.required}
      defaultValue={props.defaultLabel}
      errorMessage={props.error ?? ''}
      validateOn="other"
      onGcdsChange={(e) => props.onChange(valueOf(e))}
      onGcdsInput={(e) => props.onChange(valueOf(e))}
    >
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </GcdsSelect>
  );
}

/** A choice among a few options, all visible at once: a fieldset whose legend names the question. */
export function RadioField(props: Omit<FieldProps, 'label'> & { legend: string; options: { value: string; label: string }[] }) {
  // the component takes its options as JSON; the ids only need to be unique inside its own shadow root
  const options = JSON.stringify(props.options.map((o) => ({ id: `${props.id}-${o.value}`, label: o.label, value: o.value })));
  return (
    <GcdsRadios
      name={props.id}
      legend={props.legend}
      options={options}
      value={props.value}
      hint={props.hint}
      required={props.required}
      errorMessage={props.error ?? ''}
      validateOn="other"
      onGcdsChange={(e) => props.onChange(valueOf(e))}
    />
  );
}
