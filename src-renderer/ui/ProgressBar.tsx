import { Progress } from 'radix-ui';

interface Props {
  /** 0–1, or undefined while the total is not known yet. */
  value?: number;
  label: string;
  /** Shown next to the bar and read by screen readers, e.g. "12,400 of 100,000 tracks". */
  valueText?: string;
}

export function ProgressBar({ value, label, valueText }: Props) {
  const percent = value === undefined ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress">
      <Progress.Root
        className="progress__track"
        value={percent}
        aria-label={label}
        getValueLabel={() => valueText ?? `${percent ?? 0}%`}
      >
        <Progress.Indicator
          className={`progress__fill${percent === null ? ' progress__fill--indeterminate' : ''}`}
          style={{ transform: `translateX(-${100 - (percent ?? 30)}%)` }}
        />
      </Progress.Root>
      {valueText && <span className="progress__text">{valueText}</span>}
    </div>
  );
}
