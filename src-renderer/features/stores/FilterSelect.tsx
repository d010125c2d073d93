import { useId } from 'react';

interface Props {
  label: string;
  /** The option that means "no filter". */
  anyLabel: string;
  value: string | undefined;
  options: Array<[value: string, count: number]>;
  onChange: (value: string | undefined) => void;
}

/** A labelled drop-down over a filter's values, each with how many stores have it. */
export function FilterSelect({ label, anyLabel, value, options, onChange }: Props) {
  const id = useId();
  return (
    <span className="stores-filter">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">{anyLabel}</option>
        {options.map(([option, count]) => (
          <option key={option} value={option}>
            {`${option} (${count.toLocaleString()})`}
          </option>
        ))}
      </select>
    </span>
  );
}
