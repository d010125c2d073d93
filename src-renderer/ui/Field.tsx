import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

/** One choice of a select field. */
export interface FieldOption {
  value: string;
  label: string;
}

interface Labelled {
  label: string;
  /** The label is read by assistive technology but not shown (a toolbar's filter, say). */
  hideLabel?: boolean;
  /** A fixed id for the control, where something outside refers to it; generated otherwise. */
  id?: string;
  /** Help shown under the field. */
  hint?: ReactNode;
  /** A problem with the value, shown at the field and announced. */
  error?: string;
}

/** A text, date, number… field: the props of an `<input>`. */
type InputControl = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  options?: undefined;
};
/** A choice among `options`: the props of a `<select>`. */
type SelectControl = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> & {
  options: readonly FieldOption[];
};

type Props = Labelled & (InputControl | SelectControl);

/** A labelled input, or a select when given `options`, whose hint and error are wired to it with ARIA. */
export function Field({
  label,
  hideLabel,
  id: fixedId,
  hint,
  error,
  className,
  ...control
}: Props) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const wiring = {
    id,
    className: 'field__input',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field__label'}>
        {label}
      </label>
      {control.options ? (
        <SelectInput wiring={wiring} {...control} />
      ) : (
        <input {...wiring} {...control} />
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function SelectInput({
  wiring,
  options,
  ...select
}: SelectControl & { wiring: SelectHTMLAttributes<HTMLSelectElement> }) {
  return (
    <select {...wiring} {...select}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
