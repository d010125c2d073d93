import type { ChangeEvent } from 'react';
import { Field } from '../../ui/Field.tsx';

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
  return (
    <Field
      className="stores-filter"
      label={label}
      hideLabel
      value={value ?? ''}
      onChange={(event: ChangeEvent<HTMLSelectElement>) =>
        onChange(event.target.value || undefined)
      }
      options={[
        { value: '', label: anyLabel },
        ...options.map(([option, count]) => ({
          value: option,
          label: `${option} (${count.toLocaleString()})`,
        })),
      ]}
    />
  );
}
