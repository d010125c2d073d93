import { Search, X } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

/** A search field with a visible icon, an accessible label and a clear button (or Escape). */
export function FilterBox({ label, placeholder, value, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="filter-box" role="search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <Search size={16} aria-hidden="true" className="filter-box__icon" />
      <input
        id={id}
        type="search"
        className="filter-box__input"
        placeholder={placeholder}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value) {
            event.preventDefault();
            onChange('');
          }
        }}
      />
      {value && (
        <button
          type="button"
          className="filter-box__clear"
          aria-label={t('clearFilter')}
          onClick={() => onChange('')}
        >
          <X size={14} aria-hidden="true" />
        </button>
      )}
    </div>
  );
}
